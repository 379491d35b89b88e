import gcoord from 'gcoord';
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import {
  facilities,
  fieldValues,
  labelValue,
  prefix,
  tr,
  type Locale,
  type Rec,
  type UiKey,
} from './data.ts';

test.describe.configure({ mode: 'parallel' });

/** A (demo) record with every field a demo record may have, including several fees and a position. */
const full = facilities.find(
  (f) =>
    f.location &&
    f.demonstration &&
    f.hours &&
    f.health_partner &&
    f.vacancies &&
    f.places !== undefined &&
    Object.keys(f.fees ?? {}).length > 1,
)!;
/** A record whose fields are still to be verified (the hospital sites). */
const sparse = facilities.find((f) => (f.unverified ?? []).length > 0)!;
const unmapped = facilities.filter((f) => !f.location);

/** The facts list rows, label → value, in page order. */
async function facts(page: Page): Promise<[string, string][]> {
  const terms = await page.locator('dl.facts').getByRole('term').allInnerTexts();
  const defs = await page.locator('dl.facts').getByRole('definition').allInnerTexts();
  expect(defs.length).toBe(terms.length);
  return terms.map((t, i) => [t.trim(), defs[i]!.trim()]);
}

function expectedFacts(f: Rec, locale: Locale): [string, string][] {
  const v = fieldValues(f, locale);
  const l = (k: string) => tr(locale, `field.${k}` as UiKey);
  return [
    ...(v.closure ? [[l('closure'), v.closure] as [string, string]] : []),
    [l('type'), v.type],
    [l('ownership'), v.ownership],
    [l('inclusive'), v.inclusive],
    [l('demonstration'), v.demonstration],
    [l('township'), v.township],
    [l('address'), v.address],
    [l('ages'), v.ages],
    [l('careForms'), v.careForms],
    [l('hours'), v.hours],
    [l('places'), v.places],
    [l('vacancies'), v.vacancies],
    [l('fees'), v.fees.join('\n')],
    [l('prepayment'), v.prepayment],
    [l('healthPartner'), v.healthPartner],
    [l('filing'), v.filing],
    [l('inspection'), v.inspection],
  ];
}

const close = (actual: number, expected: number, what: string) =>
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(1e-5);

async function checkPage(page: Page, f: Rec, locale: Locale) {
  const t = (k: UiKey) => tr(locale, k);
  await page.goto(`${prefix(locale)}/facilities/${f.id}/`);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    locale === 'en' && f.name_en ? f.name_en : f.name,
  );
  expect(await facts(page)).toEqual(expectedFacts(f, locale));
  await expect(
    page.getByText(labelValue(locale, t('common.source'), f.source), { exact: true }),
  ).toBeVisible();
  const verified = page.getByText(labelValue(locale, t('common.lastVerified'), '').trim());
  if (f.last_verified) {
    await expect(verified).toContainText(f.last_verified);
    await expect(verified.locator('time')).toHaveAttribute('datetime', f.last_verified);
  } else if (f.demo) {
    await expect(verified).toHaveCount(0); // nobody checked a made-up record: no date that looks like a check
  } else {
    await expect(verified).toHaveText(
      labelValue(locale, t('common.lastVerified'), t('common.notYetVerified')),
    );
    await expect(page.locator('main time')).toHaveCount(0);
  }
  const back =
    f.type === 'hospital_site'
      ? (['common.backToHospitalSites', '/hospital-sites/'] as const)
      : (['common.backToList', '/facilities/'] as const);
  await expect(page.getByRole('link', { name: t(back[0]) })).toHaveAttribute(
    'href',
    `${prefix(locale)}${back[1]}#card-${f.id}`,
  );
}

