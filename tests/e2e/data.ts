/**
 * Shared helpers for the browser tests (not a test file): the facility records read straight from the YAML,
 * the UI strings, expected formatting of fields, and a few list-page helpers.
 * Expected values are computed here from the data so that no test hard-codes a count the data decides.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Locator, Page } from '@playwright/test';
import { zhCN } from '../../src/lib/i18n/zh-CN.ts';
import { en } from '../../src/lib/i18n/en.ts';
import { TOWNSHIPS } from '../../src/data/district.ts';
import { districtWords } from '../../src/lib/i18n/district-words.ts';
import { fill } from '../../src/lib/i18n/fill.ts';
import { facilitiesLiveZhCN } from '../../src/lib/i18n/facilities-live/zh-CN.ts';
import { facilitiesLiveEn } from '../../src/lib/i18n/facilities-live/en.ts';
import { DISTRICTS } from '../../src/districts/index.ts';
import { E2E_TODAY } from '../support/e2e-env.ts';

export type Locale = 'zh-CN' | 'en';
export type UiKey = keyof typeof zhCN;
export interface Rec {
  id: string;
  name: string;
  name_en?: string;
  type: string;
  ownership?: string;
  inclusive?: boolean;
  demonstration?: { level: string; year: number };
  filing?: string;
  township?: string;
  address?: string;
  location?: { lat: number; lng: number; verified: boolean };
  phone?: string;
  ages?: { min_months: number; max_months: number };
  places?: number;
  vacancies?: { count: number; as_of: string };
  care_forms?: string[];
  hours?: string;
  fees?: Record<string, number>;
  prepayment?: { max_months: number; refund: string };
  closure?: { from: string; until?: string; reason: string };
  health_partner?: string;
  inspection?: { date: string; result: string };
  source: string;
  last_verified?: string;
  /** fields still to verify: left out of the record, shown as 待核实 */
  unverified?: string[];
  demo?: boolean;
}

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built site; E2E_DIST points the file-based checks at another copy. */
export const DIST = process.env.E2E_DIST ?? join(ROOT, 'dist');
const DATA_DIR = join(ROOT, 'src/districts/guichi/facilities');
const CARE_FORMS = ['full_day', 'half_day', 'hourly', 'temporary'];

const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

function load(): Rec[] {
  const recs = readdirSync(DATA_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => {
      const r = parse(readFileSync(join(DATA_DIR, f), 'utf8')) as Rec;
      if (r.last_verified !== undefined) r.last_verified = iso(r.last_verified);
      if (r.vacancies) r.vacancies.as_of = iso(r.vacancies.as_of);
      if (r.inspection) r.inspection.date = iso(r.inspection.date);
      if (r.township !== undefined) r.township = String(r.township);
      if (r.phone !== undefined) r.phone = String(r.phone);
      return r;
    });
  const collator = new Intl.Collator('zh-CN');
  return recs.sort((a, b) => collator.compare(a.name, b.name));
}

/** Every facility, in the order the list page shows them (Chinese name, pinyin order). */
export const facilities: Rec[] = load();
export const byId = (id: string) => facilities.find((f) => f.id === id)!;

export const ui: Record<Locale, Record<UiKey, string>> = { 'zh-CN': zhCN, en };
/** A dictionary string as the page shows it: the district's words ({district}, {owner}, …) and `vars` filled in. */
export function tr(locale: Locale, key: UiKey, vars: Record<string, string | number> = {}): string {
  return fill(ui[locale][key], { ...districtWords(locale), ...vars });
}
export const zh = (key: UiKey, vars?: Record<string, string | number>) => tr('zh-CN', key, vars);
/** "label: value" as the locale writes it (common.labelValue, "{label}：{value}" in Chinese). */
export function labelValue(locale: Locale, label: string, value: string): string {
  const template = (ui[locale] as Record<string, string>)['common.labelValue'] ?? '{label}: {value}';
  return template.replace('{label}', label).replace('{value}', value);
}
export const prefix = (locale: Locale) => (locale === 'en' ? '/en' : '');
export const displayName = (f: Rec, locale: Locale) => (locale === 'en' && f.name_en ? f.name_en : f.name);
export const townshipName = (code: string, locale: Locale) => {
  const tw = TOWNSHIPS.find((t) => t.code === code)!;
  return locale === 'en' ? tw.name_en : tw.name;
};
/** The text a card is searched by (name, English name, address), lower-cased. */
export const searchText = (f: Rec) => [f.name, f.name_en ?? '', f.address].join(' ').toLowerCase();

