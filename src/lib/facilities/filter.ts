/**
 * The directory's filters as pure functions, shared by the list page enhancement (and the map).
 * State lives in the URL query: ?q=&type=&township=&age=&form=&inclusive=1&vacant=1&own=&level=&sort=name|distance
 * (level=any: any demonstration level). The search box also understands people's words (普惠, 全日托, 公办, 示范,
 * township names, ages such as "1岁2" or "14个月"): see understand().
 * No imports with runtime weight: this ships to browsers.
 */
import {
  CARE_FORMS,
  DEMONSTRATION_LEVELS,
  FACILITY_TYPES,
  type CareForm,
  OWNERSHIPS,
  type DemonstrationLevel,
  type FacilityType,
  type Ownership,
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
  /** free places reported recently enough to trust (src/lib/facilities/freshness.ts hasPlace) */
  vacant: boolean;
  ownership: Ownership | null;
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
  /** only facilities with free places and a fresh figure */
  vacant: boolean;
  own: Ownership | null;
  /** a demonstration level, or 'any' for every demonstration facility */
  level: DemonstrationLevel | 'any' | null;
  sort: 'name' | 'distance';
}

export const EMPTY_FILTER: FilterState = {
  q: '',
  type: null,
  township: null,
  age: null,
  form: null,
  inclusive: false,
  vacant: false,
  own: null,
  level: null,
  sort: 'name',
};

/**
 * A child's age as people write it, in months: "14", "14个月", "14 months", "1岁2", "1岁2个月", "1岁半", "2岁".
 * Null when the text is not an age of 0–72 months.
 */
export function parseAge(text: string): number | null {
  const s = text.replace(/\s+/g, '').toLowerCase();
  const y = /^(\d{1,2})(?:岁|周岁)(半|(\d{1,2})(?:个月|月)?)?$/.exec(s);
  const m = /^(\d{1,3})(?:个月|月|months?|m)?$/.exec(s);
  const months = y ? Number(y[1]) * 12 + (y[2] === '半' ? 6 : Number(y[3] ?? 0)) : m ? Number(m[1]) : null;
  return months !== null && months <= 72 && (!y || Number(y[3] ?? 0) < 12) ? months : null;
}

/** Ages written inside free text: "1岁2", "1岁2个月", "1岁半", "2岁", "14个月" (a bare number is not an age). */
const AGE_IN_TEXT = /\d{1,2}\s*(?:周岁|岁)\s*(?:半|\d{1,2}\s*(?:个月|月)?)?|\d{1,3}\s*(?:个月|月大|months?)/i;

/** One word the search box understands: the word, and the filter (query key and value) it stands for. */
export type Word = [word: string, key: string, value: string];

export interface Understood {
  /** query parameters the words stand for */
  params: [string, string][];
  /** the words as found in the text, in order of finding */
  words: string[];
  /** what is left for the text search */
  rest: string;
}

/**
 * Splits a search text into the filters its words stand for and the rest. `vocabulary` comes from the page
 * (labels of the filter form's options in both languages). Longer words win ("省级示范" before "示范").
 */
export function understand(text: string, vocabulary: readonly Word[]): Understood {
  // Found words are blanked out with as many spaces, so positions stay put and the chips follow the text's order.
  let rest = text.toLowerCase();
  const found: [at: number, key: string, value: string, word: string][] = [];
  const take = (at: number, length: number, key: string, value: string, word: string) => {
    found.push([at, key, value, word]);
    rest = rest.slice(0, at) + ' '.repeat(length) + rest.slice(at + length);
  };
  for (const [word, key, value] of [...vocabulary].sort((a, b) => b[0].length - a[0].length)) {
    const at = word ? rest.indexOf(word.toLowerCase()) : -1;
    if (at >= 0 && !found.some((f) => f[1] === key)) take(at, word.length, key, value, word);
  }
  const age = AGE_IN_TEXT.exec(rest);
  const months = age ? parseAge(age[0]) : null;
  if (age && months !== null) take(age.index, age[0].length, 'age', String(months), age[0].trim());
  found.sort((a, b) => a[0] - b[0]);
  return {
    params: found.map((f) => [f[1], f[2]]),
    words: found.map((f) => f[3]),
    rest: rest.replace(/\s+/g, ' ').trim(),
  };
}

function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads a query string; unknown or malformed values are ignored (a shared link never breaks the page). */
export function parseFilter(params: URLSearchParams): FilterState {
  const age = parseAge(params.get('age') ?? '');
  const township = params.get('township');
  const level = params.get('level');
  return {
    q: (params.get('q') ?? '').trim().slice(0, 60),
    type: oneOf(FACILITY_TYPES, params.get('type')),
    township: township && /^\d{9}$/.test(township) ? township : null,
    age,
    form: oneOf(CARE_FORMS, params.get('form')),
    inclusive: params.get('inclusive') === '1',
    vacant: params.get('vacant') === '1',
    own: oneOf(OWNERSHIPS, params.get('own')),
    level: level === 'any' ? 'any' : oneOf(DEMONSTRATION_LEVELS, level),
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
  if (state.vacant) params.set('vacant', '1');
  if (state.own) params.set('own', state.own);
  if (state.level) params.set('level', state.level);
  if (state.sort === 'distance') params.set('sort', 'distance');
  return params.toString();
}

export function matchesFilter(item: FilterItem, s: FilterState): boolean {
  if (
    s.q &&
    !s.q
      .toLowerCase()
      .split(/\s+/)
      .every((word) => item.text.includes(word))
  )
    return false;
  if (s.type && item.type !== s.type) return false;
  if (s.township && item.township !== s.township) return false;
  if (
    s.age !== null &&
    (item.minMonths === null || item.maxMonths === null || s.age < item.minMonths || s.age > item.maxMonths)
  )
    return false;
  if (s.form && !item.forms.includes(s.form)) return false;
  if (s.inclusive && !item.inclusive) return false;
  if (s.vacant && !item.vacant) return false;
  if (s.own && item.ownership !== s.own) return false;
  if (s.level && (s.level === 'any' ? !item.level : item.level !== s.level)) return false;
  return true;
}

/** True when the state sets anything besides the text search (the list then shows its extra filters open). */
export function usesMoreThanSearch(s: FilterState): boolean {
  return (Object.keys(EMPTY_FILTER) as (keyof FilterState)[]).some(
    (k) => k !== 'q' && s[k] !== EMPTY_FILTER[k],
  );
}
