/**
 * Staff sign-in through the real embedded API (started by playwright.config.ts with two test accounts).
 */
import { test, expect } from './fixtures.ts';
import { E2E_STAFF } from '../support/e2e-env.ts';
import AxeBuilder from '@axe-core/playwright';

const { admin, outreach } = E2E_STAFF;

test.beforeEach(async ({ page }) => {
  await page.goto('/staff/');
  await expect(page.locator('astro-island')).not.toHaveAttribute('ssr');
});

/** The browser itself logs each refused sign-in request: 400 (wrong password) and 429 (locked out). */
const REFUSED_SIGN_IN = /^Failed to load resource: the server responded with a status of (400|429) /;

/** Keeps only the console errors the refused sign-ins explain out of the guard's check; anything else still fails. */
function dropRefusedSignIns(guards: { consoleErrors: string[] }): string[] {
  const expected = guards.consoleErrors.filter((m) => REFUSED_SIGN_IN.test(m));
  const others = guards.consoleErrors.filter((m) => !REFUSED_SIGN_IN.test(m));
  guards.consoleErrors.splice(0, guards.consoleErrors.length, ...others);
  return expected;
}

async function signIn(page: import('@playwright/test').Page, email: string, password: string) {
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test('empty form: an error summary linking to each field, focused, with messages by the fields', async ({
  page,
}) => {
  await page.getByRole('button', { name: '登录' }).click();
  const summary = page.getByRole('alert').filter({ hasText: '出现问题' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: '请输入邮箱' })).toHaveAttribute('href', '#staff-email');
  await expect(summary.getByRole('link', { name: '请输入密码' })).toHaveAttribute('href', '#staff-password');
  await expect(page.getByLabel('邮箱')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#staff-email-error')).toHaveText('错误：请输入邮箱');
  expect(
    await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
      .analyze()
      .then((r) => r.violations),
  ).toEqual([]);
});

test('a malformed email is refused before anything is sent', async ({ page }) => {
  await signIn(page, 'not-an-email', 'x');
  await expect(page.getByRole('link', { name: /请输入正确的邮箱/ })).toBeVisible();
});

test('wrong password: a clear message, still signed out', async ({ page, guards }) => {
  await signIn(page, admin.email, 'wrong-password');
  await expect(page.getByRole('link', { name: '邮箱或密码不正确' })).toBeVisible();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  expect(dropRefusedSignIns(guards)).toEqual([expect.stringMatching(/ 400 /)]);
});

test('an admin signs in, sees who they are, the staff areas and the way to the team page, and signs out', async ({
  page,
}) => {
  await signIn(page, admin.email, admin.password);
  await expect(page.getByRole('status')).toContainText(`已登录： ${admin.displayName} (管理员)`);
  await expect(page.getByRole('heading', { name: '工作区' })).toBeVisible();
  await expect(page.getByRole('link', { name: '管理工作人员' })).toHaveAttribute('href', '/staff/team/');
  await page.reload();
  await expect(page.getByRole('status')).toContainText(admin.displayName, { timeout: 10_000 }); // the session survives a reload
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
});

test('outreach staff see the staff areas but not the way to the team page', async ({ page }) => {
  await signIn(page, outreach.email, outreach.password);
  await expect(page.getByRole('status')).toContainText('宣传工作人员');
  await expect(page.getByRole('heading', { name: '工作区' })).toBeVisible();
  await expect(page.getByRole('link', { name: '管理工作人员' })).toHaveCount(0);
});

test('repeated failures lock the client out with its own message', async ({ page, guards }) => {
  // This test's own client address (the test API trusts X-Forwarded-For), so other tests keep theirs.
  const address = `10.77.0.${test.info().workerIndex + 1}${test.info().project.name === 'mobile' ? 1 : 2}`;
  await page
    .context()
    .route('**/auth/v1/token**', (route) =>
      route.continue({ headers: { ...route.request().headers(), 'x-forwarded-for': address } }),
    );
  // Its own account too: after 5 failures an account backs off (the real accounts stay usable for other tests).
  const target = `lockout-${address}@e2e.test`;
  for (let i = 0; i < 5; i++) {
    await signIn(page, target, `wrong-${i}`);
    await expect(page.getByRole('link', { name: '邮箱或密码不正确' })).toBeVisible();
    await expect(page.getByRole('button', { name: '登录' })).toBeEnabled();
  }
  await signIn(page, target, `wrong-5`);
  await expect(page.getByRole('link', { name: /登录失败次数过多/ })).toBeVisible();
  const refused = dropRefusedSignIns(guards);
  expect(refused.filter((m) => / 400 /.test(m))).toHaveLength(5); // the five wrong passwords; the sixth try is the 429
  expect(refused.filter((m) => / 429 /.test(m))).toHaveLength(1);
});
