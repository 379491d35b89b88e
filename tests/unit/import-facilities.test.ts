import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { main } from '../../scripts/import-facilities.ts';
import { COLUMNS, mapRow, normalizeDate, resolveHeaders, type ColumnKey } from '../../scripts/lib/facility-row.ts';
import { FacilitySchema } from '../../src/lib/schemas/facility.ts';
import { validFacility } from '../fixtures/valid-facility.ts';

type Row = Partial<Record<ColumnKey, unknown>>;
const good: Row = {
  id: 'chiyang-oak', name: '池阳小橡树托育园', name_en: 'Chiyang Little Oak Nursery', type: '托育机构', ownership: '民办',
  inclusive: '是', demonstration_level: '市级', demonstration_year: '2024', filing: '已备案', township: '池阳街道',
  address: '池州市贵池区池阳街道某路1号', lat: '30.659', lng: '117.483', location_verified: '否', phone: '0566-2000001',
  min_months: '12', max_months: '36', places: '60', vacancies: '8', vacancies_as_of: '2026/10/5', care_forms: '全日托、半日托',
  fee_full_day: '1,800', fee_half_day: '1100', hours: '周一至周五 7:30–17:30', health_partner: '某社区卫生服务中心',
  inspection_date: '2026-09-20', inspection_result: '合格', source: '备案名单', last_verified: '2026年10月20日',
};
/** The reasons a row is rejected for, after applying `change` to the good row. */
function reasons(change: Row): string[] {
  const result = mapRow({ ...good, ...change });
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.reasons;
}

