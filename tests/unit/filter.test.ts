import { describe, expect, test } from 'vitest';
import { chosenIds } from '../../src/lib/facilities/compare-table.ts';
import {
  EMPTY_FILTER,
  matchesFilter,
  parseAge,
  parseFilter,
  serializeFilter,
  understand,
  usesMoreThanSearch,
  type Word,
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
  vacant: true,
  ownership: 'private',
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
      q: '池阳 oak',
      type: 'kindergarten_class',
      township: '341702108',
      age: 18,
      form: 'hourly',
      inclusive: true,
      vacant: true,
      own: 'public',
      level: 'province',
      sort: 'distance',
    };
    const query = serializeFilter(full);
    expect(query).toBe(
      'q=%E6%B1%A0%E9%98%B3+oak&type=kindergarten_class&township=341702108&age=18&form=hourly&inclusive=1&vacant=1&own=public&level=province&sort=distance',
    );
    expect(parse(query)).toEqual(full);
  });

  test('round trip of each single field, defaults left out', () => {
    const singles: Partial<FilterState>[] = [
      { q: 'sun' },
      { type: 'hospital_site' },
      { township: '341702005' },
      { age: 0 },
      { age: 72 },
      { form: 'temporary' },
      { inclusive: true },
      { vacant: true },
      { level: 'district' },
      { level: 'any' },
      { own: 'private' },
      { sort: 'distance' },
    ];
    for (const single of singles) {
      const query = serializeFilter(state(single));
      expect(query.split('&'), query).toHaveLength(1);
      expect(parse(query)).toEqual(state(single));
    }
  });

  test('malformed values are ignored, the rest is kept', () => {
    expect(
      parse('age=abc&type=bogus&township=123&form=weekly&level=national&sort=price&inclusive=yes&q=sun'),
    ).toEqual(state({ q: 'sun' }));
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

  test('有空位 (vacant): only filters when asked', () => {
    const full = { ...item, vacant: false };
    expect(matchesFilter(full, state({ vacant: true }))).toBe(false);
    expect(matchesFilter(full, state({ vacant: false }))).toBe(true);
    expect(matches({ vacant: true })).toBe(true);
  });

  test('demonstration level', () => {
    expect(matches({ level: 'city' })).toBe(true);
    expect(matches({ level: 'province' })).toBe(false);
    expect(matchesFilter({ ...item, level: null }, state({ level: 'city' }))).toBe(false);
  });

  test('all conditions together', () => {
    const all = {
      q: 'oak',
      type: 'childcare_center',
      township: '341702001',
      age: 30,
      form: 'full_day',
      inclusive: true,
      level: 'city',
    } as const;
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
      { type: 'hospital_site' },
      { township: '341702001' },
      { age: 0 },
      { form: 'hourly' },
      { inclusive: true },
      { vacant: true },
      { level: 'district' },
      { sort: 'distance' },
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

describe('parseAge', () => {
  test('reads ages as people write them', () => {
    const cases: [string, number][] = [
      ['14', 14],
      ['14个月', 14],
      ['14 个月', 14],
      ['14月', 14],
      ['14 months', 14],
      ['1 month', 1],
      ['0', 0],
      ['1岁2', 14],
      ['1岁2个月', 14],
      ['1 岁 2 个月', 14],
      ['1岁半', 18],
      ['2岁', 24],
      ['2周岁', 24],
      ['6岁', 72],
    ];
    for (const [text, months] of cases) expect(parseAge(text), text).toBe(months);
  });
  test('is null for what is not an age of 0–72 months', () => {
    for (const text of ['', 'abc', '-1', '1.5', '73', '7岁', '1岁12', '1岁13个月', '一岁', '14 weeks'])
      expect(parseAge(text), text).toBeNull();
  });
  test('the URL and the age box accept the same words', () => {
    expect(parseFilter(new URLSearchParams('age=1%E5%B2%812')).age).toBe(14);
    expect(serializeFilter(parseFilter(new URLSearchParams('age=1%E5%B2%812')))).toBe('age=14');
  });
});

describe('understand', () => {
  const vocabulary: Word[] = [
    ['普惠', 'inclusive', '1'],
    ['全日托', 'form', 'full_day'],
    ['半日托', 'form', 'half_day'],
    ['公办', 'own', 'public'],
    ['示范', 'level', 'any'],
    ['省级示范', 'level', 'province'],
    ['秋浦街道', 'township', '341702002'],
    ['秋浦', 'township', '341702002'],
    ['inclusive', 'inclusive', '1'],
  ];
  test('finds filter words anywhere, in the order typed, and leaves the rest for the text search', () => {
    expect(understand('秋浦 普惠全日托 阳光', vocabulary)).toEqual({
      params: [
        ['township', '341702002'],
        ['inclusive', '1'],
        ['form', 'full_day'],
      ],
      words: ['秋浦', '普惠', '全日托'],
      rest: '阳光',
    });
  });
  test('the longer word wins, and one word per filter', () => {
    expect(understand('省级示范 秋浦街道', vocabulary).params).toEqual([
      ['level', 'province'],
      ['township', '341702002'],
    ]);
    expect(understand('全日托 半日托', vocabulary)).toEqual({
      params: [['form', 'full_day']],
      words: ['全日托'],
      rest: '半日托',
    });
  });
  test('ages in the text: "1岁2", "14个月"; a bare number stays text (it may be a house number)', () => {
    expect(understand('1岁2 普惠', vocabulary)).toEqual({
      params: [
        ['age', '14'],
        ['inclusive', '1'],
      ],
      words: ['1岁2', '普惠'],
      rest: '',
    });
    expect(understand('阳光 14个月', vocabulary)).toEqual({
      params: [['age', '14']],
      words: ['14个月'],
      rest: '阳光',
    });
    expect(understand('幸福路 14 号', vocabulary)).toEqual({ params: [], words: [], rest: '幸福路 14 号' });
  });
  test('case does not matter for English words; nothing understood leaves the text as typed (lower-cased)', () => {
    expect(understand('Inclusive Rainbow', vocabulary)).toEqual({
      params: [['inclusive', '1']],
      words: ['inclusive'],
      rest: 'rainbow',
    });
    expect(understand('Sunshine', vocabulary)).toEqual({ params: [], words: [], rest: 'sunshine' });
  });
});

describe('matchesFilter: ownership and "any demonstration level"', () => {
  test('own=public / private', () => {
    expect(matchesFilter(item, state({ own: 'private' }))).toBe(true);
    expect(matchesFilter(item, state({ own: 'public' }))).toBe(false);
  });
  test('level=any matches every demonstration facility and no other', () => {
    expect(matchesFilter(item, state({ level: 'any' }))).toBe(true);
    expect(matchesFilter({ ...item, level: null }, state({ level: 'any' }))).toBe(false);
  });
});
