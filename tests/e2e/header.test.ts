/**
 * The header on a phone: in large text the header (with the demo notice folded) takes at most a third of a
 * 360 × 740 screen; the navigation sits behind 菜单 (a native disclosure, so it works without JavaScript); the demo
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

test('in large text, header and folded demo notice fit in the top third of the screen on every section', async ({
  page,
}) => {
  await largeText(page);
  // In large text the notice starts folded (its one line still says the data are examples).
  await page.reload();
  await expect(notice(page)).not.toHaveAttribute('open');
  await expect(notice(page).locator('summary')).toContainText(zh('demo.noticeSummary'));
  const tooTall: string[] = [];
  for (const path of [
    '/',
    '/facilities/',
    '/map/',
    '/hospital-sites/',
    '/policies/',
    `/facilities/${childcare.id}/`,
    '/compare/',
    '/en/',
  ]) {
    await page.goto(path);
    await expect(notice(page)).not.toHaveAttribute('open');
    const bottom = await bottomOf(page, '#demo-notice');
    if (bottom > 740 / 3) tooTall.push(`${path}: header and notice end at ${bottom} px`);
    await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
  }
  expect(tooTall).toEqual([]);
});

test('the demo notice folds, is remembered, and unfolds again', async ({ page }) => {
  await page.goto('/');
  await expect(notice(page)).toHaveAttribute('open');
  await expect(notice(page).getByText(zh('demo.notice'))).toBeVisible();
  await notice(page).locator('summary').click();
  await expect(notice(page).getByText(zh('demo.notice'))).toBeHidden();
  await expect(notice(page).locator('summary')).toContainText(zh('demo.noticeSummary'));
  expect(await page.evaluate(() => localStorage.getItem('tuoyu.demo'))).toBe('folded');
  await page.goto('/policies/');
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
