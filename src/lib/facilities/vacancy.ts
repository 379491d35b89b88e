/**
 * Build-time: a facility's vacancy figure as pages show it (cards, detail, compare, map), judged against the
 * build's day (build-today.ts). The live script (src/islands/live-vacancies.ts) rewrites the same words from the
 * same functions when fresher figures arrive.
 */
import type { Facility } from '../schemas/facility.ts';
import type { Locale, Translate } from '../i18n/index.ts';
import { vacancyWordsOf } from '../i18n/facilities-live/index.ts';
import { missing } from './format.ts';
import { buildFreshness } from './build-today.ts';
import { hasPlace, vacancyWords, type Freshness } from './freshness.ts';

export interface VacancyView {
  text: string;
  /** the figure is older than the district's limit: "可能已变化，请致电确认" */
  stale: boolean;
  /** counts for 有空位 */
  vacant: boolean;
}

export function vacancyView(
  f: Facility,
  locale: Locale,
  t: Translate,
  now: Freshness = buildFreshness(),
): VacancyView {
  if (!f.vacancies) return { text: missing(f, 'vacancies', t), stale: false, vacant: false };
  const { count, as_of } = f.vacancies;
  return {
    ...vacancyWords(count, as_of, now, vacancyWordsOf(locale)),
    vacant: hasPlace(count, as_of, now),
  };
}
