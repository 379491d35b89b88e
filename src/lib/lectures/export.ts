/**
 * The roster export as the database answers it (public.export_lecture_roster, migration
 * 20261207015001_lecture_export_compact.sql): `{columns, rows}`, one array per registration with its values in the
 * order of `columns` — a third of the bytes of one object per row. Files are written by src/lib/tables/.
 */

/** The answer of export_lecture_roster. */
export interface ExportTable {
  columns: string[];
  rows: unknown[][];
}

/** The rows as objects keyed by column name (whatever the order of `columns`). */
export function exportRecords<T>(table: ExportTable): T[] {
  const { columns, rows } = table;
  return rows.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i]])) as T);
}
