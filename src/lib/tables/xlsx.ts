/**
 * Writing the same cells to an Excel sheet (exceljs), by the rule of ./csv.ts: numbers as numbers, dates as date
 * cells with a visible format, text neutralised (a text cell is never a formula in .xlsx, but one edit in Excel would
 * make `=…` one again). exceljs is only a type import here: callers load it lazily, so no page carries it up front.
 */
import type { Row, Worksheet } from 'exceljs';
import { type Cell, neutralise } from './csv.ts';

/** The value exceljs should store for `cell`. */
export function xlsxValue(cell: Cell): string | number | Date | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell;
  return neutralise(cell);
}

/** Appends `rows` to `sheet` with typed cells; date cells get `yyyy-mm-dd` (or `yyyy-mm-dd hh:mm` with a time). */
export function addRows(sheet: Worksheet, rows: readonly (readonly Cell[])[]): Row[] {
  return rows.map((cells) => {
    const row = sheet.addRow(cells.map(xlsxValue));
    cells.forEach((cell, i) => {
      if (cell instanceof Date && !Number.isNaN(cell.getTime()))
        row.getCell(i + 1).numFmt = cell.getTime() % 86_400_000 === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
    });
    return row;
  });
}
