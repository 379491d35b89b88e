/**
 * Without JavaScript the lecture pages say online sign-up needs it and give a true number instead: the
 * 12345 hotline while no consultation number is configured (the test build sets none).
 */
import { expect, test } from './fixtures.ts';

test.use({ javaScriptEnabled: false });

for (const [path, lead] of [
  ['/lectures/', '在线报名需要启用 JavaScript。'],
  ['/lectures/event/?id=00000000-0000-4000-8000-00000000a001', '在线报名需要启用 JavaScript。'],
  ['/en/lectures/', 'Online sign-up needs JavaScript.'],
] as const) {
  test(`without JavaScript ${path} gives a true number to call (12345)`, async ({ page }) => {
    await page.goto(path);
    // Playwright's text matching skips <noscript>: read its HTML.
    const note = await page.locator('main noscript').first().innerHTML();
    expect(note).toContain(lead);
    expect(note).toContain('href="tel:12345"');
    expect(note).not.toContain('0566-0000000');
    await expect(page.locator('.lec-loading')).toBeHidden();
  });
}
