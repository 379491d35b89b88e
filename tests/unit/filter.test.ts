import { describe, expect, test } from 'vitest';
import { chosenIds } from '../../src/lib/facilities/compare-table.ts';
import {
  EMPTY_FILTER,
  matchesFilter,
  parseFilter,
  serializeFilter,
  usesMoreThanSearch,
  type FilterItem,
  type FilterState,
} from '../../src/lib/facilities/filter.ts';

const parse = (query: string) => parseFilter(new URLSearchParams(query));
const state = (change: Partial<FilterState>): FilterState => ({ ...EMPTY_FILTER, ...change });

const item: FilterItem = {
  id: 'chiyang-oak',
  text: '池阳小橡树托育园 chiyang little oak nursery 池州市贵池区池阳街道某路1号',
  type: 'childcare_center',
  township: '341702001',
  minMonths: 12,
  maxMonths: 36,
  forms: ['full_day', 'half_day'],
  inclusive: true,
  level: 'city',
  lngLat: [117.48, 30.66],
};

describe('parseFilter / serializeFilter', () => {
  test('an empty query is the empty filter, and serializes to ""', () => {
    expect(parse('')).toEqual(EMPTY_FILTER);
    expect(serializeFilter(EMPTY_FILTER)).toBe('');
  });

  test('round trip of a full state', () => {
    const full: FilterState = {
      q: '池阳 oak', type: 'kindergarten_class', township: '341702108', age: 18, form: 'hourly',
      inclusive: true, level: 'province', sort: 'distance',
    };
    const query = serializeFilter(full);
    expect(query).toBe('q=%E6%B1%A0%E9%98%B3+oak&type=kindergarten_class&township=341702108&age=18&form=hourly&inclusive=1&level=province&sort=distance');
    expect(parse(query)).toEqual(full);
  });

  test('round trip of each single field, defaults left out', () => {
    const singles: Partial<FilterState>[] = [
      { q: 'sun' }, { type: 'hospital_site' }, { township: '341702005' }, { age: 0 }, { age: 72 },
      { form: 'temporary' }, { inclusive: true }, { level: 'district' }, { sort: 'distance' },
    ];
    for (const single of singles) {
      const query = serializeFilter(state(single));
      expect(query.split('&'), query).toHaveLength(1);
      expect(parse(query)).toEqual(state(single));
    }
  });

  test('malformed values are ignored, the rest is kept', () => {
    expect(parse('age=abc&type=bogus&township=123&form=weekly&level=national&sort=price&inclusive=yes&q=sun')).toEqual(state({ q: 'sun' }));
    expect(parse('age=-1')).toEqual(EMPTY_FILTER);
    expect(parse('age=1.5')).toEqual(EMPTY_FILTER);
    expect(parse('age=73')).toEqual(EMPTY_FILTER);
    expect(parse('age=1000')).toEqual(EMPTY_FILTER);
    expect(parse('township=3417020011')).toEqual(EMPTY_FILTER);
    expect(parse('township=34170200a')).toEqual(EMPTY_FILTER);
    expect(parse('type=CHILDCARE_CENTER')).toEqual(EMPTY_FILTER);
    expect(parse('age=%2012%20')).toEqual(state({ age: 12 }));
  });

  test('the text search is trimmed and capped at 60 characters', () => {
    expect(parse('q=%20%20sun%20%20').q).toBe('sun');
    expect(parse(`q=${'a'.repeat(100)}`).q).toHaveLength(60);
  });
});

