/**
 * The compact rows of a long list (FacilityList.astro, FacilityRow.astro) in a real browser. A district's list
 * shows rows only past 120 facilities and the test district has about 50, so this file builds the site once more
 * with TUOYU_TEST_LIST_CARDS=10 (10 cards, then every other facility as a row; nothing else differs) into
 * .tmp/e2e-rows-dist and serves it on E2E_ROWS_PORT (an origin the test API allows). On a phone: the filters
 * (township chip, 有空位, age) hide and show rows as they do cards, every row is one link to its facility, each
 * row and its link is at least 44 px tall, and axe finds nothing in normal and large text.
 * Expected sets come from the facility files (data.ts), never from the site's code.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { report, violations } from './axe.ts';
import { chooseFilter, covers, facilities, hasPlaceOn, townshipName, zh, type Rec } from './data.ts';
import { facilitiesLiveZhCN as live } from '../../src/lib/i18n/facilities-live/zh-CN.ts';
import { E2E_ROWS_PORT, E2E_TODAY, e2eBuildEnv } from '../support/e2e-env.ts';
import { createStaticServer, listen } from '../../scripts/lib/static-server.ts';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 360, height: 740 } });

const CARDS = 10;
const OUT = '.tmp/e2e-rows-dist';
const SITE = `http://127.0.0.1:${E2E_ROWS_PORT}`;
const rowIds = facilities.slice(CARDS).map((f) => f.id);
let server: Server | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  rmSync(OUT, { recursive: true, force: true });
  const started = Date.now();
  const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', OUT], {
    env: {
      ...process.env,
      ...e2eBuildEnv(),
      TUOYU_TEST_LIST_CARDS: String(CARDS),
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
    },
    encoding: 'utf8',
    timeout: 280_000,
  });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  console.log(`list-rows: the rows build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  server = createStaticServer(OUT);
  await listen(server, E2E_ROWS_PORT);
});
test.afterAll(async () => {
  server?.close();
  server?.closeAllConnections();
  rmSync(OUT, { recursive: true, force: true });
});

/** The facilities whose card or row is shown, in page order (a row's id is its anchor, card-<id>). */
const visible = (page: Page) =>
  page
    .locator('#facility-list > li')
    .evaluateAll((lis) =>
      lis
        .filter((li) => (li as HTMLElement).checkVisibility())
        .map((li) => (li as HTMLElement).dataset.id ?? li.id.replace(/^card-/, '')),
    );
const visibleRows = (page: Page) =>
  page
    .locator('#facility-list > li.row')
    .evaluateAll((lis) =>
      lis.filter((li) => (li as HTMLElement).checkVisibility()).map((li) => li.id.replace(/^card-/, '')),
    );
/** facility_vacancies() answering the files' own figures, so 有空位 is what the files say today. */
const filesFigures = (page: Page) =>
  page.route('**/rest/v1/rpc/facility_vacancies', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        today: E2E_TODAY,
        stale_after_days: 14,
        v: Object.fromEntries(
          facilities.filter((f) => f.vacancies).map((f) => [f.id, [f.vacancies!.count, f.vacancies!.as_of]]),
        ),
      }),
    }),
  );
const ids = (pred: (f: Rec) => boolean) => facilities.filter(pred).map((f) => f.id);

test('after 10 cards every other facility is a compact row: one link each, at least 44 px tall', async ({
  page,
}) => {
  expect(rowIds.length, 'the test district has facilities beyond the 10 cards').toBeGreaterThan(20);
  await page.goto(`${SITE}/facilities/`);
  const rows = page.locator('#facility-list > li.row');
  await expect(rows).toHaveCount(rowIds.length);
  expect(await visible(page)).toEqual(facilities.map((f) => f.id));
  expect(await visibleRows(page)).toEqual(rowIds);
  for (const [i, id] of rowIds.entries()) {
    const row = rows.nth(i);
    const links = row.getByRole('link');
    await expect(links).toHaveCount(1);
    await expect(links).toHaveAttribute('href', `/facilities/${id}/`);
    const box = (await row.boundingBox())!;
    const link = (await links.boundingBox())!;
    expect(box.height, `${id}: row height`).toBeGreaterThanOrEqual(44);
    expect(link.height, `${id}: link height`).toBeGreaterThanOrEqual(44);
    expect(box.x + box.width, `${id}: fits 360 px`).toBeLessThanOrEqual(360);
  }
  // A tap on a row's name opens that facility.
  const last = rowIds.at(-1)!;
  await rows.last().getByRole('link').tap();
  await expect(page).toHaveURL(`${SITE}/facilities/${last}/`);
});

/** The township with the most rows (names begin with the township, so a township's facilities sit together). */
const inRows = (t: string | undefined) => ids((f) => f.township === t && rowIds.includes(f.id)).length;
const township = [...new Set(facilities.map((f) => f.township))].sort((a, b) => inRows(b) - inRows(a))[0]!;
const cases: { name: string; apply: (page: Page) => Promise<unknown>; pred: (f: Rec) => boolean }[] = [
  {
    name: 'township chip',
    apply: (page) =>
      chooseFilter(page, zh('list.filter.township'), { label: townshipName(township, 'zh-CN') }),
    pred: (f) => f.township === township,
  },
  {
    name: '有空位',
    apply: (page) => page.getByLabel(live['filter.vacantLabel']).check(),
    pred: (f) => hasPlaceOn(f),
  },
  {
    name: 'age 15 months',
    apply: (page) => chooseFilter(page, zh('list.filter.age'), '15'),
    pred: (f) => covers(f, 15),
  },
];
for (const c of cases) {
  test(`filter: ${c.name} hides and shows rows as it does cards`, async ({ page }) => {
    await filesFigures(page);
    await page.goto(`${SITE}/facilities/`);
    const expected = ids(c.pred);
    const expectedRows = expected.filter((id) => rowIds.includes(id));
    // The case means something for rows: some rows stay, some go.
    expect(expectedRows.length).toBeGreaterThan(0);
    expect(expectedRows.length).toBeLessThan(rowIds.length);
    await expect.poll(() => visibleRows(page)).toEqual(rowIds);
    await c.apply(page);
    await expect.poll(() => visible(page)).toEqual(expected);
    expect(await visibleRows(page)).toEqual(expectedRows);
    await expect(page.locator('[data-count]')).toHaveText(
      zh('list.count', { shown: expected.length, total: facilities.length }),
    );
  });
}

for (const mode of ['normal', 'large'] as const) {
  test(`axe: the list with compact rows (${mode} text)`, async ({ page }) => {
    if (mode === 'large') await page.addInitScript(() => localStorage.setItem('tuoyu.text', 'large'));
    await page.goto(`${SITE}/facilities/`);
    await expect(page.locator('html')).toHaveAttribute('data-text', mode);
    await expect(page.locator('#facility-list > li.row').first()).toBeVisible();
    report(await violations(page));
    // Large text: a row's name stays a target at least 44 px tall.
    const box = (await page.locator('#facility-list > li.row a').first().boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
  });
}
