/**
 * Turning exported rows into files that open correctly in Excel and WPS: CSV in UTF-8 with a byte-order mark,
 * CRLF line ends, every field quoted when it must be, and spreadsheet formula injection neutralised (a cell that
 * starts with = + - @ or a tab/carriage return gets a leading apostrophe, as OWASP recommends).
 */

/** A cell value as text, with formula injection neutralised. */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: unknown): string {
  const text = safeCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file (BOM + header + rows, CRLF). */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [
    columns.map(csvField).join(','),
    ...rows.map((r) => columns.map((c) => csvField(r[c])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
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
