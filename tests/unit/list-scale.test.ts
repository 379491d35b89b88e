/**
 * A list that scales: with 1,000 facilities the list page stays at most 60 KB gzip (issue 17, item 5). The list
 * (FacilityList.astro: cards, then compact rows) is rendered for 1,000 synthetic records and put in place of the
 * built list page's own list, so the measured page is the real page at that size. Each compact row gives the filter
 * what a card gives. Needs a build (`npm run build`) for the page around the list.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import FacilityList from '../../src/components/FacilityList.astro';
import { FacilitySchema, type Facility } from '../../src/lib/schemas/facility.ts';
import { outlineToWgs84 } from '../../src/lib/geo/outline.ts';
import { outlinePath } from '../../src/districts/index.ts';
import { toMapFacility } from '../../src/lib/map/build-data.ts';
import { toFilterItem } from '../../src/lib/map/types.ts';
import { buildFreshness } from '../../src/lib/facilities/build-today.ts';
import { bytesOf } from '../../bench/lib/page-weight.ts';
import { syntheticFacilityRecords } from '../../bench/lib/synthetic-facilities.ts';

const KB = 1024;
const N = 1000;
const LIST_PAGE = path.join('dist', 'facilities', 'index.html');
const LIST = /<ul class="cards" id="facility-list"[\s\S]*?<\/ul>\s*(?=<p class="compare-end")/;

const outline = outlineToWgs84(JSON.parse(readFileSync(outlinePath(), 'utf8')));
const facilities: Facility[] = syntheticFacilityRecords(N, outline, buildFreshness().today).map((r) =>
  FacilitySchema.parse(r),
);
let html = { 'zh-CN': '', en: '' };
beforeAll(async () => {
  const container = await AstroContainer.create();
  const render = (locale: 'zh-CN' | 'en') =>
    container.renderToString(FacilityList, { props: { facilities, locale, compareForm: 'compare-form' } });
  html = { 'zh-CN': await render('zh-CN'), en: await render('en') };
});

describe(`the list page with ${N.toLocaleString('en')} facilities`, () => {
  test('is at most 60 KB gzip (HTML), in both languages', () => {
    expect(existsSync(LIST_PAGE), 'dist/ is missing: run astro build first').toBe(true);
    for (const [locale, prefix] of [
      ['zh-CN', ''],
      ['en', 'en'],
    ] as const) {
      const page = readFileSync(path.join('dist', prefix, 'facilities', 'index.html'), 'utf8');
      expect(page, 'the built list page has its list where the test expects it').toMatch(LIST);
      const big = page.replace(LIST, html[locale]);
      const gzip = bytesOf(big).gzip;
      expect(gzip, `${locale}: ${gzip} bytes gzip`).toBeLessThanOrEqual(60 * KB);
    }
  });

  test('every facility is a link to its page (no JavaScript needed), the first 40 as cards, the rest as rows', () => {
    const links = [...html['zh-CN'].matchAll(/<a href="\/facilities\/([^/"]+)\/">/g)].map((m) => m[1]);
    expect(new Set(links)).toEqual(new Set(facilities.map((f) => f.id)));
    expect(html['zh-CN'].match(/<li class="card facility-card"/g)).toHaveLength(40);
    expect(html['zh-CN'].match(/<li class="row"/g)).toHaveLength(N - 40);
  });

  test('a compact row gives the filter what a card gives (search words: its name and place)', () => {
    const rows = [...html['zh-CN'].matchAll(/<li class="row"([^>]*)>([\s\S]*?)<\/li>/g)];
    expect(rows).toHaveLength(N - 40);
    for (const [, attrs, body] of rows.slice(0, 100)) {
      const attr = (k: string) => attrs!.match(new RegExp(`\\sdata-${k}(?:="([^"]*)")?`))?.[1];
      const id = attrs!.match(/\sid="card-([^"]+)"/)![1]!;
      const f = facilities.find((x) => x.id === id)!;
      const expected = toFilterItem(toMapFacility(f));
      expect({
        type: attr('type'),
        township: attr('township'),
        min: Number(attr('min')),
        max: Number(attr('max')),
        forms: attr('forms')!.split(' '),
        inclusive: attr('inclusive') === '1',
        vacant: attr('vacant') === '1',
        own: attr('own'),
        level: attr('level') || null,
      }).toEqual({
        type: expected.type,
        township: expected.township,
        min: expected.minMonths,
        max: expected.maxMonths,
        forms: expected.forms,
        inclusive: expected.inclusive,
        vacant: expected.vacant,
        own: expected.ownership,
        level: expected.level,
      });
      // Positions to 4 decimals (about 10 m: enough to sort by distance).
      expect(Math.abs(Number(attr('lng')) - expected.lngLat![0])).toBeLessThanOrEqual(0.0000501);
      expect(Math.abs(Number(attr('lat')) - expected.lngLat![1])).toBeLessThanOrEqual(0.0000501);
      // The name and the address are shown, so the text search finds them.
      expect(body).toContain(`>${f.name}</a>`);
      expect(body).toContain(f.address!);
      expect(body).toMatch(new RegExp(`data-vac="${id}"`));
    }
  });
});
