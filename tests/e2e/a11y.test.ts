/**
 * axe sweep (WCAG 2.0/2.1 A + AA, 2.2 AA) of every page in dist/, in normal and large-text mode, plus interactive
 * states. Here: every page but the facility detail pages, plus a sample of those (a11y-details.desktop.test.ts sweeps
 * them all, in the desktop project).
 */
import { test, expect } from './fixtures.ts';
import { closeSheet, distPages, facilities, filterField, zh } from './data.ts';
import { isDetail, report, sweep, violations } from './axe.ts';

test.describe.configure({ mode: 'parallel', timeout: 120_000 }); // one test sweeps several pages

const OTHER_CHUNKS = 3;
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

    for (let i = 0; i < OTHER_CHUNKS; i++) {
      test(`axe pages ${i + 1}/${OTHER_CHUNKS}`, async ({ page }, testInfo) => {
        // Walked when the test runs, so titles stay the same if dist/ is rebuilt: every N-th page.
        const todo = distPages()
          .filter((p) => !isDetail(p))
          .filter((_, j) => j % OTHER_CHUNKS === i);
        const found: string[] = [];
        for (const path of todo) found.push(...(await sweep(page, mode, path)));
        testInfo.annotations.push({ type: 'pages', description: todo.join(' ') });
        report(found);
      });
    }

    test('axe detail pages: the first, the last and an unmapped one in English', async ({ page }) => {
      const details = distPages().filter(isDetail);
      const unmapped = facilities.find((f) => !f.location)!;
      const found: string[] = [];
      for (const path of [details[0]!, details[details.length - 1]!, `/en/facilities/${unmapped.id}/`])
        found.push(...(await sweep(page, mode, path)));
      report(found);
    });

    test('axe list page: each filter sheet open, understood words, no results, compare bar, geolocation alert', async ({
      page,
    }) => {
      const found = await sweep(page, mode, '/facilities/');
      for (const label of [zh('list.filter.age'), zh('list.filter.careForm'), zh('list.filter.type')]) {
        await expect(await filterField(page, label)).toBeVisible();
        found.push(...(await violations(page)));
        await closeSheet(page);
      }
      await (await filterField(page, zh('list.sort'))).locator('input[value="distance"]').click();
      await expect(page.getByRole('alert')).toBeVisible(); // no permission: the polite message
      found.push(...(await violations(page)));
      await closeSheet(page);
      await page.getByLabel(zh('list.filter.q')).fill('普惠 全日托 秋浦 1岁2');
      await expect(page.getByText(zh('list.empty'))).toBeVisible();
      await expect(page.locator('[data-understood-list] button').first()).toBeVisible();
      await page.locator('#facility-list input[type="checkbox"]:visible').first().check();
      await expect(page.locator('compare-bar')).toBeVisible();
      found.push(...(await violations(page)));
      await sweep(page, mode, '/en/facilities/?type=kindergarten_class&inclusive=1');
      found.push(...(await violations(page)));
      report(found);
    });

    test('axe compare page with a table', async ({ page }) => {
      const ids = facilities
        .slice(0, 3)
        .map((f) => `id=${f.id}`)
        .join('&');
      const found = await sweep(page, mode, `/compare/?${ids}`);
      await expect(
        page.locator('.compare:visible, .compare-cards:visible, .compare-pair:visible'),
      ).toHaveCount(1);
      found.push(...(await sweep(page, mode, `/en/compare/?${ids}&id=${facilities[3]!.id}`)));
      await expect(page.getByRole('status')).toBeVisible();
      report(found);
    });
  });
}
