/**
 * Freshness of vacancy figures: the date a parent reads and when a figure stops counting for 有空位. Expected
 * values are written out here from the calendar, never computed by the code under test.
 */
import { describe, expect, test } from 'vitest';
import { buildToday } from '../../src/lib/facilities/build-today.ts';
import {
  daysBetween,
  dateWords,
  hasPlace,
  isStale,
  vacancyWords,
} from '../../src/lib/facilities/freshness.ts';
import { matchesFilter, parseFilter, type FilterItem } from '../../src/lib/facilities/filter.ts';
import { vacancyWordsOf } from '../../src/lib/i18n/facilities-live/index.ts';
import { DISTRICTS } from '../../src/districts/index.ts';
import { DistrictSchema } from '../../src/districts/schema.ts';
import type { MapFacility } from '../../src/lib/map/types.ts';

const now = { today: '2026-12-06', staleAfterDays: 14 };
const zh = vacancyWordsOf('zh-CN');
const en = vacancyWordsOf('en');

describe('daysBetween / isStale', () => {
  test('counts calendar days, across a month end and a year end', () => {
    expect(daysBetween('2026-11-30', '2026-12-06')).toBe(6);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-12-06', '2026-12-06')).toBe(0);
  });
  test('14 days old is still fresh; 15 days old is stale', () => {
    expect(isStale('2026-11-22', now)).toBe(false); // 8 days of November + 6 of December = 14
    expect(isStale('2026-11-21', now)).toBe(true); // 15
  });
  test('the district decides the limit', () => {
    expect(isStale('2026-11-29', { ...now, staleAfterDays: 7 })).toBe(false);
    expect(isStale('2026-11-28', { ...now, staleAfterDays: 7 })).toBe(true);
  });
});

describe('the words', () => {
  test('a fresh figure says its date: "空余托位 3 个 · 12 月 2 日更新"', () => {
    expect(vacancyWords(3, '2026-12-02', now, zh)).toEqual({ text: '3 个 · 12 月 2 日更新', stale: false });
    expect(vacancyWords(3, '2026-12-02', now, en)).toEqual({ text: '3 · updated 2 Dec', stale: false });
  });
  test('a stale figure asks to call and still says what was reported when', () => {
    expect(vacancyWords(5, '2026-10-03', now, zh)).toEqual({
      text: '可能已变化，请致电确认（10 月 3 日登记 5 个）',
      stale: true,
    });
    expect(vacancyWords(5, '2026-10-03', now, en).text).toBe(
      'May have changed: please call to check (5 on 3 Oct)',
    );
  });
  test('a date of another year says its year', () => {
    expect(dateWords('2025-12-30', '2026-01-02', zh)).toBe('2025 年 12 月 30 日');
    expect(dateWords('2025-12-30', '2026-01-02', en)).toBe('30 Dec 2025');
  });
});

describe('有空位 with a stale figure', () => {
  const base: FilterItem = {
    id: 'x',
    text: 'x',
    type: 'childcare_center',
    township: '341702001',
    minMonths: 12,
    maxMonths: 36,
    forms: ['full_day'],
    inclusive: false,
    vacant: false,
    ownership: 'private',
    level: null,
    lngLat: null,
  };
  const vacantOnly = parseFilter(new URLSearchParams('vacant=1'));
  test('places reported 4 days ago count; the same places reported 20 days ago do not; 0 places never', () => {
    const item = (count: number, asOf: string) => ({ ...base, vacant: hasPlace(count, asOf, now) });
    expect(matchesFilter(item(3, '2026-12-02'), vacantOnly)).toBe(true);
    expect(matchesFilter(item(3, '2026-11-16'), vacantOnly)).toBe(false);
    expect(matchesFilter(item(0, '2026-12-05'), vacantOnly)).toBe(false);
    // Without the filter every one of them shows.
    expect(matchesFilter(item(3, '2026-11-16'), parseFilter(new URLSearchParams()))).toBe(true);
  });
});

describe('the setting and the build date', () => {
  test('every district states vacancy_stale_after_days; a district that leaves it out gets 14', () => {
    for (const d of Object.values(DISTRICTS)) expect(d.vacancy_stale_after_days).toBe(14);
    const { vacancy_stale_after_days: _, ...without } = DISTRICTS.guichi;
    expect(DistrictSchema.parse(without).vacancy_stale_after_days).toBe(14);
  });
  test('TUOYU_TODAY fixes the build date; a malformed one is refused; otherwise the Beijing date', () => {
    expect(buildToday('2026-12-01')).toBe('2026-12-01');
    expect(() => buildToday('1 Dec 2026')).toThrow(/TUOYU_TODAY/);
    const beijing = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    expect(buildToday('')).toBe(beijing);
  });
});

describe('map popups', () => {
  test('say the figure with its date, or ask to call when it is stale', async () => {
    const { popupHtml } = await import('../../src/islands/facility-map/popup.ts');
    const { mapLabels } = await import('../../src/lib/map/labels.ts');
    const { useTranslations } = await import('../../src/lib/i18n/index.ts');
    const labels = mapLabels(
      useTranslations('zh-CN'),
      { display: '12345', tel: '12345' } as never,
      { app: 'x', city: 'y' },
      { words: zh, now },
    );
    const item: MapFacility = {
      id: 'x',
      name: '示例·甲',
      nameEn: null,
      type: 'childcare_center',
      township: '',
      ages: null,
      forms: [],
      inclusive: false,
      vacant: true,
      vac: [3, '2026-12-02'],
      ownership: null,
      level: null,
      places: 20,
      phone: null,
      demo: true,
      lngLat: null,
      text: '',
      paths: { 'zh-CN': '/facilities/x/', en: '/en/facilities/x/' },
    };
    const ctx = { labels, locale: 'zh-CN' as const, distanceKm: () => null };
    expect(popupHtml({ ...item, vac: [3, '2026-12-02'] }, ctx, null)).toContain(
      '<p class="fm-vac">空余托位：3 个 · 12 月 2 日更新</p>',
    );
    expect(popupHtml({ ...item, vac: [3, '2026-11-01'] }, ctx, null)).toContain(
      '<p class="fm-vac" data-stale>空余托位：可能已变化，请致电确认（11 月 1 日登记 3 个）</p>',
    );
  });
});
