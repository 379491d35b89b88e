/**
 * The header on a phone: in large text the header (with the demo notice folded) takes at most 160 px of a
 * 360 × 740 screen on every page; the demo notice shows only where demo records do; the navigation sits behind 菜单 (a native disclosure, so it works without JavaScript); the demo
 * notice folds and stays folded; the current section is marked, hospital sites included.
 */
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { facilities, openMenu, zh } from './data.ts';

test.use({ viewport: { width: 360, height: 740 } });

const hospital = facilities.find((f) => f.type === 'hospital_site')!;
const childcare = facilities.find((f) => f.type === 'childcare_center')!;
const menu = (page: Page) => page.locator('.site-menu > summary');
const notice = (page: Page) => page.locator('#demo-notice');
const bottomOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((e) => e.getBoundingClientRect().bottom);

async function largeText(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: zh('textMode.toggle') }).click();
  await expect(page.locator('html')).toHaveAttribute('data-text', 'large');
}

// Every page the site builds (one facility page of each kind stands for the rest), in both languages.
const PAGES = [
  '/',
  '/facilities/',
  '/map/',
  '/compare/',
  '/demonstration/',
  '/hospital-sites/',
  '/policies/',
  '/privacy/',
  '/about/',
  '/lectures/',
  '/lectures/event/',
  '/lectures/my/',
  '/survey/',
  '/survey/results/',
  '/staff/',
  '/staff/lectures/',
  '/staff/survey/',
  '/staff/survey/form/',
  '/staff/survey/paper/',
  '/staff/team/',
  '/staff/facilities/',
  `/facilities/${childcare.id}/`,
  `/facilities/${hospital.id}/`,
];
/** Pages that show demo facility records (issue 19 §6): the notice belongs there and nowhere else. */
const DEMO_PAGES = new Set([
  '/',
  '/facilities/',
  '/map/',
  '/compare/',
  '/demonstration/',
  `/facilities/${childcare.id}/`,
]);
const HEADER_MAX = 160;

for (const mode of ['large', 'normal'] as const) {
  test(`${mode} text: header (with the folded demo notice where it shows) ≤ ${HEADER_MAX} px on every page; the notice only where demo records show`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    if (mode === 'large') await largeText(page);
    else await page.goto('/');
    const problems: string[] = [];
    for (const path of PAGES.flatMap((p) => [p, `/en${p}`])) {
      await page.goto(path);
      const bare = path.replace(/^\/en\//, '/');
      const shows = (await notice(page).count()) > 0;
      const want = DEMO_PAGES.has(bare) && childcare.demo === true;
      if (shows !== want) problems.push(`${path}: demo notice ${shows ? 'shown' : 'missing'}`);
      if (mode === 'large' && shows) await expect(notice(page)).not.toHaveAttribute('open');
      const bottom = shows ? await bottomOf(page, '#demo-notice') : await bottomOf(page, '.site-header');
      if (mode === 'large' && bottom > HEADER_MAX)
        problems.push(`${path}: header ends at ${Math.round(bottom)} px`);
    }
    expect(problems).toEqual([]);
  });
}

test('the demo notice folds, is remembered, and unfolds again', async ({ page }) => {
  await page.goto('/');
  await expect(notice(page)).toHaveAttribute('open');
  await expect(notice(page).getByText(zh('demo.notice'))).toBeVisible();
  await notice(page).locator('summary').click();
  await expect(notice(page).getByText(zh('demo.notice'))).toBeHidden();
  await expect(notice(page).locator('summary')).toContainText(zh('demo.noticeSummary'));
  expect(await page.evaluate(() => localStorage.getItem('tuoyu.demo'))).toBe('folded');
  await page.goto('/facilities/');
  await expect(notice(page)).not.toHaveAttribute('open');
  await expect(notice(page).getByText(zh('demo.notice'))).toBeHidden();
  await notice(page).locator('summary').click();
  await expect(notice(page).getByText(zh('demo.notice'))).toBeVisible();
  await page.reload();
  await expect(notice(page).getByText(zh('demo.notice'))).toBeVisible();
});

test('菜单 opens the navigation; the current section is marked', async ({ page }) => {
  await page.goto('/facilities/');
  const nav = page.getByRole('navigation', { name: zh('nav.label') });
  await expect(nav).toBeHidden();
  await expect(menu(page)).toContainText(zh('nav.facilities'));
  await menu(page).click();
  await expect(nav).toBeVisible();
  await expect(nav.getByRole('link', { name: zh('nav.facilities') })).toHaveAttribute('aria-current', 'page');
  await expect(nav.locator('[aria-current]')).toHaveCount(1);

  await page.goto(`/facilities/${childcare.id}/`);
  await openMenu(page);
  await expect(nav.getByRole('link', { name: zh('nav.facilities') })).toHaveAttribute('aria-current', 'true');
  await expect(nav.locator('[aria-current]')).toHaveCount(1);
});

test('a hospital site belongs to 带着宝宝去上班: marked in the menu, and its back link returns to its card there', async ({
  page,
}) => {
  await page.goto(`/facilities/${hospital.id}/`);
  await expect(menu(page)).toContainText(zh('nav.hospitalSites'));
  await openMenu(page);
  const nav = page.getByRole('navigation', { name: zh('nav.label') });
  await expect(nav.getByRole('link', { name: zh('nav.hospitalSites') })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await expect(nav.locator('[aria-current]')).toHaveCount(1);
  await page.getByRole('link', { name: zh('common.backToHospitalSites') }).click();
  await expect(page).toHaveURL(new RegExp(`/hospital-sites/#card-${hospital.id}$`));
  await expect(page.locator(`#card-${hospital.id}`)).toBeInViewport();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('菜单 still opens the navigation and the demo notice still folds', async ({ page }) => {
    await page.goto('/');
    await expect(notice(page).getByText(zh('demo.notice'))).toBeVisible();
    await notice(page).locator('summary').click();
    await expect(notice(page).getByText(zh('demo.notice'))).toBeHidden();
    await menu(page).click();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: zh('nav.policies') })
      .click();
    await expect(page).toHaveURL(/\/policies\/$/);
  });
});

test.describe('on a wide screen', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test('the navigation shows without 菜单', async ({ page }) => {
    await page.goto('/');
    await expect(menu(page)).toBeHidden();
    await expect(
      page.getByRole('navigation', { name: zh('nav.label') }).getByRole('link', { name: zh('nav.policies') }),
    ).toBeVisible();
  });
});
