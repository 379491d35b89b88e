/**
 * The clerk's import (scripts/import-facilities.ts): how what people type is read, the header row and column
 * names, identity, and whole runs of the command on the fixture files in tests/fixtures/import/ (made by
 * scripts/make-import-fixtures.ts) with the exact files written, report rows and messages expected.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { main } from '../../scripts/import-facilities.ts';
import { findHeader, lookalike, skipReason } from '../../scripts/lib/import/headers.ts';
import { deriveId } from '../../scripts/lib/import/identity.ts';
import {
  normalizeAge,
  normalizeAgeRange,
  normalizeDate,
  normalizeNumber,
  normalizePhone,
} from '../../scripts/lib/import/normalize.ts';
import { decodeCsv } from '../../scripts/lib/import/read-table.ts';
import { facilityToYaml } from '../../scripts/lib/write-facility-yaml.ts';
import { makeFixtures } from '../../scripts/make-import-fixtures.ts';
import { COLUMNS, IGNORED_COLUMNS, IMPORT_ONLY_COLUMNS } from '../../src/lib/facilities/columns.ts';
import {
  FACILITY_DIR,
  FacilityDataError,
  loadFacilities,
  parseFacility,
} from '../../src/lib/facilities/load.ts';
import { facilitiesToCsv } from '../../src/lib/facilities/open-data.ts';
import { redirects } from '../../src/lib/facilities/redirects.ts';
import { telHref } from '../../src/lib/facilities/format.ts';
import { FacilitySchema, VERIFIABLE_FIELDS, type Facility } from '../../src/lib/schemas/facility.ts';
import { validFacility } from '../fixtures/valid-facility.ts';

const FIXTURES = 'tests/fixtures/import';

describe('what people type', () => {
  test('phone numbers', () => {
    const cases: [string, string | undefined, string | undefined][] = [
      ['+86 138 1234 5678', '13812345678', 'phone_plus86'],
      ['0086-13812345678', '13812345678', 'phone_plus86'],
      ['5662031234', '0566-2031234', 'phone_leading_zero'],
      ['0566 1234567', '0566-1234567', 'phone_separator'],
      ['(0566)1234567', '0566-1234567', 'phone_separator'],
      ['0566-1234567', '0566-1234567', undefined],
      ['０５６６－１２３４５６７', '0566-1234567', 'fullwidth'],
      ['2031234', '0566-2031234', 'phone_area_code'],
      ['010-12345678', '010-12345678', undefined],
      ['4008001234', '400-800-1234', 'phone_separator'],
      ['138 1234 5678', '13812345678', 'phone_separator'],
      ['0566 2021234转8001', '0566-2021234 转 8001', 'phone_separator'],
      ['0566-2021234 分机 8001', '0566-2021234 转 8001', 'phone_separator'],
      ['2021234转8001', '0566-2021234 转 8001', 'phone_area_code'],
      ['0566-2021234 转 8001', '0566-2021234 转 8001', undefined],
    ];
    for (const [typed, value, note] of cases)
      expect(normalizePhone(typed), typed).toEqual(note ? { ok: true, value, note } : { ok: true, value });
    for (const typed of ['12345', '0566-1234567/13812345678', '1.38123E+10', '电话', '13812345678转8001'])
      expect(normalizePhone(typed).ok, typed).toBe(false);
  });

  test('a phone with an extension is shown with it and dialled as the main number', () => {
    expect(telHref('0566-2021234 转 8001')).toBe('tel:05662021234');
    expect(telHref('0566-2021234')).toBe('tel:05662021234');
    const f = { ...validFacility(), phone: '0566-2021234 转 8001' };
    expect(FacilitySchema.parse(f).phone).toBe('0566-2021234 转 8001');
    expect(FacilitySchema.safeParse({ ...f, phone: '0566-2021234转8001' }).success).toBe(false);
  });

  test('ages in one cell, in months or years', () => {
    expect(normalizeAgeRange('6-36')).toEqual({ ok: true, value: { min: 6, max: 36 }, note: 'age_split' });
    expect(normalizeAgeRange('6～36个月')).toEqual({
      ok: true,
      value: { min: 6, max: 36 },
      note: 'age_split',
    });
    expect(normalizeAgeRange('0-3岁')).toEqual({ ok: true, value: { min: 0, max: 36 }, note: 'age_years' });
    expect(normalizeAgeRange('6个月至3岁')).toEqual({
      ok: true,
      value: { min: 6, max: 36 },
      note: 'age_years',
    });
    expect(normalizeAgeRange('0-3').ok).toBe(false); // years or months? The clerk is asked.
    expect(normalizeAge('３岁')).toEqual({ ok: true, value: 36, note: 'age_years' });
    expect(normalizeAge('6个月')).toEqual({ ok: true, value: 6, note: 'number_cleaned' });
  });

  test('dates in the usual Chinese forms', () => {
    for (const typed of [
      '2026年3月5日',
      '2026/3/5',
      '2026.3.5',
      '2026-3-5',
      '20260305',
      '二〇二六年三月五日',
      '２０２６年３月５日',
    ]) {
      expect(normalizeDate(typed), typed).toEqual({ ok: true, value: '2026-03-05', note: 'date_form' });
    }
    expect(normalizeDate('46086')).toEqual({ ok: true, value: '2026-03-05', note: 'date_serial' });
    expect(normalizeDate('二〇二六年十月二十日')).toMatchObject({ value: '2026-10-20' });
    expect(normalizeDate('2026-03-05')).toEqual({ ok: true, value: '2026-03-05' });
    expect(normalizeDate('2026年3月').ok).toBe(false);
  });

  test('numbers', () => {
    expect(normalizeNumber('１２', true)).toEqual({ ok: true, value: 12, note: 'fullwidth' });
    expect(normalizeNumber('1,800', true)).toEqual({ ok: true, value: 1800, note: 'number_cleaned' });
    expect(normalizeNumber('1800元/月', true)).toEqual({ ok: true, value: 1800, note: 'number_cleaned' });
    expect(normalizeNumber('60', true)).toEqual({ ok: true, value: 60 });
    expect(normalizeNumber('三十', true).ok).toBe(false);
    expect(normalizeNumber('30.5', true).ok).toBe(false);
  });

  test('CSV encodings: UTF-8 with or without BOM, GBK, GB18030', () => {
    const gbk = Buffer.from([0xb1, 0xe0, 0xba, 0xc5]); // 编号
    expect(decodeCsv(gbk)).toEqual({ text: '编号', encoding: 'GBK' });
    expect(decodeCsv(Buffer.from([0x81, 0x30, 0x81, 0x30]))).toEqual({ text: '\u0080', encoding: 'GB18030' });
    expect(decodeCsv(Buffer.from('\uFEFF编号', 'utf8')).encoding).toBe('UTF-8');
    expect(decodeCsv(Buffer.from('编号', 'utf8'))).toEqual({ text: '编号', encoding: 'UTF-8' });
  });
});

describe('header row and column names', () => {
  test('title and note rows above the header are skipped; synonyms map to columns', () => {
    const result = findHeader([
      ['贵池区托育机构备案名单（2026年）'],
      ['填报日期：2026年10月20日'],
      ['序号', '托育机构名称', '所属街道（镇）', '联系方式', '托位数量', '收托月龄'],
    ]);
    expect(result).toMatchObject({ row: 3, ignored: ['序号'], issues: [] });
    expect('row' in result && result.columns.map((c) => [c.header, c.key])).toEqual([
      ['托育机构名称', 'name'],
      ['所属街道（镇）', 'township'],
      ['联系方式', 'phone'],
      ['托位数量', 'places'],
      ['收托月龄', 'ages'],
    ]);
  });

  test('look-alike headers are errors with a suggestion; unrelated ones are ignored', () => {
    expect(lookalike('托位数目')).toBe('places');
    expect(lookalike('机构名')).toBe('name');
    expect(lookalike('联系人')).toBeUndefined();
    expect(lookalike('法人代表')).toBeUndefined();
    const result = findHeader([['机构名称', '街道', '托位数目', '办学许可证']]);
    expect(result).toMatchObject({
      row: 1,
      ignored: ['办学许可证'],
      issues: [{ row: 1, code: 'lookalike', p: { header: '托位数目', suggestion: '托位数' } }],
    });
  });

  test('two columns for the same thing, and a sheet with no header row', () => {
    expect(findHeader([['机构名称', '街道', '电话', '联系电话']]).issues).toEqual([
      { row: 1, code: 'duplicate_column', p: { header: '电话', other: '联系电话' } },
    ]);
    expect(
      findHeader([
        ['a', 'b'],
        ['c', 'd'],
      ]).issues,
    ).toMatchObject([{ code: 'no_header' }]);
    expect(findHeader([['机构名称', '地址']]).issues).toMatchObject([
      { code: 'missing_column', p: { header: '街道/镇' } },
    ]);
  });

  test('rows that are not facilities, and rows that only look a little like them', () => {
    const header = findHeader([['序号', '机构名称', '街道', '是否普惠']]);
    if (!('row' in header)) throw new Error('no header');
    const why = (cells: unknown[]) => skipReason(cells, header.columns);
    expect(why(['合计', '', '', ''])).toBe('total');
    expect(why(['', '小 计', '', ''])).toBe('total');
    expect(why(['填表人：张三', '', '审核人：李四'])).toBe('signature');
    expect(why(['注：本表由区卫健委汇总'])).toBe('note');
    expect(why(['序号', '机构名称', '街道', '是否普惠'])).toBe('header');
    expect(why(['', '', '', ''])).toBe('blank');
    expect(why([1, '池阳小橡树托育园', '池阳', '普惠'])).toBeUndefined();
    expect(why(['', '池阳小橡树托育园', '', '普惠'])).toBeUndefined();
    expect(why([2, '合计托育园', '池阳', '否'])).toBeUndefined(); // a name that starts with 合计 is a name
    expect(why(['合计：3家', '', '', ''])).toBe('total');
  });

  test('docs/data.md lists every column name of the synonym table', () => {
    const doc = readFileSync('docs/data.md', 'utf8');
    const names = [...Object.values(COLUMNS), ...Object.values(IMPORT_ONLY_COLUMNS)]
      .flat()
      .filter((n) => /[\u4e00-\u9fff]/.test(n));
    expect(names.filter((n) => !doc.includes(n))).toEqual([]);
    expect(IGNORED_COLUMNS.filter((n) => !doc.includes(n))).toEqual([]);
  });
});

test('web ids are the township and a short number, one above the highest in use; 待核实 township → guichi-N', () => {
  expect(deriveId('341702001', new Set())).toBe('chiyang-1');
  expect(deriveId('341702002', new Set(['chiyang-1']))).toBe('qiupu-1');
  expect(deriveId('341702108', new Set())).toBe('tangxi-1');
  expect(deriveId('341702001', new Set(['chiyang-1', 'chiyang-7', 'chiyang-1', 'chiyang-x-9']))).toBe(
    'chiyang-8',
  );
  expect(deriveId('', new Set(['guichi-1']))).toBe('guichi-2');
});

describe('the import command on the fixture files', () => {
  let dir: string;
  let out: string;
  let lines: string[];
  const log = (line: string) => lines.push(...line.split('\n'));
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tuoyu-import-'));
    out = path.join(dir, 'facilities');
    mkdirSync(out);
    lines = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  /** Copies a fixture into the temporary folder (the report is written beside it) and runs the command. */
  let last = '';
  const run = async (fixture: string, ...args: string[]) => {
    copyFileSync(path.join(FIXTURES, fixture), path.join(dir, fixture));
    last = fixture;
    lines = [];
    return main([path.join(dir, fixture), '--out', out, ...args], log);
  };
  const files = () => readdirSync(out).sort();
  const record = (id: string) => FacilitySchema.parse(loadFacilities(out).find((f) => f.id === id));
  /** The report CSV as rows of cells (row 1 first), and the report columns of one row. */
  const report = () =>
    parseCsv(readFileSync(path.join(dir, `${path.parse(last).name}-核对结果.csv`), 'utf8'), {
      bom: true,
      relax_column_count: true,
    }) as string[][];
  const result = (row: number) => report()[row - 1]!.slice(-4);
  /** The last line of a run: where its report is. */
  const reportLine = (stem: string) =>
    `报告：${path.join(dir, `${stem}-核对结果.xlsx`)} 和 ${path.join(dir, `${stem}-核对结果.csv`)}`;

  test('the fixtures are what scripts/make-import-fixtures.ts makes', async () => {
    const fresh = path.join(dir, 'fresh');
    const names = await makeFixtures(fresh);
    expect(names.sort()).toEqual(readdirSync(FIXTURES).sort());
    for (const name of names.filter((n) => n.endsWith('.csv')))
      expect(readFileSync(path.join(fresh, name)), name).toEqual(readFileSync(path.join(FIXTURES, name)));
    const cells = async (file: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const rows: unknown[] = [];
      workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (row, n) => rows.push([n, row.values]));
      return rows;
    };
    for (const name of names.filter((n) => n.endsWith('.xlsx')))
      expect(await cells(path.join(fresh, name)), name).toEqual(await cells(path.join(FIXTURES, name)));
  });

  test('title rows, synonyms, full-width digits, phone variants, ages and dates (title-rows.xlsx)', async () => {
    expect(await run('title-rows.xlsx')).toBe(0);
    expect(files()).toEqual([]); // preview
    expect(lines.slice(0, 6)).toEqual([
      '读取 title-rows.xlsx，工作表「备案名单」。',
      '第3行是表头（上面2行是标题或说明，已跳过）。',
      '这些列网站不用，已忽略：序号、联系人',
      '这些行不是机构，已跳过：第7行（空行）、第8行（说明行）',
      '表格上方写着“填报日期：2026年10月20日”：没有填核实日期或空余统计日期的行，按 2026-10-20 算。日期不对的话，运行时加 --verified-on 或 --vacancy-date 写上实际日期。',
      '共 3 家机构：新增 3，更新 0，无变化 0，有错误 0。',
    ]);
    for (const line of [
      '  第4行「联系方式」列：“+86 138 1234 5678”记为“13812345678”（去掉了国家代码 +86）。',
      '  第4行「托位数量」列：“１２０”记为“120”（全角数字或符号改为半角）。',
      '  第4行「收托月龄」列：“6～36个月”记为“6–36”（拆成最小月龄和最大月龄）。',
      '  第4行「核实日期」列：“2026年10月20日”记为“2026-10-20”（日期统一写成 年-月-日）。',
      '  第5行「联系方式」列：“5662031234”记为“0566-2031234”（补上了 Excel 去掉的区号开头的 0）。',
      '  第6行「联系方式」列：“0566 1234567”记为“0566-1234567”（统一了电话号码的写法）。',
      '  第6行「收托月龄」列：“0-3岁”记为“0–36”（岁换算成月龄）。',
      '  第6行「核实日期」列：“二〇二六年十月二十日”记为“2026-10-20”（日期统一写成 年-月-日）。',
      '  第4行 池阳小橡树托育园（网址标识 chiyang-1）',
      '这是预览，没有改动任何文件。核对无误后，在命令后面加上 --apply 再运行一次。',
    ])
      expect(lines).toContain(line);
    expect(report()[0]![0]).toBe('贵池区托育机构备案名单（2026年）'); // rows keep their numbers
    expect(report()[2]!.slice(-4)).toEqual(['处理结果', '错误原因', '自动修正', '修改内容']);
    expect(result(4).slice(0, 2)).toEqual(['新增', '']);
    expect(result(4)[2]).toContain('“１２０”记为“120”');
    expect(report()[7]!.at(-4)).toBe('跳过（说明行）');

    expect(await run('title-rows.xlsx', '--apply')).toBe(0);
    expect(files()).toEqual(['chiyang-1.yaml', 'qiupu-1.yaml', 'tangxi-1.yaml']);
    expect(record('chiyang-1')).toEqual({
      id: 'chiyang-1',
      filing_number: '池卫托备〔2024〕1号',
      name: '池阳小橡树托育园',
      type: 'childcare_center',
      ownership: 'private',
      inclusive: true,
      filing: 'filed',
      township: '341702001',
      address: '池州市贵池区池阳路1号',
      phone: '13812345678',
      ages: { min_months: 6, max_months: 36 },
      places: 120,
      care_forms: ['full_day', 'half_day'],
      source: '区卫生健康委员会托育机构备案名单',
      last_verified: '2026-10-20',
      unverified: [],
      demo: false,
    });
    expect(record('qiupu-1')).toMatchObject({
      phone: '0566-2031234',
      township: '341702002',
      places: 60,
      last_verified: '2026-10-20',
    });
    expect(record('tangxi-1')).toMatchObject({
      phone: '0566-1234567',
      places: 20,
      ages: { min_months: 0, max_months: 36 },
      filing: 'in_progress',
    });

    expect(await run('title-rows.xlsx')).toBe(0); // again: nothing to do
    expect(lines).toContain('共 3 家机构：新增 0，更新 0，无变化 3，有错误 0。');
  });

  test('a government export: two-row merged header, blank, 合计 and signature rows (government.xlsx)', async () => {
    expect(await run('government.xlsx', '--apply')).toBe(0);
    expect(lines.slice(0, 6)).toEqual([
      '读取 government.xlsx，工作表「备案机构」。',
      '第3–4行是表头：上面一行是合并的大标题，下面一行是小标题，合起来读（上面2行是标题或说明，已跳过）。',
      '读到的列：机构名称、所属街道、详细地址、类型、性质、是否普惠、备案状态、收托月龄、托育形式、托位情况/核定托位数、托位情况/空余托位、收费标准（元/月）/全日托、收费标准（元/月）/半日托、地理坐标/经度、地理坐标/纬度、联系电话、空余统计日期、核实日期',
      '这些列网站不用，已忽略：序号',
      '这些行不是机构，已跳过：第8行（空行）、第9行（合计行）、第10行（签名行）',
      '共 3 家机构：新增 3，更新 0，无变化 0，有错误 0。',
    ]);
    expect(record('chiyang-1')).toMatchObject({
      places: 80,
      vacancies: { count: 12, as_of: '2026-11-10' },
      fees: { full_day: 1800, half_day: 1100 },
      location: { lat: 30.6601, lng: 117.4912, verified: false },
      phone: '0566-2021234 转 8001',
      last_verified: '2026-11-10',
    });
    expect(lines).toContain(
      '  第5行「联系电话」列：“0566 2021234转8001”记为“0566-2021234 转 8001”（统一了电话号码的写法）。',
    );
    expect(record('qiupu-1')).toMatchObject({ places: 40, vacancies: { count: 0 } });
    expect(result(9)[0]).toBe('跳过（合计行）');
    expect(result(10)[0]).toBe('跳过（签名行）');
  });

  test('the sub-title row deleted: group titles are refused, never read past (government-flat.xlsx)', async () => {
    expect(await run('government-flat.xlsx', '--apply')).toBe(1);
    expect(files()).toEqual([]);
    expect(lines.slice(1)).toEqual([
      '第3行：表头「地理坐标」占了 2 列（合并的单元格），读不出每一列是什么。请在它下面紧挨着的一行写上小标题（如「经度」「纬度」），或把每一列的表头分别写清楚。',
      '第3行：表头「托位情况」像是「托位数」或「空余托位」的内容，但读不出是哪一列，这一列的内容不会导入。如果它是合并的大标题，请让小标题（如「核定托位数」「全日托」「经度」）紧挨在它下面一行；否则请把表头改成「托位数」或「空余托位」，或删掉这一列。',
      '第3行：表头「收费标准（元/月）」像是「全日托月费」或「半日托月费」或「计时托月费」或「临时托月费」的内容，但读不出是哪一列，这一列的内容不会导入。如果它是合并的大标题，请让小标题（如「核定托位数」「全日托」「经度」）紧挨在它下面一行；否则请把表头改成「全日托月费」或「半日托月费」或「计时托月费」或「临时托月费」，或删掉这一列。',
      '没有导入，也没有改动任何文件。',
      reportLine('government-flat'),
    ]);
  });

  test('dates: a missing date column says what to do; --vacancy-date, --verified-on, the title row date; a changed vacancy never keeps its old date', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(await run('government.xlsx', '--apply')).toBe(0);
    expect(await run('vacancies-no-date.csv', '--apply')).toBe(1);
    expect(lines).toContain(
      `  第2行「空余托位」列（读到“7”）：空余托位从 12 改成 7，但没有新的统计日期，网站上会配着旧日期 2026-11-10 显示。请加一列「空余统计日期」写上这个数是哪天统计的，或运行时加 --vacancy-date ${today}（写实际的日期）。`,
    );
    expect(record('chiyang-1').vacancies).toEqual({ count: 12, as_of: '2026-11-10' });
    expect(await run('vacancies-no-date.csv', '--apply', '--vacancy-date', '2026年12月5日')).toBe(0);
    expect(record('chiyang-1').vacancies).toEqual({ count: 7, as_of: '2026-12-05' });
    expect(await run('vacancies-no-date.csv', '--vacancy-date', '12月5日')).toBe(1);
    expect(lines.at(-1)).toBe('--vacancy-date 后面要写一个日期，如 2026-11-10，读到“12月5日”。');

    expect(await run('monthly.xlsx', '--apply')).toBe(0);
    expect(lines).toContain(
      '表格上方写着“填报日期：2026年12月”：没有填核实日期或空余统计日期的行，按 2026-12-01 算（只写了月份，按这个月1日算）。日期不对的话，运行时加 --verified-on 或 --vacancy-date 写上实际日期。',
    );
    expect(record('chiyang-1')).toMatchObject({
      vacancies: { count: 6, as_of: '2026-12-01' },
      last_verified: '2026-12-01',
    });

    expect(await run('no-date-column.csv')).toBe(1);
    expect(lines).toContain(
      `  第2行：表格里没有「核实日期」列：内容都核实过的机构要写明是哪天核实的。请加一列「核实日期」，或运行时加 --verified-on ${today}（写实际的日期）。`,
    );
    expect(await run('vacancy-no-date-new.csv')).toBe(1);
    expect(lines).toContain(
      `  第2行：表格里没有「空余统计日期」列：填了空余托位，就要写明是哪天统计的。请加一列「空余统计日期」，或运行时加 --vacancy-date ${today}（写实际的日期）。`,
    );
    expect(await run('vacancy-no-date-new.csv', '--vacancy-date', '2026-12-03')).toBe(0);
    expect(await run('no-date-column.csv', '--apply', '--verified-on', '2026/12/2')).toBe(0);
    expect(record('meijie-1').last_verified).toBe('2026-12-02');
  });

  test('经度 and 纬度 in one column: either order, split on , ， space or ; (coords.csv)', async () => {
    expect(await run('coords.csv', '--apply', '--partial')).toBe(1);
    for (const line of [
      '  第2行「经纬度」列：“117.4912,30.6601”记为“纬度 30.6601，经度 117.4912”（拆成纬度和经度，经度在前）。',
      '  第3行「经纬度」列：“30.659，117.483”记为“纬度 30.659，经度 117.483”（拆成纬度和经度，纬度在前）。',
      '  第4行「经纬度」列：“30.64 117.47”记为“纬度 30.64，经度 117.47”（拆成纬度和经度，纬度在前）。',
      '  第5行「经纬度」列：“117.46;30.62”记为“纬度 30.62，经度 117.46”（拆成纬度和经度，经度在前）。',
      '  第6行「经纬度」列（读到“30.66”）：应填写经度和纬度两个数，经度在前（如 117.488,30.657）或纬度在前（如 30.657,117.488）都可以，用逗号、空格或分号隔开。',
    ])
      expect(lines).toContain(line);
    expect(record('chiyang-1').location).toEqual({
      lat: 30.6601,
      lng: 117.4912,
      verified: false,
    });
    expect(record('qiupu-1').location).toEqual({ lat: 30.659, lng: 117.483, verified: false });
    expect(record('jiangkou-1').location).toEqual({
      lat: 30.64,
      lng: 117.47,
      verified: false,
    });
    expect(record('meilong-1').location).toEqual({ lat: 30.62, lng: 117.46, verified: false });
    expect(files()).toHaveLength(4);
    // A header with both words is read, never "renamed to 纬度".
    expect(lookalike('经纬度')).not.toBe('lat');
    expect(findHeader([['机构名称', '街道', '经纬度']])).toMatchObject({
      issues: [],
      columns: [{}, {}, { key: 'coords' }],
    });
  });

  test('every worksheet is scanned: the one with a header is used and named; several → --sheet (sheets.xlsx)', async () => {
    expect(await run('sheets.xlsx', '--apply')).toBe(0);
    expect(lines[0]).toBe('读取 sheets.xlsx，工作表「名单」（共2个工作表：「汇总」「名单」）。');
    expect(loadFacilities(out).map((f) => f.name)).toEqual(['乌沙新苗托育园']);

    expect(await run('sheets-two-lists.xlsx', '--apply')).toBe(1);
    expect(lines).toEqual([
      '读取 sheets-two-lists.xlsx，有3个工作表：「汇总」「11月名单」「10月名单」。',
      '有2个工作表都有表头：「11月名单」「10月名单」。请在命令后面加上 --sheet 和要导入的工作表名称，如 --sheet 11月名单。',
      '没有导入，也没有改动任何文件。',
      reportLine('sheets-two-lists'),
    ]);
    expect(await run('sheets-two-lists.xlsx', '--sheet', '10月')).toBe(1);
    expect(lines[1]).toBe('没有叫“10月”的工作表。这个文件里的工作表是：「汇总」「11月名单」「10月名单」。');
    expect(await run('sheets-two-lists.xlsx', '--sheet', '10月名单', '--apply')).toBe(0);
    expect(lines[0]).toBe(
      '读取 sheets-two-lists.xlsx，工作表「10月名单」（共3个工作表：「汇总」「11月名单」「10月名单」）。',
    );
    expect(
      loadFacilities(out)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['乌沙新苗托育园', '乌沙十月托育园'].sort());

    expect(await run('sheets.xlsx', '--sheet', '汇总')).toBe(1);
    expect(lines[1]).toMatch(/^在前20行里没有找到表头。/);
  });

  test('the report: always written (also when the header is refused), named after the input, numbers as numbers, autofilter, colours', async () => {
    expect(await run('government-flat.xlsx')).toBe(1);
    const flat = report();
    expect(flat[2]!.slice(-4, -2)).toEqual(['错误', lines.slice(1, 4).join('\n')]);
    expect(await run('government.xlsx')).toBe(0);
    expect(
      readdirSync(dir)
        .filter((f) => f.includes('核对结果'))
        .sort(),
    ).toEqual([
      'government-flat-核对结果.csv',
      'government-flat-核对结果.xlsx',
      'government-核对结果.csv',
      'government-核对结果.xlsx',
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, 'government-核对结果.xlsx'));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.autoFilter).toBe('A4:W4'); // 19 input columns and the 4 report columns
    const row5 = sheet.getRow(5);
    // 序号 1, 托位 80 and 12, fees 1800 and 1100, 117.4912 and 30.6601 are numbers; the phone stays text.
    expect([1, 11, 12, 13, 14, 15, 16].map((c) => row5.getCell(c).value)).toEqual([
      1, 80, 12, 1800, 1100, 117.4912, 30.6601,
    ]);
    expect(row5.getCell(17).value).toBe('0566 2021234转8001');
    expect(sheet.getRow(4).getCell(20).value).toBe('处理结果');
    expect(sheet.getRow(3).getCell(20).value).toBeNull(); // the report columns head the header once
    expect(row5.getCell(20).value).toBe('新增');
    expect((row5.getCell(20).fill as ExcelJS.FillPattern).fgColor).toEqual({ argb: 'FFD1E7DD' });
  });

  test('an older list (last month’s file by mistake) is flagged first; --apply needs --older-ok (older.csv)', async () => {
    expect(await run('government.xlsx', '--apply')).toBe(0);
    const warning =
      '注意：这份名单的日期是 2026-10-20，比网站上要改的 1 家机构的数据还旧（网站上最新的是 2026-11-10：池阳晨曦托育园）。可能是以前的旧文件，导入会把这些机构改回旧的内容。';
    expect(await run('older.csv')).toBe(0);
    expect(lines[2]).toBe(`${warning}确实要用这份名单，请加上 --older-ok。`);
    expect(lines[3]).toBe('共 1 家机构：新增 0，更新 1，无变化 0，有错误 0。');
    expect(await run('older.csv', '--apply')).toBe(1);
    expect(lines.at(-1)).toBe(
      '因为名单比网站上的数据旧，没有写入任何文件（确认要用这份名单，请加上 --older-ok）。',
    );
    expect(record('chiyang-1').vacancies).toEqual({ count: 12, as_of: '2026-11-10' });
    expect(await run('older.csv', '--apply', '--older-ok')).toBe(0);
    expect(lines[2]).toBe(`${warning}已加上 --older-ok，照样导入。`);
    expect(record('chiyang-1').vacancies).toEqual({ count: 20, as_of: '2026-10-20' });
  });

  test('a repeated header row, 小计, 总计 and a 说明 row are skipped, never records (pages.csv)', async () => {
    expect(await run('pages.csv', '--apply')).toBe(0);
    expect(lines).toContain(
      '这些行不是机构，已跳过：第3行（合计行）、第4行（表头行）、第6行（合计行）、第7行（说明行）',
    );
    expect(lines).toContain('共 2 家机构：新增 2，更新 0，无变化 0，有错误 0。');
    expect(result(4)[0]).toBe('跳过（表头行）');
    expect(
      loadFacilities(out)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['殷汇一页托育园', '殷汇二页托育园'].sort());
  });

  test('GBK and GB18030 CSV are read', async () => {
    expect(await run('gbk.csv', '--apply')).toBe(0);
    expect(lines[0]).toBe('读取 gbk.csv（文字编码 GBK）。');
    expect(record('jiangkou-1').name).toBe('江口彩虹托育园');
    expect(await run('gb18030.csv', '--apply', '--lang', 'en')).toBe(0);
    expect(lines[0]).toBe('Reading gb18030.csv (text encoding GB18030).');
    expect(loadFacilities(out).map((f) => f.name)).toContain('里山㙟龙托育园');
  });

  test('a look-alike column is an error with a suggestion; nothing is written', async () => {
    expect(await run('lookalike.csv', '--apply')).toBe(1);
    expect(lines.slice(1)).toEqual([
      '第1行：表头「托位数目」不认识。是不是「托位数」？请把表头改成「托位数」；如果这一列不用导入，请删掉这一列，或把表头改成以“备注”开头。',
      '第1行：表头「电话号」不认识。是不是「电话」？请把表头改成「电话」；如果这一列不用导入，请删掉这一列，或把表头改成以“备注”开头。',
      '没有导入，也没有改动任何文件。',
      reportLine('lookalike'),
    ]);
    expect(await run('lookalike.csv', '--lang', 'en')).toBe(1);
    expect(lines[1]).toBe(
      'Row 1: the header "托位数目" is not known. Did you mean "托位数"? Rename it to "托位数"; if the column is not for the site, delete it or start its header with "备注".',
    );
    expect(files()).toEqual([]);
  });

  test('likely duplicates within the file are errors on both rows; --apply writes nothing', async () => {
    expect(await run('duplicates.csv', '--apply')).toBe(1);
    expect(files()).toEqual([]);
    expect(result(2).slice(0, 2)).toEqual([
      '错误',
      '第2行「机构名称」列（读到“池阳小橡树托育园”）：与第3行很可能是同一家机构（机构名称相同）。请删掉重复的一行；如果确实是两家机构，请把名称写得能区分开。',
    ]);
    expect(result(3)[1]).toContain('与第2行很可能是同一家机构（机构名称相同）');
    expect(result(4)[1]).toBe(
      '第4行「地址」列（读到“池州市贵池区梅龙路6号”）：与第5行很可能是同一家机构（地址和电话相同）。请删掉重复的一行；如果确实是两家机构，请把名称写得能区分开。',
    );
    expect(result(5)[1]).toContain('与第4行很可能是同一家机构（地址和电话相同）');
    expect(lines).toContain('因为有错误，没有写入任何文件（加上 --partial 可以先写入没有错误的行）。');
    await run('duplicates.csv', '--lang', 'en');
    expect(lines).toContain(
      '  Row 4, column "地址" (read "池州市贵池区梅龙路6号"): row 5 is very likely the same facility (same address and phone). Delete the repeated row; if they really are two facilities, make their names different.',
    );
  });

  test('positions: swapped, far away, AMap (GCJ-02) by column or by --datum; --partial and --allow-outside', async () => {
    expect(await run('positions.csv', '--apply')).toBe(1);
    expect(files()).toEqual([]);
    expect(result(2)[0]).toBe('新增');
    expect(result(3)).toEqual([
      '错误',
      '第3行「纬度」列（读到“117.483, 30.659”）：位置（纬度 117.483，经度 30.659）不在贵池区内。看起来纬度和经度填反了：贵池区的纬度约 30，经度约 117，请把这两格的数对调。',
      '第3行「收托月龄」列：“12-36”记为“12–36”（拆成最小月龄和最大月龄）。',
      '',
    ]);
    expect(result(4)[1]).toBe(
      '第4行「纬度」列（读到“31.82, 117.23”）：位置（纬度 31.82，经度 117.23）不在贵池区内。请核对坐标；如果这家机构确实在区外，运行时加上 --allow-outside。',
    );
    expect(result(5)[0]).toBe('新增');
    expect(result(5)[2]).toContain(
      '第5行「纬度/经度」列：“30.661, 117.489”记为“30.663338, 117.483506”（高德/腾讯地图坐标（GCJ-02）换算为 WGS-84）。',
    );
    expect(result(6)[1]).toBe(
      '第6行「纬度」列（读到“30.597585, 117.739903”）：位置（纬度 30.597585，经度 117.739903）不在贵池区内。看起来是从高德或腾讯地图复制的坐标（GCJ-02）。请在「坐标系」列填写 GCJ-02，或者运行时加上 --datum gcj02。',
    );
    await run('positions.csv', '--lang', 'en');
    expect(lines).toContain(
      '  Row 3, column "纬度" (read "117.483, 30.659"): the position (latitude 117.483, longitude 30.659) is outside Guichi District. Latitude and longitude look swapped: Guichi is at about latitude 30, longitude 117. Swap the two cells.',
    );

    expect(await run('positions.csv', '--apply', '--partial')).toBe(1);
    expect(files()).toEqual(['chiyang-1.yaml', 'chiyang-2.yaml']);
    expect(record('chiyang-2').location).toEqual({
      lat: 30.663338,
      lng: 117.483506,
      verified: false,
    });

    // The whole file as AMap positions: row 6 now lands inside; --allow-outside lets the Hefei row through.
    expect(await run('positions.csv', '--datum', 'gcj02', '--allow-outside')).toBe(1);
    expect(result(4)[0]).toBe('新增');
    expect(result(6)[0]).toBe('新增');
    expect(record('chiyang-1').location).toEqual({
      lat: 30.659,
      lng: 117.483,
      verified: false,
    });
  });

  test('a renamed 编号 updates the same facility instead of publishing it twice', async () => {
    expect(await run('renamed-before.csv', '--apply')).toBe(0);
    expect(files()).toEqual(['qingfeng-1.yaml']);
    expect(await run('renamed-after.csv', '--apply')).toBe(0);
    expect(files()).toEqual(['qingfeng-1.yaml']);
    expect(lines).toContain('  第2行 清风蒲公英托育园：「编号」池卫托备〔2024〕7号 → 池卫托备〔2025〕7号');
    expect(result(2)).toEqual([
      '更新',
      '',
      '第2行「收托月龄」列：“12-36”记为“12–36”（拆成最小月龄和最大月龄）。',
      '「编号」池卫托备〔2024〕7号 → 池卫托备〔2025〕7号',
    ]);
    expect(record('qingfeng-1').filing_number).toBe('池卫托备〔2025〕7号');
  });

  test('a sparse row over a rich record changes only what it gives; missing facilities stay unless --remove-missing', async () => {
    const rich = FacilitySchema.parse(validFacility());
    const other = FacilitySchema.parse({
      ...validFacility(),
      id: 'qiupu-other',
      name: '秋浦另一家托育园',
      township: '341702002',
    });
    writeFileSync(path.join(out, `${rich.id}.yaml`), facilityToYaml(rich));
    writeFileSync(path.join(out, `${other.id}.yaml`), facilityToYaml(other));
    expect(await run('sparse.csv', '--apply')).toBe(0);
    expect(record(rich.id)).toEqual({ ...rich, phone: '0566-2000002' });
    expect(result(2)).toEqual([
      '更新',
      '',
      '第2行「托位数」列：格子是空的，保留网站上原有的内容（“60”）。',
      '「联系电话」0566-2000001 → 0566-2000002',
    ]);
    expect(lines).toContain('  秋浦另一家托育园（秋浦街道）');
    expect(lines).toContain(
      '  这些机构会保留。如果要从网站上删掉，运行时加上 --remove-missing（只删来自备案名单的机构）。',
    );
    expect(files()).toEqual(['chiyang-oak-2.yaml', 'qiupu-other.yaml']);
    // A hospital site (from the district's article, not a filing list) is never deleted by --remove-missing.
    copyFileSync(`${FACILITY_DIR}/hospital-chizhou-tcm.yaml`, path.join(out, 'hospital-chizhou-tcm.yaml'));
    expect(await run('sparse.csv', '--remove-missing')).toBe(0);
    expect(lines).toContain('共 1 家机构：新增 0，更新 0，无变化 1，有错误 0；删除 1 家（名单里没有）。');
    expect(lines).toContain('  会删除：秋浦另一家托育园（秋浦街道）');
    expect(lines).toContain(
      '  保留：池州市中医医院职工托育点（待核实），它不是来自备案名单（来源：贵池区卫生健康委员会工作报道（2024）），--remove-missing 不会删它',
    );
    expect(files()).toHaveLength(3); // preview
    expect(await run('sparse.csv', '--apply', '--remove-missing')).toBe(0);
    expect(files()).toEqual(['chiyang-oak-2.yaml', 'hospital-chizhou-tcm.yaml']);
    expect(lines.at(-1)).toBe(`已写入 0 个文件，删除 1 家（${out}）。`);
  });

  test('cells reading 待核实 leave their field out and list it under unverified; re-imports keep or update that list', async () => {
    expect(await run('unverified.csv', '--apply', '--partial')).toBe(1);
    expect(files()).toEqual(['chiyang-1.yaml']);
    // No 核实日期 is needed while something is still to verify.
    expect(record('chiyang-1')).toEqual({
      id: 'chiyang-1',
      name: '池阳待核实托育园',
      type: 'childcare_center',
      inclusive: false,
      filing: 'filed',
      township: '341702001',
      care_forms: ['full_day'],
      source: '区卫生健康委员会托育机构备案名单',
      unverified: ['ownership', 'address', 'location', 'phone', 'ages'],
      demo: false,
    });
    expect(result(2)).toEqual(['新增', '', '', '']);
    expect(result(3).slice(0, 2)).toEqual([
      '错误',
      '第3行「经度」列（读到“117.49”）：「纬度」写的是“待核实”，这一格和它是同一项内容。请把这一格也改成“待核实”或者清空；已经核实了，就把「纬度」也填上。',
    ]);
    expect(result(4).slice(0, 2)).toEqual([
      '错误',
      '第4行「类型」列（读到“待核实”）：这一列不能写“待核实”（只有性质、地址、电话、托位数这类机构信息可以写“待核实”）。请填写托育机构、幼儿园托班（托幼一体化）、医院职工托育点、社区托育点、用人单位托育点 之一。',
    ]);
    expect(result(5).slice(0, 2)).toEqual([
      '错误',
      '第5行「核实日期」列：需要核实日期，如 2026-10-20：内容都核实过的机构，要写明是哪天核实的。还有没核实的内容，就在那几格写“待核实”。',
    ]);
    await run('unverified.csv', '--lang', 'en');
    expect(lines).toContain(
      '  Row 3, column "经度" (read "117.49"): "纬度" says 待核实 and this cell belongs to the same item: write 待核实 here too or empty it; if it has been checked, fill in "纬度" as well.',
    );
    expect(lines).toContain(
      '  Row 4, column "类型" (read "待核实"): this column cannot say 待核实 (only facts about the facility, such as ownership, address, phone or places, can wait for verification): type one of 托育机构, 幼儿园托班（托幼一体化）, 医院职工托育点, 社区托育点, 用人单位托育点.',
    );
    expect(lines).toContain(
      '  Row 5, column "核实日期": the date the record was checked is needed, e.g. 2026-10-20, once nothing is left to verify. If something is not checked yet, write 待核实 in its cells.',
    );
    expect(result(2)[0]).toBe('unchanged');

    // Later: address and phone checked, care forms now in doubt, the rest left empty (still 待核实 on the site).
    expect(await run('unverified-later.csv', '--apply')).toBe(0);
    expect(record('chiyang-1')).toMatchObject({
      address: '池州市贵池区池阳路23号',
      phone: '0566-2000023',
      unverified: ['ownership', 'location', 'ages', 'care_forms'],
    });
    expect(record('chiyang-1').care_forms).toBeUndefined();
    expect(result(2)).toEqual([
      '更新',
      '',
      '第2行「性质」列：格子是空的，网站上仍显示“待核实”。\n第2行「纬度」列：格子是空的，网站上仍显示“待核实”。\n第2行「经度」列：格子是空的，网站上仍显示“待核实”。',
      '「托育形式」全日托 → 待核实\n「地址」待核实 → 池州市贵池区池阳路23号\n「电话」待核实 → 0566-2000023',
    ]);

    // Everything but the position checked, with the date: only location is left to verify.
    const csv = path.join(dir, 'checked.csv');
    writeFileSync(
      csv,
      '机构名称,街道/镇,性质,收托月龄,托育形式,核实日期\r\n池阳待核实托育园,池阳街道,公办,12-36,全日托,2026-10-25\r\n',
    );
    lines = [];
    expect(await main([csv, '--out', out, '--apply', '--lang', 'en'], log)).toBe(0);
    expect(record('chiyang-1')).toMatchObject({
      ownership: 'public',
      ages: { min_months: 12, max_months: 36 },
      care_forms: ['full_day'],
      last_verified: '2026-10-25',
      unverified: ['location'],
    });
    expect(lines).toContain('  Row 2 池阳待核实托育园: "性质" 待核实 → 公办');
  });

  test('--short-ids gives a long pinyin id a short one; the old id stays as a former id and redirects', async () => {
    const long = 'chiyang-chizhoushiguichiquxiaoxiangshutuoyuyuan';
    const rich = FacilitySchema.parse({ ...validFacility(), id: long });
    writeFileSync(path.join(out, `${long}.yaml`), facilityToYaml(rich));
    expect(await run('sparse.csv')).toBe(0);
    expect(lines).not.toContain(`  第2行 ${rich.name}：「网址标识」${long} → chiyang-1`); // never without asking
    expect(await run('sparse.csv', '--apply', '--short-ids')).toBe(0);
    expect(lines).toContain(`  第2行 ${rich.name}：「网址标识」${long} → chiyang-1`);
    expect(files()).toEqual(['chiyang-1.yaml']);
    expect(record('chiyang-1')).toEqual({
      ...rich,
      id: 'chiyang-1',
      former_ids: [long],
      phone: '0566-2000002',
    });
    expect(redirects(loadFacilities(out))).toEqual([{ from: long, to: '/facilities/chiyang-1/' }]);
    // A list that still carries the old id in 网址标识 finds the record; a new record never gets the old id.
    const csv = path.join(dir, 'old-id.csv');
    writeFileSync(csv, `网址标识,机构名称,街道/镇\r\n${long},${rich.name},池阳街道\r\n`);
    lines = [];
    expect(await main([csv, '--out', out], log)).toBe(0);
    expect(lines).toContain('共 1 家机构：新增 0，更新 0，无变化 1，有错误 0。');
    expect(
      deriveId('341702001', new Set(loadFacilities(out).flatMap((f) => [f.id, ...(f.former_ids ?? [])]))),
    ).toBe('chiyang-2');
  });

  test('a phone number Excel wrote as 1.38123E+10 is an error that says what happened', async () => {
    const csv = path.join(dir, 'phone.csv');
    writeFileSync(csv, '机构名称,街道,电话\r\n池阳小橡树托育园,池阳街道,1.38123E+10\r\n');
    expect(await main([csv, '--out', out], log)).toBe(1);
    expect(lines).toContain(
      '  第2行「电话」列（读到“1.38123E+10”）：Excel 把电话号码显示成了科学计数法，后几位已经丢失。请在 Excel 里把这一列设成“文本”格式，重新输入号码。',
    );
  });

  test('a row that would publish a facility twice (matched by 编号 but named like another record) is an error', async () => {
    const a = FacilitySchema.parse({
      ...validFacility(),
      id: 'a',
      name: '甲托育园',
      filing_number: '池卫托备〔2024〕1号',
    });
    const b = FacilitySchema.parse({
      ...validFacility(),
      id: 'b',
      name: '乙托育园',
      filing_number: '池卫托备〔2024〕2号',
    });
    writeFileSync(path.join(out, 'a.yaml'), facilityToYaml(a));
    writeFileSync(path.join(out, 'b.yaml'), facilityToYaml(b));
    const csv = path.join(dir, 'clash.csv');
    writeFileSync(csv, '编号,机构名称,街道/镇\r\n池卫托备〔2024〕1号,乙托育园,池阳街道\r\n');
    expect(await main([csv, '--out', out, '--apply'], log)).toBe(1);
    expect(lines).toContain(
      '  第2行「机构名称」列（读到“乙托育园”）：网站上已有一家「乙托育园」（网址标识 b），编号或名称与街道/镇和这一行相同，但没能对应上。请核对这一行的编号、名称和街道/镇。',
    );
    expect(loadFacilities(out)).toEqual([a, b]);
  });

  test('vacancies by age, prepayment and closure: wrong rows are refused naming row and column; right ones are written', async () => {
    const existing = ['甲', '乙', '丙'].map((word, i) =>
      FacilitySchema.parse({
        ...validFacility(),
        id: `r${i}`,
        name: `${word}托育园`,
        filing_number: `池卫托备〔2024〕${i + 1}号`,
      }),
    );
    for (const f of existing) writeFileSync(path.join(out, `${f.id}.yaml`), facilityToYaml(f));
    const head =
      '编号,机构名称,街道/镇,空余托位,空余统计日期,空余托位（1岁以下）,1-2岁空余托位,空余托位2–3岁,预收费最多月数,退费规则,暂停服务起,暂停服务至,暂停服务原因';
    const csv = path.join(dir, 'terms.csv');
    writeFileSync(
      csv,
      [
        head,
        '池卫托备〔2024〕1号,甲托育园,池阳街道,,,,,,,,2026-12-20,2026-12-10,园舍维修',
        '池卫托备〔2024〕2号,乙托育园,池阳街道,5,2026-12-01,1,2,3,,,,,',
        '池卫托备〔2024〕3号,丙托育园,池阳街道,,,,,,3,,,,',
        '',
      ].join('\r\n'),
    );
    expect(await main([csv, '--out', out, '--apply'], log)).toBe(1);
    expect(lines).toContain(
      '  第2行「暂停服务至」列（读到“2026-12-10”）：暂停服务至（2026-12-10）比暂停服务起（2026-12-20）还早，请核对这两个日期。',
    );
    expect(lines).toContain(
      '  第3行「空余托位」列（读到“5”）：各年龄段空余托位加起来是 6，和「空余托位」（5）对不上，请核对这几个数。',
    );
    expect(lines).toContain(
      '  第4行「退费规则」列：「预收费最多月数」填了，这一格也要填写：退费规则，机构自己的说法，300 字以内，如 退园按剩余整月退还。',
    );
    expect(loadFacilities(out)).toEqual(existing); // nothing written

    writeFileSync(
      csv,
      [
        head,
        '池卫托备〔2024〕1号,甲托育园,池阳街道,,,,,,,,2026-12-20,2026-12-31,园舍维修',
        '池卫托备〔2024〕2号,乙托育园,池阳街道,6,2026-12-01,1,2,3,,,,,',
        "池卫托备〔2024〕3号,丙托育园,池阳街道,,,,,,3个月,'=退园按剩余整月退还,,,",
        '',
      ].join('\r\n'),
    );
    lines = [];
    expect(await main([csv, '--out', out, '--apply'], log)).toBe(0);
    const [a, b, c] = loadFacilities(out);
    expect(a!.closure).toEqual({ from: '2026-12-20', until: '2026-12-31', reason: '园舍维修' });
    expect(b!.vacancies).toEqual({
      count: 6,
      as_of: '2026-12-01',
      by_age: { under_12m: 1, m12_24: 2, m24_36: 3 },
    });
    expect(c!.prepayment).toEqual({ max_months: 3, refund: '=退园按剩余整月退还' });
    expect(lines).toContain('  第4行「预收费最多月数」列：“3个月”记为“3”（去掉了单位或分隔符）。');

    // A sheet without the age columns changes the count of a record split by age: it says to add them.
    writeFileSync(
      csv,
      '编号,机构名称,街道/镇,空余托位,空余统计日期\r\n池卫托备〔2024〕2号,乙托育园,池阳街道,4,2026-12-05\r\n',
    );
    lines = [];
    expect(await main([csv, '--out', out, '--apply'], log)).toBe(1);
    expect(lines).toContain(
      '  第2行「空余托位」列（读到“4”）：网站上记录的各年龄段空余托位加起来是 6，和「空余托位」（4）对不上。请加上「空余托位（1岁以下）」「空余托位（1–2岁）」「空余托位（2–3岁）」三列，和空余托位一起更新。',
    );
    expect(loadFacilities(out)[1]!.vacancies!.count).toBe(6);
  });

  test('a new facility needs the columns a record requires', async () => {
    expect(await run('sparse.csv')).toBe(1);
    expect(lines).toContain(
      '  第2行：这是新机构，需要「类型」，但表格里没有这一列。请加一列「类型」，填写托育机构、幼儿园托班（托幼一体化）、医院职工托育点、社区托育点、用人单位托育点 之一。',
    );
  });

  test('a formula saved without its result is an error naming the cell', async () => {
    expect(await run('formula.xlsx', '--apply')).toBe(1);
    expect(files()).toEqual([]);
    expect(result(2)[0]).toBe('新增');
    expect(result(3).slice(0, 2)).toEqual([
      '错误',
      '第3行「机构名称」列：单元格 A3 是公式（=CONCATENATE("秋浦","明珠托育园")），文件里没有保存计算结果。请用 Excel 打开这个文件、保存一次再导入，或者把公式改成数值。',
    ]);
    // The .xlsx report has the same rows; the 10 input columns are followed by 处理结果 and 错误原因.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, 'formula-核对结果.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['导入结果', '名单里没有的机构']);
    const sheet = workbook.worksheets[0]!;
    expect([
      sheet.getRow(1).getCell(11).value,
      sheet.getRow(2).getCell(11).value,
      sheet.getRow(3).getCell(11).value,
    ]).toEqual(['处理结果', '新增', '错误']);
    expect(sheet.getRow(3).getCell(12).value).toBe(result(3)[1]);
    await run('formula.xlsx', '--lang', 'en');
    expect(lines).toContain(
      '  Row 3, column "机构名称": cell A3 is a formula (=CONCATENATE("秋浦","明珠托育园")) saved without its result. Open the file in Excel and save it once, or replace the formula by its value.',
    );
    expect(result(3)[0]).toBe('error');
  });

  test('the example in docs/examples: two new, one row with every mistake named', async () => {
    copyFileSync('docs/examples/facilities-import-example.csv', path.join(dir, 'example.csv'));
    expect(await main([path.join(dir, 'example.csv'), '--out', out, '--apply', '--partial'], log)).toBe(1);
    expect(files()).toEqual(['chiyang-1.yaml', 'qiupu-1.yaml']);
    expect(lines.filter((l) => l.startsWith('  第4行'))).toEqual([
      '  第4行「类型」列（读到“托儿所”）：应填写托育机构、幼儿园托班（托幼一体化）、医院职工托育点、社区托育点、用人单位托育点 之一。',
      '  第4行「街道/镇」列（读到“城关镇”）：应填写贵池区20个街道、镇之一，如 池阳街道、棠溪镇（可以不写“街道”“镇”）。',
      '  第4行「电话」列（读到“12345”）：应填写一个电话号码，固定电话如 0566-1234567（有分机写 0566-1234567 转 8001），手机如 13812345678。',
      '  第4行「经度」列：「纬度」填了，这一格也要填写：经度，小数，如 117.488（贵池区约 117.1–117.9）。',
      '  第4行「空余托位」列（读到“25”）：空余托位（25）比托位数（20）还多，请核对这两个数。',
      '  第4行「半日托月费」列（读到“1200”）：填了这项收费，但「托育形式」里没有“半日托”。请在「托育形式」里加上“半日托”，或者清空这一格。',
    ]);
    expect(record('qiupu-1')).toMatchObject({
      township: '341702002',
      phone: '0566-2000002',
      vacancies: { count: 0, as_of: '2026-10-15' },
    });
    expect(record('chiyang-1').filing_number).toBe('池卫托备〔2026〕样1号');
  });

  test('files that cannot be read', async () => {
    writeFileSync(path.join(dir, 'list.xls'), '');
    expect(await main([path.join(dir, 'list.xls')], log)).toBe(1);
    expect(lines.at(-1)).toBe('只能导入 .xlsx 或 .csv 文件。.xls 文件请先在 Excel 里另存为 .xlsx。');
    expect(await main([path.join(dir, 'nope.csv')], log)).toBe(1);
    expect(lines.at(-1)).toBe(`找不到文件 ${path.join(dir, 'nope.csv')}，请检查文件名和所在的文件夹。`);
    expect(await main([], log)).toBe(1);
    expect(lines.at(-1)).toMatch(/^用法：npm run import:facilities -- 文件.xlsx/);
    expect(await main(['x.csv', '--aply'], log)).toBe(1);
    expect(lines.at(-2)).toBe('不认识的选项或写法：--aply');
    expect(await main(['x.csv', '--datum', '高德'], log)).toBe(1);
    expect(lines.at(-1)).toBe('--datum 后面只能写 gcj02（高德、腾讯地图）或 bd09（百度地图），读到“高德”。');
    expect(readdirSync(dir).filter((f) => f.includes('核对结果'))).toEqual([]); // no file was read
  });
});

