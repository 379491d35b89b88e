/**
 * One error contract, database to screen: a refusal carries a stable machine code in `detail` (PostgREST's
 * `details`); pages map it to text through one table per feature and never show the database's words. An unknown
 * code gives a generic message in the page's language with the code, so staff can look it up.
 */
import { surveyRefusals } from './survey.ts';
import { refusalFrom, type LocaleRefusals, type RefusalLike } from './text.ts';

export type RefusalLocale = 'zh-CN' | 'en';
type Texts = Record<string, { 'zh-CN': string; en: string }>;

const TABLES: Texts[] = [surveyRefusals];

const GENERIC = {
  'zh-CN': '操作没有成功。请稍后再试；如仍不成功，请联系工作人员（代码：{code}）。',
  en: 'That did not work. Please try again later; if it keeps failing, contact staff (code: {code}).',
};

/** Every table's texts in one language (for an island's props), with the generic text. */
export function localeRefusals(locale: RefusalLocale): LocaleRefusals {
  const texts: Record<string, string> = {};
  for (const table of TABLES) for (const [code, t] of Object.entries(table)) texts[code] = t[locale];
  return { texts, generic: GENERIC[locale] };
}

/** The text for a refusal ({details, code} as supabase-js / postgrest-js give them) in the page's language. */
export function refusalText(error: RefusalLike, locale: RefusalLocale): string {
  return refusalFrom(localeRefusals(locale), error);
}