describe('matchesFilter', () => {
  const matches = (change: Partial<FilterState>) => matchesFilter(item, state(change));

  test('the empty filter matches everything', () => {
    expect(matches({})).toBe(true);
  });

  test('text search: every word must appear, case-insensitive, in any order', () => {
    expect(matches({ q: '橡树' })).toBe(true);
    expect(matches({ q: 'OAK' })).toBe(true);
    expect(matches({ q: 'oak 池阳' })).toBe(true);
    expect(matches({ q: 'nursery   little' })).toBe(true);
    expect(matches({ q: 'oak 秋浦' })).toBe(false);
    expect(matches({ q: 'pine' })).toBe(false);
  });

  test('type', () => {
    expect(matches({ type: 'childcare_center' })).toBe(true);
    expect(matches({ type: 'hospital_site' })).toBe(false);
  });

  test('township', () => {
    expect(matches({ township: '341702001' })).toBe(true);
    expect(matches({ township: '341702002' })).toBe(false);
  });

  test('age: inside the range, edges inclusive', () => {
    expect(matches({ age: 12 })).toBe(true);
    expect(matches({ age: 24 })).toBe(true);
    expect(matches({ age: 36 })).toBe(true);
    expect(matches({ age: 11 })).toBe(false);
    expect(matches({ age: 37 })).toBe(false);
    expect(matches({ age: 0 })).toBe(false); // 0 is a value, not "no filter"
  });

  test('care form', () => {
    expect(matches({ form: 'half_day' })).toBe(true);
    expect(matches({ form: 'hourly' })).toBe(false);
  });

  test('inclusive (普惠): only filters when asked', () => {
    const notInclusive = { ...item, inclusive: false };
    expect(matchesFilter(notInclusive, state({ inclusive: true }))).toBe(false);
    expect(matchesFilter(notInclusive, state({ inclusive: false }))).toBe(true);
    expect(matches({ inclusive: true })).toBe(true);
  });

  test('demonstration level', () => {
    expect(matches({ level: 'city' })).toBe(true);
    expect(matches({ level: 'province' })).toBe(false);
    expect(matchesFilter({ ...item, level: null }, state({ level: 'city' }))).toBe(false);
  });

  test('all conditions together', () => {
    const all = { q: 'oak', type: 'childcare_center', township: '341702001', age: 30, form: 'full_day', inclusive: true, level: 'city' } as const;
    expect(matches(all)).toBe(true);
    expect(matches({ ...all, age: 40 })).toBe(false);
  });

  test('sort order does not filter', () => {
    expect(matches({ sort: 'distance' })).toBe(true);
    expect(matchesFilter({ ...item, lngLat: null }, state({ sort: 'distance' }))).toBe(true);
  });
});

describe('usesMoreThanSearch', () => {
  test('false for nothing or only a text search', () => {
    expect(usesMoreThanSearch(EMPTY_FILTER)).toBe(false);
    expect(usesMoreThanSearch(state({ q: 'oak' }))).toBe(false);
  });
  test('true as soon as any other field is set', () => {
    const others: Partial<FilterState>[] = [
      { type: 'hospital_site' }, { township: '341702001' }, { age: 0 }, { form: 'hourly' }, { inclusive: true },
      { level: 'district' }, { sort: 'distance' },
    ];
    for (const other of others) expect(usesMoreThanSearch(state(other)), JSON.stringify(other)).toBe(true);
  });
});

describe('chosenIds (compare page)', () => {
  const known: Record<string, unknown> = { a: {}, b: {}, c: {} };
  const ids = (query: string) => chosenIds(new URLSearchParams(query), known);

  test('keeps the order of the URL', () => {
    expect(ids('id=c&id=a')).toEqual(['c', 'a']);
    expect(ids('id=a&id=c&id=b')).toEqual(['a', 'c', 'b']);
  });
  test('drops duplicates, keeping the first', () => {
    expect(ids('id=b&id=a&id=b&id=a')).toEqual(['b', 'a']);
  });
  test('drops unknown ids, including inherited property names', () => {
    expect(ids('id=a&id=zzz&id=&id=constructor&id=__proto__&id=c')).toEqual(['a', 'c']);
    expect(ids('')).toEqual([]);
    expect(ids('other=a')).toEqual([]);
  });
});
