import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { facilities, fieldValues, labelValue, zh, type Rec } from './data.ts';

test.describe.configure({ mode: 'parallel' });

/** Facilities with fees and hours, in list order, so the interesting rows have values. */
const priced = facilities.filter((f) => f.fees && f.hours);
const [a, b, c, d] = [priced[0]!, priced[3]!, priced[6]!, priced[9]!];
const hospital = facilities.find((f) => f.type === 'hospital_site')!;

/**
 * What the comparison shows, from whichever form is on screen: the table (wide), two aligned columns (two
 * facilities on a phone or in large text) or one card per facility (three, narrow or large text).
 */
async function shownComparison(page: Page) {
  await expect(page.locator('.compare:visible, .compare-cards:visible, .compare-pair:visible')).toHaveCount(
    1,
  );
  return page.evaluate(() => {
    const visible = (el: Element | null) => !!el && (el as HTMLElement).checkVisibility();
    const pair = document.querySelector('.compare-pair');
    if (visible(pair)) {
      const heads = [...pair!.querySelectorAll('thead th')];
      const rows: Record<string, string[]> = {};
      for (const tr of pair!.querySelectorAll('tr.pair-label'))
        rows[tr.textContent!] = [...tr.nextElementSibling!.querySelectorAll('td')].map(
          (td) => (td as HTMLElement).innerText,
        );
      return {
        form: 'pair',
        names: heads.map((h) => h.textContent!),
        hrefs: heads.map((h) => h.querySelector('a')!.getAttribute('href')!),
        rows,
      };
    }
    const table = document.querySelector('.compare');
    if (visible(table)) {
      const heads = [...table!.querySelectorAll('thead th')].slice(1);
      const rows = Object.fromEntries(
        [...table!.querySelectorAll('tbody tr')].map((tr) => [
          tr.querySelector('th')!.textContent!,
          [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText),
        ]),
      );
      return {
        form: 'table',
        names: heads.map((h) => h.textContent!),
        hrefs: heads.map((h) => h.querySelector('a')!.getAttribute('href')!),
        rows,
      };
    }
    const cards = [...document.querySelectorAll('.compare-cards > section')];
    const rows: Record<string, string[]> = {};
    for (const card of cards)
      for (const dt of card.querySelectorAll('dt'))
        rows[dt.textContent!] = [
          ...(rows[dt.textContent!] ?? []),
          (dt.nextElementSibling as HTMLElement).innerText,
        ];
    return {
      form: 'cards',
      names: cards.map((c) => c.querySelector('h3')!.textContent!),
      hrefs: cards.map((c) => c.querySelector('h3 a')!.getAttribute('href')!),
      rows,
    };
  });
}

async function expectTable(page: Page, shown: Rec[]) {
  const got = await shownComparison(page);
  expect(got.names).toEqual(shown.map((f) => f.name));
  expect(got.hrefs).toEqual(shown.map((f) => `/facilities/${f.id}/`));
  const values = shown.map((f) => fieldValues(f, 'zh-CN'));
  expect(got.rows[zh('field.fees')]).toEqual(values.map((v) => v.fees.join('\n')));
  expect(got.rows[zh('field.hours')]).toEqual(values.map((v) => v.hours));
  expect(got.rows[zh('field.ages')]).toEqual(values.map((v) => v.ages));
  expect(got.rows[zh('field.careForms')]).toEqual(values.map((v) => v.careForms));
  expect(got.rows[zh('field.places')]).toEqual(values.map((v) => v.places));
  expect(got.rows[zh('field.phone')]).toEqual(shown.map(expectedCall));
  // the route link's first line (a visually hidden part names the app)
  expect(got.rows[zh('act.navigate')]!.map((v) => v.split('\n')[0])).toEqual(
    shown.map((f) => (f.location ? zh('act.navigate') : zh('compare.noLocation'))),
  );
  expect(got.rows[zh('compare.distance')]).toEqual(
    shown.map((f) => (f.location ? zh('compare.distanceHint') : zh('compare.noLocation'))),
  );
  expect(got.rows[zh('field.type')]).toEqual(values.map((v) => v.type));
  return got;
}

/** The 电话 cell: the facility's own number, or 12345 (no consultation number in the test build) and why. */
function expectedCall(f: Rec): string {
  if (f.phone) return `${zh('act.call')} ${f.phone}`;
  const why = f.demo
    ? zh('act.noPhoneDemo')
    : f.unverified?.includes('phone')
      ? zh('act.noPhonePending')
      : zh('act.noPhoneMissing');
  return `${zh('act.ask')} 12345\n${why}`;
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
  // The sticky bar counts them and starts the comparison.
  await page.getByRole('button', { name: zh('list.compareBar', { n: 2 }) }).click();
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
  await expect(page.locator('.compare, .compare-cards, .compare-pair')).toHaveCount(0);
  await page.getByRole('checkbox', { name: c.name, exact: true }).check();
  await page.getByRole('checkbox', { name: hospital.name, exact: true }).check();
  await page
    .getByRole('button', { name: zh('compare.submit') })
    .first()
    .click();
  await page.waitForURL(/\?id=/);
  const order = facilities.filter((f) => f === c || f === hospital);
  expect(ids(page)).toEqual(order.map((f) => f.id));
  await expectTable(page, order);
  expect((await shownComparison(page)).rows[zh('field.fees')]![order.indexOf(hospital)]).toBe(
    zh('common.unverified'),
  );
});

test('one facility: "请至少选择 2 家机构" and no table', async ({ page }) => {
  await page.goto(`/compare/?id=${a.id}`);
  await expect(page.getByRole('status')).toHaveText(zh('compare.tooFew'));
  await expect(page.locator('.compare, .compare-cards, .compare-pair')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: a.name, exact: true })).toBeChecked();
});

