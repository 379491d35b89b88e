/**
 * The map page in the default configuration (no base tiles: nothing may leave 127.0.0.1): clusters and counts
 * match the data, filters move markers and the URL, popups open by click and by keyboard, unlocated facilities
 * are listed, and the pre-filtered views linked from other pages.
 */
import { test, expect } from './fixtures.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseFilter, closeSheet, DIST, filterField, openMenu } from './data.ts';
import {
  expected,
  located,
  mapFacilities,
  marker,
  markerTotal,
  singleIds,
  statusText,
  t,
  waitForMap,
  zoomOf,
} from './map-helpers.ts';

test.describe.configure({ mode: 'parallel' });

/** A located facility whose name is unique enough to filter the map down to it alone. */
const solo = located.find((f) => expected(`q=${encodeURIComponent(f.name)}`).onMap.length === 1)!;

test('every located facility is on the map, clustered; counts match the data', async ({ page }) => {
  await page.goto('/map/');
  await waitForMap(page);
  const { onMap, unlocated } = expected('');
  expect(onMap.length).toBe(located.length);
  await expect.poll(() => markerTotal(page)).toBe(onMap.length);
  await expect(page.locator('.fm-cluster').first()).toBeVisible(); // the demo data is dense enough to cluster
  await expect(page.locator('[data-map-status]')).toHaveText(statusText(onMap.length, unlocated.length));
  await expect(page.locator('.leaflet-overlay-pane path')).toHaveCount(1); // the district outline
});

test('a cluster zooms in when clicked', async ({ page }) => {
  await page.goto('/map/');
  await waitForMap(page);
  const before = await zoomOf(page);
  await page.locator('.fm-cluster').first().click();
  await expect.poll(() => zoomOf(page)).toBeGreaterThan(before);
});

for (const query of ['type=kindergarten_class', 'inclusive=1', 'level=city', 'age=30&form=half_day']) {
  test(`filters change the markers and the URL: ${query}`, async ({ page }) => {
    await page.goto('/map/');
    await waitForMap(page);
    const params = new URLSearchParams(query);
    const field = async (label: string) => {
      await closeSheet(page);
      return filterField(page, label);
    };
    if (params.get('type')) await chooseFilter(page, t('list.filter.type'), params.get('type')!);
    if (params.get('inclusive')) await (await field(t('list.filter.inclusive'))).check();
    if (params.get('level')) await chooseFilter(page, t('list.filter.demonstration'), params.get('level')!);
    if (params.get('age')) await chooseFilter(page, t('list.filter.age'), params.get('age')!);
    if (params.get('form')) await chooseFilter(page, t('list.filter.careForm'), params.get('form')!);
    await closeSheet(page);
    const { onMap, unlocated } = expected(query);
    expect(onMap.length).toBeLessThan(located.length);
    await expect.poll(() => markerTotal(page)).toBe(onMap.length);
    await expect(page.locator('[data-map-status]')).toHaveText(statusText(onMap.length, unlocated.length));
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual(Object.fromEntries(params));
    // The same link restores the same map, and the list link keeps the filters.
    const shared = await page.context().newPage();
    await shared.goto(page.url());
    await waitForMap(shared);
    await expect.poll(() => markerTotal(shared)).toBe(onMap.length);
    expect(
      new URL((await shared.locator('a[data-keep-query]').first().getAttribute('href'))!, page.url()).search,
    ).toBe(new URL(page.url()).search);
  });
}

