/** axe sweep of every facility detail page, both locales, both text modes (desktop project only). */
import { test } from './fixtures.ts';
import { distPages } from './data.ts';
import { isDetail, report, sweep } from './axe.ts';

test.describe.configure({ mode: 'parallel', timeout: 120_000 });

const CHUNKS = 8;

for (const mode of ['normal', 'large'] as const) {
  test.describe(`${mode} text`, () => {
    test.beforeEach(async ({ page }) => {
      if (mode === 'large') await page.addInitScript(() => localStorage.setItem('tuoyu.text', 'large'));
    });
    for (let i = 0; i < CHUNKS; i++) {
      test(`axe detail pages ${i + 1}/${CHUNKS}`, async ({ page }, testInfo) => {
        const todo = distPages()
          .filter(isDetail)
          .filter((_, j) => j % CHUNKS === i);
        const found: string[] = [];
        for (const path of todo) found.push(...(await sweep(page, mode, path)));
        testInfo.annotations.push({ type: 'pages', description: todo.join(' ') });
        report(found);
      });
    }
  });
}
