/** Translation lookup and locale-aware paths. zh-CN is served at /, English under /en/. */
import { en } from './en.ts';
import { zhCN, type UiKey } from './zh-CN.ts';
import { districtWords, fill } from './district-words.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type { UiKey };

const dictionaries: Record<Locale, Record<UiKey, string>> = { 'zh-CN': zhCN, en };

/** The URL segment of a locale: none for the default, `en` for English. */
export function localeSegment(locale: Locale): string | undefined {
  return locale === 'en' ? 'en' : undefined;
}

export function localeFromSegment(segment: string | undefined): Locale {
  return segment === 'en' ? 'en' : 'zh-CN';
}

/** `t('list.count', { shown: 3, total: 9 })` replaces `{shown}` and `{total}`. */
export function useTranslations(locale: Locale) {
  const dict = dictionaries[locale];
  const district = districtWords(locale);
  return function t(key: UiKey, vars: Record<string, string | number> = {}): string {
    return fill(dict[key], { ...district, ...vars });
  };
}
export type Translate = ReturnType<typeof useTranslations>;

/**
 * A feature's dictionary (src/lib/i18n/<feature>/zh-CN.ts and en.ts) in one locale, the district's words filled
 * in: what a page hands its island as a prop, so the island carries no dictionary of its own.
 */
export function featureStrings<K extends string>(
  dictionaries: Record<Locale, Record<K, string>>,
  locale: Locale,
) {
  const district = districtWords(locale);
  const entries = Object.entries<string>(dictionaries[locale]).map(([k, v]) => [k, fill(v, district)]);
  return Object.fromEntries(entries) as Record<K, string>;
}

/** A site path for a locale: `localePath('en', '/facilities/')` → `/en/facilities/`. */
export function localePath(locale: Locale, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  return locale === 'en' ? `/en${clean}` : clean;
}

/** `[...lang]` route params for both locales. */
export function localeParams() {
  return LOCALES.map((locale) => ({ params: { lang: localeSegment(locale) }, props: { locale } }));
}
