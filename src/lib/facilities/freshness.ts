/**
 * How fresh a vacancy figure is, in words a parent reads: "3 个 · 12 月 2 日更新", or, once the figure is older
 * than the district's `vacancy_stale_after_days`, "可能已变化，请致电确认". A stale figure no longer counts for the
 * 有空位 filter. Shared by the build (cards, detail, compare, map) and the live-figures script, so both say the
 * same; no imports with runtime weight: this ships to browsers.
 */

/** The words of one locale (src/lib/i18n/facilities-live/), shipped to the live script as JSON. */
export interface VacancyWords {
  /** '{n} 个 · {date}更新' */
  fresh: string;
  /** '可能已变化，请致电确认（{date}登记 {n} 个）' */
  stale: string;
  /** a date in this year: '{m} 月 {d} 日' / '{d} {m}' */
  md: string;
  /** a date in another year: '{y} 年 {m} 月 {d} 日' / '{d} {m} {y}' */
  ymd: string;
  /** month names, space-separated: '1 2 … 12' / 'Jan Feb … Dec' */
  months: string;
}

/** What the build and the live script know about "now": the date in Beijing and the district's limit. */
export interface Freshness {
  /** YYYY-MM-DD */
  today: string;
  staleAfterDays: number;
}

/** Whole calendar days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 864e5);
}

/** A figure older than the limit (in days) may have changed. */
export function isStale(asOf: string, now: Freshness): boolean {
  return daysBetween(asOf, now.today) > now.staleAfterDays;
}

/** Counts for 有空位: at least one free place, and a figure fresh enough to trust. */
export function hasPlace(count: number, asOf: string, now: Freshness): boolean {
  return count > 0 && !isStale(asOf, now);
}

function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, k: string) => (k in vars ? String(vars[k]) : whole));
}

/** "12 月 2 日" / "2 Dec"; the year is said when it is not this year's. */
export function dateWords(iso: string, today: string, w: VacancyWords): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return fill(iso.slice(0, 4) === today.slice(0, 4) ? w.md : w.ymd, {
    y,
    m: w.months.split(' ')[m - 1] ?? m,
    d,
  });
}

/** The figure as a parent reads it, and whether it is stale. */
export function vacancyWords(
  count: number,
  asOf: string,
  now: Freshness,
  w: VacancyWords,
): { text: string; stale: boolean } {
  const stale = isStale(asOf, now);
  return { text: fill(stale ? w.stale : w.fresh, { n: count, date: dateWords(asOf, now.today, w) }), stale };
}
