/**
 * Roster export: rows → CSV text (UTF-8 with BOM so Excel reads Chinese) with spreadsheet formula injection
 * neutralised: a cell starting with = + - @ tab or CR gets a leading apostrophe (OWASP's advice), so
 * "=HYPERLINK(…)" typed as a name stays text.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: unknown): string {
  const text = neutralise(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
