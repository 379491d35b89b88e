/**
 * The map's data as the browser receives it (`/data/map-facilities.json`), and its bridge to the list's filter.
 * Browser code: no imports with runtime weight.
 */
import type { FilterItem } from '../facilities/filter.ts';
import type { CareForm, DemonstrationLevel, FacilityType, Ownership } from '../schemas/facility-enums.ts';

/** One facility on (or, without a position, under) the map. Positions are WGS-84 [lng, lat]. */
export interface MapFacility {
  id: string;
  name: string;
  nameEn: string | null;
  type: FacilityType;
  /** township code; '' while it is still to be verified */
  township: string;
  /** [min, max] ages accepted, in months; null while they are still to be verified */
  ages: [number, number] | null;
  forms: CareForm[];
  inclusive: boolean;
  /** free places with a fresh figure on the build's day: counts for 有空位 (lib/facilities/freshness.ts) */
  vacant: boolean;
  /** [free places, 'YYYY-MM-DD' they were reported]; null when not reported */
  vac: [number, string] | null;
  /** null while still to be verified */
  ownership: Ownership | null;
  level: DemonstrationLevel | null;
  places: number | null;
  /** the facility's own phone number as printed; null when it has none (demo records never do) */
  phone: string | null;
  demo: boolean;
  /** WGS-84 [lng, lat], rounded to 6 decimals; null when the facility has no position yet */
  lngLat: [number, number] | null;
  /** lower-cased name(s) and address, exactly what the list cards carry for the text search */
  text: string;
  /** detail page per locale */
  paths: { 'zh-CN': string; en: string };
}
// Navigation links are not in the data: the popup makes them with lib/geo/navigation.ts when it opens (they would
// be more than half of the bytes, and the JSON must parse quickly with 10,000 facilities).

export interface MapData {
  facilities: MapFacility[];
}

/** The district outline in WGS-84, GeoJSON MultiPolygon coordinates ([lng, lat]). */
export interface DistrictOutline {
  type: 'MultiPolygon';
  coordinates: [number, number][][][];
}

/** The filter's view of a map facility: the same fields the list reads from a card's data-* attributes. */
export function toFilterItem(f: MapFacility): FilterItem {
  return {
    id: f.id,
    text: f.text,
    type: f.type,
    township: f.township,
    minMonths: f.ages?.[0] ?? null,
    maxMonths: f.ages?.[1] ?? null,
    forms: f.forms,
    inclusive: f.inclusive,
    vacant: f.vacant,
    ownership: f.ownership,
    level: f.level,
    lngLat: f.lngLat,
  };
}
