import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import {
  closeSheet,
  covers,
  facilities,
  chooseFilter,
  chosen,
  filterField,
  haversineKm,
  searchText,
  townshipName,
  tr,
  vacancyText,
  visibleIds,
  zh,
  type Rec,
} from './data.ts';
import { facilitiesLiveZhCN as live } from '../../src/lib/i18n/facilities-live/zh-CN.ts';

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
const select = (label: string, value: string | { label: string }) => (page: Page) =>
  chooseFilter(page, label, value);
const cases: Case[] = [
  {
    name: 'type',
    apply: select(zh('list.filter.type'), 'kindergarten_class'),
    params: { type: 'kindergarten_class' },
    pred: (f) => f.type === 'kindergarten_class',
  },
  {
    name: 'hospital type',
    apply: select(zh('list.filter.type'), { label: zh('type.hospital_site') }),
    params: { type: 'hospital_site' },
    pred: (f) => f.type === 'hospital_site',
  },
  {
    name: 'township',
    apply: select(zh('list.filter.township'), { label: townshipName(township, 'zh-CN') }),
    params: { township },
    pred: (f) => f.township === township,
  },
  {
    name: 'age in months',
    apply: select(zh('list.filter.age'), '15'),
    params: { age: '15' },
    pred: (f) => !!f.ages && covers(f, 15), // unknown ages match no age
  },
  {
    name: 'care form',
    apply: select(zh('list.filter.careForm'), { label: zh('careForm.hourly') }),
    params: { form: 'hourly' },
    pred: (f) => !!f.care_forms?.includes('hourly'),
  },
  {
    name: '普惠 only',
    apply: (page) => page.getByLabel(zh('list.filter.inclusive')).check(),
    params: { inclusive: '1' },
    pred: (f) => f.inclusive === true,
  },
  {
    name: 'demonstration level',
    apply: select(zh('list.filter.demonstration'), { label: zh('demo.level.city') }),
    params: { level: 'city' },
    pred: (f) => f.demonstration?.level === 'city',
  },
  {
    name: 'public or private',
    apply: select(zh('list.filter.ownership'), { label: zh('ownership.public') }),
    params: { own: 'public' },
    pred: (f) => f.ownership === 'public',
  },
  {
    name: 'any demonstration level',
    apply: select(zh('list.filter.demonstration'), { label: zh('list.filter.anyDemonstration') }),
    params: { level: 'any' },
    pred: (f) => !!f.demonstration,
  },
  {
    name: 'text search (Chinese)',
    apply: (page) => page.getByLabel(zh('list.filter.q')).fill('阳光'),
    params: { q: '阳光' },
    pred: (f) => searchText(f).includes('阳光'),
  },
  {
    name: 'text search (English, any case, two words)',
    apply: (page) => page.getByLabel(zh('list.filter.q')).fill('RAINBOW example'),
    params: { q: 'RAINBOW example' },
    pred: (f) => searchText(f).includes('rainbow') && searchText(f).includes('example'),
  },
];

test('the list shows every facility, in name order, with the count', async ({ page }) => {
  await page.goto('/facilities/');
  await expect(page.locator('#facility-list').getByRole('heading', { level: 2 })).toHaveText(
    facilities.map((f) => f.name),
  );
  expect(await visibleIds(page)).toEqual(allIds);
  await expect(page.getByRole('status')).toHaveText(countText(total));
  await expect(page.getByText(zh('list.empty'))).toBeHidden();
});

test('the whole card is the link to its detail page', async ({ page }) => {
  await page.goto('/facilities/');
  const first = facilities[0]!;
  const card = page.locator(`#facility-list > li[data-id="${first.id}"]`);
  // A tap on the card's body text (the ages line, right end), away from the name, the compare box and the call and
  // route buttons at the card's foot.
  const line = (await card
    .locator('p')
    .filter({ hasText: zh('field.ages') })
    .boundingBox())!;
  await page.mouse.click(line.x + line.width - 10, line.y + line.height / 2);
  await expect(page).toHaveURL(new RegExp(`/facilities/${first.id}/$`));
});

