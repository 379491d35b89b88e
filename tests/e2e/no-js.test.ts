import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { facilities, openMenu, zh, tr, type UiKey } from './data.ts';

test.describe.configure({ mode: 'parallel' });
test.use({ javaScriptEnabled: false });

/** The <noscript> note (Playwright's text matching skips <noscript>, so find it by tag and check its text). */
const noscriptNote = (page: Page, text: string) =>
  page.locator('main noscript > p').filter({ hasText: text });

const hospitals = facilities.filter((f) => f.type === 'hospital_site');
const detail = facilities.find((f) => f.location && f.address)!;
const levels = ['province', 'city', 'district'] as const;

/** Each content page, its heading, and a piece of content only that page has. */
const pages: { path: string; h1: string; content: string[] }[] = [
  { path: '/', h1: zh('home.title'), content: [zh('home.intro'), zh('home.quick.facilities')] },
  {
    path: '/policies/',
    h1: '政策解读',
    content: ['托位建设补贴', '不发给家庭', '举例：一个入住 3,000 人的新小区，应规划至少 30 个托位。'],
  },
  {
    path: '/hospital-sites/',
    h1: zh('hospital.title'),
    content: [zh('hospital.intro'), ...hospitals.map((f) => f.name)],
  },
  {
    path: '/demonstration/',
    h1: zh('demonstration.title'),
    content: [zh('demonstration.intro', { province: 1, city: 4, district: 4 })],
  },
  { path: '/about/', h1: zh('about.title'), content: [zh('about.whatText'), zh('about.openData')] },
  { path: '/privacy/', h1: '隐私说明', content: ['位置只在您的手机上计算距离', '本站不使用统计或广告追踪'] },
  {
    path: `/facilities/${detail.id}/`,
    h1: detail.name,
    content: [detail.address!, zh('detail.facts'), zh('detail.amap')],
  },
  { path: '/en/', h1: tr('en', 'home.title'), content: [tr('en', 'home.intro')] },
  {
    path: `/en/facilities/${detail.id}/`,
    h1: detail.name_en ?? detail.name,
    content: [detail.address!, tr('en', 'detail.facts')],
  },
];

for (const p of pages) {
  test(`without JavaScript ${p.path} shows its content`, async ({ page }) => {
    await page.goto(p.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.h1);
    for (const text of p.content)
      await expect(page.getByRole('main').getByText(text, { exact: false }).first()).toBeVisible();
    const locale = p.path.startsWith('/en/') ? 'en' : 'zh-CN';
    await openMenu(page);
    for (const key of ['nav.home', 'nav.facilities', 'nav.policies', 'nav.compare', 'nav.about'] as const) {
      await expect(
        page.getByRole('navigation').getByRole('link', { name: tr(locale, key), exact: true }),
      ).toBeVisible();
    }
    await expect(page.getByRole('button', { name: /大字模式|Large text/ })).toBeHidden();
  });
}

test('without JavaScript the detail page lists its facts and map links', async ({ page }) => {
  await page.goto(`/facilities/${detail.id}/`);
  // 15 facts, and the prepayment terms (stated, or that the facility has not stated them) since issue 17
  await expect(page.locator('dl.facts').getByRole('term')).toHaveCount(16);
  await expect(page.getByRole('link', { name: zh('detail.amap'), exact: true })).toHaveAttribute(
    'href',
    /^https:\/\/uri\.amap\.com\//,
  );
  // a demo record rings nobody of its own: its one call link is the 12345 hotline, and it says why
  await expect(page.locator('a[href^="tel:"]')).toHaveCount(1);
  await expect(page.locator('a[href^="tel:"]')).toHaveAttribute('href', 'tel:12345');
  await expect(page.getByRole('main')).toContainText(zh('act.noPhoneDemo'));
});

test("without JavaScript the demonstration page groups by level, with the report's count beside the sample", async ({
  page,
}) => {
  await page.goto('/demonstration/');
  const reported = { province: 1, city: 4, district: 4 }; // the district's 2024 report
  for (const level of levels) {
    const items = facilities.filter((f) => f.demonstration?.level === level);
    const heading = page.getByRole('heading', {
      level: 2,
      name: zh(`demonstration.level.${level}` as UiKey),
      exact: true,
    });
    await expect(heading).toBeVisible();
    const section = page.getByRole('region', { name: zh(`demonstration.level.${level}` as UiKey) });
    await expect(section.getByText(zh('demonstration.reported', { n: reported[level] }))).toBeVisible();
    if (items.length && items.every((f) => f.demo))
      await expect(section.getByText(zh('demonstration.sample', { n: items.length }))).toBeVisible();
    for (const f of items) await expect(page.getByRole('heading', { level: 3, name: f.name })).toBeVisible();
  }
});

test('without JavaScript the list shows every facility and the noscript note, no filter form', async ({
  page,
}) => {
  await page.goto('/facilities/');
  await expect(noscriptNote(page, zh('list.filter.noJs'))).toBeVisible();
  const names = page.locator('#facility-list').getByRole('heading', { level: 2 });
  await expect(names).toHaveText(facilities.map((f) => f.name));
  for (const name of await names.all()) await expect(name).toBeVisible();
  await expect(page.getByRole('searchbox')).toBeHidden();
  await expect(page.getByRole('status')).toHaveText(
    zh('list.count', { shown: facilities.length, total: facilities.length }),
  );
  await expect(page.getByRole('button', { name: zh('textMode.toggle') })).toBeHidden();
});

test('without JavaScript the compare form on the list submits ids to /compare/', async ({ page }) => {
  const [a, b] = [facilities[1]!, facilities[4]!];
  await page.goto('/facilities/');
  await page.locator(`#facility-list > li[data-id="${a.id}"]`).getByRole('checkbox').check();
  await page.locator(`#facility-list > li[data-id="${b.id}"]`).getByRole('checkbox').check();
  await page.getByRole('button', { name: zh('list.compareSubmit') }).click();
  await page.waitForURL(/\/compare\/\?/);
  const url = new URL(page.url());
  expect(url.pathname).toBe('/compare/');
  expect(url.searchParams.getAll('id')).toEqual([a.id, b.id]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('compare.title'));
  await expect(noscriptNote(page, zh('compare.noJs'))).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('without JavaScript the English list links its compare form to /en/compare/', async ({ page }) => {
  await page.goto('/en/facilities/');
  await expect(noscriptNote(page, tr('en', 'list.filter.noJs'))).toBeVisible();
  await page.locator('#facility-list > li').nth(0).getByRole('checkbox').check();
  await page.getByRole('button', { name: tr('en', 'list.compareSubmit') }).click();
  await page.waitForURL(/\/en\/compare\/\?id=/);
  await expect(noscriptNote(page, tr('en', 'compare.noJs'))).toBeVisible();
});
