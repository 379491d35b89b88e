/**
 * The map's weight budget, measured on dist/: before the map is visible the map page runs at most 60 KB gzip of
 * JavaScript; with Leaflet, markercluster and the map module loaded, at most 120 KB. The list page keeps its
 * eager JavaScript (filters, chip bar, compare bar) under 5 KB and loads no map code (its 地图 chip links to the
 * map page), and Leaflet's CSS is never inlined into a page.
 * Needs a build (`npm run build`).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { dynamicImports, pageJsWeight } from '../../bench/lib/lazy-weight.ts';
import { bytesOf, listPages, pageFile } from '../../bench/lib/page-weight.ts';

const KB = 1024;
const DIST = 'dist';
const MAP_PAGES = ['/map/', '/en/map/'];
const LIST_PAGES = ['/facilities/', '/en/facilities/'];

test('dynamicImports finds import() with any quotes, not static imports', () => {
  expect(
    dynamicImports('import{a}from"./s.js";import(`./a.js`);import("./b.js");import(\'../c.js\');x.import(y)'),
  ).toEqual(['./a.js', './b.js', '../c.js']);
});

describe('map budget (dist/)', () => {
  if (!existsSync(path.join(DIST, 'map', 'index.html'))) {
    test('dist/ has the map page', () => {
      throw new Error('dist/map/ is missing: run astro build first (npm run build)');
    });
    return;
  }
  test.each(MAP_PAGES)('%s: ≤ 60 KB gzip before the map is visible, no Leaflet in it', (page) => {
    const w = pageJsWeight(DIST, page);
    expect(
      w.eager.files.some((f) => /leaflet/i.test(f)),
      w.eager.files.join(', '),
    ).toBe(false);
    expect(w.eager.bytes.gzip, `${w.eager.files.join(', ')}: ${w.eager.bytes.gzip} B`).toBeLessThanOrEqual(
      60 * KB,
    );
  });

  test.each(MAP_PAGES)('%s: ≤ 120 KB gzip in total once Leaflet and the map are loaded', (page) => {
    const w = pageJsWeight(DIST, page);
    expect(
      w.all.files.filter((f) => /leaflet/i.test(f)).length,
      'Leaflet and markercluster are reachable lazily',
    ).toBe(2);
    expect(w.all.bytes.gzip, `${w.all.files.join(', ')}: ${w.all.bytes.gzip} B`).toBeLessThanOrEqual(
      120 * KB,
    );
  });

  test.each(LIST_PAGES)(
    '%s: eager JavaScript (filters, chips, compare bar) stays under 5 KB gzip, no map code at all',
    (page) => {
      const w = pageJsWeight(DIST, page);
      expect(w.all.files.filter((f) => /leaflet|mount|FacilityMap/i.test(f))).toEqual([]);
      // The live vacancy figures have their own 1 KB (tests/unit/budgets.test.ts); what they alone load is not counted.
      const live = w.eager.files.filter((f) => /LiveVacancies|freshness/.test(f));
      const gzip = (f: string) => bytesOf(readFileSync(path.join(DIST, f))).gzip;
      const filters = w.eager.files.filter((f) => !live.includes(f));
      const bytes = filters.reduce((n, f) => n + gzip(f), 0);
      expect(live.length).toBeGreaterThan(0);
      expect(bytes, `${filters.join(', ')}: ${bytes} B`).toBeLessThan(5 * KB);
    },
  );

  test('Leaflet CSS is a separate file, loaded with the map, never inlined into a page', () => {
    const css = readdirSync(path.join(DIST, '_astro')).filter(
      (f) =>
        f.endsWith('.css') && readFileSync(path.join(DIST, '_astro', f), 'utf8').includes('.leaflet-pane'),
    );
    expect(css.length).toBe(1);
    const inlined = listPages(DIST).filter((p) =>
      readFileSync(pageFile(DIST, p), 'utf8').includes('.leaflet-pane'),
    );
    expect(inlined).toEqual([]);
  });

  test('no other page loads the map', () => {
    const withMap = listPages(DIST).filter((p) =>
      readFileSync(pageFile(DIST, p), 'utf8').includes('<facility-map'),
    );
    expect(withMap.sort()).toEqual([...MAP_PAGES].sort());
  });
});
