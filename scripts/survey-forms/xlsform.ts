/**
 * The readable source of an XLSForm: rows of the `survey`, `choices` and `settings` sheets as objects keyed by the
 * XLSForm column names. scripts/make-survey-forms.ts writes them to .xlsx (what staff edit and publish reads).
 */
export type Row = Record<string, string>;
export interface XlsFormSource {
  /** file name under src/districts/<id>/survey/ is `${form_id}-${version}.xlsx` */
  settings: Row;
  survey: Row[];
  choices: Row[];
}

export const SURVEY_COLUMNS = [
  'type',
  'name',
  'label::zh-CN',
  'label::en',
  'hint::zh-CN',
  'hint::en',
  'required',
  'relevant',
  'constraint',
  'constraint_message::zh-CN',
  'constraint_message::en',
  'choice_filter',
  'appearance',
  'max',
] as const;
export const CHOICE_COLUMNS = ['list_name', 'name', 'label::zh-CN', 'label::en'] as const;
export const SETTINGS_COLUMNS = [
  'form_id',
  'version',
  'title::zh-CN',
  'title::en',
  'default_language',
] as const;

/** One choice list: [name, zh-CN, en] each. */
export function list(name: string, entries: [string, string, string][]): Row[] {
  return entries.map(([n, zh, en]) => ({ list_name: name, name: n, 'label::zh-CN': zh, 'label::en': en }));
}
/** A survey row: type, name, Chinese and English label, other columns. */
export function row(type: string, name: string, zh: string, en: string, more: Row = {}): Row {
  return { type, name, 'label::zh-CN': zh, 'label::en': en, ...more };
}
export const end = (kind: 'group' | 'repeat'): Row => ({ type: `end_${kind}` });
