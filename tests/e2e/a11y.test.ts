/**
 * axe sweep (WCAG 2.0/2.1 A + AA, 2.2 AA) of every page in dist/, in normal and large-text mode, plus interactive
 * states. All detail pages run in the desktop project; the mobile project sweeps a sample of them.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { distPages, facilities, openMoreFilters, zh } from './data.ts';

test.describe.configure({ mode: 'parallel', timeout: 120_000 }); // one test sweeps several pages

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const isDetail = (p: string) => /^(\/en)?\/facilities\/[^/]+\/$/.test(p);
const unmapped = facilities.find((f) => !f.location)!;
/**
 * Pages are walked from dist/ when a test runs (not when tests are listed), so the test titles stay the same even if
 * dist/ is rebuilt while the suite runs: each test takes every N-th page of its group.
 */
const OTHER_CHUNKS = 3;
const DETAIL_CHUNKS = 8;
function group(kind: 'other' | 'detail', i: number, n: number, project: string): string[] {
  const all = distPages();
  const details = all.filter(isDetail);
  if (kind === 'other') return all.filter((p) => !isDetail(p)).filter((_, j) => j % n === i);
  // All detail pages in desktop; in mobile the first, the last and an unmapped one in English.
  const sample = new Set([details[0], details[details.length - 1], `/en/facilities/${unmapped.id}/`]);
  return details.filter((p, j) => j % n === i && (project === 'desktop' || sample.has(p)));
}

/** Runs axe on the page as it is now; returns a readable line per violating node. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${new URL(page.url()).pathname}${new URL(page.url()).search} [${v.id}, ${v.impact}] ${v.help} → ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`),
  );
}

async function sweep(page: Page, mode: string, path: string): Promise<string[]> {
  const response = await page.goto(path);
  expect(response?.ok(), `${path} loads`).toBe(true);
  await expect(page.locator('html')).toHaveAttribute('data-text', mode);
  return violations(page);
}

const report = (found: string[]) => expect(found, `axe violations:\n${found.join('\n')}`).toEqual([]);

test('dist/ has the expected pages', () => {
  const all = distPages();
  expect(all.filter(isDetail).length).toBe(facilities.length * 2);
  expect(all).toContain('/404.html');
  expect(all.filter((p) => !isDetail(p)).length).toBeGreaterThanOrEqual(17);
});

for (const mode of ['normal', 'large'] as const) {
  test.describe(`${mode} text`, () => {
    test.beforeEach(async ({ page }) => {
      if (mode === 'large') await page.addInitScript(() => localStorage.setItem('tuoyu.text', 'large'));
    });

    for (const [kind, n] of [['other', OTHER_CHUNKS], ['detail', DETAIL_CHUNKS]] as const) {
      for (let i = 0; i < n; i++) {
        test(`axe ${kind} pages ${i + 1}/${n}`, async ({ page }, testInfo) => {
          const todo = group(kind, i, n, testInfo.project.name);
          test.skip(todo.length === 0, 'mobile sweeps a sample of detail pages');
          const found: string[] = [];
          for (const path of todo) found.push(...(await sweep(page, mode, path)));
          testInfo.annotations.push({ type: 'pages', description: todo.join(' ') });
          report(found);
        });
      }
    }

    test('axe list page: filters open, no results, geolocation alert', async ({ page }) => {
      await sweep(page, mode, '/facilities/');
      await openMoreFilters(page);
      await expect(page.getByLabel(zh('list.filter.type'), { exact: true })).toBeVisible();
      const found = await violations(page);
      await page.getByLabel(zh('list.sort'), { exact: true }).selectOption('distance');
      await expect(page.getByRole('alert')).toBeVisible(); // no permission: the polite message
      await page.getByLabel(zh('list.filter.q')).fill('没有这样的机构');
      await expect(page.getByText(zh('list.empty'))).toBeVisible();
      found.push(...(await violations(page)));
      await sweep(page, mode, '/en/facilities/?type=kindergarten_class&inclusive=1');
      found.push(...(await violations(page)));
      report(found);
    });

    test('axe compare page with a table', async ({ page }) => {
      const ids = facilities.slice(0, 3).map((f) => `id=${f.id}`).join('&');
      const found = await sweep(page, mode, `/compare/?${ids}`);
      await expect(page.getByRole('table')).toBeVisible();
      found.push(...(await sweep(page, mode, `/en/compare/?${ids}&id=${facilities[3]!.id}`)));
      await expect(page.getByRole('status')).toBeVisible();
      report(found);
    });
  });
}
