import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { facilities, fieldValues, labelValue, zh, type Rec } from './data.ts';

test.describe.configure({ mode: 'parallel' });

/** Facilities with fees and hours, in list order, so the interesting rows have values. */
const priced = facilities.filter((f) => f.fees && f.hours);
const [a, b, c, d] = [priced[0]!, priced[3]!, priced[6]!, priced[9]!];
const hospital = facilities.find((f) => f.type === 'hospital_site')!;

/** The table's cells in the row headed `label`. */
const row = (page: Page, label: string) =>
  page.getByRole('table').getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) }).getByRole('cell');

async function expectTable(page: Page, shown: Rec[]) {
  const table = page.getByRole('table');
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText([zh('compare.field'), ...shown.map((f) => f.name)]);
  for (const f of shown) {
    await expect(table.getByRole('columnheader', { name: f.name }).getByRole('link')).toHaveAttribute('href', `/facilities/${f.id}/`);
  }
  const values = shown.map((f) => fieldValues(f, 'zh-CN'));
  await expect(row(page, zh('field.fees'))).toHaveText(values.map((v) => v.fees.join('\n')));
  await expect(row(page, zh('field.hours'))).toHaveText(values.map((v) => v.hours));
  await expect(row(page, zh('field.ages'))).toHaveText(values.map((v) => v.ages));
  await expect(row(page, zh('field.careForms'))).toHaveText(values.map((v) => v.careForms));
  await expect(row(page, zh('field.places'))).toHaveText(values.map((v) => v.places));
  await expect(row(page, zh('field.phone'))).toHaveText(values.map((v) => v.phone));
  await expect(row(page, zh('field.type'))).toHaveText(values.map((v) => v.type));
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ids = (page: Page) => new URL(page.url()).searchParams.getAll('id');

test('tick two facilities on the list and compare them', async ({ page }) => {
  await page.goto('/facilities/');
  for (const f of [b, a]) {
    // "加入对比：<name>" (the name part is visually hidden; Chromium may put a space before it)
    const name = new RegExp(`^${esc(zh('list.compare'))}\\s*${esc(labelValue('zh-CN', '', f.name).trim())}$`);
    await page.getByRole('checkbox', { name }).check();
  }
  await page.getByRole('button', { name: zh('list.compareSubmit') }).click();
  await page.waitForURL(/\/compare\/\?/);
  expect(new URL(page.url()).pathname).toBe('/compare/');
  expect(ids(page)).toEqual([a.id, b.id]); // list order
  await expectTable(page, [a, b]);
  await expect(page.getByText(zh('compare.tooFew'))).toBeHidden();
  await expect(page.getByRole('checkbox', { name: a.name, exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: b.name, exact: true })).toBeChecked();
});

test('picking on the compare page itself works, including a record without fees', async ({ page }) => {
  await page.goto('/compare/');
  await expect(page.getByRole('table')).toHaveCount(0);
  await page.getByRole('checkbox', { name: c.name, exact: true }).check();
  await page.getByRole('checkbox', { name: hospital.name, exact: true }).check();
  await page.getByRole('button', { name: zh('compare.submit') }).first().click();
  await page.waitForURL(/\?id=/);
  const order = facilities.filter((f) => f === c || f === hospital);
  expect(ids(page)).toEqual(order.map((f) => f.id));
  await expectTable(page, order);
  await expect(row(page, zh('field.fees')).nth(order.indexOf(hospital))).toHaveText(zh('common.unverified'));
});

test('one facility: "请至少选择 2 家机构" and no table', async ({ page }) => {
  await page.goto(`/compare/?id=${a.id}`);
  await expect(page.getByRole('status')).toHaveText(zh('compare.tooFew'));
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: a.name, exact: true })).toBeChecked();
});

test('no facility, or unknown ids only: the too-few message', async ({ page }) => {
  await page.goto('/compare/?id=no-such-place&id=other');
  await expect(page.getByRole('status')).toHaveText(zh('compare.tooFew'));
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('four facilities: only the first three columns and the too-many message', async ({ page }) => {
  await page.goto(`/compare/?${[a, b, c, d].map((f) => `id=${f.id}`).join('&')}`);
  await expectTable(page, [a, b, c]);
  await expect(page.getByRole('columnheader')).toHaveCount(4);
  await expect(page.getByRole('status')).toHaveText(zh('compare.tooMany'));
});

test('duplicate and unknown ids are ignored', async ({ page }) => {
  await page.goto(`/compare/?id=${b.id}&id=nope&id=${b.id}&id=${a.id}`);
  await expectTable(page, [b, a]);
  await expect(page.getByRole('status')).toBeHidden();
});