test('the summary comes first: fees, vacancies, ages, hours and the map, before the route links and the facts', async ({
  page,
}) => {
  await page.goto(`/facilities/${full.id}/`);
  const v = fieldValues(full, 'zh-CN');
  const summary = page.getByRole('region', { name: tr('zh-CN', 'detail.summary') });
  const l = (k: string) => tr('zh-CN', `field.${k}` as UiKey);
  await expect(summary.getByRole('term')).toHaveText([l('fees'), l('vacancies'), l('ages'), l('hours')]);
  await expect(summary.getByRole('definition')).toHaveText([...v.fees, v.vacancies, v.ages, v.hours]);
  await expect(summary.getByRole('link', { name: tr('zh-CN', 'detail.viewOnMap') })).toHaveAttribute(
    'href',
    `/map/#f=${full.id}`,
  );
  // Demo records carry no phone (no made-up number may ring a real person), so there is no call button here.
  await expect(summary.locator('a[href^="tel:"]')).toHaveCount(0);
  const top = async (loc: ReturnType<Page['locator']>) => (await loc.boundingBox())!.y;
  const [s, nav, facts] = [
    await top(summary),
    await top(page.getByRole('heading', { name: tr('zh-CN', 'detail.navigate') })),
    await top(page.locator('dl.facts')),
  ];
  expect(s).toBeLessThan(nav);
  expect(nav).toBeLessThan(facts);
});

test('a full demo record shows every field and the source, no number of its own (12345 instead), no filing, inspection or verified date', async ({
  page,
}) => {
  expect(full, 'the data should have a record with every optional field').toBeTruthy();
  await checkPage(page, full, 'zh-CN');
  await expect(page.locator('a[href^="tel:"]')).toHaveCount(1);
  await expect(page.locator('a[href^="tel:"]')).toHaveAttribute('href', 'tel:12345');
  await expect(page.getByRole('main')).toContainText(tr('zh-CN', 'act.noPhoneDemo'));
  await expect(page.getByRole('main')).not.toContainText(tr('zh-CN', 'common.notProvided'));
  await expect(page.getByRole('main')).not.toContainText(tr('zh-CN', 'filing.filed'));
  await expect(page.getByRole('definition').filter({ hasText: tr('zh-CN', 'common.notOnDemo') })).toHaveCount(
    2,
  ); // filing, inspection
});

test('the English page uses English labels and values', async ({ page }) => {
  await checkPage(page, full, 'en');
  await expect(page.locator('main p[lang="zh-CN"]')).toHaveText(full.name);
  await expect(page.getByRole('heading', { name: tr('en', 'detail.navigate') })).toBeVisible();
  await expect(page.locator('dl.facts').getByRole('term').first()).toHaveText('Type');
  await checkPage(page, sparse, 'en');
  await expect(
    page.getByRole('definition').filter({ hasText: tr('en', 'common.unverified') }),
  ).not.toHaveCount(0);
});

test('a hospital site: every field the report does not state reads 待核实, its phone is to be verified (12345 instead), no verified date', async ({
  page,
}) => {
  expect(sparse, 'the data should have a record with unverified fields').toBeTruthy();
  await checkPage(page, sparse, 'zh-CN');
  const defs = await page.locator('dl.facts').getByRole('definition').allInnerTexts();
  // ownership, inclusive, township, address, ages, care forms, hours, places, vacancies, fees, health partner, filing, inspection
  expect(defs.filter((d) => d.trim() === '待核实').length).toBe(13);
  // and the summary above the facts: fees, vacancies, ages, hours
  const summary = await page
    .getByRole('region', { name: tr('zh-CN', 'detail.summary') })
    .getByRole('definition')
    .allInnerTexts();
  expect(summary.map((d) => d.trim())).toEqual(['待核实', '待核实', '待核实', '待核实']);
  await expect(page.locator('a[href^="tel:"]')).toHaveCount(1);
  await expect(page.locator('a[href^="tel:"]')).toHaveAttribute('href', 'tel:12345');
  await expect(page.getByRole('main')).toContainText(tr('zh-CN', 'act.noPhonePending'));
});