for (const c of cases) {
  test(`filter: ${c.name} narrows the list and the URL keeps it`, async ({ page }) => {
    const expected = idsWhere(c.pred);
    expect(expected.length, 'the case should narrow the list to a non-empty set').toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(total);
    await page.goto('/facilities/');
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

test('a shared link restores the form and the filtered list; clear filters shows all again', async ({
  page,
}) => {
  const pred = (f: Rec) =>
    f.type === 'childcare_center' &&
    !!f.care_forms?.includes('half_day') &&
    !!f.ages &&
    covers(f, 24) &&
    f.inclusive === true;
  const expected = idsWhere(pred);
  expect(expected.length).toBeGreaterThan(0);
  await page.goto('/facilities/?type=childcare_center&form=half_day&age=24&inclusive=1');
  await expect.poll(() => chosen(page, zh('list.filter.type'))).toBe('childcare_center');
  await expect.poll(() => chosen(page, zh('list.filter.careForm'))).toBe('half_day');
  await expect.poll(() => chosen(page, zh('list.filter.age'))).toBe('24');
  await expect(page.getByLabel(zh('list.filter.inclusive'))).toBeChecked();
  // The chips say what the link chose.
  const chips = page.locator('.chip-bar .chip');
  await expect(chips).toHaveText([
    zh('list.chip.ageValue', { n: 24 }),
    zh('search.inclusive'),
    live['filter.vacant'],
    zh('careForm.half_day'),
    zh('list.chip.place'),
    zh('type.childcare_center'),
    zh('list.chip.map'),
  ]);
  await expect.poll(() => visibleIds(page)).toEqual(expected);
  await expect(page.getByRole('status')).toHaveText(countText(expected.length));

  await page
    .locator('.chip-bar')
    .getByRole('button', { name: zh('type.childcare_center') })
    .click();
  await page.getByRole('button', { name: zh('list.filter.reset') }).click();
  await closeSheet(page);
  await expect.poll(() => visibleIds(page)).toEqual(allIds);
  await expect(page.getByRole('status')).toHaveText(countText(total));
  expect(await chosen(page, zh('list.filter.type'))).toBe('');
  await expect(page.getByLabel(zh('list.filter.inclusive'))).not.toBeChecked();
  await expect.poll(() => new URL(page.url()).search).toBe('');
});

test('a text search restores from the URL; malformed values are ignored', async ({ page }) => {
  await page.goto('/facilities/?q=%E9%98%B3%E5%85%89&age=abc&type=nope&township=1');
  await expect(page.getByLabel(zh('list.filter.q'))).toHaveValue('阳光');
  await expect.poll(() => chosen(page, zh('list.filter.age'))).toBe('');
  await expect.poll(() => visibleIds(page)).toEqual(idsWhere((f) => searchText(f).includes('阳光')));
  await expect.poll(() => query(page)).toEqual({ q: '阳光' });
});

test('no match shows the empty-result message and a zero count', async ({ page }) => {
  await page.goto('/facilities/');
  await page.getByLabel(zh('list.filter.q')).fill('没有这样的机构zzz');
  await expect(page.getByText(zh('list.empty'))).toBeVisible();
  await expect(page.locator('[data-relax] button')).toHaveText([
    zh('list.relaxOne', { label: '没有这样的机构zzz', n: total }),
  ]);
  await expect(page.getByRole('status')).toHaveText(countText(0));
  expect(await visibleIds(page)).toEqual([]);
  await page.getByLabel(zh('list.filter.q')).fill('');
  await expect(page.getByText(zh('list.empty'))).toBeHidden();
  await expect.poll(() => visibleIds(page)).toEqual(allIds);
});

test('sort by distance orders cards nearest first, unmapped last, with "距您约 X 公里"', async ({
  page,
  context,
}) => {
  const here: [number, number] = [117.52, 30.62]; // WGS-84 [lng, lat], south-east of the centre
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ longitude: here[0], latitude: here[1] });
  const km = (f: Rec) => (f.location ? haversineKm(here, [f.location.lng, f.location.lat]) : Infinity);
  const located = facilities.filter((f) => f.location);
  const unmapped = facilities.filter((f) => !f.location).map((f) => f.id);
  expect(unmapped.length, 'the data should include unmapped facilities').toBeGreaterThan(0);

  await page.goto('/facilities/');
  await chooseFilter(page, zh('list.sort'), 'distance');
  await expect(page.locator('[data-distance]:visible').first()).toBeVisible();
  const ids = await visibleIds(page);
  expect(new Set(ids)).toEqual(new Set(allIds));
  expect(ids.slice(-unmapped.length), 'unmapped facilities come last, in name order').toEqual(unmapped);
  const distances = ids.slice(0, located.length).map((id) => km(facilities.find((f) => f.id === id)!));
  for (let i = 1; i < distances.length; i++)
    expect(
      distances[i],
      `card ${i + 1} (${ids[i]}) is not nearer than the one before`,
    ).toBeGreaterThanOrEqual(distances[i - 1]! - 1e-9);
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
  // click, not check: the page turns it back to 按名称 at once (no position).
  await (await filterField(page, zh('list.sort'))).locator('input[value="distance"]').click();
  await expect(page.getByRole('alert')).toHaveText(zh('list.sort.denied'));
  expect(await chosen(page, zh('list.sort'))).toBe('name');
  expect(await visibleIds(page)).toEqual(allIds);
  await expect(page.locator('[data-distance]:visible')).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).search).toBe('');
  await expect(page.getByRole('status')).toHaveText(countText(total));
});

