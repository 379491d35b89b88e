/**
 * The map for everyone: zero axe violations (WCAG 2.0–2.2 A/AA) with the map loaded, a popup open and "near me"
 * on, in normal and large-text mode; and on a 360 px phone a full-width map, large touch targets and a
 * map / list switch.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { expected, located, t, waitForMap } from './map-helpers.ts';

test.describe.configure({ mode: 'parallel' });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const here = located[0]!.lngLat!;
const solo = located.find((f) => expected(`q=${encodeURIComponent(f.name)}`).onMap.length === 1)!;

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${page.url()} [${v.id}] ${v.help} → ${n.target.join(' ')}`),
  );
}

for (const mode of ['normal', 'large'] as const) {
  test.describe(`${mode} text`, () => {
    test.use({ geolocation: { longitude: here[0], latitude: here[1] }, permissions: ['geolocation'] });
    test.beforeEach(async ({ page }) => {
      if (mode === 'large') await page.addInitScript(() => localStorage.setItem('tuoyu.text', 'large'));
    });

    test('axe: map loaded, popup open, near me on (zh-CN and en)', async ({ page }) => {
      test.slow(); // four axe runs
      const found: string[] = [];
      for (const path of ['/map/', '/en/map/?type=childcare_center']) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-text', mode);
        await waitForMap(page);
        found.push(...(await violations(page)));
        await page
          .getByRole('button', { name: t('map.near.button', {}, path.startsWith('/en') ? 'en' : 'zh-CN') })
          .click();
        await expect(page.locator('[data-near-list] li').first()).toBeVisible();
        await page.locator('[data-near-list] button').first().click();
        await expect(page.locator('.leaflet-popup, .fm-popup-sheet')).toHaveCSS('opacity', '1'); // faded in: colours are final
        found.push(...(await violations(page)));
      }
      expect(found, found.join('\n')).toEqual([]);
    });

    test('axe: the map page with a filter sheet open', async ({ page }) => {
      await page.goto('/map/');
      await waitForMap(page);
      await page.locator('.chip-bar [popovertarget="sheet-form"]').click();
      await expect(page.locator('#sheet-form')).toBeVisible();
      const found = await violations(page);
      expect(found, found.join('\n')).toEqual([]);
    });

    test('360 px phone: full-width map, large targets, map / list switch', async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto('/map/');
      await waitForMap(page);
      const canvas = (await page.locator('[data-canvas]').boundingBox())!;
      expect(canvas.x).toBe(0);
      expect(canvas.width).toBe(360);
      const min = mode === 'large' ? 60 : 44;
      for (const sel of ['.fm-cluster', '.leaflet-control-zoom-in', '.leaflet-control-zoom-out']) {
        const box = (await page.locator(sel).first().boundingBox())!;
        expect(Math.min(box.width, box.height), sel).toBeGreaterThanOrEqual(min - 0.5);
      }
      const switchGroup = page.getByRole('group', { name: t('map.view.label') });
      const listButton = switchGroup.getByRole('button', { name: t('map.view.list') });
      expect((await listButton.boundingBox())!.height).toBeGreaterThanOrEqual(min - 0.5);
      await listButton.click();
      await expect(listButton).toHaveAttribute('aria-pressed', 'true');
      await expect(page.locator('[data-canvas]')).toBeHidden();
      await expect(page.locator('#facility-list')).toBeVisible();
      await switchGroup.getByRole('button', { name: t('map.view.map') }).click();
      await expect(page.locator('[data-canvas]')).toBeVisible();
      await expect(page.locator('#facility-list')).toBeHidden();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // A single marker is as large as any other target.
      await page.goto(`/map/?q=${encodeURIComponent(solo.name)}`);
      await waitForMap(page);
      const box = (await page.locator('.fm-marker').boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(min - 0.5);
    });
  });
}