describe('mapRow', () => {
  test('maps a good row to a valid record', () => {
    const result = mapRow(good);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      facility: { ...validFacility(), id: 'chiyang-oak' },
    });
  });

  test('optional columns may be empty; township by code; default source; spreadsheet dates', () => {
    const result = mapRow({
      ...good, township: '341702108', lat: '', lng: '', demonstration_level: '', demonstration_year: '', places: '',
      vacancies: '', vacancies_as_of: '', fee_half_day: '', care_forms: '全日托', source: '', last_verified: new Date(Date.UTC(2026, 9, 1)),
    });
    expect(result.ok && result.facility).toMatchObject({ township: '341702108', source: '区卫生健康委员会托育机构备案名单', last_verified: '2026-10-01' });
    expect(result.ok && [result.facility.location, result.facility.places, result.facility.demonstration]).toEqual([undefined, undefined, undefined]);
  });

  test('cells reading 待核实 leave their field out and list it under unverified; no verified date is then needed', () => {
    const result = mapRow({ ...good, ownership: '待核实', min_months: '待核实', max_months: '待核实', phone: '待核实', last_verified: '' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.facility.unverified).toEqual(['ownership', 'phone', 'ages']);
    expect([result.facility.ownership, result.facility.ages, result.facility.phone, result.facility.last_verified]).toEqual([undefined, undefined, undefined, undefined]);
    expect(mapRow({ ...good, ownership: '' }).ok).toBe(false); // an empty required cell is still an error
  });

  test('warns (but imports) when the position is outside the district', () => {
    const result = mapRow(good, { isInsideDistrict: () => false });
    expect(result.ok).toBe(true);
    expect(result.warnings[0]).toMatch(/outside the district outline.*WGS-84/);
  });

  test('rejects empty required cells', () => {
    expect(reasons({ name: '' })).toEqual(['column "机构名称": is empty but required']);
    expect(reasons({ care_forms: ' ' })).toEqual(['column "托育形式": is empty but required']);
  });

  test('rejects values outside the allowed lists', () => {
    expect(reasons({ type: '托儿所' })).toEqual([
      'column "类型": "托儿所" is not one of 托育机构, 幼儿园托班（托幼一体化）, 医院职工托育点, 社区托育点, 用人单位托育点, 托幼一体化幼儿园托班',
    ]);
    expect(reasons({ ownership: '合资' })).toEqual(['column "性质": "合资" is not one of 公办, 民办']);
    expect(reasons({ inclusive: '可能' })).toEqual(['column "普惠": "可能" must be 是 or 否']);
    expect(reasons({ care_forms: '全日托、周末托' })).toEqual(['column "托育形式": "周末托" is not one of 全日托, 半日托, 计时托, 临时托']);
    expect(reasons({ township: '城关镇' })).toEqual(['column "街道/镇": "城关镇" is not one of the 20 townships (name or 9-digit code)']);
    expect(reasons({ inspection_result: '优秀' })).toEqual(['column "检查结果": "优秀" is not one of 合格, 限期整改, 不合格']);
  });

  test('rejects numbers that are not numbers and half-filled pairs', () => {
    expect(reasons({ places: '三十' })).toEqual(['column "托位数": "三十" must be a whole number']);
    expect(reasons({ lat: '北纬30度' })).toEqual(['column "纬度": "北纬30度" must be a decimal number']);
    expect(reasons({ lng: '' })).toEqual(['column "经度": must be filled in when "纬度" is']);
    expect(reasons({ demonstration_year: '' })).toEqual(['column "示范年份": must be filled in when "示范等级" is']);
  });

  test('rejects what the schema rejects, naming field and column', () => {
    expect(reasons({ id: '池阳-1' })).toEqual(['field "id": must be lower-case letters, digits and single hyphens (column "编号")']);
    expect(reasons({ phone: '12345' })).toEqual(['field "phone": must be a phone number like 0566-1234567 or 13800000000 (column "电话")']);
    expect(reasons({ last_verified: '2026-02-30' })).toEqual(['field "last_verified": is not a real calendar date (column "核实日期")']);
    expect(reasons({ min_months: '36', max_months: '12' })).toEqual(['field "ages": min_months must not be above max_months (column "最小月龄")']);
    expect(reasons({ vacancies: '61' })).toEqual(['field "vacancies.count": must not exceed places (column "空余托位")']);
    expect(reasons({ care_forms: '全日托' })).toEqual(['field "fees": fees may only be given for the listed care_forms (column "托育形式")']);
    expect(reasons({ name: '示例·托育园' })).toEqual(['field "demo": only demo records may be named "示例·…" (column "机构名称")']);
  });

  test('reports every reason at once, including cross-field checks', () => {
    expect(reasons({ type: '托儿所', vacancies: '61', phone: '1' })).toEqual([
      'column "类型": "托儿所" is not one of 托育机构, 幼儿园托班（托幼一体化）, 医院职工托育点, 社区托育点, 用人单位托育点, 托幼一体化幼儿园托班',
      'field "phone": must be a phone number like 0566-1234567 or 13800000000 (column "电话")',
      'field "vacancies.count": must not exceed places (column "空余托位")',
    ]);
  });
});

test('headers: hints in brackets, English aliases, unknown and missing columns', () => {
  const { keys, unknown, missing } = resolveHeaders(['\uFEFF编号', '纬度（WGS-84）', 'name', '备注']);
  expect(keys).toEqual(['id', 'lat', 'name', undefined]);
  expect(unknown).toEqual(['备注']);
  expect(missing).toContain('类型');
  expect(missing).not.toContain('编号');
  expect(normalizeDate('2026.3.5')).toBe('2026-03-05');
});

