/**
 * Refusals, database to screen. Every refusal a request can cause arrives as PostgREST's error body with a stable
 * machine code in `details` (the functions raise `errcode = 'PTnnn', detail = '<code>'`; docs/database.md,
 * "Errors"). Pages never read the database's `message`: they show the text this table has for the code, in the
 * page's language. A code we have no text for gets a generic sentence with the code (for staff to report).
 * tests/db/refusal-codes.test.ts fails when a function in the database raises a code missing here.
 */
import { lectureRefusals } from './lecture.ts';
import { limitsRefusals } from './limits.ts';
import { staffRefusals } from './staff.ts';
import type { RefusalLocale, RefusalTable } from './types.ts';

export type { RefusalLocale, RefusalTable } from './types.ts';

/** Every feature's table. A code belongs to exactly one (tests/unit/refusals.test.ts). */
export const REFUSAL_TABLES: Record<string, RefusalTable> = {
  lecture: lectureRefusals,
  staff: staffRefusals,
  limits: limitsRefusals,
};

const ALL: RefusalTable = Object.assign({}, ...Object.values(REFUSAL_TABLES));

/** What supabase-js / postgrest-js hand back as `error` (and RpcOutcome): only code and details are read. */
export interface RefusalLike {
  code?: string | null;
  details?: string | null;
}

const MACHINE_CODE = /^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?$/;
const GENERIC: Record<RefusalLocale, string> = {
  'zh-CN': '操作没有成功，请稍后再试。如果一直不成功，请把代码告诉工作人员：{code}',
  en: 'That did not work. Please try again later. If it keeps happening, tell staff this code: {code}',
};

/** The machine code of a refusal when we know it, else null. */
export function refusalCode(error: RefusalLike | null | undefined): string | null {
  const details = error?.details ?? null;
  return details !== null && Object.hasOwn(ALL, details) ? details : null;
}

/** The sentence to show for a refusal, in the page's language; never the database's own words. */
export function refusalText(error: RefusalLike | null | undefined, locale: RefusalLocale): string {
  const known = refusalCode(error);
  if (known) return ALL[known]![locale];
  const details = error?.details ?? '';
  // An unknown machine code is shown as is; anything else (constraint text, a row) is not: the SQLSTATE instead.
  const code = MACHINE_CODE.test(details) ? details : error?.code || 'unknown';
  return GENERIC[locale].replace('{code}', code);
}

/** The page's language, from <html lang> (islands that are not given a locale). */
export function pageLocale(): RefusalLocale {
  return typeof document !== 'undefined' && document.documentElement.lang.toLowerCase().startsWith('en')
    ? 'en'
    : 'zh-CN';
}
