/**
 * Every field of the facility schema reaches the spreadsheet: a column shared by the import and the open-data CSV,
 * or a reasoned entry in NOT_COLUMNS. The field list is walked out of FacilitySchema itself, so a field added to the
 * schema without a column fails here.
 */
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { FIELD_OF, readRow } from '../../scripts/lib/facility-row.ts';
import { findHeader } from '../../scripts/lib/import/headers.ts';
import { renderIssue } from '../../scripts/lib/import/messages.ts';
import { buildPlan } from '../../scripts/lib/import/plan.ts';
import { COLUMNS, NOT_COLUMNS, type ColumnKey } from '../../src/lib/facilities/columns.ts';
import { facilityToRow } from '../../src/lib/facilities/open-data.ts';
import { FacilitySchema } from '../../src/lib/schemas/facility.ts';
import { validFacility } from '../fixtures/valid-facility.ts';

/** The leaf paths of a schema: objects and records with enumerated keys are walked into, everything else is a leaf. */
function leaves(schema: z.ZodType, prefix = ''): string[] {
  const def = schema._zod.def as unknown as Record<string, any>;
  const at = (k: string) => (prefix ? `${prefix}.${k}` : k);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      return leaves(def.innerType, prefix);
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => leaves(v, at(k)));
    case 'record':
      return Object.values(def.keyType._zod.def.entries as Record<string, string>).flatMap((k) =>
        leaves(def.valueType, at(k)),
      );
    default:
      return [prefix];
  }
}

const schemaLeaves = leaves(FacilitySchema);
const columnPaths = Object.values(FIELD_OF);
const excused = (path: string) => Object.hasOwn(NOT_COLUMNS, path.split('.')[0]!);

/** A record with every leaf filled in (the new fields on top of the shared complete fixture). */
const complete = FacilitySchema.parse({
  ...validFacility(),
  filing_number: '池卫托备〔2024〕3号',
  vacancies: { count: 8, as_of: '2026-10-05', by_age: { under_12m: 1, m12_24: 3, m24_36: 4 } },
  care_forms: ['full_day', 'half_day', 'hourly', 'temporary'],
  fees: { full_day: 1800, half_day: 1100, hourly: 30, temporary: 120 },
  prepayment: { max_months: 3, refund: '按剩余整月退还' },
  closure: { from: '2026-12-01', until: '2026-12-31', reason: '园舍维修' },
});
const valueAt = (path: string) =>
  path.split('.').reduce<any>((o, k) => (o && typeof o === 'object' ? o[k] : undefined), complete);

describe('every FacilitySchema field has a spreadsheet column or a reason not to', () => {
  test('the schema walk finds the nested fields (the walk itself works)', () => {
    // sub-fields named in the schema source, spelled out here as the independent check of the walker
    for (const path of [
      'vacancies.count',
      'vacancies.as_of',
      'vacancies.by_age.under_12m',
      'vacancies.by_age.m12_24',
      'vacancies.by_age.m24_36',
      'prepayment.max_months',
      'prepayment.refund',
      'closure.from',
      'closure.until',
      'closure.reason',
      'fees.full_day',
      'location.verified',
    ])
      expect(schemaLeaves).toContain(path);
    expect(schemaLeaves).not.toContain('vacancies');
    expect(schemaLeaves).not.toContain('closure');
  });

  test('each leaf of the schema is read by a column, or its field is listed in NOT_COLUMNS', () => {
    expect(schemaLeaves.filter((p) => !columnPaths.includes(p) && !excused(p))).toEqual([]);
  });

  test('NOT_COLUMNS names real fields that really have no column, each with a reason', () => {
    for (const [field, reason] of Object.entries(NOT_COLUMNS)) {
      expect(schemaLeaves.some((p) => p.split('.')[0] === field)).toBe(true);
      expect(columnPaths.some((p) => p.split('.')[0] === field)).toBe(false);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  test('no column points at a path the schema does not have, and no two columns at one path', () => {
    expect(columnPaths.filter((p) => !schemaLeaves.includes(p))).toEqual([]);
    expect(new Set(columnPaths).size).toBe(columnPaths.length);
    expect(Object.keys(FIELD_OF).sort()).toEqual(Object.keys(COLUMNS).sort());
  });

  test('a record with every field filled in exports a value in every column and imports back equal', () => {
    for (const path of columnPaths) expect(valueAt(path), path).not.toBeUndefined();
    const row = facilityToRow(complete);
    const keys = Object.keys(COLUMNS) as ColumnKey[];
    expect(keys.filter((k) => row[k] === '')).toEqual([]);
    const header = findHeader([keys.map((k) => COLUMNS[k][0])]);
    if (!('row' in header)) throw new Error('no header');
    expect(header.issues).toEqual([]);
    const read = readRow(
      keys.map((k) => String(row[k])),
      2,
      header.columns,
    );
    const plan = buildPlan([read], []);
    expect(plan.rows[0]!.issues.map((i) => renderIssue(i, 'en'))).toEqual([]);
    expect(plan.rows[0]!.record).toEqual(complete);
  });
});

describe('headers of the new columns', () => {
  const keys = (...headers: string[]) => {
    const found = findHeader([headers]);
    if (!('row' in found)) throw new Error('no header');
    return { keys: found.columns.map((c) => c.key), issues: found.issues };
  };

  test('空余托位（1岁以下） is its own column beside 空余托位; other trailing brackets are still hints', () => {
    expect(
      keys(
        '机构名称',
        '所属街道（镇）',
        '空余托位',
        '空余托位（1岁以下）',
        '空余托位（1-2岁）',
        '2–3岁空余托位',
        '纬度（WGS-84）',
      ),
    ).toEqual({
      keys: [
        'name',
        'township',
        'vacancies',
        'vacancies_under_12m',
        'vacancies_m12_24',
        'vacancies_m24_36',
        'lat',
      ],
      issues: [],
    });
    // a hint in brackets the table does not know still reads as the plain column
    expect(keys('机构名称', '街道', '空余托位（个）').keys).toEqual(['name', 'township', 'vacancies']);
  });

  test('the clerk’s titles for prepayment and closure', () => {
    expect(
      keys('机构名称', '街道', '预收费最多月数', '退费规则', '暂停服务起', '暂停服务至', '暂停服务原因'),
    ).toEqual({
      keys: [
        'name',
        'township',
        'prepayment_max_months',
        'prepayment_refund',
        'closure_from',
        'closure_until',
        'closure_reason',
      ],
      issues: [],
    });
  });

  test('a merged 空余托位 title over age sub-titles reads each band', () => {
    const found = findHeader([
      ['机构名称', '街道', '空余托位', '空余托位', '空余托位'],
      ['', '', '1岁以下', '1–2岁', '2–3岁'],
      ['池阳小橡树托育园', '池阳街道', '1', '2', '3'],
    ]);
    if (!('row' in found)) throw new Error('no header');
    expect(found.issues).toEqual([]);
    expect(found.columns.map((c) => c.key)).toEqual([
      'name',
      'township',
      'vacancies_under_12m',
      'vacancies_m12_24',
      'vacancies_m24_36',
    ]);
  });
});
