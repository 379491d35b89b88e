/**
 * Build-time: the filter options as chips (value + words), in one place for the list's sheets and the home
 * page's finder. The age is a grid of months (1–36) grouped by year, so a child of 14 months is one tap, exactly
 * (the facilities' age ranges are in months).
 */
import { TOWNSHIPS } from '../../data/district.ts';
import { CARE_FORMS, DEMONSTRATION_LEVELS, FACILITY_TYPES, OWNERSHIPS } from '../schemas/facility-enums.ts';
// Aliased: a plain function (the dictionary for a locale), not a React hook.
import { useTranslations as translations, type Locale } from '../i18n/index.ts';

export interface ChipOption {
  value: string;
  label: string;
  full?: string;
}

export function filterOptions(locale: Locale) {
  const t = translations(locale);
  const any: ChipOption = { value: '', label: t('list.filter.any') };
  const months = (from: number, to: number): ChipOption[] =>
    Array.from({ length: to - from + 1 }, (_, i) => ({
      value: String(from + i),
      label: String(from + i),
      full: t('list.chip.ageValue', { n: from + i }),
    }));
  return {
    any,
    ageGroups: [
      { heading: t('list.filter.ageYear', { n: 0, from: 1, to: 11 }), options: months(1, 11) },
      { heading: t('list.filter.ageYear', { n: 1, from: 12, to: 23 }), options: months(12, 23) },
      { heading: t('list.filter.ageYear', { n: 2, from: 24, to: 36 }), options: months(24, 36) },
    ],
    form: CARE_FORMS.map((v) => ({ value: v, label: t(`careForm.${v}`) })),
    township: TOWNSHIPS.map((tw) => ({ value: tw.code, label: locale === 'en' ? tw.name_en : tw.name })),
    sort: [
      { value: 'name', label: t('list.sort.name') },
      { value: 'distance', label: t('list.sort.distance') },
    ],
    type: FACILITY_TYPES.map((v) => ({ value: v, label: t(`type.${v}`) })),
    own: OWNERSHIPS.map((v) => ({ value: v, label: t(`ownership.${v}`) })),
    level: [
      { value: 'any', label: t('list.filter.anyDemonstration') },
      ...DEMONSTRATION_LEVELS.map((v) => ({ value: v, label: t(`demo.level.${v}`) })),
    ],
  };
}
