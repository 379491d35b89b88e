/**
 * What every part of the phone form (src/islands/survey/DefinitionForm.tsx) reads — the definition, the language
 * and words, the form's date, the answers that still count, the errors by path, the one way to change an answer —
 * and the small helpers they share.
 */
import type { Answers, FormDefinition, LocalText } from '../../../lib/survey-form/definition.ts';
import type { surveyFormZhCN } from '../../../lib/i18n/survey-form/zh-CN.ts';

export type FormStrings = Record<keyof typeof surveyFormZhCN, string>;
export type Lang = 'zh-CN' | 'en';

export interface View {
  def: FormDefinition;
  locale: Lang;
  t: FormStrings;
  at: string;
  answers: Answers;
  errors: Record<string, string>;
  set: (path: string, value: unknown, tapped?: boolean) => void;
}

/** A text in the language, falling back to Chinese (the key source). */
export const text = (l: LocalText | undefined, lang: Lang) =>
  (lang === 'en' ? l?.en : undefined) ?? l?.['zh-CN'] ?? '';
/** The element id of an answer's path: 'children.0.birth_month' → 'children-0-birth_month'. */
export const idOf = (path: string) => path.replace(/\./g, '-');

/** The value at a path ('name' or 'repeat.N.name'). */
export function valueAt(answers: Answers, path: string): unknown {
  const [name, index, inner] = path.split('.');
  if (inner === undefined) return answers[name!];
  return ((answers[name!] as Answers[] | undefined) ?? [])[Number(index)]?.[inner];
}
