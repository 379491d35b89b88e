/**
 * One error contract, database to screen: a refusal carries a stable machine code in `detail` (PostgREST's
 * `details`); pages map it to text through one table per feature and never show the database's words. An unknown
 * code gives a generic message in the page's language with the code, so staff can look it up.
 */
import { surveyRefusals } from './survey.ts';

export type RefusalLocale = 'zh-CN' | 'en';
type Texts = Record<string, { 'zh-CN': string; en: string }>;

const TABLES: Texts[] = [surveyRefusals];

const GENERIC = {
  'zh-CN': '操作没有成功。请稍后再试；如仍不成功，请联系工作人员（代码：{code}）。',
  en: 'That did not work. Please try again later; if it keeps failing, contact staff (code: {code}).',
};

/** The text for a refusal ({details, code} as supabase-js / postgrest-js give them) in the page's language. */
export function refusalText(
  error: { details?: string | null; code?: string | null } | null | undefined,
  locale: RefusalLocale,
): string {
  const key = error?.details ?? '';
  for (const table of TABLES) if (Object.hasOwn(table, key)) return table[key][locale];
  return GENERIC[locale].replace('{code}', key || error?.code || 'unknown');
}
