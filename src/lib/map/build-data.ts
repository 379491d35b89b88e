/**
 * Build-time: the facility records and the GCJ-02 boundary turned into the compact JSON the map loads.
 * Runs in `astro build` only (pages/data/*.json.ts); nothing here ships to browsers.
 */
import type { Facility } from '../schemas/facility.ts';
import { facilityPath } from '../facilities/index.ts';
import { localePath } from '../i18n/index.ts';
import { round6, type LngLat } from '../geo/coords.ts';
import type { MapFacility } from './types.ts';
import { buildFreshness } from '../facilities/build-today.ts';
import { hasPlace } from '../facilities/freshness.ts';

/** The list card's search text (FacilityCard.astro's data-text), so list and map match the same words. */
export function searchText(f: Pick<Facility, 'name' | 'name_en' | 'address'>): string {
  return [f.name, f.name_en ?? '', f.address ?? ''].join(' ').toLowerCase();
}

export function toMapFacility(f: Facility, now = buildFreshness()): MapFacility {
  const lngLat: LngLat | null = f.location ? [round6(f.location.lng), round6(f.location.lat)] : null;
  const path = facilityPath(f);
  return {
    id: f.id,
    name: f.name,
    nameEn: f.name_en ?? null,
    type: f.type,
    township: f.township ?? '',
    ages: f.ages ? [f.ages.min_months, f.ages.max_months] : null,
    forms: [...(f.care_forms ?? [])],
    inclusive: f.inclusive ?? false,
    vacant: f.vacancies ? hasPlace(f.vacancies.count, f.vacancies.as_of, now) : false,
    vac: f.vacancies ? [f.vacancies.count, f.vacancies.as_of] : null,
    ownership: f.ownership ?? null,
    level: f.demonstration?.level ?? null,
    places: f.places ?? null,
    phone: f.phone ?? null,
    demo: f.demo,
    lngLat,
    text: searchText(f),
    paths: { 'zh-CN': localePath('zh-CN', path), en: localePath('en', path) },
  };
}

/** The district outline: one loader for the map and the importer (src/lib/geo/outline.ts). */
export { outlineToWgs84 } from '../geo/outline.ts';
