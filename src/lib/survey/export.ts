/**
 * Turning exported rows into files that open correctly in Excel and WPS: CSV in UTF-8 with a byte-order mark,
 * CRLF line ends, every field quoted when it must be, and spreadsheet formula injection neutralised (a text cell that
 * starts with = + - @ or a tab/carriage return gets a leading apostrophe, as OWASP recommends) — all by the shared
 * table writer, src/lib/tables/csv.ts; this file only says how survey values become cells.
 */
import { type Cell, cellText, csvField as tableCsvField, toCsv as tableCsv } from '../tables/csv.ts';

/** A survey value as a table cell: booleans read yes/no, numbers stay numbers, anything else is text. */
export function surveyCell(value: unknown): Cell {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined || typeof value === 'number' || value instanceof Date)
    return value;
  return String(value);
}

/** A cell value as text, with formula injection neutralised (src/lib/tables/csv.ts: numbers are not text). */
export function safeCell(value: unknown): string {
  return cellText(surveyCell(value));
}

/** One CSV field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: unknown): string {
  return tableCsvField(surveyCell(value));
}

/** A whole CSV file (BOM + header + rows, CRLF). */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return tableCsv(
    columns,
    rows.map((r) => columns.map((c) => surveyCell(r[c]))),
  );
}

/** The export's columns, in order (public.export_survey_responses). */
export const EXPORT_COLUMNS = [
  'reference',
  'submitted_at',
  'channel',
  'source_code',
  'consent_version',
  'relation',
  'children_count',
  'child_birth_months',
  'child_age_months',
  'carer',
  'in_care',
  'wants_care',
  'reasons_for',
  'reasons_against',
  'provider',
  'care_form',
  'fee',
  'distance',
  'dropoff',
  'pickup',
  'priorities',
  'township',
  'community',
  'phone',
] as const;
