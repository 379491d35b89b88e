/**
 * The staff team page (/staff/team/) through the real test API: admins see every staff member, change a role,
 * deactivate and reactivate an account (public.upsert_staff); the last-admin guard comes back as a plain message;
 * the page says how new people get an account. One browser shape only (desktop): the tests change shared
 * accounts, so they run in order and never beside a copy of themselves.
 */
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { E2E_STAFF } from '../support/e2e-env.ts';
import { report, violations } from './axe.ts';
import { zh } from './data.ts';
import { staffStrings } from '../../src/lib/i18n/staff/index.ts';
import { staffRefusals } from '../../src/lib/refusals/staff.ts';

/** The staff console's strings as the page hands them to the island. */
const staff = staffStrings('zh-CN');

const { admin, outreach, member } = E2E_STAFF;
test.describe.configure({ mode: 'serial' });

let signIns = 0;
async function signInAt(page: Page, path: string, email: string, password: string) {
  // Its own client address per sign-in (the test API trusts X-Forwarded-For), so these sign-ins never use up the
  // per-address sign-in limit other tests share.
  const address = `10.78.${test.info().workerIndex % 250}.${++signIns}`;
  await page
    .context()
    .route('**/auth/v1/token**', (route) =>
      route.continue({ headers: { ...route.request().headers(), 'x-forwarded-for': address } }),
    );
  await page.goto(path);
  await expect(page.locator('astro-island')).not.toHaveAttribute('ssr');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}
/** The "role · status" line of a card (the role <select> lists both role names, so match the whole line). */
const state = (page: Page, name: string, role: '管理员' | '宣传工作人员', status: '已启用' | '已停用') =>
  card(page, name).getByText(`${role} · ${status}`, { exact: true });
const card = (page: Page, name: string) =>
  page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${name}`) }) });
/** The browser logs refused API calls (HTTP 4xx) itself; drop exactly those, keep any other console error. */
function dropRefusedCalls(errors: string[], ...statuses: number[]) {
  const refused = new RegExp(
    `^Failed to load resource: the server responded with a status of (${statuses.join('|')}) `,
  );
  const rest = errors.filter((m) => !refused.test(m));
  errors.length = 0;
  errors.push(...rest);
}

test('the page says how new people get an account, before anyone signs in', async ({ page }) => {
  await page.goto('/staff/team/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('staff.team.title'));
  const adding = page.getByRole('region', { name: zh('staff.team.addNew') });
  await expect(adding.locator('code')).toHaveText('npm run staff -- add 邮箱 --role outreach --name 姓名');
  await expect(adding).toContainText('Authentication → Users');
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
});

test('an admin sees the whole team, every account with its role and status; axe finds nothing', async ({
  page,
}) => {
  await signInAt(page, '/staff/team/', admin.email, admin.password);
  await expect(page.getByRole('heading', { name: staff['staff.team.members'] })).toBeVisible();
  for (const s of [admin, outreach, member]) {
    await expect(card(page, s.displayName)).toContainText(s.email);
    await expect(
      state(page, s.displayName, s.role === 'admin' ? '管理员' : '宣传工作人员', '已启用'),
    ).toBeVisible();
  }
  await expect(card(page, admin.displayName).getByRole('heading')).toHaveText(`${admin.displayName} （您）`);
  report(await violations(page));
  await page.locator('html').evaluate((el) => (el.dataset.text = 'large'));
  report(await violations(page));
});

test('an admin changes a role, and it stays changed after a reload; then changes it back', async ({
  page,
}) => {
  await signInAt(page, '/staff/team/', admin.email, admin.password);
  const c = card(page, member.displayName);
  await c.getByLabel(`${member.displayName} 的角色`).selectOption('admin');
  await c.getByRole('button', { name: /保存角色/ }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `已更改 ${member.displayName} 的角色。` }),
  ).toBeVisible();
  await expect(state(page, member.displayName, '管理员', '已启用')).toBeVisible();
  await page.reload();
  await expect(card(page, member.displayName).getByLabel(`${member.displayName} 的角色`)).toHaveValue(
    'admin',
  );
  await card(page, member.displayName).getByLabel(`${member.displayName} 的角色`).selectOption('outreach');
  await card(page, member.displayName)
    .getByRole('button', { name: /保存角色/ })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: `已更改 ${member.displayName} 的角色。` }),
  ).toBeVisible();
  await expect(state(page, member.displayName, '宣传工作人员', '已启用')).toBeVisible();
});

test('an admin deactivates an account and reactivates it', async ({ page }) => {
  await signInAt(page, '/staff/team/', admin.email, admin.password);
  await card(page, member.displayName)
    .getByRole('button', { name: `停用账号 ${member.displayName}` })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: `已停用 ${member.displayName} 的账号。` }),
  ).toBeVisible();
  await expect(state(page, member.displayName, '宣传工作人员', '已停用')).toBeVisible();
  await card(page, member.displayName)
    .getByRole('button', { name: `重新启用 ${member.displayName}` })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: `已重新启用 ${member.displayName} 的账号。` }),
  ).toBeVisible();
  await expect(state(page, member.displayName, '宣传工作人员', '已启用')).toBeVisible();
});

test('the last active admin cannot deactivate or demote themselves: a plain message, nothing changes', async ({
  page,
  guards,
}) => {
  await signInAt(page, '/staff/team/', admin.email, admin.password);
  await card(page, admin.displayName)
    .getByRole('button', { name: `停用账号 ${admin.displayName}` })
    .click();
  await expect(page.getByRole('alert')).toHaveText(staffRefusals['staff:last_admin']['zh-CN']);
  await expect(state(page, admin.displayName, '管理员', '已启用')).toBeVisible();
  await card(page, admin.displayName).getByLabel(`${admin.displayName} 的角色`).selectOption('outreach');
  await card(page, admin.displayName)
    .getByRole('button', { name: /保存角色/ })
    .click();
  await expect(page.getByRole('alert')).toHaveText(staffRefusals['staff:last_admin']['zh-CN']);
  await page.reload();
  await expect(card(page, admin.displayName).getByLabel(`${admin.displayName} 的角色`)).toHaveValue('admin');
  dropRefusedCalls(guards.consoleErrors, 409);
});

test('making an unknown email staff says to create the account first; a known one is renamed', async ({
  page,
  guards,
}) => {
  await signInAt(page, '/staff/team/', admin.email, admin.password);
  const form = page.getByRole('region', { name: staff['staff.team.addExisting'] });
  await form.getByLabel('邮箱').fill('nobody@e2e.test');
  await form.getByLabel('姓名').fill('无此人');
  await form.getByRole('button', { name: staff['staff.team.addSubmit'] }).click();
  await expect(
    form.getByRole('alert').getByRole('link', { name: staffRefusals['staff:no_user']['zh-CN'] }),
  ).toBeVisible();
  // PT404 staff:no_user: 404 from PostgREST and the embedded API alike.
  dropRefusedCalls(guards.consoleErrors, 404);
  await form.getByLabel('邮箱').fill(member.email);
  await form.getByLabel('姓名').fill(member.displayName);
  await form.getByRole('button', { name: staff['staff.team.addSubmit'] }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `${member.displayName} 已成为工作人员。` }),
  ).toBeVisible();
});

test('outreach staff are told only admins manage the team', async ({ page }) => {
  await signInAt(page, '/staff/team/', outreach.email, outreach.password);
  await expect(page.getByText(staff['staff.team.adminsOnly'])).toBeVisible();
  await expect(page.getByRole('heading', { name: staff['staff.team.members'] })).toHaveCount(0);
});
