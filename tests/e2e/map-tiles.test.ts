/**
 * Base maps. The page is served with another configuration (as a build with PUBLIC_MAP_BASE would render it) and
 * tiles are either answered locally with a blank PNG or left to the fixture, which blocks them. In every case the
 * outline and the markers show; on AMap (GCJ-02 tiles) every point is converted, so a facility's marker lands on
 * the pixel of its converted twin.
 */
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import {
  configureBase,
  located,
  marker,
  markerTotal,
  serveBlankTiles,
  t,
  TILE_HOSTS,
  waitForMap,
} from './map-helpers.ts';
import { refWgsToGcj } from '../support/geo-reference.ts';

test.describe.configure({ mode: 'parallel' });

const APPROVAL = 'GS(2024)0650号';
const bases = [
  {
    base: 'osm',
    attrs: { base: 'osm' },
    attribution: 'map.attribution.osm',
    tile: /tile\.openstreetmap\.org\/\d+\/\d+\/\d+\.png/,
  },
  {
    base: 'tianditu',
    attrs: { base: 'tianditu', 'tianditu-key': 'test-key', 'approval-no': APPROVAL },
    attribution: 'map.attribution.tianditu',
    tile: /t[0-7]\.tianditu\.gov\.cn\/(vec|cva)_w\/wmts\?.*TILEMATRIX=\d+.*tk=test-key/,
  },
  {
    base: 'amap',
    attrs: { base: 'amap' },
    attribution: 'map.attribution.amap',
    tile: /webrd0[1-4]\.is\.autonavi\.com\/appmaptile\?.*x=\d+&y=\d+&z=\d+/,
  },
] as const;

/** Screen position of a facility's marker and of a [lng, lat] drawn on the map, in page pixels. */
async function pixels(page: Page, id: string, lngLat: [number, number]) {
  const box = (await marker(page, id).boundingBox())!;
  const point = await page.locator('facility-map').evaluate((el, [lng, lat]) => {
    const map = (
      el as unknown as {
        leafletMap: { latLngToContainerPoint(p: [number, number]): { x: number; y: number } };
      }
    ).leafletMap;
    const rect = el.querySelector('[data-canvas]')!.getBoundingClientRect();
    const p = map.latLngToContainerPoint([lat!, lng!]);
    return { x: rect.left + p.x, y: rect.top + p.y };
  }, lngLat);
  return { marker: { x: box.x + box.width / 2, y: box.y + box.height / 2 }, point };
}

for (const b of bases) {
  test(`${b.base}: tiles from the local route, attribution, outline and every marker`, async ({ page }) => {
    await configureBase(page, b.attrs);
    const served = await serveBlankTiles(page);
    await page.goto('/map/');
    await waitForMap(page);
    await expect.poll(() => served.length).toBeGreaterThan(0);
    expect(
      served.every((u) => b.tile.test(u)),
      served.join('\n'),
    ).toBe(true);
    if (b.base === 'tianditu') expect(served.some((u) => u.includes('/cva_w/'))).toBe(true); // the labels layer
    const attribution = page.locator('.leaflet-control-attribution');
    await expect(attribution).toContainText(t(b.attribution));
    await expect(attribution).toContainText(t('map.attribution.outline'));
    if ('approval-no' in b.attrs)
      await expect(attribution).toContainText(t('map.approvalNo', { no: APPROVAL }));
    await expect(page.locator('.leaflet-overlay-pane path')).toHaveCount(1);
    await expect.poll(() => markerTotal(page)).toBe(located.length);
  });
}

test('amap: markers are converted to GCJ-02 and land on the pixel of their converted twin', async ({
  page,
}) => {
  await configureBase(page, { base: 'amap' });
  await serveBlankTiles(page);
  const f = located[0]!;
  const twin = refWgsToGcj(f.lngLat!); // the published formula, not the site's conversion
  await page.goto(`/map/?q=${encodeURIComponent(f.name)}`);
  await waitForMap(page);
  await page.locator('facility-map').evaluate((el, [lng, lat]) => {
    (
      el as unknown as { leafletMap: { setView(p: [number, number], z: number, o: object): void } }
    ).leafletMap.setView([lat!, lng!], 17, { animate: false });
  }, twin);
  await expect(marker(page, f.id)).toBeVisible();
  const atTwin = await pixels(page, f.id, twin);
  expect(Math.abs(atTwin.marker.x - atTwin.point.x)).toBeLessThanOrEqual(1.5);
  expect(Math.abs(atTwin.marker.y - atTwin.point.y)).toBeLessThanOrEqual(1.5);
  // The unconverted WGS-84 point is hundreds of metres away: far off at zoom 17.
  const atRaw = await pixels(page, f.id, f.lngLat!);
  expect(Math.hypot(atRaw.marker.x - atRaw.point.x, atRaw.marker.y - atRaw.point.y)).toBeGreaterThan(100);
});

test('osm: markers stay WGS-84 and land on their own point', async ({ page }) => {
  await configureBase(page, { base: 'osm' });
  await serveBlankTiles(page);
  const f = located[0]!;
  await page.goto(`/map/?q=${encodeURIComponent(f.name)}`);
  await waitForMap(page);
  await page.locator('facility-map').evaluate((el, [lng, lat]) => {
    (
      el as unknown as { leafletMap: { setView(p: [number, number], z: number, o: object): void } }
    ).leafletMap.setView([lat!, lng!], 17, { animate: false });
  }, f.lngLat!);
  await expect(marker(page, f.id)).toBeVisible();
  const at = await pixels(page, f.id, f.lngLat!);
  expect(Math.hypot(at.marker.x - at.point.x, at.marker.y - at.point.y)).toBeLessThanOrEqual(1.5);
});

test('tiles blocked: outline and markers still show, and the only errors are the blocked tiles', async ({
  page,
  guards,
}) => {
  await configureBase(page, { base: 'osm' });
  await page.goto('/map/');
  await waitForMap(page);
  await expect(page.locator('.leaflet-overlay-pane path')).toHaveCount(1);
  await expect.poll(() => markerTotal(page)).toBe(located.length);
  await expect.poll(() => guards.external.length).toBeGreaterThan(0);
  await page.waitForLoadState('networkidle');
  // Expected here: the fixture blocked tile requests, and Chromium logs each failed load. Nothing else may appear.
  expect(guards.external.filter((u) => !TILE_HOSTS.test(new URL(u).hostname))).toEqual([]);
  expect(
    guards.consoleErrors.filter((m) => !/^Failed to load resource: net::ERR_BLOCKED_BY_CLIENT/.test(m)),
  ).toEqual([]);
  guards.external.length = 0;
  guards.consoleErrors.length = 0;
});
