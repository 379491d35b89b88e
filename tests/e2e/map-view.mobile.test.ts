/**
 * The map page on a 360 × 740 phone, in normal and large text: the map is in the first screen and loads without
 * any scrolling; the view (centre and zoom) is kept in the URL, so Back from a facility returns to it; the zoom
 * buttons sit off the pins.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { zoomOf } from './map-helpers.ts';
import { facilities } from './data.ts';

test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: 'zh-CN' });

const ready = (page: Page) =>
  expect(page.locator('facility-map')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });

const centre = (page: Page) =>
  page
    .locator('facility-map')
    .evaluate((el) =>
      (el as unknown as { leafletMap: { getCenter(): { lat: number; lng: number } } }).leafletMap.getCenter(),
    );

/** Rectangles of the zoom buttons and of every pin or cluster drawn inside the map's visible area. */
function overlaps(page: Page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-canvas]')!.getBoundingClientRect();
    const zoom = document.querySelector('.leaflet-control-zoom')!.getBoundingClientRect();
    const hit = (a: DOMRect, b: DOMRect) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const pins = [...document.querySelectorAll('.leaflet-marker-icon')]
      .map((m) => m.getBoundingClientRect())
      .filter((r) => hit(r, canvas));
    return { pins: pins.length, covered: pins.filter((r) => hit(r, zoom)).length };
  });
}

for (const mode of ['normal', 'large'] as const) {
  test.describe(`${mode} text`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((m) => localStorage.setItem('tuoyu.text', m), mode);
    });

    test('the map is in the first screen and loads without scrolling', async ({ page }) => {
      await page.goto('/map/');
      await expect(page.locator('html')).toHaveAttribute('data-text', mode);
      await ready(page);
      expect(await page.evaluate(() => scrollY), 'nobody scrolled').toBe(0);
      const box = (await page.locator('[data-canvas]').boundingBox())!;
      // At least 40 % of the screen is map, from the first screen on.
      const shown = Math.min(box.y + box.height, 740) - box.y;
      expect(shown, `map top at ${Math.round(box.y)} px`).toBeGreaterThanOrEqual(740 * 0.4);
      await expect(page.locator('.leaflet-container')).toBeInViewport();
      await expect(page.getByText('地图加载中……')).toHaveCount(0);
    });

    test('the zoom buttons sit off the pins, at the district view and filtered', async ({ page }) => {
      await page.goto('/map/');
      await ready(page);
      let o = await overlaps(page);
      expect(o.pins).toBeGreaterThan(0);
      expect(o.covered, 'pins under the zoom buttons').toBe(0);
      await page.goto('/map/?type=kindergarten_class');
      await ready(page);
      await page.waitForTimeout(500); // the fit to the filtered pins
      o = await overlaps(page);
      expect(o.pins).toBeGreaterThan(0);
      expect(o.covered, 'pins under the zoom buttons').toBe(0);
    });

    test('centre and zoom are kept in the URL: Back from a facility returns to them', async ({ page }) => {
      await page.goto('/map/?inclusive=1');
      await ready(page);
      // The view settles on what the filter shows (and the URL says so) before the visitor zooms.
      await expect.poll(() => new URL(page.url()).hash).toMatch(/^#map=\d+\//);
      await page.waitForTimeout(600);
      const start = await zoomOf(page);
      for (let n = 0; n < 2; n++) {
        await page.locator('.leaflet-control-zoom-in').tap();
        await page.waitForTimeout(800); // the zoom animation
      }
      const zoom = await zoomOf(page);
      expect(zoom, 'zoomed in').toBeGreaterThan(start);
      await expect.poll(() => new URL(page.url()).hash).toMatch(new RegExp(`^#map=${zoom}/`));
      const before = await centre(page);
      expect(new URL(page.url()).searchParams.get('inclusive'), 'the filters stay too').toBe('1');
      // Away to a facility, then Back.
      await page.goto(`/facilities/${facilities[0]!.id}/`);
      await page.goBack();
      await ready(page);
      expect(await zoomOf(page)).toBe(zoom);
      const after = await centre(page);
      // The URL keeps 5 decimals (about 1 m): the same place.
      expect(Math.abs(after.lat - before.lat)).toBeLessThan(1e-3);
      expect(Math.abs(after.lng - before.lng)).toBeLessThan(1e-3);
      await expect(page.getByLabel('只看普惠机构')).toBeChecked();
    });
  });
}