test('no facility, or unknown ids only: the too-few message', async ({ page }) => {
  await page.goto('/compare/?id=no-such-place&id=other');
  await expect(page.getByRole('status')).toHaveText(zh('compare.tooFew'));
  await expect(page.locator('.compare, .compare-cards, .compare-pair')).toHaveCount(0);
});

test('four facilities: only the first three columns and the too-many message', async ({ page }) => {
  await page.goto(`/compare/?${[a, b, c, d].map((f) => `id=${f.id}`).join('&')}`);
  await expectTable(page, [a, b, c]);
  await expect(page.getByRole('status')).toHaveText(zh('compare.tooMany'));
});

test('duplicate and unknown ids are ignored', async ({ page }) => {
  await page.goto(`/compare/?id=${b.id}&id=nope&id=${b.id}&id=${a.id}`);
  await expectTable(page, [b, a]);
  await expect(page.getByRole('status')).toBeHidden();
});

test('the list compare bar: appears with the first tick, counts, and refuses a 4th with a message', async ({
  page,
}) => {
  await page.goto('/facilities/');
  const bar = page.locator('compare-bar');
  await expect(bar).toBeHidden();
  const boxes = page.locator('#facility-list input[type="checkbox"]');
  await boxes.nth(0).check();
  await expect(bar).toBeVisible();
  await expect(bar.getByRole('button', { name: zh('list.compareBar', { n: 1 }) })).toBeVisible();
  await expect(bar.getByRole('status')).toHaveText(zh('list.compareNeedTwo'));
  await boxes.nth(1).check();
  await boxes.nth(2).check();
  await expect(bar.getByRole('button', { name: zh('list.compareBar', { n: 3 }) })).toBeVisible();
  await boxes.nth(3).click();
  await expect(boxes.nth(3)).not.toBeChecked();
  await expect(bar.getByRole('status')).toHaveText(zh('list.compareLimit'));
  await bar.getByRole('button', { name: zh('list.compareClear') }).click();
  await expect(bar).toBeHidden();
  await expect(page.locator('#facility-list input[type="checkbox"]:checked')).toHaveCount(0);
});

test.describe('in large text on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test('three facilities are three stacked cards; times and phone numbers stay whole', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('tuoyu.text', 'large'));
    await page.goto(`/compare/?${[a, b, c].map((f) => `id=${f.id}`).join('&')}`);
    const got = await expectTable(page, [a, b, c]);
    expect(got.form).toBe('cards');
    // One line each: no break inside "07:30-17:30" or a phone number.
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll('.compare-cards dd')]
        .filter((dd) => /^[\d:：\-–—~ ]+$/.test(dd.textContent!.trim()))
        .filter(
          (dd) =>
            dd.getClientRects().length &&
            (dd as HTMLElement).offsetHeight > parseFloat(getComputedStyle(dd).lineHeight) * 1.5,
        )
        .map((dd) => dd.textContent),
    );
    expect(broken).toEqual([]);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
  });
});

test.describe('two facilities on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const mode of ['normal', 'large'] as const) {
    test(`${mode} text: two aligned columns; the fee cells sit side by side; distance, 电话 and 导航 rows`, async ({
      page,
    }) => {
      if (mode === 'large') await page.addInitScript(() => localStorage.setItem('tuoyu.text', 'large'));
      await page.goto(`/compare/?id=${a.id}&id=${b.id}`);
      await expect(page.locator('html')).toHaveAttribute('data-text', mode);
      const got = await expectTable(page, [a, b]);
      expect(got.form).toBe('pair');
      const fees = page
        .locator('.compare-pair tr.pair-label', { hasText: zh('field.fees') })
        .locator('xpath=following-sibling::tr[1]/td');
      const [f1, f2] = [(await fees.nth(0).boundingBox())!, (await fees.nth(1).boundingBox())!];
      expect(Math.abs(f1.y - f2.y), 'the two fee cells start on the same line').toBeLessThan(1);
      expect(f1.x + f1.width).toBeLessThanOrEqual(f2.x + 1); // side by side, not stacked
      expect(f2.x + f2.width).toBeLessThanOrEqual(360);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
      const calls = page.locator('.compare-pair a[href^="tel:"]');
      await expect(calls).toHaveCount(2);
      for (const box of [await calls.nth(0).boundingBox(), await calls.nth(1).boundingBox()])
        expect(box!.height).toBeGreaterThanOrEqual(44);
    });
  }
  test('"how far" fills the distance row from the visitor’s position', async ({ page, context }) => {
    await context.grantPermissions(['geolocation']);
    const here = { longitude: 117.48, latitude: 30.66 };
    await context.setGeolocation(here);
    await page.goto(`/compare/?id=${a.id}&id=${b.id}`);
    await page.getByRole('button', { name: zh('compare.locate') }).click();
    await expect(page.getByText(zh('compare.located'))).toBeVisible();
    const got = await shownComparison(page);
    // haversine in the test itself (independent of src/lib/geo/distance.ts)
    const km = (f: Rec) => {
      const r = (d: number) => (d * Math.PI) / 180;
      const [lng, lat] = [f.location!.lng, f.location!.lat];
      const h =
        Math.sin(r(lat - here.latitude) / 2) ** 2 +
        Math.cos(r(here.latitude)) * Math.cos(r(lat)) * Math.sin(r(lng - here.longitude) / 2) ** 2;
      return zh('compare.km', { km: (2 * 6371.0088 * Math.asin(Math.sqrt(h))).toFixed(1) });
    };
    expect(got.rows[zh('compare.distance')]).toEqual(
      [a, b].map((f) => (f.location ? km(f) : zh('compare.noLocation'))),
    );
  });
});
