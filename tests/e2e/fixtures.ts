/**
 * Every browser test uses this `test`: requests leaving 127.0.0.1 are aborted and recorded, and the test fails
 * if any happened or if the page logged a console error.
 */
import { test as base, expect } from '@playwright/test';

interface Guards {
  external: string[];
  consoleErrors: string[];
}

export const test = base.extend<{ guards: Guards }>({
  guards: [
    async ({ context }, use) => {
      const guards: Guards = { external: [], consoleErrors: [] };
      await context.route(
        (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
        (route) => {
          guards.external.push(route.request().url());
          return route.abort('blockedbyclient');
        },
      );
      context.on('page', (page) => page.on('console', (m) => m.type() === 'error' && guards.consoleErrors.push(m.text())));
      context.on('weberror', (e) => guards.consoleErrors.push(String(e.error())));
      await use(guards);
      expect(guards.external, 'no request may leave localhost').toEqual([]);
      expect(guards.consoleErrors, 'no console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
