/**
 * "Near me" with a mocked position: the facilities within 1 / 3 / 5 km are listed nearest first, ringed on the
 * map and given a distance in their popup; a refused or missing geolocation gives a polite message, no error.
 */
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { expected, located, marker, singleIds, t, waitForMap } from './map-helpers.ts';
import { refDistanceKm as distanceKm } from '../support/geo-reference.ts';
import type { MapFacility } from '../../src/lib/map/types.ts';

test.describe.configure({ mode: 'parallel' });

/** The located facility with the most neighbours within 3 km: a position next to it makes a useful case. */
const centre = [...located].sort((a, b) => within(b, 3).length - within(a, 3).length)[0]!;
const here: [number, number] = [centre.lngLat![0] + 0.001, centre.lngLat![1] + 0.0005];
function within(f: MapFacility, km: number, from = f.lngLat!) {
  return located.filter((g) => distanceKm(from, g.lngLat!) <= km);
}
/** What the list should say, nearest first (ties keep the data order). */
const nearest = (km: number, list: MapFacility[] = located) =>
  list
    .map((f, i) => ({ f, i, d: distanceKm(here, f.lngLat!) }))
    .filter((x) => x.d <= km)
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.f.id);

const nearList = (page: Page) =>
  page.locator('[data-near-list] > li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id));

test.describe('with a position', () => {
  test.use({ geolocation: { longitude: here[0], latitude: here[1] }, permissions: ['geolocation'] });

  test('lists, rings and measures the facilities within the chosen distance', async ({ page }) => {
    expect(nearest(3).length, 'the case has several neighbours').toBeGreaterThan(2);
    expect(nearest(1).length).toBeLessThan(nearest(5).length);
    await page.goto('/map/');
    await waitForMap(page);
    await page.getByRole('button', { name: t('map.near.button') }).click();
    await expect(page.locator('[data-near-status]')).toHaveText(
      t('map.near.found', { n: nearest(3).length, radius: 3 }),
    );
    expect(await nearList(page)).toEqual(nearest(3));
    await expect(page.locator('.fm-me')).toHaveCount(2); // legend key + the marker on the map
    // Rings: every single marker shown is ringed exactly when it is within 3 km.
    const ringed = await singleIds(page, '.fm-near');
    const plain = await singleIds(page, ':not(.fm-near)');
    expect(ringed.every((id) => nearest(3).includes(id))).toBe(true);
    expect(plain.some((id) => nearest(3).includes(id))).toBe(false);
    expect(ringed.length + (await page.locator('.fm-cluster.fm-near').count())).toBeGreaterThan(0);

    for (const km of [1, 5]) {
      await page.getByLabel(t('map.near.radius')).selectOption(String(km));
      await expect.poll(() => nearList(page)).toEqual(nearest(km));
      await expect(page.locator('[data-near-status]')).toHaveText(
        t('map.near.found', { n: nearest(km).length, radius: km }),
      );
    }

    // A listed facility opens on the map with its distance.
    const first = located.find((f) => f.id === nearest(5)[0])!;
    await page.locator('[data-near-list]').getByRole('button', { name: first.name }).click();
    const popup = page.locator('.leaflet-popup, .fm-popup-sheet');
    await expect(popup.getByRole('link', { name: first.name })).toBeFocused();
    await expect(popup.locator('[data-distance]')).toHaveText(
      t('map.near.distance', { km: distanceKm(here, first.lngLat!).toFixed(1) }),
    );
    await expect(marker(page, first.id)).toHaveClass(/fm-near/);
  });

  test('follows the filters: only matching facilities are near', async ({ page }) => {
    const query = 'type=childcare_center';
    const want = nearest(5, expected(query).onMap);
    expect(want.length).toBeGreaterThan(0);
    await page.goto(`/map/?${query}`);
    await waitForMap(page);
    await page.getByLabel(t('map.near.radius')).selectOption('5');
    await page.getByRole('button', { name: t('map.near.button') }).click();
    await expect.poll(() => nearList(page)).toEqual(want);
  });
});

test('a refused position gives a polite message and the map keeps working', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.geolocation.getCurrentPosition = (_ok, fail) =>
      fail?.({
        code: 1,
        message: 'User denied Geolocation',
        PERMISSION_DENIED: 1,
        POSITION_UNAVAILABLE: 2,
        TIMEOUT: 3,
      } as GeolocationPositionError);
  });
  await page.goto('/map/');
  await waitForMap(page);
  await page.getByRole('button', { name: t('map.near.button') }).click();
  await expect(page.locator('[data-near-status]')).toHaveText(t('map.near.denied'));
  await expect(page.locator('[data-near-list]')).toBeHidden();
  await expect(page.locator('.fm-near')).toHaveCount(1); // only the legend's key
});

test('no permission from the browser: the same message', async ({ page, context }) => {
  await context.clearPermissions();
  await page.goto('/en/map/');
  await waitForMap(page);
  await page.getByRole('button', { name: t('map.near.button', {}, 'en') }).click();
  await expect(page.locator('[data-near-status]')).toHaveText(t('map.near.denied', {}, 'en'), {
    timeout: 20_000,
  });
});

test('a browser without geolocation: the same message, before the map has even loaded', async ({ page }) => {
  await page.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'geolocation', { get: () => undefined, configurable: true }),
  );
  await page.goto('/map/');
  await page.getByRole('button', { name: t('map.near.button') }).click();
  await expect(page.locator('[data-near-status]')).toHaveText(t('map.near.denied'));
});
