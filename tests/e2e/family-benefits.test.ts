/**
 * What my family can get (issue 19 §8): the policies page opens with the family benefits; the calculator turns
 * a birth year-month into months and yuan (expected values worked out by hand from the rule the page states:
 * January 2025 up to the month before the 3rd birthday, 300 yuan a month); without JavaScript the table by
 * birth year says the same. Both text modes at 360 px, axe clean.
 */
import { test, expect } from './fixtures.ts';
import { violations } from './axe.ts';
import { zh } from './data.ts';

test.use({ viewport: { width: 360, height: 740 } });

for (const mode of ['normal', 'large'] as const) {
  test(`${mode} text: born June 2023 → 2025: 12 months, 2026: 5 months, about 17 months and 5,100 yuan`, async ({
    page,
  }) => {
    if (mode === 'large') await page.addInitScript(() => localStorage.setItem('tuoyu.text', 'large'));
    await page.goto('/policies/');
    const family = page.getByRole('heading', { level: 2, name: zh('benefit.heading') });
    const district = page.getByRole('heading', { level: 2, name: zh('benefit.district') });
    expect((await family.boundingBox())!.y).toBeLessThan((await district.boundingBox())!.y);
    await page.getByLabel(zh('benefit.calc.label')).fill('2023-06');
    await page.getByRole('button', { name: zh('benefit.calc.submit') }).click();
    const out = page.locator('benefit-calc output');
    await expect(out.locator('p')).toHaveText([
      '2025 年：12 个月，3,600 元',
      '2026 年：5 个月，1,500 元',
      '约共 17 个月，5,100 元',
    ]);
    // born in 2025: three whole years, not approximate
    await page.getByLabel(zh('benefit.calc.label')).fill('2025-03');
    await page.getByRole('button', { name: zh('benefit.calc.submit') }).click();
    await expect(out.locator('p').last()).toHaveText('共 36 个月，10,800 元');
    expect(await violations(page)).toEqual([]);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the calculator form stays hidden and the table by birth year gives the same rule', async ({
    page,
  }) => {
    await page.goto('/policies/');
    await expect(page.locator('benefit-calc form')).toBeHidden();
    const rows = page.locator('table.benefit-table tbody tr');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1)).toContainText(zh('benefit.table.m2023'));
    await expect(rows.nth(3)).toContainText('10,800');
  });
});