describe('round trip: facilities.csv from the site → import → the same records', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'tuoyu-roundtrip-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  /** The site's records, read file by file (skipping the invalid file build-error.test.ts writes for a moment). */
  const all = () =>
    readdirSync(FACILITY_DIR)
      .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('zz-invalid-build-test'))
      .map((f) => parseFacility(YAML.parse(readFileSync(path.join(FACILITY_DIR, f), 'utf8')), f));
  const real = () => all().filter((f) => !f.demo);
  /**
   * Demo records as if real (the import refuses example data): flag off, 示例· prefix dropped, and what a demo
   * record leaves out given (a filing status and a verified date) or, every other record, listed as 待核实.
   */
  const demoAsReal = () =>
    all()
      .filter((f) => f.demo)
      .map(
        (f, i): Facility =>
          FacilitySchema.parse({
            ...f,
            demo: false,
            name: f.name.replace(/^示例·/, ''),
            ...(i % 2
              ? { filing: 'filed', last_verified: '2026-10-20' }
              : { unverified: VERIFIABLE_FIELDS.filter((v) => v === 'filing' || f.unverified.includes(v)) }),
          }),
      );

  test('into an empty folder: identical records, 待核实 fields too; again: all unchanged', async () => {
    const waiting = {
      ...validFacility(),
      id: 'chiyang-waiting',
      name: '池阳待核实托育园',
      filing_number: '池卫托备〔2024〕8号',
      address: '池州市贵池区池阳街道某路8号',
      phone: '0566-2000008',
      location: undefined,
      ages: undefined,
      fees: undefined,
      last_verified: undefined,
      unverified: ['location', 'ages', 'fees'],
    };
    const records = [
      ...real(),
      ...demoAsReal(),
      FacilitySchema.parse({ ...validFacility(), filing_number: '池卫托备〔2024〕9号' }),
      FacilitySchema.parse(waiting),
      FacilitySchema.parse({
        ...validFacility(),
        id: 'chiyang-paused',
        name: '池阳暂停托育园',
        filing_number: '池卫托备〔2024〕10号',
        address: '池州市贵池区池阳街道某路10号',
        phone: '0566-2000010',
        vacancies: { count: 5, as_of: '2026-11-20', by_age: { under_12m: 0, m24_36: 5 } },
        prepayment: { max_months: 0, refund: '=按月交费, 不预收; "当月不退"' },
        closure: { from: '2026-12-01', reason: '+园舍维修' },
      }),
    ];
    expect(records.filter((f) => f.unverified.length).length).toBeGreaterThan(3); // the hospital sites and more
    const csv = path.join(dir, 'facilities.csv');
    writeFileSync(csv, facilitiesToCsv(records));
    const out = path.join(dir, 'facilities');
    const lines: string[] = [];
    expect(await main([csv, '--out', out, '--apply'], (l) => lines.push(l))).toBe(0);
    expect(loadFacilities(out)).toEqual([...records].sort((a, b) => a.id.localeCompare(b.id)));
    lines.length = 0;
    expect(await main([csv, '--out', out], (l) => lines.push(l))).toBe(0);
    expect(lines).toContain(
      `共 ${records.length} 家机构：新增 0，更新 0，无变化 ${records.length}，有错误 0。`,
    );
  });
});

