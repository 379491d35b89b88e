import { test, expect } from './fixtures.ts';

test('home page shows the service in Chinese', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/贵池托育服务/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('贵池区托育服务');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
