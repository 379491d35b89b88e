/**
 * The team page's facility accounts (issue 17): an admin binds an account to facilities found by name; a staff
 * account is refused in plain words; the list shows each facility account with its facilities; axe finds nothing.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { report, violations } from './axe.ts';
import { E2E_STAFF, E2E_UNBOUND } from '../support/e2e-env.ts';
import { facilityRefusals } from '../../src/lib/refusals/facility.ts';

test.describe.configure({ mode: 'serial' });
const { admin, member } = E2E_STAFF;

async function signIn(page: Page) {
  await page.goto('/staff/team/');
  await expect(page.locator('astro-island')).not.toHaveAttribute('ssr');
  await page.getByLabel('邮箱', { exact: true }).fill(admin.email);
  await page.getByLabel('密码').fill(admin.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '机构账号', exact: true })).toBeVisible();
}

async function fill(page: Page, email: string, name: string, facilities: string[]) {
  const form = page.getByRole('region', { name: '机构账号' });
  await form.getByLabel('账号邮箱').fill(email);
  await form.getByLabel(/^名称/).fill(name);
  for (const f of facilities) {
    await form.getByLabel('按名称查找机构').fill(f.slice(3, 7));
    await form.getByLabel(f).check();
  }
  await form.getByRole('button', { name: '保存机构账号' }).click();
}

test('an admin binds an account to facilities found by name; the list shows it; axe finds nothing', async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByRole('listitem').filter({ hasText: E2E_UNBOUND.email })).toHaveCount(0);
  await fill(page, E2E_UNBOUND.email, '秋浦托育 张老师', ['示例·秋浦蒲公英托育园', '示例·秋浦阳光托育园']);
  await expect(page.getByRole('status').filter({ hasText: '已保存：秋浦托育 张老师' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: E2E_UNBOUND.email })).toContainText(
    '秋浦托育 张老师',
  );
  await expect(page.getByRole('listitem').filter({ hasText: E2E_UNBOUND.email })).toContainText(
    /示例·秋浦蒲公英托育园、示例·秋浦阳光托育园|示例·秋浦阳光托育园、示例·秋浦蒲公英托育园/,
  );
  report(await violations(page));
});

test('a staff account cannot be a facility account: the refusal in plain words', async ({ page, guards }) => {
  await signIn(page);
  await fill(page, member.email, '同事', ['示例·棠溪童心托育园']);
  await expect(
    page.getByRole('status').filter({ hasText: facilityRefusals['facility:account_is_staff']['zh-CN'] }),
  ).toBeVisible();
  // The browser logs the refused call (HTTP 409) itself.
  const refused = guards.consoleErrors.filter((m) => / 409 /.test(m));
  expect(refused.length).toBe(1);
  guards.consoleErrors.splice(
    0,
    guards.consoleErrors.length,
    ...guards.consoleErrors.filter((m) => !/ 409 /.test(m)),
  );
});