describe('the build refuses two records for one facility', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'tuoyu-dupes-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, change: Record<string, unknown>) =>
    writeFileSync(
      path.join(dir, name),
      facilityToYaml(FacilitySchema.parse({ ...validFacility(), ...change })),
    );

  test('same filing number', () => {
    write('a.yaml', { id: 'a', name: '甲托育园', filing_number: '池卫托备〔2024〕1号' });
    write('b.yaml', { id: 'b', name: '乙托育园', filing_number: '池卫托备〔2024〕1号' });
    expect(() => loadFacilities(dir)).toThrow(FacilityDataError);
    expect(() => loadFacilities(dir)).toThrow(
      /b\.yaml and .*a\.yaml have the same filing number \(编号\) "池卫托备〔2024〕1号"/,
    );
  });

  test('same name in the same township (but the same name in another township is fine)', () => {
    write('a.yaml', { id: 'a', name: '甲托育园' });
    write('b.yaml', { id: 'b', name: '甲托育园', township: '341702002' });
    expect(loadFacilities(dir)).toHaveLength(2);
    write('c.yaml', { id: 'c', name: '甲托育园' });
    expect(() => loadFacilities(dir)).toThrow(
      /c\.yaml and .*a\.yaml have the same name "甲托育园" in the same township/,
    );
  });
});
