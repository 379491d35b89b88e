/**
 * The 育儿补贴 month rule (issue 19 §8) against an independent count: every calendar month from January 2025
 * in which the child is under 3 for the whole month (the month of the 3rd birthday not counted, as the page
 * says), 300 yuan each. The sources give no official worked example we could check (shared/data/README.md: the
 * press examples differ), so none is reproduced; the boundary months are shown as 约 instead.
 * Over dist/: the policies page opens with the family benefits, then the institution subsidies marked as not
 * paid to families; its calculator script is at most 3 KB gzip.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { subsidyFor } from '../../src/lib/family-benefits-rule.ts';
import { FAMILY_BENEFITS, CHECKED_ON } from '../../src/data/family-benefits.ts';

/** Independent: walk the calendar month by month with Date arithmetic. */
function countMonths(by: number, bm: number) {
  const byYear: Record<number, number> = {};
  const third = new Date(Date.UTC(by + 3, bm - 1, 1));
  for (let d = new Date(Date.UTC(2025, 0, 1)); d < third; d.setUTCMonth(d.getUTCMonth() + 1)) {
    const born = new Date(Date.UTC(by, bm - 1, 1));
    if (d < born) continue;
    byYear[d.getUTCFullYear()] = (byYear[d.getUTCFullYear()] ?? 0) + 1;
  }
  return byYear;
}

describe('育儿补贴 months', () => {
  test('every birth month from 2021 to 2027 matches the month-by-month count, 300 yuan a month', () => {
    for (let y = 2021; y <= 2027; y++)
      for (let m = 1; m <= 12; m++) {
        const r = subsidyFor(y, m);
        const want = countMonths(y, m);
        const months = Object.values(want).reduce((a, b) => a + b, 0);
        expect(r.byYear, `${y}-${m}`).toEqual(want);
        expect(r.months).toBe(months);
        expect(r.total).toBe(months * 300);
      }
  });
  test("the no-JS table's formulas: 2022 → M − 1, 2023 → M + 11, 2024 → M + 23, 2025 on → 36 (10,800 yuan)", () => {
    for (let m = 1; m <= 12; m++) {
      expect(subsidyFor(2022, m).months).toBe(m - 1);
      expect(subsidyFor(2023, m).months).toBe(m + 11);
      expect(subsidyFor(2024, m).months).toBe(m + 23);
      expect(subsidyFor(2025, m).months).toBe(36);
      expect(subsidyFor(2026, m).total).toBe(10_800);
    }
  });
  test('pro-rated results (born before 2025) are 约; born in 2025 or later they are not', () => {
    expect(subsidyFor(2023, 6).approximate).toBe(true);
    expect(subsidyFor(2022, 1).approximate).toBe(true); // 0 months, but January 2025 is the open case
    expect(subsidyFor(2025, 1).approximate).toBe(false);
    expect(subsidyFor(2021, 6)).toEqual({ byYear: {}, months: 0, total: 0, approximate: false });
  });
  test('the facts carry amounts, who, where, sources and a checked-on date', () => {
    expect(CHECKED_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const byId = Object.fromEntries(FAMILY_BENEFITS.map((b) => [b.id, b]));
    expect(byId.childcare_subsidy!.amount['zh-CN']).toContain('3,600 元');
    expect(byId.childcare_subsidy!.since).toBe('2025-01-01');
    expect(byId.tax_deduction!.amount['zh-CN']).toContain('2,000 元');
    expect(byId.tax_deduction!.since).toBe('2023-01-01');
    for (const b of FAMILY_BENEFITS) expect(b.sources.length).toBeGreaterThan(0);
  });
});

const DIST = 'dist';
const html = (p: string) => readFileSync(path.join(DIST, p, 'index.html'), 'utf8');
test('dist/ has been built (run `npm run build` first)', () =>
  expect(existsSync(path.join(DIST, 'policies', 'index.html'))).toBe(true));

describe.runIf(existsSync(path.join(DIST, 'policies', 'index.html')))('the policies page (dist/)', () => {
  test('opens with what the family gets, then the institution subsidies marked as not paid to families', () => {
    const zh = html('policies');
    const family = zh.indexOf('我家能领到什么');
    expect(family).toBeGreaterThan(0);
    expect(family).toBeLessThan(zh.indexOf('600 元'));
    expect(zh.indexOf('3,600 元')).toBeLessThan(zh.indexOf('发给机构，不发给家庭'));
    expect(zh).toContain('每个孩子每月 2,000 元');
    expect(zh).not.toMatch(/家长不需要、也不能申领。/);
    expect(html('en/policies')).toContain('What your family can get');
  });
  test('the calculator ships as one small module script: at most 3 KB gzip, no framework, nothing more to load', () => {
    const page = html('policies');
    const inline = [...page.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const external = [...page.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) =>
      readFileSync(path.join(DIST, m[1]!), 'utf8'),
    );
    const all = [...inline, ...external];
    expect(all.length).toBe(1);
    const js = all[0]!;
    expect(js).toContain('benefit-calc');
    expect(js).not.toMatch(/react|preact/i);
    expect(js).not.toMatch(/\bimport\s*[({'"]/);
    expect(gzipSync(Buffer.from(js), { level: 9 }).length).toBeLessThanOrEqual(3 * 1024);
  });
});
