/** Facility data for pages: the validated content collection, sorted for people. */
import { getCollection } from 'astro:content';
import type { Facility } from '../schemas/facility.ts';
import type { Locale } from '../i18n/index.ts';

const collator = new Intl.Collator('zh-CN');

/** All facilities, sorted by Chinese name (pinyin order). */
export async function getFacilities(): Promise<Facility[]> {
  const entries = await getCollection('facilities');
  return entries.map((e) => e.data).sort((a, b) => collator.compare(a.name, b.name));
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
