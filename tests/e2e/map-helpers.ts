/**
 * Helpers for the map's browser tests (not a test file): the map data as built into dist/, expected markers for
 * a filter (from the YAML records, independent of the site's filter code), UI strings, and readers for what the map shows.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page, type Route } from '@playwright/test';
import { zhCN } from '../../src/lib/i18n/zh-CN.ts';
import { en } from '../../src/lib/i18n/en.ts';
import type { MapData, MapFacility } from '../../src/lib/map/types.ts';
import { byId } from './data.ts';
import { baseSpec } from '../../src/lib/map/base-layers.ts';
import { tileOrigins } from '../../src/lib/security/csp.ts';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export const mapFacilities: MapFacility[] = (
  JSON.parse(readFileSync(`${DIST}data/map-facilities.json`, 'utf8')) as MapData
).facilities;
export const located = mapFacilities.filter((f) => f.lngLat);

type Key = keyof typeof zhCN;
export function t(
  key: Key,
  vars: Record<string, string | number> = {},
  locale: 'zh-CN' | 'en' = 'zh-CN',
): string {
  const dict: Record<Key, string> = locale === 'en' ? en : zhCN;
  return dict[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/**
 * Facilities a query string selects, split into those on the map and those listed under it. Decided here from each
 * facility's YAML record, as the filters are documented (docs/architecture.md), not through the site's filter code:
 * every word of `q` in the name, English name or address (ignoring case); `type`, `township`, `level` equal; `age`
 * (months) within the age range; `form` among the care forms; `inclusive=1` only inclusive ones.
 */
export function expected(query: string) {
  const p = new URLSearchParams(query);
  const words = (p.get('q') ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  const age = p.get('age');
  const selects = (f: MapFacility) => {
    const r = byId(f.id);
    const text = [r.name, r.name_en ?? '', r.address ?? ''].join(' ').toLowerCase();
    return (
      words.every((w) => text.includes(w)) &&
      (!p.get('type') || r.type === p.get('type')) &&
      (!p.get('township') || r.township === p.get('township')) &&
      (age === null ||
        (r.ages !== undefined && r.ages.min_months <= Number(age) && Number(age) <= r.ages.max_months)) &&
      (!p.get('form') || (r.care_forms ?? []).includes(p.get('form')!)) &&
      (p.get('inclusive') !== '1' || r.inclusive) &&
      (!p.get('level') || r.demonstration?.level === p.get('level'))
    );
  };
  const all = mapFacilities.filter(selects);
  return {
    onMap: all.filter((f) => byId(f.id).location),
    unlocated: all.filter((f) => !byId(f.id).location),
  };
}

/** Scrolls the map into view (it loads only when near the viewport) and waits until its markers are drawn. */
/** The map's status line for a number of facilities on and off the map. */
export function statusText(onMap: number, unlocated: number, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return unlocated
    ? t('map.status', { shown: onMap, missing: unlocated }, locale)
    : t('map.statusAll', { shown: onMap }, locale);
}

export async function waitForMap(page: Page) {
  await page.locator('[data-canvas]').scrollIntoViewIfNeeded();
  await expect(page.locator('facility-map')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
}

/** Markers shown, counting each cluster as its number: single markers + the sum of the clusters' counts. */
export function markerTotal(page: Page): Promise<number> {
  return page.locator('.leaflet-marker-pane').evaluate((pane) => {
    const singles = pane.querySelectorAll('.fm-marker').length;
    const clustered = [...pane.querySelectorAll<HTMLElement>('.fm-cluster [data-count]')].reduce(
      (n, el) => n + Number(el.dataset.count),
      0,
    );
    return singles + clustered;
  });
}

/** ids of the single (unclustered) markers on screen. */
export function singleIds(page: Page, cls = ''): Promise<string[]> {
  return page
    .locator('.leaflet-marker-pane')
    .evaluate(
      (pane, c) =>
        [...pane.querySelectorAll<HTMLElement>(`.fm-marker${c} [data-fid]`)]
          .map((el) => el.dataset.fid!)
          .sort(),
      cls,
    );
}

/** The Leaflet map's zoom level (the element keeps its map as `leafletMap`). */
export function zoomOf(page: Page): Promise<number> {
  return page
    .locator('facility-map')
    .evaluate((el) => (el as unknown as { leafletMap: { getZoom(): number } }).leafletMap.getZoom());
}

export const marker = (page: Page, id: string) =>
  page.locator(`.leaflet-marker-icon.fm-marker:has([data-fid="${id}"])`);

/** A 1×1 transparent PNG: what the local tile route serves. */
export const BLANK_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const TILE_HOSTS = /(^|\.)(tile\.openstreetmap\.org|tianditu\.gov\.cn|is\.autonavi\.com)$/;

/**
 * Serves the map page with another base-map configuration, as a build with PUBLIC_MAP_BASE etc. would render it
 * (the values only land in <facility-map data-*>), so one dist/ can test every base.
 */
export async function configureBase(page: Page, attrs: Record<string, string>) {
  await page.route(
    (url) => /^(\/en)?\/map\/$/.test(url.pathname),
    async (route: Route) => {
      const response = await route.fetch();
      const extra = Object.entries(attrs)
        .map(([k, v]) => ` data-${k}="${v}"`)
        .join('');
      // As a build with that base renders it: the map's attributes, and its tile hosts in the page's CSP img-src.
      const origins = tileOrigins(baseSpec(attrs.base, attrs['tianditu-key'])).join(' ');
      const body = (await response.text())
        .replace(/ data-base="none"/, extra)
        .replace("img-src 'self' data:", `img-src 'self' data: ${origins}`);
      await route.fulfill({ response, body });
    },
  );
}

/** Tiles from the configured provider answered locally with a blank PNG (before the fixture's catch-all). */
export async function serveBlankTiles(page: Page): Promise<string[]> {
  const served: string[] = [];
  await page.route(
    (url) => TILE_HOSTS.test(url.hostname),
    (route) => {
      served.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: BLANK_PNG });
    },
  );
  return served;
}
