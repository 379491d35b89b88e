/**
 * The map filters with the list's logic: every facility's map record (the built JSON) gives the filter exactly
 * what its list card gives (the card's data-* attributes, rendered by FacilityCard.astro), so for any filter the
 * map shows the same facilities as the list. Also: the map record's paths and rounding.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import FacilityCard from '../../src/components/FacilityCard.astro';
import { loadFacilities } from '../../src/lib/facilities/load.ts';
import { matchesFilter, parseFilter, type FilterItem } from '../../src/lib/facilities/filter.ts';
import { toMapFacility } from '../../src/lib/map/build-data.ts';
import { toFilterItem, type MapData } from '../../src/lib/map/types.ts';
import { CARE_FORMS, DEMONSTRATION_LEVELS, FACILITY_TYPES } from '../../src/lib/schemas/facility-enums.ts';
import { TOWNSHIPS } from '../../src/data/district.ts';
import type { Facility } from '../../src/lib/schemas/facility.ts';

const facilities = loadFacilities();
const DIST = path.join(process.cwd(), 'dist');

/** The list's view of a card: the same reading as <facility-filter> (filter-element.ts, itemFromCard). */
function itemFromCardHtml(html: string): FilterItem {
  const attr = (name: string) => {
    const m = html.match(new RegExp(`\\sdata-${name}="([^"]*)"`));
    return m
      ? m[1]!
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
      : undefined;
  };
  const lng = attr('lng');
  const lat = attr('lat');
  return {
    id: attr('id')!,
    text: attr('text')!,
    type: attr('type') as FilterItem['type'],
    township: attr('township') ?? '',
    minMonths: attr('min') ? Number(attr('min')) : null, // no ages while they are still to be verified
    maxMonths: attr('max') ? Number(attr('max')) : null,
    forms: (attr('forms') ?? '').split(' ').filter(Boolean) as FilterItem['forms'],
    inclusive: attr('inclusive') === '1',
    vacant: attr('vacant') === '1',
    ownership: (attr('own') ?? null) as FilterItem['ownership'],
    level: (attr('level') || null) as FilterItem['level'],
    lngLat: lng && lat ? [Number(lng), Number(lat)] : null,
  };
}

const cards = new Map<string, FilterItem>();
beforeAll(async () => {
  const container = await AstroContainer.create();
  for (const f of facilities)
    cards.set(
      f.id,
      itemFromCardHtml(
        await container.renderToString(FacilityCard, { props: { facility: f, locale: 'zh-CN' } }),
      ),
    );
});

const queries = [
  '',
  ...FACILITY_TYPES.map((v) => `type=${v}`),
  ...TOWNSHIPS.map((tw) => `township=${tw.code}`),
  ...[0, 6, 12, 18, 24, 30, 36, 48].map((a) => `age=${a}`),
  ...CARE_FORMS.map((v) => `form=${v}`),
  ...DEMONSTRATION_LEVELS.map((v) => `level=${v}`),
  'inclusive=1',
  'own=public',
  'own=private',
  'level=any',
  'q=示例',
  'q=example%20rainbow',
  'q=秋浦',
  'type=childcare_center&inclusive=1&age=24&form=full_day',
];

describe('map records filter like the list cards', () => {
  test('the built map data holds every facility, in the order of the built list page, which is by Chinese name', () => {
    const mapFile = path.join(DIST, 'data', 'map-facilities.json');
    const listFile = path.join(DIST, 'facilities', 'index.html');
    for (const f of [mapFile, listFile])
      expect(existsSync(f), `${f} is missing: run astro build first (npm run build)`).toBe(true);
    const onMap = (JSON.parse(readFileSync(mapFile, 'utf8')) as MapData).facilities.map((m) => m.id);
    // The list's cards: the elements carrying the filter's data-id and data-type (FacilityCard.astro), in page order.
    const inList = [...readFileSync(listFile, 'utf8').matchAll(/<[a-z]+\s[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => /\sdata-type="/.test(tag))
      .map((tag) => tag.match(/\sdata-id="([^"]*)"/)![1]!);
    expect([...onMap].sort()).toEqual(facilities.map((f) => f.id).sort());
    expect(onMap).toEqual(inList);
    const names = onMap.map((id) => facilities.find((f) => f.id === id)!.name);
    const outOfOrder = names.slice(1).filter((name, i) => names[i]!.localeCompare(name, 'zh-CN') > 0);
    expect(outOfOrder).toEqual([]);
  });

  test.each(facilities.map((f) => [f.id, f] as [string, Facility]))(
    '%s: same filter item as its card',
    (_, f) => {
      const fromMap = toFilterItem(toMapFacility(f));
      expect(fromMap).toEqual(cards.get(f.id));
    },
  );

  test.each(queries)('?%s selects the same facilities on the map and in the list', (query) => {
    const state = parseFilter(new URLSearchParams(query));
    const onMap = facilities
      .filter((f) => matchesFilter(toFilterItem(toMapFacility(f)), state))
      .map((f) => f.id);
    const inList = facilities.filter((f) => matchesFilter(cards.get(f.id)!, state)).map((f) => f.id);
    expect(onMap).toEqual(inList);
  });
});

describe('map record', () => {
  const located = facilities.find((f) => f.location)!;
  const unlocated = facilities.find((f) => !f.location)!;

  test('a located facility: WGS-84 rounded to 6 decimals, detail paths per locale', () => {
    const m = toMapFacility(located);
    expect(m.lngLat).toEqual([
      Math.round(located.location!.lng * 1e6) / 1e6,
      Math.round(located.location!.lat * 1e6) / 1e6,
    ]);
    expect(m.paths).toEqual({ 'zh-CN': `/facilities/${located.id}/`, en: `/en/facilities/${located.id}/` });
    expect(m.ages).toEqual([located.ages!.min_months, located.ages!.max_months]);
  });

  test('a facility without a position is kept, with no point', () => {
    const m = toMapFacility(unlocated);
    expect(m.lngLat).toBeNull();
    expect(m.name).toBe(unlocated.name);
  });
});
