/**
 * Call and route everywhere it matters (issue 19 §1), on a 360 × 740 phone in both text modes: every facility
 * card has a one-tap call (the facility's number, or the 12345 hotline with the reason it has none) and, when
 * located, a one-tap route; a detail page has both on its first screen; the hospital page names its sites and
 * a number to ask on its first screen; the about page gives the numbers. Expected values come from the YAML
 * (tests/e2e/data.ts), not from the components.
 */
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { facilities, zh } from './data.ts';

test.use({ viewport: { width: 360, height: 740 } });
const SCREEN = 740;

async function setText(page: Page, mode: 'normal' | 'large') {
  await page.goto('/');
  if (mode === 'large') {
    await page.getByRole('button', { name: zh('textMode.toggle') }).click();
    await expect(page.locator('html')).toHaveAttribute('data-text', 'large');
  }
}

for (const mode of ['normal', 'large'] as const) {
  test(`${mode} text: every card offers a call (≥ 44 px) and, when located, a route`, async ({ page }) => {
    await setText(page, mode);
    await page.goto('/facilities/');
    const listed = facilities.filter((f) => f.type !== 'hospital_site');
    const problems: string[] = [];
    for (const f of listed) {
      const card = page.locator(`li[data-id="${f.id}"]`);
      const call = card.locator('a[href^="tel:"]');
      if ((await call.count()) !== 1) {
        problems.push(`${f.id}: ${await call.count()} call links`);
        continue;
      }
      const href = await call.getAttribute('href');
      const want = f.phone ? `tel:${f.phone.replace(/[^\d+]/g, '')}` : 'tel:12345';
      if (href !== want) problems.push(`${f.id}: ${href}, expected ${want}`);
      const box = (await call.boundingBox())!;
      if (box.height < 44 || box.width < 44) problems.push(`${f.id}: call ${box.width}×${box.height}`);
      const route = card.locator('a[data-nav="amap"]');
      if ((await route.count()) !== (f.location ? 1 : 0))
        problems.push(`${f.id}: route links ${await route.count()}`);
      if (f.location) {
        const r = (await route.boundingBox())!;
        if (r.height < 44) problems.push(`${f.id}: route ${r.width}×${r.height}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test(`${mode} text: a detail page has 电话 and 导航 on its first screen`, async ({ page }) => {
    await setText(page, mode);
    const located = facilities.find((f) => f.location && f.type !== 'hospital_site')!;
    await page.goto(`/facilities/${located.id}/`);
    const call = page.locator('main a[href^="tel:"]').first();
    const route = page.locator('main a[data-nav="amap"]').first();
    for (const [name, link] of [
      ['call', call],
      ['route', route],
    ] as const) {
      const box = (await link.boundingBox())!;
      expect(box.y + box.height, `${name} ends within the first screen`).toBeLessThanOrEqual(SCREEN);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    // the route opens AMap's navigation to this facility
    const url = new URL((await route.getAttribute('href'))!);
    expect(url.hostname).toBe('uri.amap.com');
    expect(url.searchParams.get('to')!.split(',')[2]).toBe(located.name);
  });

  test(`${mode} text: the hospital page names its sites and a number to ask on the first screen`, async ({
    page,
  }) => {
    await setText(page, mode);
    await page.goto('/hospital-sites/');
    const sites = facilities.filter((f) => f.type === 'hospital_site');
    expect(sites.length).toBeGreaterThan(0);
    for (const f of sites) {
      const link = page.locator('.hospital-names').getByRole('link', { name: f.name, exact: true });
      const box = (await link.boundingBox())!;
      expect(box.y + box.height, `${f.name} on the first screen`).toBeLessThanOrEqual(SCREEN);
    }
    const ask = page.locator('main .ask-numbers a[href="tel:12345"]');
    const box = (await ask.boundingBox())!;
    expect(box.y + box.height, '12345 on the first screen').toBeLessThanOrEqual(SCREEN);
    await expect(page.getByRole('main')).not.toContainText('见下方');
    // every 待核实 line on a card says what is to be verified (issue 19 §7)
    for (const f of sites) {
      const place = page.locator(`li[data-id="${f.id}"] .card-place`);
      await expect(place.locator('.card-label')).toHaveText(zh('field.address'));
    }
  });
}

test('the about page gives a number to call, and says the commission’s own is not published yet', async ({
  page,
}) => {
  await page.goto('/about/');
  await expect(page.locator('main a[href="tel:12345"]')).toHaveCount(1);
  await expect(page.getByRole('main')).toContainText(zh('contact.consultMissing'));
  await expect(page.getByRole('main')).not.toContainText('请直接致电机构');
});