export function haversineKm([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayNumber = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
/** Days a figure may be old and still count (the test district's setting). */
export const STALE_AFTER_DAYS = DISTRICTS.guichi.vacancy_stale_after_days;
/** Older than the limit on `today`: "可能已变化，请致电确认". */
export const isStaleOn = (asOf: string, today = E2E_TODAY, limit = STALE_AFTER_DAYS) =>
  dayNumber(today) - dayNumber(asOf) > limit;
/** Counts for 有空位 on `today`: places, reported recently enough. */
export const hasPlaceOn = (f: Rec, today = E2E_TODAY, limit = STALE_AFTER_DAYS) =>
  !!f.vacancies && f.vacancies.count > 0 && !isStaleOn(f.vacancies.as_of, today, limit);

/** A vacancy figure as the page words it on `today` ("3 个 · 12 月 2 日更新", or the stale warning). */
export function vacancyText(
  count: number,
  asOf: string,
  locale: Locale,
  today = E2E_TODAY,
  limit = STALE_AFTER_DAYS,
): string {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const thisYear = asOf.slice(0, 4) === today.slice(0, 4);
  const date =
    locale === 'en'
      ? `${d} ${MONTHS_EN[m - 1]}${thisYear ? '' : ` ${y}`}`
      : `${thisYear ? '' : `${y} 年 `}${m} 月 ${d} 日`;
  const w = locale === 'en' ? facilitiesLiveEn : facilitiesLiveZhCN;
  return fill(isStaleOn(asOf, today, limit) ? w['vacancy.stale'] : w['vacancy.fresh'], { n: count, date });
}

/**
 * Field values as the site should word them. A missing value reads 待核实 / To be verified when the record lists
 * the field under `unverified`; on a demo record, phone, filing and inspection read "示例数据，无此项"; else 暂无.
 */
export function fieldValues(f: Rec, locale: Locale) {
  const t = (k: string, v?: Record<string, string | number>) => tr(locale, k as UiKey, v);
  const none = (field: string) =>
    f.unverified?.includes(field)
      ? t('common.unverified')
      : f.demo && ['phone', 'filing', 'inspection'].includes(field)
        ? t('common.notOnDemo')
        : t('common.notProvided');
  const np = t('common.notProvided');
  const fees = CARE_FORMS.filter((c) => f.fees?.[c] !== undefined).map((c) =>
    labelValue(locale, t(`careForm.${c}`), t('common.yuanPerMonth', { n: f.fees![c]!.toLocaleString('en') })),
  );
  return {
    type: t(`type.${f.type}`),
    ownership: f.ownership ? t(`ownership.${f.ownership}`) : none('ownership'),
    inclusive: f.inclusive === undefined ? none('inclusive') : f.inclusive ? t('common.yes') : t('common.no'),
    demonstration: f.demonstration
      ? t('demo.levelYear', { level: t(`demo.level.${f.demonstration.level}`), year: f.demonstration.year })
      : np,
    township: f.township ? townshipName(f.township, locale) : none('township'),
    address: f.address ?? none('address'),
    ages: f.ages ? t('common.monthsRange', { min: f.ages.min_months, max: f.ages.max_months }) : none('ages'),
    careForms: f.care_forms
      ? f.care_forms.map((c) => t(`careForm.${c}`)).join(t('common.listSeparator'))
      : none('care_forms'),
    hours: f.hours ?? none('hours'),
    places: f.places === undefined ? none('places') : t('common.places', { n: f.places }),
    vacancies: f.vacancies ? vacancyText(f.vacancies.count, f.vacancies.as_of, locale) : none('vacancies'),
    fees: fees.length ? fees : [none('fees')],
    prepayment: f.prepayment
      ? f.prepayment.max_months === 0
        ? t('field.prepaymentMonthly', { refund: f.prepayment.refund })
        : t('field.prepaymentValue', { months: f.prepayment.max_months, refund: f.prepayment.refund })
      : t('field.prepaymentUnknown'),
    closure: f.closure
      ? t('field.closureValue', {
          from: f.closure.from,
          until: f.closure.until ? t('field.closureUntil', { until: f.closure.until }) : '',
          reason: f.closure.reason,
        })
      : null,
    healthPartner: f.health_partner ?? none('health_partner'),
    filing: f.filing ? t(`filing.${f.filing}`) : none('filing'),
    inspection: f.inspection
      ? t('field.inspectionValue', {
          date: f.inspection.date,
          result: t(`inspection.${f.inspection.result}`),
        })
      : none('inspection'),
    phone: f.phone ?? none('phone'),
  };
}

/** Every .html file under dist/, as site paths ("/facilities/x/" for index.html, "/404.html" otherwise). */
export function distPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.html')) out.push(full);
    }
  };
  walk(DIST);
  return out
    .map((file) => `/${relative(DIST, file).split(sep).join('/')}`)
    .map((p) => p.replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

// ---- list page helpers ----

/** Ids of the cards currently visible on the list page, in page order. */
export function visibleIds(page: Page): Promise<string[]> {
  return page
    .locator('#facility-list > li')
    .evaluateAll((lis) =>
      lis.filter((li) => (li as HTMLElement).checkVisibility()).map((li) => (li as HTMLElement).dataset.id!),
    );
}

/**
 * The filter group named `label` (a fieldset of chips, or the 普惠 checkbox), made visible: when it sits in a
 * closed sheet, the chip that opens that sheet is tapped first (as a person would).
 */
export async function filterField(page: Page, label: string): Promise<Locator> {
  const scope = page.locator('facility-filter');
  const group = scope.getByRole('group', { name: label, exact: true, includeHidden: true });
  const field = (await group.count()) ? group : scope.getByLabel(label, { exact: true });
  const sheet = await field.evaluate((el) => {
    const p = el.closest('[popover]');
    return p && !p.matches(':popover-open') ? p.id : null;
  });
  if (sheet) await page.locator(`.chip-bar [popovertarget="${sheet}"]`).click();
  return field;
}

/**
 * Taps one chip of the filter group named `label`: by its value, or by its words ({ label }). Opens the sheet
 * first and closes it after when it stays open (single-choice sheets close by themselves).
 */
export async function chooseFilter(
  page: Page,
  label: string,
  value: string | { label: string },
): Promise<void> {
  const group = await filterField(page, label);
  const chip =
    typeof value === 'string'
      ? group.locator(`input[value="${value}"]`)
      : group.getByRole('radio', { name: value.label, exact: true });
  await chip.check();
  await closeSheet(page);
}

/** The value of the checked chip in the filter group named `label` ('' = 不限). */
export function chosen(page: Page, label: string): Promise<string> {
  return page
    .locator('facility-filter')
    .getByRole('group', { name: label, exact: true, includeHidden: true })
    .locator('input:checked')
    .evaluate((i) => (i as HTMLInputElement).value);
}

/** Closes an open filter sheet with its "查看 N 家" button. */
export async function closeSheet(page: Page): Promise<void> {
  const open = page.locator('.sheet:popover-open');
  if (await open.count()) await open.locator('[data-show-count]').click();
}

/** Opens the header's 菜单 disclosure when it is folded (narrow screens, large text); a no-op on wide screens. */
export async function openMenu(page: Page): Promise<void> {
  const summary = page.locator('.site-menu > summary');
  if (
    (await summary.isVisible()) &&
    !(await page.locator('.site-menu').evaluate((d) => (d as HTMLDetailsElement).open))
  ) {
    await summary.click();
  }
}

/** Whether a record's known age range includes `months` (an age range still to be verified includes nothing). */
export function covers(f: Rec, months: number): boolean {
  return f.ages !== undefined && f.ages.min_months <= months && months <= f.ages.max_months;
}
