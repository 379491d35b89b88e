/**
 * The browser's side of the error contract (docs/database.md → Errors): a refusal carries a stable machine code in
 * PostgREST's `details`; pages map it to text through one table per feature, never reading the database's message.
 */
import type { Locale } from '../i18n/index.ts';

export type RefusalTable = Record<string, Record<Locale, string>>;

/** What a PostgREST error looks like to supabase-js (only `details` and `code` are read). */
export interface RefusalLike {
  code?: string | null;
  details?: string | null;
}

const GENERIC: Record<Locale, string> = {
  'zh-CN': '没有成功，请稍后再试。如果一直不行，请把这个代码告诉工作人员：',
  en: 'That did not work; please try again later. If it keeps failing, tell staff this code: ',
};

/** The text for `error` in `locale` from `table`; an unknown code gives a generic message plus the code. */
export function refusalText(error: RefusalLike, locale: Locale, table: RefusalTable = {}): string {
  const code = error.details ?? '';
  const known = code ? table[code]?.[locale] : undefined;
  if (known) return known;
  return `${GENERIC[locale]}${code || error.code || 'unknown'}`;
}
