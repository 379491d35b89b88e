/**
 * The directory's filters as pure functions, shared by the list page enhancement (and the map).
 * State lives in the URL query: ?q=&type=&township=&age=&form=&inclusive=1&level=&sort=name|distance
 * No imports with runtime weight: this ships to browsers.
 */
import {
  CARE_FORMS,
  DEMONSTRATION_LEVELS,
  FACILITY_TYPES,
  type CareForm,
  type DemonstrationLevel,
  type FacilityType,
} from '../schemas/facility-enums.ts';

/** What a filter needs to know about one facility. */
export interface FilterItem {
  id: string;
  /** lower-cased name(s) and address, for the text search */
  text: string;
  type: FacilityType;
  township: string;
  /** null while the ages are still to be verified: such a facility matches no age */
  minMonths: number | null;
  maxMonths: number | null;
  forms: CareForm[];
  inclusive: boolean;
  level: DemonstrationLevel | null;
  /** WGS-84 [lng, lat], or null when not located */
  lngLat: [number, number] | null;
}

export interface FilterState {
  q: string;
  type: FacilityType | null;
  township: string | null;
  age: number | null;
  form: CareForm | null;
  inclusive: boolean;
  level: DemonstrationLevel | null;
  sort: 'name' | 'distance';
}

export const EMPTY_FILTER: FilterState = {
  q: '',
  type: null,
  township: null,
  age: null,
  form: null,
  inclusive: false,
  level: null,
  sort: 'name',
};

function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads a query string; unknown or malformed values are ignored (a shared link never breaks the page). */
export function parseFilter(params: URLSearchParams): FilterState {
  const ageText = params.get('age')?.trim() ?? '';
  const age = /^\d{1,3}$/.test(ageText) ? Number(ageText) : null;
  const township = params.get('township');
  return {
    q: (params.get('q') ?? '').trim().slice(0, 60),
    type: oneOf(FACILITY_TYPES, params.get('type')),
    township: township && /^\d{9}$/.test(township) ? township : null,
    age: age !== null && age <= 72 ? age : null,
    form: oneOf(CARE_FORMS, params.get('form')),
    inclusive: params.get('inclusive') === '1',
    level: oneOf(DEMONSTRATION_LEVELS, params.get('level')),
    sort: params.get('sort') === 'distance' ? 'distance' : 'name',
  };
}

/** The shortest query string for a state (defaults left out), without the leading "?". */
export function serializeFilter(state: FilterState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.type) params.set('type', state.type);
  if (state.township) params.set('township', state.township);
  if (state.age !== null) params.set('age', String(state.age));
  if (state.form) params.set('form', state.form);
  if (state.inclusive) params.set('inclusive', '1');
  if (state.level) params.set('level', state.level);
  if (state.sort === 'distance') params.set('sort', 'distance');
  return params.toString();
}

export function matchesFilter(item: FilterItem, s: FilterState): boolean {
  if (s.q && !s.q.toLowerCase().split(/\s+/).every((word) => item.text.includes(word))) return false;
  if (s.type && item.type !== s.type) return false;
  if (s.township && item.township !== s.township) return false;
  if (s.age !== null && (item.minMonths === null || item.maxMonths === null || s.age < item.minMonths || s.age > item.maxMonths)) return false;
  if (s.form && !item.forms.includes(s.form)) return false;
  if (s.inclusive && !item.inclusive) return false;
  if (s.level && item.level !== s.level) return false;
  return true;
}

/** True when the state sets anything besides the text search (the list then shows its extra filters open). */
export function usesMoreThanSearch(s: FilterState): boolean {
  return (Object.keys(EMPTY_FILTER) as (keyof FilterState)[]).some((k) => k !== 'q' && s[k] !== EMPTY_FILTER[k]);
}