describe('the import command', () => {
  let dir: string;
  let lines: string[];
  const log = (line: string) => lines.push(line);
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tuoyu-import-'));
    lines = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const written = () => readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  const load = (file: string) => FacilitySchema.parse(YAML.parse(readFileSync(path.join(dir, file), 'utf8')));

  test('the example CSV (UTF-8 with BOM): imports the good rows, reports the bad one, exits 1', async () => {
    const csv = path.join(process.cwd(), 'docs/examples/facilities-import-example.csv');
    expect(readFileSync(csv).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const out = path.join(dir, 'facilities');
    expect(await main([csv, '--out', out], log)).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['example-chiyang-little-oak.yaml', 'example-qiupu-kindergarten.yaml']);
    const text = lines.join('\n');
    expect(text).toContain('2 imported');
    expect(text).toContain('row 4 "导入样例·错误示范托育园"');
    expect(text).toContain('column "街道/镇": "城关镇" is not one of');
    expect(text).toContain('must not exceed places');
    const yaml = readFileSync(path.join(out, 'example-qiupu-kindergarten.yaml'), 'utf8');
    expect(yaml).toContain("last_verified: '2026-10-20'");
    expect(yaml).toContain("township: '341702002'");
  });

  test('a CSV with BOM: duplicate ids are rejected; --dry-run writes nothing', async () => {
    const headers = Object.values(COLUMNS).map((names) => names[0]);
    const line = (row: Row) => Object.keys(COLUMNS).map((k) => `"${String(row[k as ColumnKey] ?? '')}"`).join(',');
    const csv = path.join(dir, 'list.csv');
    writeFileSync(csv, `\uFEFF${headers.join(',')}\n${line(good)}\n\n${line({ ...good, name: '重复编号托育园' })}\n`);
    expect(await main([csv, '--out', dir, '--dry-run'], log)).toBe(1);
    expect(written()).toEqual([]);
    expect(lines).toContain('  row 4 "重复编号托育园":');
    expect(lines).toContain('    - field "id" (column "编号"): "chiyang-oak" is already used by row 2');
    lines = [];
    expect(await main([csv, '--out', dir], log)).toBe(1);
    expect(written()).toEqual(['chiyang-oak.yaml']);
    expect(load('chiyang-oak.yaml')).toEqual((mapRow(good) as { facility: unknown }).facility);
  });

  test('an XLSX file made with exceljs, with numbers and dates as cell values', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('备案名单');
    sheet.addRow(Object.values(COLUMNS).map((names) => names[0]));
    const numbers: Row = { min_months: 24, max_months: 36, places: 20, vacancies: 3, fee_full_day: 900, lat: 30.3, lng: 117.6 };
    const dates: Row = { vacancies_as_of: new Date(Date.UTC(2026, 9, 15)), inspection_date: new Date(Date.UTC(2026, 8, 1)), last_verified: new Date(Date.UTC(2026, 9, 20)) };
    const row: Row = { ...good, ...numbers, ...dates, id: 'tangxi-class', name: '棠溪幼儿园托班', type: '托幼一体化幼儿园托班', township: '棠溪镇', care_forms: '全日托', fee_half_day: '' };
    sheet.addRow(Object.keys(COLUMNS).map((k) => row[k as ColumnKey] ?? null));
    const xlsx = path.join(dir, 'list.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    expect(await main([xlsx, '--out', dir], log)).toBe(0);
    expect(lines).toEqual([`1 imported into ${dir}`]);
    expect(load('tangxi-class.yaml')).toMatchObject({
      type: 'kindergarten_class', township: '341702108', ages: { min_months: 24, max_months: 36 }, fees: { full_day: 900 },
      vacancies: { count: 3, as_of: '2026-10-15' }, inspection: { date: '2026-09-01', result: 'pass' }, last_verified: '2026-10-20',
      location: { lat: 30.3, lng: 117.6, verified: false },
    });
  });

  test('fails clearly on a CSV that is not UTF-8, an unknown format, missing columns or no file', async () => {
    const gbk = path.join(dir, 'gbk.csv');
    writeFileSync(gbk, Buffer.from([0xb1, 0xe0, 0xba, 0xc5, 0x0a])); // "编号" in GBK
    expect(await main([gbk], log)).toBe(1);
    expect(lines.at(-1)).toMatch(/is not UTF-8 text/);
    const ods = path.join(dir, 'list.ods');
    writeFileSync(ods, '');
    expect(await main([ods], log)).toBe(1);
    expect(lines.at(-1)).toMatch(/only \.csv and \.xlsx/);
    const partial = path.join(dir, 'partial.csv');
    writeFileSync(partial, '编号,机构名称\nx,y\n');
    expect(await main([partial], log)).toBe(1);
    expect(lines.at(-1)).toMatch(/missing required column\(s\): 类型, 性质/);
    expect(await main([], log)).toBe(1);
    expect(lines.at(-1)).toMatch(/^usage:/);
  });
});
