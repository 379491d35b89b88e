/**
 * The roster export as a file: export_lecture_roster's `{columns, rows}` → CSV or XLSX by the shared table writer
 * (src/lib/tables/: text neutralised, numbers and dates typed). Roster.tsx imports this module with the first
 * export, so the roster screen never loads it (nor exceljs, which this imports lazily in turn).
 */
import { fill } from '../../../lib/i18n/fill.ts';
import type { LectureKey, LectureStrings } from '../../../lib/i18n/lectures/index.ts';
import type { LectureStaffStrings } from '../../../lib/i18n/lectures-staff/index.ts';
import { type ExportTable, exportRecords } from '../../../lib/lectures/export.ts';
import { toCsv, wallClock } from '../../../lib/tables/csv.ts';
import type { ExportRow } from './types.ts';

/** The file's contents: one header row in the page's language, then one row per registration in sign-up order. */
export async function exportFile(
  kind: 'csv' | 'xlsx',
  table: ExportTable,
  t: LectureStaffStrings,
  ps: LectureStrings,
): Promise<Blob> {
  const header = [
    t['lecs.r.no'],
    t['lecs.r.code'],
    t['lecs.r.name'],
    t['lecs.r.mobile'],
    t['lecs.r.adults'],
    t['lecs.r.age'],
    t['lecs.r.status'],
    t['lecs.r.checkedIn'],
  ];
  const body = exportRecords<ExportRow>(table).map((r) => [
    r.signup_no,
    r.code,
    r.name ?? '',
    r.mobile ?? '',
    r.adults,
    ps[`lec.age.${r.child_age_band}` as LectureKey],
    r.status === 'waitlisted'
      ? fill(t['lecs.st.waitlisted'], { n: r.waitlist_position ?? '' })
      : t[`lecs.st.${r.status}` as keyof LectureStaffStrings],
    // Beijing wall-clock time (UTC+8, no daylight saving): a date cell in Excel, 2026-06-01 09:30 in CSV.
    r.checked_in_at ? wallClock(r.checked_in_at, 480) : null,
  ]);
  if (kind === 'csv') return new Blob([toCsv(header, body)], { type: 'text/csv;charset=utf-8' });
  const [{ default: ExcelJS }, { addRows }] = await Promise.all([
    import('exceljs'),
    import('../../../lib/tables/xlsx.ts'),
  ]);
  const book = new ExcelJS.Workbook();
  addRows(book.addWorksheet(t['lecs.roster']), [header, ...body]);
  return new Blob([await book.xlsx.writeBuffer()], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}
