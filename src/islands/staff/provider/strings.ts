/** The provider screens' strings in the page's language (zh-CN is the key source). */
import { providerEn } from '../../../lib/i18n/provider/en.ts';
import { providerZhCN } from '../../../lib/i18n/provider/zh-CN.ts';

export type ProviderStrings = Record<keyof typeof providerZhCN, string>;

export function providerStrings(locale: 'zh-CN' | 'en'): ProviderStrings {
  return locale === 'en' ? providerEn : providerZhCN;
}

/** A date `YYYY-MM-DD` as the page's language writes it: 12月2日 / 2026-12-02. */
export function shortDate(iso: string, en: boolean): string {
  if (en) return iso;
  const [, m, d] = iso.split('-');
  return `${Number(m)}月${Number(d)}日`;
}
