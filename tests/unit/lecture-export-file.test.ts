/**
 * The staff roster export as the file a clerk opens: export_lecture_roster's `{columns, rows}` → CSV and XLSX through
 * the shared table writer — header in the page's language, a name typed as a formula neutralised, numbers as numbers,
 * the check-in time as a Beijing-time date.
 */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { lectureStrings } from '../../src/lib/i18n/lectures/index.ts';
import { lectureStaffStrings } from '../../src/lib/i18n/lectures-staff/index.ts';
import { exportFile } from '../../src/islands/staff/lectures/export-file.ts';

const COLUMNS = [
  'id',
  'signup_no',
  'code',
  'name',
  'mobile',
  'adults',
  'child_age_band',
  'status',
  'waitlist_position',
  'checked_in_at',
];
const EVIL = '=HYPERLINK("http://evil.example","x")';
const TABLE = {
  columns: COLUMNS,
  rows: [
    [11, 1, 'AAAAAA', EVIL, '138****1234', 2, 'under_1', 'confirmed', null, '2026-06-01T01:30:00+00:00'],
    [12, 2, 'CCCCCC', '-王芳', null, 1, 'under_1', 'waitlisted', 1, null],
  ],
};
const t = lectureStaffStrings('zh-CN');
const ps = lectureStrings('zh-CN');

describe('roster export file', () => {
  test('CSV: BOM, Chinese header, the formula-looking name neutralised, check-in in Beijing time', async () => {
    const blob = await exportFile('csv', TABLE, t, ps);
    expect(blob.type).toBe('text/csv;charset=utf-8');
    // Buffer keeps the byte-order mark (Blob.text() would drop it, as TextDecoder does).
    expect(Buffer.from(await blob.arrayBuffer()).toString('utf8')).toBe(
      '\uFEFF序号,确认码,姓名,手机,成人,孩子年龄,状态,签到\r\n' +
        `1,AAAAAA,"'=HYPERLINK(""http://evil.example"",""x"")",138****1234,2,不满 1 岁,已确认,2026-06-01 09:30\r\n` +
        "2,CCCCCC,'-王芳,,1,不满 1 岁,候补 1,\r\n",
    );
  });

  test('the columns are read by name, whatever their order in the answer', async () => {
    const order = [...COLUMNS].reverse();
    const reversed = {
      columns: order,
      rows: TABLE.rows.map((row) => order.map((c) => row[COLUMNS.indexOf(c)])),
    };
    const [a, b] = await Promise.all([exportFile('csv', TABLE, t, ps), exportFile('csv', reversed, t, ps)]);
    expect(await b.text()).toBe(await a.text());
  });

  test('XLSX: numbers as numbers, the check-in a date cell, text neutralised', async () => {
    const blob = await exportFile('xlsx', TABLE, t, ps);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await blob.arrayBuffer());
    const sheet = book.getWorksheet('报名名单')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '序号',
      '确认码',
      '姓名',
      '手机',
      '成人',
      '孩子年龄',
      '状态',
      '签到',
    ]);
    const first = sheet.getRow(2);
    expect([first.getCell(1).value, first.getCell(5).value]).toEqual([1, 2]);
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(3).value).toBe(`'${EVIL}`);
    expect(first.getCell(8).type).toBe(ExcelJS.ValueType.Date);
    expect((first.getCell(8).value as Date).toISOString()).toBe('2026-06-01T09:30:00.000Z');
    const second = sheet.getRow(3);
    expect([second.getCell(3).value, second.getCell(7).value, second.getCell(8).value]).toEqual([
      "'-王芳",
      '候补 1',
      null,
    ]);
  });
});
