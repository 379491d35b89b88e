import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { facilities, haversineKm, openMoreFilters, searchText, townshipName, tr, visibleIds, zh, type Rec } from './data.ts';

test.describe.configure({ mode: 'parallel' });

const total = facilities.length;
const allIds = facilities.map((f) => f.id);
const countText = (shown: number) => zh('list.count', { shown, total });
const idsWhere = (pred: (f: Rec) => boolean) => facilities.filter(pred).map((f) => f.id);
const query = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

/** The most common township, so the filter has several matches. */
const township = [...new Set(facilities.map((f) => f.township))].sort(
  (a, b) => idsWhere((f) => f.township === b).length - idsWhere((f) => f.township === a).length,
)[0]!;

interface Case {
  name: string;
  apply: (page: Page) => Promise<unknown>;
  params: Record<string, string>;
  pred: (f: Rec) => boolean;
}
const select = (label: string, value: string | { label: string }) => (page: Page) => page.getByLabel(label, { exact: true }).selectOption(value);
const cases: Case[] = [
  { name: 'type', apply: select(zh('list.filter.type'), 'kindergarten_class'), params: { type: 'kindergarten_class' }, pred: (f) => f.type === 'kindergarten_class' },
  { name: 'hospital type', apply: select(zh('list.filter.type'), { label: zh('type.hospital_site') }), params: { type: 'hospital_site' }, pred: (f) => f.type === 'hospital_site' },
  { name: 'township', apply: select(zh('list.filter.township'), { label: townshipName(township, 'zh-CN') }), params: { township }, pred: (f) => f.township === township },
  {
    name: 'age in months',
    apply: (page) => page.getByLabel(zh('list.filter.age')).fill('15'),
    params: { age: '15' },
    pred: (f) => !!f.ages && f.ages.min_months <= 15 && 15 <= f.ages.max_months, // unknown ages match no age
  },
  { name: 'care form', apply: select(zh('list.filter.careForm'), { label: zh('careForm.hourly') }), params: { form: 'hourly' }, pred: (f) => !!f.care_forms?.includes('hourly') },
  { name: '普惠 only', apply: (page) => page.getByLabel(zh('list.filter.inclusive')).check(), params: { inclusive: '1' }, pred: (f) => f.inclusive === true },
  { name: 'demonstration level', apply: select(zh('list.filter.demonstration'), { label: zh('demo.level.city') }), params: { level: 'city' }, pred: (f) => f.demonstration?.level === 'city' },
  { name: 'text search (Chinese)', apply: (page) => page.getByLabel(zh('list.filter.q')).fill('秋浦'), params: { q: '秋浦' }, pred: (f) => searchText(f).includes('秋浦') },
  {
    name: 'text search (English, any case, two words)',
    apply: (page) => page.getByLabel(zh('list.filter.q')).fill('RAINBOW example'),
    params: { q: 'RAINBOW example' },
    pred: (f) => searchText(f).includes('rainbow') && searchText(f).includes('example'),
  },
];

test('the list shows every facility, in name order, with the count', async ({ page }) => {
  await page.goto('/facilities/');
  await expect(page.locator('#facility-list').getByRole('heading', { level: 2 })).toHaveText(facilities.map((f) => f.name));
  expect(await visibleIds(page)).toEqual(allIds);
  await expect(page.getByRole('status')).toHaveText(countText(total));
  await expect(page.getByText(zh('list.empty'))).toBeHidden();
});

for (const c of cases) {
  test(`filter: ${c.name} narrows the list and the URL keeps it`, async ({ page }) => {
    const expected = idsWhere(c.pred);
    expect(expected.length, 'the case should narrow the list to a non-empty set').toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(total);
    await page.goto('/facilities/');
    await openMoreFilters(page);
    await c.apply(page);
    await expect.poll(() => visibleIds(page)).toEqual(expected);
    await expect(page.getByRole('status')).toHaveText(countText(expected.length));
    expect(query(page)).toEqual(c.params);
    // Shared link: a fresh page with the same URL restores the list.
    const shared = await page.context().newPage();
    await shared.goto(page.url());
    await expect.poll(() => visibleIds(shared)).toEqual(expected);
    await expect(shared.getByRole('status')).toHaveText(countText(expected.length));
  });
}

test('a shared link restores the form and the filtered list; clear filters shows all again', async ({ page }) => {
  const pred = (f: Rec) => f.type === 'childcare_center' && !!f.care_forms?.includes('half_day') && !!f.ages && f.ages.min_months <= 24 && f.ages.max_months >= 24 && f.inclusive === true;
  const expected = idsWhere(pred);
  expect(expected.length).toBeGreaterThan(0);
  await page.goto('/facilities/?type=childcare_center&form=half_day&age=24&inclusive=1');
  await expect(page.getByLabel(zh('list.filter.type'), { exact: true })).toHaveValue('childcare_center');
  await expect(page.getByLabel(zh('list.filter.careForm'), { exact: true })).toHaveValue('half_day');
  await expect(page.getByLabel(zh('list.filter.age'))).toHaveValue('24');
  await expect(page.getByLabel(zh('list.filter.inclusive'))).toBeChecked();
  // The extra filters are open, since the link uses them.
  await expect(page.getByLabel(zh('list.filter.type'), { exact: true })).toBeVisible();
  await expect.poll(() => visibleIds(page)).toEqual(expected);
  await expect(page.getByRole('status')).toHaveText(countText(expected.length));

  await page.getByRole('button', { name: zh('list.filter.reset') }).click();
  await expect.poll(() => visibleIds(page)).toEqual(allIds);
  await expect(page.getByRole('status')).toHaveText(countText(total));
  await expect(page.getByLabel(zh('list.filter.type'), { exact: true })).toHaveValue('');
  await expect(page.getByLabel(zh('list.filter.inclusive'))).not.toBeChecked();
  await expect.poll(() => new URL(page.url()).search).toBe('');
});

