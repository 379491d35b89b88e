/**
 * Refusals, database to screen. Every refusal a request can cause arrives as PostgREST's error body with a stable
 * machine code in `details` (the functions raise `errcode = 'PTnnn', detail = '<code>'`, or return the same body
 * with response.status; docs/database.md, "Errors"). Pages never read the database's `message`: they show the text
 * this table has for the code, in the page's language. A code we have no text for gets a generic sentence with the
 * code (for staff to report). tests/db/refusal-codes.test.ts fails when a function in the database raises a code
 * missing here.
 */
import { facilityRefusals } from './facility.ts';
import { lectureRefusals } from './lecture.ts';
import { limitsRefusals } from './limits.ts';
import { staffRefusals } from './staff.ts';
import { surveyRefusals } from './survey.ts';
import { GENERIC_KEY, type LocaleRefusals, type RefusalLike, refusalTextIn } from './text.ts';
import type { RefusalLocale, RefusalTable } from './types.ts';

export type { RefusalLike } from './text.ts';
export type { RefusalLocale, RefusalTable } from './types.ts';

/** Every feature's table. A code belongs to exactly one (tests/unit/refusals.test.ts). */
export const REFUSAL_TABLES = {
  lecture: lectureRefusals,
  staff: staffRefusals,
  limits: limitsRefusals,
  survey: surveyRefusals,
  facility: facilityRefusals,
} as const satisfies Record<string, RefusalTable>;

const ALL: RefusalTable = Object.assign({}, ...Object.values(REFUSAL_TABLES));

/** For a code without text: a generic sentence in the page's language, with the code for staff. */
const GENERIC: Record<RefusalLocale, string> = {
  'zh-CN': '操作没有成功，请稍后再试。如果一直不成功，请把代码告诉工作人员：{code}',
  en: 'That did not work. Please try again later. If it keeps happening, tell staff this code: {code}',
};

/** One feature's texts in one language, with the generic sentence: what a page passes to its islands as a prop. */
export function refusalTexts(
  feature: keyof typeof REFUSAL_TABLES,
  locale: RefusalLocale,
): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(REFUSAL_TABLES[feature]).map(([code, t]) => [code, t[locale]])),
    [GENERIC_KEY]: GENERIC[locale],
  };
}

/**
 * The survey's and the limits' texts in one language, for the families' form (rendered into the page as a prop:
 * no table in the form's bundle) and the staff paper entry.
 */
export function localeRefusals(locale: RefusalLocale): LocaleRefusals {
  return { texts: { ...refusalTexts('limits', locale), ...refusalTexts('survey', locale) }, locale };
}

/** The machine code of a refusal when we know it, else null. */
export function refusalCode(error: RefusalLike | null | undefined): string | null {
  const details = error?.details ?? null;
  return details !== null && Object.hasOwn(ALL, details) ? details : null;
}

/** The sentence to show for a refusal, in the page's language; never the database's own words. */
export function refusalText(error: RefusalLike | null | undefined, locale: RefusalLocale): string {
  const known = refusalCode(error);
  return known ? ALL[known]![locale] : refusalTextIn({ [GENERIC_KEY]: GENERIC[locale] }, error);
}

/** The page's language, from <html lang> (islands that are not given a locale). */
export function pageLocale(): RefusalLocale {
  return typeof document !== 'undefined' && document.documentElement.lang.toLowerCase().startsWith('en')
    ? 'en'
    : 'zh-CN';
}