test('map links carry GCJ-02 (AMap, Tencent) and BD-09 (Baidu) coordinates', async ({ page }) => {
  const mapped = facilities.filter((f) => f.location);
  for (const f of [full, mapped[0]!, mapped[mapped.length - 1]!]) {
    const wgs: [number, number] = [f.location!.lng, f.location!.lat];
    const gcj = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const bd = gcoord.transform(wgs, gcoord.WGS84, gcoord.BD09) as [number, number];
    expect(Math.abs(gcj[0] - wgs[0]), 'conversion should move the point').toBeGreaterThan(1e-3);
    await page.goto(`/facilities/${f.id}/`);
    await expect(page.getByRole('heading', { name: tr('zh-CN', 'detail.navigate') })).toBeVisible();

    const amap = new URL(
      (await page.getByRole('link', { name: tr('zh-CN', 'detail.amap'), exact: true }).getAttribute('href'))!,
    );
    expect(amap.hostname).toBe('uri.amap.com');
    expect(amap.pathname, 'AMap opens a route').toBe('/navigation');
    const [aLng, aLat, aName] = amap.searchParams.get('to')!.split(',');
    close(Number(aLng), gcj[0], 'AMap lng');
    close(Number(aLat), gcj[1], 'AMap lat');
    expect(aName).toBe(f.name);

    const baidu = new URL(
      (await page.getByRole('link', { name: tr('zh-CN', 'detail.baidu') }).getAttribute('href'))!,
    );
    expect(baidu.hostname).toBe('api.map.baidu.com');
    expect(baidu.pathname, 'Baidu opens a route').toBe('/direction');
    const dest = /^latlng:([-\d.]+),([-\d.]+)\|name:(.*)$/.exec(baidu.searchParams.get('destination')!);
    expect(dest, 'Baidu destination=latlng:lat,lng|name:…').not.toBeNull();
    expect(dest![3]).toBe(f.name);
    const [bLat, bLng] = [Number(dest![1]), Number(dest![2])];
    close(bLng, bd[0], 'Baidu lng');
    close(bLat, bd[1], 'Baidu lat');
    expect(baidu.searchParams.get('coord_type')).toBe('bd09ll');

    const qq = new URL(
      (await page.getByRole('link', { name: tr('zh-CN', 'detail.tencent') }).getAttribute('href'))!,
    );
    expect(qq.hostname).toBe('apis.map.qq.com');
    expect(qq.pathname, 'Tencent opens a route').toBe('/uri/v1/routeplan');
    expect(qq.searchParams.get('to')).toBe(f.name);
    const m = /^([-\d.]+),([-\d.]+)$/.exec(qq.searchParams.get('tocoord')!);
    expect(m, 'Tencent tocoord=lat,lng').not.toBeNull();
    close(Number(m![2]), gcj[0], 'Tencent lng');
    close(Number(m![1]), gcj[1], 'Tencent lat');

    const unverified = page.getByText(tr('zh-CN', 'field.locationUnverified'));
    if (f.location!.verified) await expect(unverified).toBeHidden();
    else await expect(unverified).toBeVisible();
  }
});

test('a facility without position says it is not mapped and has no navigation links', async ({ page }) => {
  expect(unmapped.length).toBeGreaterThan(0);
  for (const f of unmapped) {
    await page.goto(`/facilities/${f.id}/`);
    const note = f.unverified?.includes('location') ? 'field.locationPending' : 'field.locationMissing';
    await expect(page.getByRole('main').getByText(tr('zh-CN', note))).toBeVisible();
    await expect(page.getByRole('heading', { name: tr('zh-CN', 'detail.navigate') })).toHaveCount(0);
    for (const app of ['detail.amap', 'detail.baidu', 'detail.tencent'] as const) {
      await expect(page.getByRole('link', { name: tr('zh-CN', app) })).toHaveCount(0);
    }
  }
});
