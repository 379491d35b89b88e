/**
 * Every browser test uses this `test`: requests leaving 127.0.0.1 are aborted and recorded, and the test fails
 * if any happened, if the page logged a console error, or if the Content-Security-Policy blocked anything
 * (each `securitypolicyviolation` event is recorded). A test that provokes a violation on purpose asserts it and
 * empties `guards.cspViolations` (and the console error the browser logs with it).
 */
import { test as base, expect } from '@playwright/test';

interface Guards {
  external: string[];
  consoleErrors: string[];
  cspViolations: string[];
}

export const test = base.extend<{ guards: Guards }>({
  guards: [
    async ({ context }, use) => {
      const guards: Guards = { external: [], consoleErrors: [], cspViolations: [] };
      await context.exposeFunction('__tuoyuCspViolation', (text: string) => guards.cspViolations.push(text));
      await context.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as { __tuoyuCspViolation(t: string): void }).__tuoyuCspViolation(
            `${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
          ),
        ),
      );
      await context.route(
        (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
        (route) => {
          guards.external.push(route.request().url());
          return route.abort('blockedbyclient');
        },
      );
      context.on('page', (page) =>
        page.on('console', (m) => m.type() === 'error' && guards.consoleErrors.push(m.text())),
      );
      context.on('weberror', (e) => guards.consoleErrors.push(String(e.error())));
      await use(guards);
      expect(guards.external, 'no request may leave localhost').toEqual([]);
      expect(guards.cspViolations, 'no Content-Security-Policy violations').toEqual([]);
      expect(guards.consoleErrors, 'no console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
