/** The axe sweep shared by the accessibility tests: WCAG 2.0/2.1 A + AA and 2.2 AA, one readable line per problem. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const isDetail = (p: string) => /^(\/en)?\/facilities\/[^/]+\/$/.test(p);

/** Runs axe on the page as it is now (or on the part `include` selects); returns a readable line per violating node. */
export async function violations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(TAGS);
  const result = await (include ? builder.include(include) : builder).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${new URL(page.url()).pathname}${new URL(page.url()).search} [${v.id}, ${v.impact}] ${v.help} → ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`,
    ),
  );
}

export async function sweep(page: Page, mode: string, path: string): Promise<string[]> {
  const response = await page.goto(path);
  expect(response?.ok(), `${path} loads`).toBe(true);
  await expect(page.locator('html')).toHaveAttribute('data-text', mode);
  return violations(page);
}

export const report = (found: string[]) => expect(found, `axe violations:\n${found.join('\n')}`).toEqual([]);
