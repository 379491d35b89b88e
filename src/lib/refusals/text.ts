/**
 * The core of refusalText without any table: parent islands get their feature's texts for the page's language as
 * a prop (rendered into the page, not shipped as code: the lecture pages' 100 KB budget), staff islands through
 * index.ts. Never the database's `message`.
 */
import type { RefusalLocale } from './types.ts';

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

/** The text `texts` has for the refusal's code; else a generic sentence with the code, in `locale`. */
export function refusalTextIn(
  texts: Readonly<Record<string, string>>,
  error: RefusalLike | null | undefined,
  locale: RefusalLocale,
): string {
  const details = error?.details ?? '';
  if (details && Object.hasOwn(texts, details)) return texts[details]!;
  // An unknown machine code is shown as is; anything else (constraint text, a row) is not: the SQLSTATE instead.
  const code = MACHINE_CODE.test(details) ? details : error?.code || 'unknown';
  return GENERIC[locale].replace('{code}', code);
}

/** One language's texts and that language, as a page hands them to an island (localeRefusals in index.ts). */
export interface LocaleRefusals {
  texts: Readonly<Record<string, string>>;
  locale: RefusalLocale;
}

/** refusalTextIn for a LocaleRefusals prop. */
export const refusalFrom = (table: LocaleRefusals, error: RefusalLike | null | undefined): string =>
  refusalTextIn(table.texts, error, table.locale);
