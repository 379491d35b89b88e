/**
 * Build-time: the words the list's search box understands, from the same labels the filter form shows, in both
 * languages (a parent may type 普惠 on the English page). Township names count with and without 街道/镇
 * ("秋浦街道", "秋浦"). Shipped as a data attribute, so the browser code carries no word lists.
 */
import { TOWNSHIPS } from '../../data/district.ts';
import { CARE_FORMS, DEMONSTRATION_LEVELS, OWNERSHIPS } from '../schemas/facility-enums.ts';
import { LOCALES, useTranslations } from '../i18n/index.ts';
import { liveWords } from '../i18n/facilities-live/index.ts';
import type { Word } from './filter.ts';

export function searchVocabulary(): Word[] {
  const words: Word[] = [];
  for (const locale of LOCALES) {
    // biome-ignore lint/correctness/useHookAtTopLevel: useTranslations is a plain lookup, not a React hook
    const t = useTranslations(locale);
    words.push([t('search.inclusive'), 'inclusive', '1']);
    words.push([liveWords(locale)['filter.vacant'], 'vacant', '1']);
    for (const c of CARE_FORMS) words.push([t(`careForm.${c}`), 'form', c]);
    for (const o of OWNERSHIPS) words.push([t(`ownership.${o}`), 'own', o]);
    for (const l of DEMONSTRATION_LEVELS) words.push([t(`demo.level.${l}`), 'level', l]);
    words.push([t('search.demonstration'), 'level', 'any']);
  }
  for (const tw of TOWNSHIPS) {
    const short = tw.name.replace(/(街道|镇)$/, '');
    words.push(
      [tw.name, 'township', tw.code],
      [tw.name_en.replace(/ (Subdistrict|Town)$/, ''), 'township', tw.code],
    );
    if (short.length >= 2) words.push([short, 'township', tw.code]);
  }
  // One entry per word: the first meaning wins (the Chinese and English lists share some words).
  const seen = new Set<string>();
  return words.filter(([w]) => w && !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase()));
}