test('a text search restores from the URL; malformed values are ignored', async ({ page }) => {
  await page.goto('/facilities/?q=%E7%A7%8B%E6%B5%A6&age=abc&type=nope&township=1');
  await expect(page.getByLabel(zh('list.filter.q'))).toHaveValue('秋浦');
  await expect(page.getByLabel(zh('list.filter.age'))).toHaveValue('');
  await expect.poll(() => visibleIds(page)).toEqual(idsWhere((f) => searchText(f).includes('秋浦')));
  await expect.poll(() => query(page)).toEqual({ q: '秋浦' });
});

test('no match shows the empty-result message and a zero count', async ({ page }) => {
  await page.goto('/facilities/');
  await page.getByLabel(zh('list.filter.q')).fill('没有这样的机构zzz');
  await expect(page.getByText(zh('list.empty'))).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(countText(0));
  expect(await visibleIds(page)).toEqual([]);
  await page.getByLabel(zh('list.filter.q')).fill('');
  await expect(page.getByText(zh('list.empty'))).toBeHidden();
  await expect.poll(() => visibleIds(page)).toEqual(allIds);
});

test('sort by distance orders cards nearest first, unmapped last, with "距您约 X 公里"', async ({ page, context }) => {
  const here: [number, number] = [117.52, 30.62]; // WGS-84 [lng, lat], south-east of the centre
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ longitude: here[0], latitude: here[1] });
  const km = (f: Rec) => (f.location ? haversineKm(here, [f.location.lng, f.location.lat]) : Infinity);
  const located = facilities.filter((f) => f.location);
  const unmapped = facilities.filter((f) => !f.location).map((f) => f.id);
  expect(unmapped.length, 'the data should include unmapped facilities').toBeGreaterThan(0);

  await page.goto('/facilities/');
  await openMoreFilters(page);
  await page.getByLabel(zh('list.sort'), { exact: true }).selectOption('distance');
  await expect(page.locator('[data-distance]:visible').first()).toBeVisible();
  const ids = await visibleIds(page);
  expect(new Set(ids)).toEqual(new Set(allIds));
  expect(ids.slice(-unmapped.length), 'unmapped facilities come last, in name order').toEqual(unmapped);
  const distances = ids.slice(0, located.length).map((id) => km(facilities.find((f) => f.id === id)!));
  distances.forEach((d, i) => i && expect(d, `card ${i + 1} (${ids[i]}) is not nearer than the one before`).toBeGreaterThanOrEqual(distances[i - 1]! - 1e-9));
  expect(ids[0]).toBe([...located].sort((a, b) => km(a) - km(b))[0]!.id);
  expect(query(page)).toEqual({ sort: 'distance' });
  await expect(page.getByRole('alert')).toBeHidden();

  const pattern = new RegExp(`^${zh('list.distance', { km: 'KM' }).replace('KM', '(\\d+\\.\\d)')}$`);
  for (const id of ids) {
    const text = page.locator(`#facility-list > li[data-id="${id}"] [data-distance]`);
    const f = facilities.find((r) => r.id === id)!;
    if (!f.location) {
      await expect(text).toBeHidden();
      continue;
    }
    const m = pattern.exec((await text.innerText()).trim());
    expect(m, `distance text of ${id}`).not.toBeNull();
    expect(Math.abs(Number(m![1]) - km(f))).toBeLessThanOrEqual(0.051);
  }

  // Filtering keeps the distance order.
  await page.getByLabel(zh('list.filter.inclusive')).check();
  const inclusive = ids.filter((id) => facilities.find((f) => f.id === id)!.inclusive);
  await expect.poll(() => visibleIds(page)).toEqual(inclusive);
  expect(query(page)).toEqual({ inclusive: '1', sort: 'distance' });
});

test('denied geolocation shows a polite alert and keeps name order', async ({ page }) => {
  await page.goto('/facilities/');
  await openMoreFilters(page);
  const sort = page.getByLabel(zh('list.sort'), { exact: true });
  await sort.selectOption('distance');
  await expect(page.getByRole('alert')).toHaveText(zh('list.sort.denied'));
  await expect(sort).toHaveValue('name');
  expect(await visibleIds(page)).toEqual(allIds);
  await expect(page.locator('[data-distance]:visible')).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).search).toBe('');
  await expect(page.getByRole('status')).toHaveText(countText(total));
});

test('the English list filters the same way and words the count in English', async ({ page }) => {
  const expected = idsWhere((f) => f.demonstration?.level === 'city');
  await page.goto('/en/facilities/?level=city');
  await expect(page.getByLabel(tr('en', 'list.filter.demonstration'), { exact: true })).toHaveValue('city');
  await expect.poll(() => visibleIds(page)).toEqual(expected);
  await expect(page.getByRole('status')).toHaveText(tr('en', 'list.count', { shown: expected.length, total }));
  const first = facilities.find((f) => f.id === expected[0])!;
  await expect(page.getByRole('link', { name: first.name_en ?? first.name, exact: true })).toHaveAttribute('href', `/en/facilities/${first.id}/`);
});