test('a popup opens by click with name, type, ages, places and links', async ({ page }) => {
  await page.goto(`/map/?q=${encodeURIComponent(solo.name)}`);
  await waitForMap(page);
  await expect.poll(() => singleIds(page)).toEqual([solo.id]);
  await marker(page, solo.id).click();
  const popup = page.locator('.leaflet-popup, .fm-popup-sheet');
  await expect(popup).toBeVisible();
  await expect(popup.getByRole('link', { name: solo.name })).toHaveAttribute('href', solo.paths['zh-CN']);
  await expect(popup).toContainText(t(`type.${solo.type}`));
  await expect(popup).toContainText(
    t('map.popup.ages', { value: t('common.monthsRange', { min: solo.ages![0], max: solo.ages![1] }) }),
  );
  await expect(popup).toContainText(
    t('map.popup.places', { value: solo.places === null ? t('common.notProvided') : String(solo.places) }),
  );
  // The same links as the facility's detail page (their URLs are checked against fixtures in tests/unit/coords.test.ts).
  const detail = readFileSync(join(DIST, solo.paths['zh-CN'], 'index.html'), 'utf8');
  for (const app of ['amap', 'baidu', 'tencent'] as const) {
    const href = detail
      .match(new RegExp(`<a [^>]*href="([^"]+)"[^>]*>${t(`detail.${app}`)}</a>`))?.[1]
      ?.replace(/&amp;/g, '&');
    expect(href, `the detail page's ${app} link`).toMatch(/^https:\/\//);
    await expect(popup.getByRole('link', { name: t(`detail.${app}`) })).toHaveAttribute('href', href!);
  }
  await popup.getByRole('button', { name: t('map.popup.close') }).click();
  await expect(popup).toHaveCount(0);
});

test('markers are focusable buttons with a label; Enter opens the popup, Escape returns to the marker', async ({
  page,
}) => {
  await page.goto(`/en/map/?q=${encodeURIComponent(solo.name)}`);
  await waitForMap(page);
  const m = marker(page, solo.id);
  await expect(m).toHaveAttribute('role', 'button');
  await expect(m).toHaveAttribute('tabindex', '0');
  await expect(m).toHaveAccessibleName(
    new RegExp(
      `^${(solo.nameEn ?? solo.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, ${t(`type.${solo.type}`, {}, 'en')}`,
    ),
  );
  // Keyboard path: the map, then its marker.
  await page.locator('[data-canvas]').focus();
  await page.keyboard.press('Tab');
  await expect(m).toBeFocused();
  await page.keyboard.press('Enter');
  const popup = page.locator('.leaflet-popup, .fm-popup-sheet');
  await expect(popup.getByRole('link', { name: solo.nameEn ?? solo.name })).toBeFocused();
  expect(new URL(page.url()).pathname).toBe('/en/map/'); // Enter did not follow the link
  // Right under the name: one tap to call (the facility has no number of its own: 12345) and one to route.
  await page.keyboard.press('Tab');
  const call = popup.locator('a[href^="tel:"]');
  await expect(call).toBeFocused();
  await expect(call).toHaveAttribute(
    'href',
    solo.phone ? `tel:${solo.phone.replace(/[^\d+]/g, '')}` : 'tel:12345',
  );
  await page.keyboard.press('Tab');
  await expect(popup.getByRole('link', { name: t('act.navigate', {}, 'en'), exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(popup.getByRole('link', { name: t('detail.amap', {}, 'en') })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(popup).toHaveCount(0);
  await expect(m).toBeFocused();
  await page.keyboard.press(' ');
  await expect(popup).toBeVisible();
});

test('facilities without a position are listed under the map with a note', async ({ page }) => {
  await page.goto('/map/');
  await waitForMap(page);
  const { unlocated } = expected('');
  expect(unlocated.length).toBeGreaterThan(0);
  const section = page.locator('[data-unlocated]');
  await expect(section.getByRole('heading', { name: t('map.unlocated.heading') })).toBeVisible();
  await expect(section.getByText(t('map.unlocated.note'))).toBeVisible();
  await expect(section.locator('li:visible')).toHaveCount(unlocated.length);
  for (const f of unlocated)
    await expect(section.getByRole('link', { name: f.name })).toHaveAttribute('href', f.paths['zh-CN']);
});

test('hospital sites page links to the hospital map view only when a site has a position, else says they are being verified', async ({
  page,
}) => {
  const sites = mapFacilities.filter((f) => f.type === 'hospital_site');
  await page.goto('/hospital-sites/');
  if (!sites.some((f) => f.lngLat)) {
    await expect(page.getByRole('link', { name: t('map.hospitalLink') })).toHaveCount(0);
    await expect(page.getByText(t('hospital.positionsPending'))).toBeVisible();
    return;
  }
  await page.getByRole('link', { name: t('map.hospitalLink') }).click();
  await expect(page).toHaveURL(/\/map\/\?type=hospital_site$/);
  await waitForMap(page);
  const { onMap, unlocated } = expected('type=hospital_site');
  expect(onMap.length + unlocated.length).toBe(sites.length);
  await expect.poll(() => markerTotal(page)).toBe(onMap.length);
  await expect(page.locator('[data-unlocated] li:visible')).toHaveCount(unlocated.length);
});

test('the view follows the filters; names show under pins at close zoom; the credit is in the page language', async ({
  page,
}) => {
  await page.goto('/map/');
  await waitForMap(page);
  const before = await zoomOf(page);
  await expect(page.locator('.fm-labels'), 'no names at district zoom').toHaveCount(0);
  // One township's facilities lie close together: the map zooms in on them.
  const township = located.find((f) => f.type === 'kindergarten_class')!.township;
  await chooseFilter(page, t('list.filter.township'), township);
  await expect.poll(() => zoomOf(page), 'fitted to the township').toBeGreaterThan(before);
  await expect(page.locator('.leaflet-control-attribution')).toContainText(t('map.attribution.engine'));
  const kindergarten = located.find((f) => f.type === 'kindergarten_class')!;
  await expect(async () => {
    await page.evaluate(([lng, lat]) => {
      const map = (
        document.querySelector('facility-map') as unknown as {
          leafletMap: { setView(c: unknown, z: number, o: unknown): void };
        }
      ).leafletMap;
      map.setView([lat, lng], 18, { animate: false }); // no tiles: the map is in WGS-84
    }, kindergarten.lngLat!);
    await expect(page.locator('.fm-labels')).toHaveCount(1, { timeout: 1000 });
  }).toPass();
  await expect(page.locator('.fm-label:visible').first()).toBeVisible();
});

test('"在地图上查看" from a detail page opens that facility on the map', async ({ page }) => {
  await page.goto(`/facilities/${solo.id}/`);
  await page.getByRole('link', { name: t('detail.viewOnMap') }).click();
  await expect(page).toHaveURL(new RegExp(`/map/#f=${solo.id}$`));
  await waitForMap(page);
  const popup = page.locator('.leaflet-popup, .fm-popup-sheet');
  await expect(popup.getByRole('link', { name: solo.name })).toBeVisible();
  // Moving the map closes it.
  await page.getByRole('button', { name: t('map.zoomOut') }).click();
  await expect(popup).toHaveCount(0);
});

test('demonstration page links to a map view per level', async ({ page }) => {
  await page.goto('/en/demonstration/');
  const level = 'province';
  await page
    .getByRole('link', { name: t('map.levelLink', { level: t(`demo.level.${level}`, {}, 'en') }, 'en') })
    .click();
  await expect(page).toHaveURL(new RegExp(`/en/map/\\?level=${level}$`));
  await waitForMap(page);
  const { onMap } = expected(`level=${level}`);
  expect(onMap.length).toBeGreaterThan(0);
  await expect.poll(() => markerTotal(page)).toBe(onMap.length);
});

test('the list page loads no map code; its 地图 chip opens the map with the same filters', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  await page.goto('/facilities/?type=childcare_center');
  await page.waitForLoadState('networkidle');
  expect(
    scripts.filter((s) => /leaflet|mount|FacilityMap/.test(s)),
    'no map code on the list page',
  ).toEqual([]);
  await page
    .locator('.chip-bar')
    .getByRole('link', { name: t('list.chip.map') })
    .click();
  await expect(page).toHaveURL(/\/map\/\?type=childcare_center$/);
  await waitForMap(page);
  await expect.poll(() => markerTotal(page)).toBe(expected('type=childcare_center').onMap.length);
});

test('site navigation links to the map', async ({ page }) => {
  await page.goto('/');
  await openMenu(page);
  await page
    .getByRole('navigation')
    .getByRole('link', { name: t('nav.map') })
    .click();
  await expect(page).toHaveURL(/\/map\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('map.title'));
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the map page says the map needs JavaScript and lists every facility', async ({ page }) => {
    await page.goto('/map/');
    await expect(page.locator('[data-canvas] noscript > p')).toHaveText(t('map.noJs'));
    await expect(page.getByText(t('map.loading'))).toBeHidden();
    await expect(page.getByRole('button', { name: t('map.near.button') })).toBeHidden();
    await expect(page.locator('#facility-list > li')).toHaveCount(mapFacilities.length);
    for (const li of await page.locator('#facility-list > li').all()) await expect(li).toBeVisible();
    await expect(page.getByText(t('map.legend'), { exact: true })).toBeVisible();
  });
});
