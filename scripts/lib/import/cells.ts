/** A spreadsheet cell as the clerk sees it, as text. */
import { CellError, FormulaWithoutResult } from './read-table.ts';

/**
 * Trimmed text of a cell: Dates become YYYY-MM-DD (UTC, as spreadsheets store them), booleans 是/否, a formula
 * without a result `=FORMULA`, an error cell its code. The `'` our CSV export puts before `=+-@` is dropped.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof FormulaWithoutResult) return `=${value.formula}`;
  if (value instanceof CellError) return value.error;
  return String(value)
    .replace(/^\uFEFF/, '')
    .replace(/\u3000/g, ' ')
    .trim()
    .replace(/^'(?=[=+\-@])/, '');
}
