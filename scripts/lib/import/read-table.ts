/**
 * Reads a filing list into a grid of cells, row 1 first, exactly as the spreadsheet numbers its rows:
 * CSV in UTF-8 (with or without BOM), GBK or GB18030 (what a Chinese Excel saves as "CSV"), found by looking at
 * the bytes; or every worksheet of an .xlsx file, with formulas read from their saved results.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Issue } from './messages.ts';

/** A formula cell saved without its result (written by a program, never opened in Excel). */
export class FormulaWithoutResult {
  readonly formula: string;
  constructor(formula: string) {
    this.formula = formula;
  }
}
/** A cell that shows an error such as #N/A or #REF!. */
export class CellError {
  readonly error: string;
  constructor(error: string) {
    this.error = error;
  }
}

export type Encoding = 'UTF-8' | 'GBK' | 'GB18030';

export interface Grid {
  kind: 'csv' | 'xlsx';
  /** CSV only */
  encoding?: Encoding;
  /** XLSX only */
  sheet?: string;
  /** rows[0] is spreadsheet row 1; cells are strings, numbers, booleans, Dates, FormulaWithoutResult or CellError. */
  rows: unknown[][];
  /** XLSX only: every worksheet, in workbook order (`sheet` and `rows` are the first) */
  sheets?: { name: string; rows: unknown[][] }[];
}

/** A file that cannot be read at all; `issue` says why in the clerk's words. */
export class TableFileError extends Error {
  readonly issue: Issue;
  constructor(issue: Issue) {
    super(issue.code);
    this.issue = issue;
  }
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Decodes CSV bytes: UTF-8 when they are valid UTF-8 (a BOM is dropped), else GBK / GB18030. */
export function decodeCsv(bytes: Buffer): { text: string; encoding: Encoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'UTF-8' };
  } catch {
    const text = iconv.decode(bytes, 'gb18030');
    if (text.includes('\uFFFD')) throw new TableFileError({ code: 'not_text' });
    const gbk = iconv.encode(text, 'gbk');
    return { text, encoding: gbk.equals(bytes) ? 'GBK' : 'GB18030' };
  }
}

function xlsxValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('formula' in value || 'sharedFormula' in value) {
    const v = value as { formula?: string; sharedFormula?: string; result?: ExcelJS.CellValue };
    if (v.result === undefined || v.result === null)
      return new FormulaWithoutResult(v.formula ?? v.sharedFormula ?? '');
    return xlsxValue(v.result);
  }
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('error' in value) return new CellError(String(value.error));
  if ('text' in value) return xlsxValue(value.text as ExcelJS.CellValue);
  return String(value);
}

/** Reads `file` (.csv or .xlsx) into a grid; throws TableFileError for a file that cannot be read. */
export async function readGrid(file: string): Promise<Grid> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new TableFileError({ code: 'bad_type', p: { file } });
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new TableFileError({ code: 'no_file', p: { file } });
  }
  if (ext === '.csv') {
    const { text, encoding } = decodeCsv(bytes);
    const rows: string[][] = parseCsv(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
    return { kind: 'csv', encoding, rows };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new TableFileError({ code: 'bad_file', p: { file, reason: (error as Error).message } });
  }
  const sheets = workbook.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = xlsxValue(cell.value);
      });
      rows[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
    });
    return { name: sheet.name, rows: Array.from(rows, (r) => r ?? []) };
  });
  if (!sheets[0]) throw new TableFileError({ code: 'no_rows' });
  return { kind: 'xlsx', sheet: sheets[0].name, rows: sheets[0].rows, sheets };
}
