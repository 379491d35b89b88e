/** The live-vacancy words of a locale. */
import type { Locale } from '../index.ts';
import type { VacancyWords } from '../../facilities/freshness.ts';
import { facilitiesLiveEn } from './en.ts';
import { facilitiesLiveZhCN } from './zh-CN.ts';

export function liveWords(locale: Locale): Record<keyof typeof facilitiesLiveZhCN, string> {
  return locale === 'en' ? facilitiesLiveEn : facilitiesLiveZhCN;
}

export function vacancyWordsOf(locale: Locale): VacancyWords {
  const w = liveWords(locale);
  return {
    fresh: w['vacancy.fresh'],
    stale: w['vacancy.stale'],
    md: w['vacancy.md'],
    ymd: w['vacancy.ymd'],
    months: w['vacancy.months'],
  };
}
