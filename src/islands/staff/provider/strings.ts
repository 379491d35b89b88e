/** Dates as the provider screens write them. */
export type { ProviderStrings } from '../../../lib/i18n/provider/index.ts';

/** A date `YYYY-MM-DD` as the page's language writes it: 12月2日 / 2026-12-02. */
export function shortDate(iso: string, en: boolean): string {
  if (en) return iso;
  const [, m, d] = iso.split('-');
  return `${Number(m)}月${Number(d)}日`;
}