test('the English list filters the same way and words the count in English', async ({ page }) => {
  const expected = idsWhere((f) => f.demonstration?.level === 'city');
  await page.goto('/en/facilities/?level=city');
  await expect.poll(() => chosen(page, tr('en', 'list.filter.demonstration'))).toBe('city');
  await expect.poll(() => visibleIds(page)).toEqual(expected);
  await expect(page.getByRole('status')).toHaveText(
    tr('en', 'list.count', { shown: expected.length, total }),
  );
  const first = facilities.find((f) => f.id === expected[0])!;
  await expect(page.getByRole('link', { name: first.name_en ?? first.name, exact: true })).toHaveAttribute(
    'href',
    `/en/facilities/${first.id}/`,
  );
});

test('the search box understands 普惠, care forms, 公办/民办, 示范, townships and ages, shown as removable chips', async ({
  page,
}) => {
  const qiupu = '341702002';
  const pred = (f: Rec) => f.inclusive === true && (f.care_forms ?? []).includes('full_day') && covers(f, 14);
  await page.goto('/facilities/');
  await page.getByLabel(zh('list.filter.q')).fill('普惠 全日托 1岁2');
  await expect.poll(() => visibleIds(page)).toEqual(idsWhere(pred));
  const understood = page.locator('[data-understood-list] button');
  await expect(understood).toHaveText(['普惠 ✕', '全日托 ✕', '1岁2 ✕']);
  await expect(page.locator('.chip-bar .chip.on')).toHaveText([
    zh('list.chip.ageValue', { n: 14 }),
    zh('search.inclusive'),
    zh('careForm.full_day'),
  ]);
  // The URL keeps the words as typed, so a shared link says the same.
  expect(query(page)).toEqual({ q: '普惠 全日托 1岁2' });
  await page.getByRole('button', { name: zh('list.understoodRemove', { word: '普惠' }) }).click();
  await expect(page.getByLabel(zh('list.filter.q'))).toHaveValue('全日托 1岁2');
  await expect
    .poll(() => visibleIds(page))
    .toEqual(idsWhere((f) => (f.care_forms ?? []).includes('full_day') && covers(f, 14)));

  for (const [text, want] of [
    ['公办', (f: Rec) => f.ownership === 'public'],
    ['民办 示范', (f: Rec) => f.ownership === 'private' && !!f.demonstration],
    ['秋浦街道', (f: Rec) => f.township === qiupu],
    ['14个月 半日托', (f: Rec) => covers(f, 14) && (f.care_forms ?? []).includes('half_day')],
  ] as const) {
    await page.getByLabel(zh('list.filter.q')).fill(text);
    await expect.poll(() => visibleIds(page), text).toEqual(idsWhere(want));
  }
  // The age chips: one tap on 14 (months), and the sheet closes by itself.
  await page.getByLabel(zh('list.filter.q')).fill('');
  await (await filterField(page, zh('list.filter.age')))
    .getByRole('radio', { name: zh('list.chip.ageValue', { n: 14 }) })
    .check();
  await expect(page.locator('.sheet:popover-open')).toHaveCount(0);
  await expect.poll(() => query(page)).toEqual({ age: '14' });
});

