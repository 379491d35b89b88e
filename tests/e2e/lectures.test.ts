/**
 * Lectures end to end, through the real embedded API: staff create and publish an event (capacity 1) → a parent
 * finds it, signs up, gets a code, a QR code and a .ics file → the event is full → a second parent (keyboard only,
 * large text) joins the waitlist → the first cancels → the second is confirmed → staff check them in by code →
 * roster, reveal and CSV export reflect it. Plus axe on each state and the no-API fallback.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { E2E_STAFF } from '../support/e2e-env.ts';
import { violations } from './axe.ts';
import { expect, test } from './fixtures.ts';

const { outreach } = E2E_STAFF;
const hydrated = (page: Page) =>
  expect(page.locator('astro-island').first()).not.toHaveAttribute('ssr', { timeout: 15_000 });

/** Reads a QR code from a screenshot of the element, as a phone camera at the venue would from the screen. */
async function decodeQr(element: Locator): Promise<string | undefined> {
  const png = PNG.sync.read(await element.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** Tomorrow in Beijing as datetime-local values. */
function tomorrow(hh: string): string {
  const d = new Date(Date.now() + 8 * 3600_000 + 86400_000);
  return `${d.toISOString().slice(0, 10)}T${hh}`;
}

test('staff publish → sign-up with code, QR and .ics → full → waitlist → cancel promotes → check-in → roster and export', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  const title = `E2E 家长讲堂 ${info.project.name} ${Date.now().toString(36)}`;
  const mobiles =
    info.project.name === 'mobile' ? ['13700000101', '13700000102'] : ['13700000201', '13700000202'];

  // Staff: sign in, create, publish.
  await page.goto('/staff/');
  await hydrated(page);
  await page.getByLabel('邮箱').fill(outreach.email);
  await page.getByLabel('密码').fill(outreach.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('status')).toContainText(outreach.displayName);
  await page.getByRole('link', { name: '讲座管理' }).click();
  await hydrated(page);
  await page.getByRole('button', { name: '新建活动' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请检查以下问题' })).toBeFocused();
  await expect(page.getByRole('link', { name: '请填写 1 到 120 字的标题' })).toBeVisible();
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('地点').fill('区妇幼保健中心三楼');
  await page.getByLabel('街道/镇').fill('秋浦街道');
  await page.getByLabel('开始（北京时间）').fill(tomorrow('09:30'));
  await page.getByLabel('结束（北京时间）').fill(tomorrow('08:00'));
  await page.getByLabel('名额（人数）').fill('1');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('link', { name: '结束时间要晚于开始时间' })).toBeVisible();
  await page.getByLabel('结束（北京时间）').fill(tomorrow('11:00'));
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存。')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: '发布' }).click();
  await expect(page.getByRole('heading', { name: title })).toContainText('已发布');

  // Parent 1: schedule → detail → sign up.
  await page.goto('/lectures/');
  await hydrated(page);
  await page.getByLabel('活动类型').selectOption('parent_class');
  await page.getByLabel('街道/镇').selectOption('秋浦街道');
  const card = page.getByRole('listitem').filter({ hasText: title });
  await expect(card).toContainText('剩余 1 个名额');
  await expect(card).toContainText('09:30–11:00');
  expect(await violations(page)).toEqual([]);
  await card.getByRole('link', { name: title, exact: true }).click();
  await hydrated(page);
  // the page is headed by the lecture's own title (issue 19 §7), and its date and time range never break inside
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} - `));
  const pieces = page.locator('.lec-facts .lec-nowrap');
  await expect(pieces).toHaveCount(2);
  for (const el of await pieces.all()) {
    expect(await el.evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('nowrap');
    expect(await el.evaluate((e) => e.getClientRects().length), 'one line box').toBe(1);
  }
  await page.getByRole('button', { name: '提交报名' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请检查以下问题' })).toBeFocused();
  await expect(page.getByRole('link', { name: '请填写手机号码' })).toHaveAttribute('href', '#lec-mobile');
  expect(await violations(page)).toEqual([]);
  await page.getByLabel('姓名', { exact: true }).fill('王芳');
  await page.getByRole('textbox', { name: /^手机号码/ }).fill(`137 0000 ${mobiles[0].slice(7)}`);
  await page.getByLabel('1 人').check();
  await page.getByLabel('1–2 岁').check();
  await page.getByLabel(/我同意/).check();
  await page.getByRole('button', { name: '提交报名' }).click();
  await expect(page.getByRole('heading', { name: '报名成功' })).toBeFocused();
  const code1 = (await page.getByTestId('lec-code').textContent())!.trim();
  expect(code1).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);
  const qr = page.getByRole('img', { name: `确认码 ${code1} 的二维码` });
  await expect(qr).toBeVisible();
  expect(await decodeQr(qr), 'the QR code as the browser draws it, read back by jsQR').toBe(code1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '加入手机日历' }).click(),
  ]);
  const ics = readFileSync((await download.path())!, 'utf8');
  expect(ics).toContain(`DTSTART;TZID=Asia/Shanghai:${tomorrow('09:30').replace(/[-:]/g, '')}00`);
  expect(ics).toContain(`确认码: ${code1}`);
  expect(ics).toContain('BEGIN:VALARM');
  expect(await violations(page)).toEqual([]);

  // Parent 2: the event is full; keyboard only, large text: joins the waitlist.
  await page.reload();
  await hydrated(page);
  await expect(page.getByText('名额已满，可排队候补（0 人在排队）')).toBeVisible();
  await page.getByRole('button', { name: '大字模式' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-text', 'large');
  await page.locator('#lec-name').focus();
  await page.keyboard.type('李雷');
  await page.keyboard.press('Tab');
  await page.keyboard.type(mobiles[1]);
  await page.keyboard.press('Tab'); // adults: first radio
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // children coming along: "none" is preselected
  await page.keyboard.press('Tab'); // age band group
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab'); // consent
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '排队候补' }).last()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '已加入候补，排在第 1 位' })).toBeVisible();
  const code2 = (await page.getByTestId('lec-code').textContent())!.trim();
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: '大字模式' }).click();

  // Parent 1 cancels with phone + code; parent 2 is confirmed.
  await page.goto('/lectures/my/');
  await hydrated(page);
  await page.getByLabel('手机号码').fill(mobiles[0]);
  await page.getByLabel('确认码').fill(code1.toLowerCase());
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByTestId('lec-status')).toHaveText('已确认');
  await page.getByRole('button', { name: '取消报名' }).click();
  await page.getByRole('button', { name: '取消报名' }).click();
  await expect(page.getByRole('heading', { name: '报名已取消' })).toBeVisible();
  await page.getByLabel('手机号码').fill(mobiles[1]);
  await page.getByLabel('确认码').fill(code2);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByTestId('lec-status')).toHaveText('已确认');
  expect(await violations(page)).toEqual([]);

  // Staff: check in parent 2 by code (twice: idempotent), roster, reveal, CSV export.
  await page.goto('/staff/lectures/');
  await hydrated(page);
  await page.getByRole('button', { name: title }).click();
  // Where the browser has no BarcodeDetector, scanning says so and typing remains.
  await page.evaluate(() => delete (window as { BarcodeDetector?: unknown }).BarcodeDetector);
  await page.getByRole('button', { name: '扫码签到' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '此浏览器不支持扫码，请输入确认码。' }),
  ).toBeVisible();
  await page.getByLabel('确认码').fill(code2.toLowerCase());
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `李雷 已签到（${code2}）。` })).toBeVisible();
  await page.getByLabel('确认码').fill(code2);
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `李雷 之前已签到（${code2}）。` })).toBeVisible();
  const roster = page.getByRole('table');
  const row2 = roster.getByRole('row').filter({ hasText: code2 });
  await expect(row2).toContainText(`${mobiles[1].slice(0, 3)}****${mobiles[1].slice(7)}`);
  await expect(row2).toContainText('已确认');
  await expect(roster.getByRole('row').filter({ hasText: code1 })).toContainText('已取消');
  await row2.getByRole('button', { name: '显示号码：李雷' }).click();
  await expect(row2).toContainText(mobiles[1]);
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 CSV' }).click(),
  ]);
  const text = readFileSync((await csv.path())!, 'utf8');
  // Outreach staff export masked numbers (full ones: an admin with a reason, tests/db/lecture-rosters.test.ts).
  expect(text.split('\r\n').find((l) => l.includes(code2))).toMatch(
    new RegExp(`李雷,${mobiles[1].slice(0, 3)}\\*{4}${mobiles[1].slice(7)},1,.*已确认,\\d{4}-`),
  );
  expect(text).not.toContain(mobiles[1]);
  expect(text.split('\r\n').find((l) => l.includes(code1))).toContain('已取消');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel' }).click(),
  ]);
  expect(
    readFileSync((await xlsx.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe('PK'); // an OOXML (zip) workbook
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(await violations(page)).toEqual([]);

  // Cancelling the event lists the people to call, with their full numbers; parents see it cancelled.
  await page.getByRole('button', { name: '取消活动' }).click();
  await page.getByLabel('取消原因（会显示给家长）').fill('讲师临时有事');
  await page.getByRole('button', { name: '确认取消活动' }).click();
  const toCall = page.getByRole('region', { name: '请电话通知以下人员：' });
  await expect(toCall).toContainText(`李雷 ${mobiles[1]} (${code2})`);
  await expect(toCall.getByRole('listitem')).toHaveCount(1);
  await page.goto('/lectures/');
  await hydrated(page);
  await expect(page.getByRole('listitem').filter({ hasText: title })).toContainText('活动已取消');
});

test('the schedule says so and gives a phone number when the API cannot be reached', async ({
  page,
  guards,
}) => {
  test.setTimeout(40_000);
  await page.route('**/rest/v1/rpc/**', (route) => route.abort('connectionrefused'));
  await page.goto('/en/lectures/');
  await expect(page.getByRole('status')).toHaveText('Loading the schedule…');
  // postgrest-js retries a failed GET three times (1 s, 2 s, 4 s) before giving up.
  await expect(page.getByRole('alert')).toContainText('The sign-up service cannot be reached right now.', {
    timeout: 20_000,
  });
  // No consultation number is configured in the test build: the true fallback is the 12345 hotline.
  await expect(page.getByRole('alert').getByRole('link', { name: '12345' })).toHaveAttribute(
    'href',
    'tel:12345',
  );
  expect(await violations(page)).toEqual([]);
  guards.consoleErrors.length = 0; // the browser logs the refused request itself
});

test.describe('at 320 px', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test('the schedule and the sign-up form fit without sideways scrolling; controls are at least 44 px tall', async ({
    page,
  }) => {
    for (const path of ['/lectures/', '/lectures/event/?id=00000000-0000-4000-8000-00000000a001']) {
      await page.goto(path);
      await hydrated(page);
      await expect(page.getByText(/示例/).first()).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    }
    for (const control of await page
      .locator(
        'main button, main input[type=radio], main select, main input:not([type=radio]):not([type=checkbox])',
      )
      .all()) {
      const [id, height] = await control.evaluate(
        (el) =>
          [
            el.id || el.outerHTML.slice(0, 60),
            (el.closest('label.choice') ?? el).getBoundingClientRect().height,
          ] as const,
      );
      expect(height, id).toBeGreaterThanOrEqual(44);
    }
  });
});
