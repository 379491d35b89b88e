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
/** The key under which a table carries its generic sentence (with `{code}`), in the table's language. */
export const GENERIC_KEY = '*';

/**
 * The text `texts` has for the refusal's code; else its generic sentence (`texts['*']`) with the code. The
 * sentences come with the table, in one language, so no text ships as code.
 */
export function refusalTextIn(
  texts: Readonly<Record<string, string>>,
  error: RefusalLike | null | undefined,
): string {
  const details = error?.details ?? '';
  if (details && details !== GENERIC_KEY && Object.hasOwn(texts, details)) return texts[details]!;
  // An unknown machine code is shown as is; anything else (constraint text, a row) is not: the SQLSTATE instead.
  const code = MACHINE_CODE.test(details) ? details : error?.code || 'unknown';
  return (texts[GENERIC_KEY] ?? '{code}').replace('{code}', code);
}

/** One language's texts and that language, as a page hands them to an island (localeRefusals in index.ts). */
export interface LocaleRefusals {
  texts: Readonly<Record<string, string>>;
  locale: RefusalLocale;
}

/** refusalTextIn for a LocaleRefusals prop. */
export const refusalFrom = (table: LocaleRefusals, error: RefusalLike | null | undefined): string =>
  refusalTextIn(table.texts, error);
