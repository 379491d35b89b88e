/** Facility data for pages: the validated content collection, sorted for people. */
import { getCollection } from 'astro:content';
import type { Facility } from '../schemas/facility.ts';
import type { Locale } from '../i18n/index.ts';

const collator = new Intl.Collator('zh-CN');

let sorted: Promise<Facility[]> | undefined;

/**
 * All facilities, sorted by Chinese name (pinyin order). Every page asks (the footer's demo notice), so a build
 * sorts once: with 5,000 facilities, sorting for each of 10,000 pages took most of the build (bench/list-scale.ts).
 * The dev server sorts on every call, so edited files show at once.
 */
export function getFacilities(): Promise<Facility[]> {
  const sort = async () =>
    (await getCollection('facilities')).map((e) => e.data).sort((a, b) => collator.compare(a.name, b.name));
  if (!import.meta.env.PROD) return sort();
  sorted ??= sort();
  return sorted;
}

export function displayName(f: Facility, locale: Locale): string {
  return locale === 'en' && f.name_en ? f.name_en : f.name;
}

export function hasDemoData(facilities: Facility[]): boolean {
  return facilities.some((f) => f.demo);
}

export function facilityPath(f: Pick<Facility, 'id'>): string {
  return `/facilities/${f.id}/`;
}

export { redirects } from './redirects.ts';

/** The id of a facility's card in a list: detail pages link back to it, so "back" lands where the visitor was. */
export function cardAnchor(f: Pick<Facility, 'id'>): string {
  return `card-${f.id}`;
}
