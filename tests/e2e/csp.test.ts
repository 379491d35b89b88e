/**
 * The Content-Security-Policy as the browser applies it, on the site served by the real static server: no
 * inline script or style runs unless the build hashed it, the page may call the configured API and nothing else,
 * no other site may frame it, and the security headers arrive with the page.
 */
import { test, expect } from './fixtures.ts';
import { createServer } from 'node:http';
import { E2E_API_URL } from '../support/e2e-env.ts';
import { listen } from '../../scripts/lib/static-server.ts';

test("an injected inline script and style are blocked; the site's own snippet runs", async ({
  page,
  guards,
}) => {
  await page.route('**/about/', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      '</main>',
      '<script>window.__injected = true</script><style>body{background:rgb(255,0,0)}</style></main>',
    );
    await route.fulfill({ response, body: html });
  });
  await page.goto('/about/');
  // The text-mode snippet (hashed from its source at build time) ran: it marks <html> with the js class.
  await expect(page.locator('html')).toHaveClass(/\bjs\b/);
  expect(
    await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
  ).toBeUndefined();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(
    'rgb(255, 0, 0)',
  );
  await expect.poll(() => guards.cspViolations.length).toBe(2);
  expect(guards.cspViolations.map((v) => v.split(': ')[1]!.split(' ')[0]).sort()).toEqual([
    'script-src-elem',
    'style-src-elem',
  ]);
  // What the browser logs with each blocked element; nothing else.
  expect(guards.consoleErrors.filter((m) => !/Content Security Policy/.test(m))).toEqual([]);
  guards.cspViolations.length = 0;
  guards.consoleErrors.length = 0;
});

test('the page may reach the configured API and no other host', async ({ page, guards }) => {
  await page.goto('/');
  const result = await page.evaluate(async (api) => {
    const tryFetch = (url: string) =>
      fetch(url).then(
        () => 'reached',
        (e: Error) => `failed: ${e.message}`,
      );
    return { api: await tryFetch(`${api}/auth/v1/health`), other: await tryFetch('http://127.0.0.1:9/') };
  }, E2E_API_URL);
  expect(result.api).toBe('reached');
  expect(result.other).toMatch(/^failed/);
  await expect
    .poll(() => guards.cspViolations)
    .toEqual([expect.stringMatching(/connect-src blocked http:\/\/127\.0\.0\.1:9\//)]);
  guards.cspViolations.length = 0;
  guards.consoleErrors.length = 0;
});

test('the page carries the security headers', async ({ page }) => {
  const response = (await page.goto('/map/'))!;
  const headers = response.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['permissions-policy']).toContain('geolocation=(self)');
  expect(headers['permissions-policy']).toContain('camera=()');
  const meta = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(meta).not.toContain('unsafe-inline');
  expect(meta).toMatch(new RegExp(`connect-src 'self' ${E2E_API_URL.replace(/\./g, '\\.')}(;| )`));
});

test('another site cannot frame the page', async ({ page, guards, baseURL }) => {
  // Another port is another origin: a small server there serves a page that frames the site.
  const site = new URL(baseURL!).origin;
  const framer = createServer((_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><title>framer</title><iframe src="${site}/about/"></iframe>`),
  );
  const url = await listen(framer, 0);
  try {
    const refused = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
    await page.goto(`${url}/`);
    const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
    await refused;
    expect(await frame.evaluate(() => document.title).catch(() => 'no access')).not.toContain('贵池');
  } finally {
    framer.close();
  }
  // Chromium reports the refused frame on the console; nothing else may appear.
  expect(guards.consoleErrors.filter((m) => !/frame-ancestors/.test(m))).toEqual([]);
  guards.consoleErrors.length = 0;
});
