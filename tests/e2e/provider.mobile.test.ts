/**
 * The provider role on a 360 px phone (issue 17): a provider updates its free places from the staff home in ≤ 3 taps
 * and the live figure changes at once; it has no control for regulated fields and the API refuses another
 * facility; a fee change waits for review (the catalogue keeps the old fee until outreach approves); axe finds
 * nothing on the provider and review pages in normal and large text.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { report, violations } from './axe.ts';
import { E2E_API_URL, E2E_PROVIDERS, E2E_STAFF, e2eBuildEnv } from '../support/e2e-env.ts';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 360, height: 740 } });

const { single, pair } = E2E_PROVIDERS;
const MINE = single.facilities[0]!;
const MINE_NAME = '示例·棠溪小太阳托育园';
const ANON = e2eBuildEnv().PUBLIC_SUPABASE_ANON_KEY!;
const SIGN_OUT = '退出登录';
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function signIn(page: Page, email: string, password: string, path = '/staff/') {
  await page.goto(path);
  await expect(page.locator('astro-island').first()).not.toHaveAttribute('ssr');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Calls an RPC through the test API, as anon or with a user's token. */
async function rpc(page: Page, fn: string, args: object = {}, token?: string) {
  const res = await page.request.post(`${E2E_API_URL}/rest/v1/rpc/${fn}`, {
    headers: { apikey: ANON, Authorization: `Bearer ${token ?? ANON}`, 'Content-Type': 'application/json' },
    data: args,
  });
  return { status: res.status(), body: await res.json() };
}
async function tokenOf(page: Page, email: string, password: string): Promise<string> {
  const res = await page.request.post(`${E2E_API_URL}/auth/v1/token?grant_type=password`, {
    headers: { apikey: ANON, 'Content-Type': 'application/json' },
    data: { email, password },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).access_token;
}

test('a provider updates its free places from the staff home in ≤ 3 taps; the live figure changes at once', async ({
  page,
}) => {
  await signIn(page, single.email, single.password);
  const home = page.getByRole('region', { name: '我的机构' });
  await expect(home.getByRole('button', { name: MINE_NAME })).toBeVisible();
  const before = (await rpc(page, 'facility_vacancies')).body.v[MINE][0] as number;

  let taps = 0;
  const tap = async (name: string | RegExp) => {
    taps++;
    await page.getByRole('button', { name, exact: typeof name === 'string' }).click();
  };
  // One facility: it opens by itself; otherwise the first tap opens it.
  if ((await home.getByRole('button', { name: MINE_NAME }).getAttribute('aria-expanded')) !== 'true')
    await tap(new RegExp(MINE_NAME));
  const field = page.getByLabel('24–36 个月', { exact: true });
  await expect(field).toHaveValue(String(before));
  await tap('加 1：24–36 个月');
  await tap('保存');
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toHaveText(
    `已保存，网站上已更新：空余托位 ${before + 1} 个（${Number(beijingToday().slice(5, 7))}月${Number(beijingToday().slice(8))}日）`,
  );
  expect(taps).toBeLessThanOrEqual(3);
  const live = (await rpc(page, 'facility_vacancies')).body;
  expect(live.v[MINE]).toEqual([before + 1, beijingToday()]);
  // The whole page fits a 360 px phone: nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('a provider with two facilities: tap the facility, tap +, tap 保存 (3 taps from the staff home)', async ({
  page,
}) => {
  await signIn(page, pair.email, pair.password);
  const home = page.getByRole('region', { name: '我的机构' });
  const facility = home.getByRole('button', { name: /示例·棠溪童心托育园/ });
  await expect(facility).toHaveAttribute('aria-expanded', 'false');
  await expect(home.getByRole('button', { name: /示例·乌沙童心社区托育点/ })).toBeVisible();
  let taps = 0;
  taps++;
  await facility.click();
  // Ages 12–36 months: two bands; the figure had no breakdown, so both start at 0.
  await expect(page.getByLabel('12–24 个月', { exact: true })).toHaveValue('0');
  taps++;
  await page.getByRole('button', { name: '加 1：24–36 个月' }).click();
  taps++;
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toContainText('空余托位 1 个');
  expect(taps).toBe(3);
  const token = await tokenOf(page, pair.email, pair.password);
  const mine = (await rpc(page, 'my_facilities', {}, token)).body as { id: string; vacancies: unknown }[];
  expect(mine.find((f) => f.id === pair.facilities[0])?.vacancies).toEqual({
    count: 1,
    as_of: beijingToday(),
    by_age: { m12_24: 0, m24_36: 1 },
  });
});