test('no dead end: each condition can be dropped with the count it gives; nearest matches outside the chosen place', async ({
  page,
}) => {
  const qiupu = '341702002';
  const conds: Record<string, (f: Rec) => boolean> = {
    age: (f) => covers(f, 14),
    inclusive: (f) => f.inclusive === true,
    form: (f) => (f.care_forms ?? []).includes('full_day'),
    township: (f) => f.township === qiupu,
  };
  const all = (f: Rec, except?: string) => Object.entries(conds).every(([k, p]) => k === except || p(f));
  expect(
    idsWhere((f) => all(f)),
    'the data should make this search empty',
  ).toEqual([]);
  await page.goto(`/facilities/?age=14&inclusive=1&form=full_day&township=${qiupu}`);
  await expect(page.getByText(zh('list.empty'))).toBeVisible();
  const labels: Record<string, string> = {
    age: zh('list.chip.ageValue', { n: 14 }),
    inclusive: zh('search.inclusive'),
    form: zh('careForm.full_day'),
    township: townshipName(qiupu, 'zh-CN'),
  };
  // Only removals that lead somewhere are offered: one that still gives 0 is left out.
  const relaxable = ['age', 'inclusive', 'form', 'township'].filter(
    (k) => idsWhere((f) => all(f, k)).length > 0,
  );
  expect(relaxable.length, 'the data should make some removal still empty').toBeLessThan(4);
  await expect(page.locator('[data-relax] button')).toHaveText(
    relaxable.map((k) => zh('list.relaxOne', { label: labels[k]!, n: idsWhere((f) => all(f, k)).length })),
  );
  // The nearest facilities that match everything but the place, nearest first, with their distance to the place.
  const anchors = facilities
    .filter((f) => f.township === qiupu && f.location)
    .map((f) => [f.location!.lng, f.location!.lat] as [number, number]);
  const elsewhere = facilities
    .filter((f) => all(f, 'township') && f.location)
    .map((f) => ({
      f,
      km: Math.min(...anchors.map((a) => haversineKm(a, [f.location!.lng, f.location!.lat]))),
    }))
    .sort((a, b) => a.km - b.km)
    .slice(0, 3);
  expect(elsewhere.length).toBeGreaterThan(0);
  await expect.poll(() => visibleIds(page)).toEqual(elsewhere.map((e) => e.f.id));
  for (const { f, km } of elsewhere) {
    const text = await page.locator(`#card-${f.id} [data-distance]`).innerText();
    expect(text).toBe(zh('list.distanceFrom', { km: km.toFixed(1), place: labels.township! }));
  }
  // One tap removes the place.
  await page
    .getByRole('button', {
      name: zh('list.relaxOne', { label: labels.township!, n: idsWhere((f) => all(f, 'township')).length }),
    })
    .click();
  await expect.poll(() => visibleIds(page)).toEqual(idsWhere((f) => all(f, 'township')));
  expect(query(page)).toEqual({ age: '14', inclusive: '1', form: 'full_day' });
});

test('back from a detail page returns to the list as it was', async ({ page }) => {
  await page.goto('/facilities/?inclusive=1&form=full_day');
  const ids = await visibleIds(page);
  const target = facilities.find((f) => f.id === ids[Math.min(5, ids.length - 1)])!;
  await page.locator(`#card-${target.id} h2 a`).click();
  await expect(page).toHaveURL(new RegExp(`/facilities/${target.id}/$`));
  await page.getByRole('link', { name: zh('common.backToList') }).click();
  await expect.poll(() => query(page)).toEqual({ inclusive: '1', form: 'full_day' });
  await expect.poll(() => visibleIds(page)).toEqual(ids);
  await expect(page.locator(`#card-${target.id}`)).toBeInViewport();
});

test('cards answer first questions: fee for the chosen care form, vacancies with their date', async ({
  page,
}) => {
  const f = facilities.find(
    (r) => r.fees?.full_day !== undefined && r.fees?.half_day !== undefined && r.vacancies,
  )!;
  await page.goto('/facilities/');
  const card = page.locator(`#card-${f.id}`);
  const fee = (form: string) =>
    `${zh(`careForm.${form}` as never)} ${zh('common.yuanPerMonth', { n: f.fees![form]!.toLocaleString('en') })}`;
  await expect(card.locator('.fee:visible')).toHaveText(
    (f.care_forms ?? []).map((c) =>
      f.fees?.[c] === undefined ? `${zh(`careForm.${c}` as never)} ${zh('common.notProvided')}` : fee(c),
    ),
  );
  await expect(card).toContainText(vacancyText(f.vacancies!.count, f.vacancies!.as_of, 'zh-CN'));
  await page.goto('/facilities/?form=half_day');
  await expect(card.locator('.fee:visible')).toHaveText([fee('half_day')]);
});
