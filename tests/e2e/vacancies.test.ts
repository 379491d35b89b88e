/**
 * Freshness a parent can see, and live figures between builds. Every vacancy figure says when it was reported; a
 * figure older than the district's limit asks her to call and leaves 有空位. After the page is idle, one call to
 * facility_vacancies() refreshes the figures, their dates and 有空位; if it fails, the built figures stand.
 * Expected words and sets come from the facility files and the calendar (data.ts), never from the site's code.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { facilities, hasPlaceOn, isStaleOn, vacancyText, visibleIds, zh, type Rec } from './data.ts';
import { facilitiesLiveZhCN as live } from '../../src/lib/i18n/facilities-live/zh-CN.ts';
import { E2E_PROVIDERS, E2E_TODAY } from '../support/e2e-env.ts';

test.describe.configure({ mode: 'parallel' });

const RPC = '**/rest/v1/rpc/facility_vacancies';
const withFigures = facilities.filter((f) => f.vacancies);
/** A record with places whose figure is stale today: it must not count for 有空位. */
const stale = withFigures.find((f) => f.vacancies!.count > 0 && isStaleOn(f.vacancies!.as_of))!;
const figure = (page: Page, f: Rec) => page.locator(`#card-${f.id} [data-vac]`);
/** What the contract's RPC answers for today with the records' own figures, `change`d for some ids. */
function answer(change: Record<string, [number, string]> = {}) {
  const v = Object.fromEntries(withFigures.map((f) => [f.id, [f.vacancies!.count, f.vacancies!.as_of]]));
  return { today: E2E_TODAY, stale_after_days: 14, v: { ...v, ...change } };
}
const serve = (page: Page, body: unknown) =>
  page.route(RPC, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) }),
  );

test('every card says when its figure was reported; a stale figure asks to call instead', async ({
  page,
}) => {
  expect(stale, 'the demo data has a stale figure with places').toBeTruthy();
  await serve(page, answer());
  await page.goto('/facilities/');
  for (const f of withFigures) {
    await expect(figure(page, f)).toHaveText(vacancyText(f.vacancies!.count, f.vacancies!.as_of, 'zh-CN'));
    if (isStaleOn(f.vacancies!.as_of)) await expect(figure(page, f)).toHaveAttribute('data-stale');
    else await expect(figure(page, f)).not.toHaveAttribute('data-stale');
  }
  await expect(figure(page, stale)).toContainText('可能已变化，请致电确认');
  // The call button is on the same card.
  await expect(page.locator(`#card-${stale.id} a[href^="tel:"]`)).toBeVisible();
});

test('有空位 keeps only places reported within 14 days: a stale demo record drops out', async ({ page }) => {
  await serve(page, answer());
  await page.goto('/facilities/');
  await page.getByLabel(live['filter.vacantLabel']).check();
  await expect.poll(() => new URL(page.url()).searchParams.get('vacant')).toBe('1');
  const expected = facilities.filter((f) => hasPlaceOn(f)).map((f) => f.id);
  await expect.poll(() => visibleIds(page)).toEqual(expected);
  expect(expected).not.toContain(stale.id);
  await expect(page.locator(`#card-${stale.id}`)).toBeHidden();
  await expect(page.locator('[data-count]')).toHaveText(
    zh('list.count', { shown: expected.length, total: facilities.length }),
  );
});

test('live figures: a fresher figure replaces the built one, its date, and its place in 有空位', async ({
  page,
}) => {
  // The stale record reports 2 places today; a fresh record with places (if any today) reports 0.
  const fresh = facilities.find((f) => hasPlaceOn(f));
  const change: Record<string, [number, string]> = { [stale.id]: [2, E2E_TODAY] };
  if (fresh) change[fresh.id] = [0, E2E_TODAY];
  await serve(page, answer(change));
  await page.goto('/facilities/?vacant=1');
  await expect(figure(page, stale)).toHaveText(vacancyText(2, E2E_TODAY, 'zh-CN'));
  await expect(figure(page, stale)).not.toHaveAttribute('data-stale');
  const expected = facilities
    .filter((f) => (f.id === stale.id ? true : f.id === fresh?.id ? false : hasPlaceOn(f)))
    .map((f) => f.id);
  await expect.poll(() => visibleIds(page)).toEqual(expected);
  // The detail page: the summary and the facts both show the live figure.
  await page.goto(`/facilities/${stale.id}/`);
  await expect(page.locator(`[data-vac="${stale.id}"]`)).toHaveText([
    vacancyText(2, E2E_TODAY, 'zh-CN'),
    vacancyText(2, E2E_TODAY, 'zh-CN'),
  ]);
});

test('when the live call fails, the built figures stand', async ({ page, guards }) => {
  let asked = 0;
  await page.route(RPC, (route) => {
    asked++;
    return route.fulfill({ status: 503, body: 'down' });
  });
  await page.goto(`/facilities/${stale.id}/`);
  await expect.poll(() => asked).toBe(1);
  await page.waitForTimeout(300);
  await expect(page.locator(`[data-vac="${stale.id}"]`).first()).toHaveText(
    vacancyText(stale.vacancies!.count, stale.vacancies!.as_of, 'zh-CN'),
  );
  // The browser logs the refused request; that error is this test's purpose.
  expect(guards.consoleErrors.every((e) => /503/.test(e))).toBe(true);
  guards.consoleErrors.length = 0;
});

test('the real API: the page shows what facility_vacancies() answers, judged by its day and limit', async ({
  page,
}) => {
  const f = withFigures[0]!;
  const response = page.waitForResponse((r) => r.url().endsWith('/rest/v1/rpc/facility_vacancies'));
  await page.goto(`/en/facilities/${f.id}/`);
  const body = (await (await response).json()) as {
    today: string;
    stale_after_days: number;
    v: Record<string, [number, string]>;
  };
  expect(body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(body.stale_after_days).toBe(14);
  // The test API holds the facility files: every figure is the file's, except where the provider tests
  // (provider.mobile.test.ts) may have changed their own facilities' figures already.
  const theirs = new Set(Object.values(E2E_PROVIDERS).flatMap((p) => p.facilities));
  const untouched = (v: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(v).filter(([id]) => !theirs.has(id)));
  expect(untouched(body.v)).toEqual(untouched(answer().v));
  expect(theirs.has(f.id)).toBe(false);
  const [n, asOf] = body.v[f.id]!;
  await expect(page.locator(`[data-vac="${f.id}"]`).first()).toHaveText(
    vacancyText(n, asOf, 'en', body.today, body.stale_after_days),
  );
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the built figure and its date stand', async ({ page }) => {
    await page.goto('/facilities/');
    for (const f of withFigures.slice(0, 5))
      await expect(figure(page, f)).toHaveText(vacancyText(f.vacancies!.count, f.vacancies!.as_of, 'zh-CN'));
  });
});