test('a provider has no control for regulated fields, and the API refuses another facility and regulated fields', async ({
  page,
}) => {
  await signIn(page, single.email, single.password);
  await expect(page.getByRole('button', { name: '保存', exact: true })).toBeVisible();
  for (const label of [/备案/, /检查/, /普惠/, /示范/, /位置|经纬度/, /托位数|核定/])
    await expect(page.getByLabel(label)).toHaveCount(0);

  const token = await tokenOf(page, single.email, single.password);
  const other = await rpc(
    page,
    'update_vacancies',
    { p_facility: pair.facilities[0], p_by_age: { m24_36: 1 } },
    token,
  );
  expect(other).toMatchObject({ status: 403, body: { details: 'facility:not_yours' } });
  const regulated = await rpc(
    page,
    'propose_facility_change',
    { p_facility: MINE, p_field: 'inclusive', p_value: true, p_reason: null },
    token,
  );
  expect(regulated).toMatchObject({ status: 403, body: { details: 'facility:regulated_field' } });
  const staffOnly = await rpc(
    page,
    'staff_update_facility',
    { p_facility: MINE, p_changes: { inclusive: true }, p_reason: 'x' },
    token,
  );
  expect(staffOnly).toMatchObject({ status: 403, body: { details: 'staff:role_required' } });
});

test('a fee change waits for review: 待审核 for the provider, the old fee in the catalogue until outreach approves', async ({
  page,
}) => {
  const fee = async () =>
    ((await rpc(page, 'facility_catalogue')).body as { id: string; fees?: Record<string, number> }[]).find(
      (f) => f.id === MINE,
    )!.fees;
  const old = await fee();
  expect(old?.full_day).toBeDefined();
  await signIn(page, single.email, single.password);
  const newFee = old!.full_day! + 100;
  await page.getByLabel('全日托').fill(String(newFee));
  await page.getByRole('button', { name: '提交审核 收费' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已提交，等待审核。' })).toBeVisible();
  await expect(page.locator('.pending').filter({ hasText: '待审核' })).toContainText(`全日托 ${newFee}`);
  expect(await fee()).toEqual(old);

  await page.getByRole('button', { name: SIGN_OUT }).click();
  await signIn(page, E2E_STAFF.outreach.email, E2E_STAFF.outreach.password, '/staff/facilities/');
  const item = page.getByRole('listitem').filter({ hasText: `${MINE_NAME}：收费` });
  await expect(item).toContainText(`全日托 ${newFee}`);
  await item.getByRole('button', { name: /^通过/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '已通过' })).toBeVisible();
  expect((await fee())?.full_day).toBe(newFee);
});

for (const mode of ['normal', 'large'] as const) {
  test(`axe: the provider's staff home and the review page (${mode} text)`, async ({ page }) => {
    if (mode === 'large') await page.addInitScript(() => localStorage.setItem('tuoyu.text', 'large'));
    await signIn(page, pair.email, pair.password);
    await page.getByRole('button', { name: /示例·棠溪童心托育园/ }).click();
    await expect(page.getByRole('button', { name: '保存', exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-text', mode);
    report(await violations(page));

    await page.getByRole('button', { name: SIGN_OUT }).click();
    await signIn(page, E2E_STAFF.outreach.email, E2E_STAFF.outreach.password, '/staff/facilities/');
    await expect(page.getByRole('heading', { name: '空余托位需要更新的机构' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-text', mode);
    report(await violations(page));
  });
}
