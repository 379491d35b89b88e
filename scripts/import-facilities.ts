/**
 * Imports the district's filing (备案) list into `src/data/facilities/<id>.yaml`, one file per facility.
 *
 *   npm run import:facilities -- <file.csv|file.xlsx> [--out src/data/facilities] [--dry-run]
 *
 * CSV must be UTF-8 (a BOM is fine); XLSX is read from its first worksheet. Row 1 holds the column headers
 * (see docs/data.md). Valid rows are written (unless --dry-run); every rejected row is reported with its row
 * number, name and reasons, and the command then exits with status 1.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { pointInMultiPolygon, type MultiPolygonCoords } from '../src/lib/geo/point-in-polygon.ts';
import type { Facility } from '../src/lib/schemas/facility.ts';
import { cellText, mapRow, resolveHeaders, type ColumnKey } from './lib/facility-row.ts';
import { writeFacilityYaml } from './lib/write-facility-yaml.ts';
import { BOUNDARY_FILE, outlineWgs84 } from './generate-demo-data.ts';

export interface Table {
  headers: string[];
  /** `rowNumber` is the spreadsheet row (the header is row 1). Completely empty rows are left out. */
  rows: { rowNumber: number; cells: unknown[] }[];
}

const USAGE = 'usage: npm run import:facilities -- <file.csv|file.xlsx> [--out src/data/facilities] [--dry-run]';

/** Reads a CSV (UTF-8, optional BOM) or the first worksheet of an XLSX file. */
export async function readTable(file: string): Promise<Table> {
  const ext = path.extname(file).toLowerCase();
  let grid: { rowNumber: number; cells: unknown[] }[];
  if (ext === '.csv') {
    const bytes = await readFile(file);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new Error(`${file} is not UTF-8 text. In Excel use "Save as → CSV UTF-8", or import the .xlsx file instead.`);
    }
    const records: string[][] = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
    grid = records.map((cells, i) => ({ rowNumber: i + 1, cells }));
  } else if (ext === '.xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error(`${file} has no worksheet`);
    grid = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = xlsxValue(cell.value)));
      grid.push({ rowNumber, cells: Array.from(cells) });
    });
  } else {
    throw new Error(`${file}: only .csv and .xlsx files can be imported`);
  }
  const [head, ...rows] = grid;
  if (!head || head.rowNumber !== 1) throw new Error(`${file}: row 1 must hold the column headers`);
  return { headers: head.cells.map(cellText), rows: rows.filter((r) => r.cells.some((c) => cellText(c) !== '')) };
}

/** Unwraps exceljs cell values (formulas, rich text, hyperlinks) to a plain value. */
function xlsxValue(value: ExcelJS.CellValue): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if ('result' in value) return xlsxValue(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return xlsxValue(value.text as ExcelJS.CellValue);
  if ('error' in value) return '';
  return String(value);
}

export interface Rejected {
  rowNumber: number;
  name: string;
  reasons: string[];
}

export interface ImportResult {
  imported: Facility[];
  rejected: Rejected[];
  /** Messages about the file or rows that do not stop an import. */
  warnings: string[];
  written: string[];
}

/** Validates every row of `file` and (unless dryRun) writes the valid ones to `out`. */
export async function importFacilities(file: string, out: string, dryRun = false): Promise<ImportResult> {
  const table = await readTable(file);
  const { keys, unknown, missing } = resolveHeaders(table.headers);
  if (missing.length) throw new Error(`${file}: missing required column(s): ${missing.join(', ')}`);
  const warnings = unknown.map((h) => `column "${h}" is not recognised and was ignored`);
  const outline: MultiPolygonCoords | undefined = await outlineWgs84(BOUNDARY_FILE).catch(() => undefined);
  const isInsideDistrict = outline && ((lat: number, lng: number) => pointInMultiPolygon([lng, lat], outline));

  const imported: Facility[] = [];
  const rejected: Rejected[] = [];
  const rowOfId = new Map<string, number>();
  for (const { rowNumber, cells } of table.rows) {
    const row: Partial<Record<ColumnKey, unknown>> = {};
    keys.forEach((key, i) => key && (row[key] = cells[i]));
    const result = mapRow(row, { isInsideDistrict });
    warnings.push(...result.warnings.map((w) => `row ${rowNumber}: ${w}`));
    const name = cellText(row.name) || '(no name)';
    if (!result.ok) {
      rejected.push({ rowNumber, name, reasons: result.reasons });
      continue;
    }
    const firstRow = rowOfId.get(result.facility.id);
    if (firstRow !== undefined) {
      rejected.push({ rowNumber, name, reasons: [`field "id" (column "编号"): "${result.facility.id}" is already used by row ${firstRow}`] });
      continue;
    }
    rowOfId.set(result.facility.id, rowNumber);
    imported.push(result.facility);
  }

  const written: string[] = [];
  if (!dryRun) {
    const comment = `Imported from ${path.basename(file)} by scripts/import-facilities.ts`;
    for (const facility of imported) written.push(await writeFacilityYaml(out, facility, comment));
  }
  return { imported, rejected, warnings, written };
}

/** The command: returns the exit status (0 all imported, 1 any row rejected or the file could not be read). */
export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string', default: 'src/data/facilities' }, 'dry-run': { type: 'boolean', default: false } },
    });
  } catch (error) {
    log(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const [file, ...extra] = args.positionals;
  if (!file || extra.length) {
    log(USAGE);
    return 1;
  }
  const dryRun = args.values['dry-run'];
  const out = args.values.out;
  let result: ImportResult;
  try {
    result = await importFacilities(file, out, dryRun);
  } catch (error) {
    log(`Import failed: ${(error as Error).message}`);
    return 1;
  }
  const { imported, rejected, warnings } = result;
  for (const w of warnings) log(`warning: ${w}`);
  log(
    dryRun
      ? `${imported.length} valid, would be imported (dry run: nothing written)`
      : `${imported.length} imported into ${out}`,
  );
  if (rejected.length) {
    log(`${rejected.length} rejected:`);
    for (const r of rejected) {
      log(`  row ${r.rowNumber} "${r.name}":`);
      for (const reason of r.reasons) log(`    - ${reason}`);
    }
    return 1;
  }
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
