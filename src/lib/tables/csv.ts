/**
 * The one table writer every export uses (lecture rosters, survey responses and planning figures, open data, the
 * importer's report): one neutralising rule for spreadsheet formula injection and one CSV shape.
 *
 * The rule (OWASP, "CSV Injection"): a **text** cell that starts with `=` `+` `-` `@`, a tab or a carriage return gets
 * a leading apostrophe, so a spreadsheet shows it as text instead of running it. Numbers are not text: they are written
 * as numbers and never changed (`-5` stays `-5`, a negative number is a number); the same characters as text
 * (`'-5'`) are neutralised. Dates are written as their wall-clock text.
 *
 * CSV: UTF-8 with a byte-order mark (so Excel and WPS read Chinese), CRLF line ends and a final CRLF, a field quoted
 * when it holds a comma, a quote, CR or LF, quotes doubled (RFC 4180).
 */

/** One cell of a table: text, a number, a date (its UTC fields are the wall-clock time shown), or empty. */
export type Cell = string | number | Date | null | undefined;

/** Text with formula injection neutralised (the rule above). */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as spreadsheets show it, from its UTC fields: `2026-06-01`, or `2026-06-01 09:30` when it has a time of day
 * (seconds when it has them). Pass a date shifted to the wall clock you mean (see `wallClock`).
 */
export function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const [h, m, s] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/** An instant as a date whose UTC fields are the wall-clock time `offsetMinutes` east of UTC (Beijing: 480). */
export function wallClock(iso: string, offsetMinutes: number): Date {
  return new Date(Date.parse(iso) + offsetMinutes * 60_000);
}

/** A cell as CSV text before quoting: '' for empty, numbers as they are (not finite: ''), dates as text, text neutralised. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  return neutralise(value);
}

/** One CSV field: the cell's text, quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: Cell): string {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: BOM, the header row, the rows, CRLF after each line. */
export function toCsv(header: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
