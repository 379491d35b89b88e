/**
 * The report a clerk opens after an import: `<input>-核对结果.xlsx` and `.csv` beside the input file (备案名单.xlsx →
 * 备案名单-核对结果.xlsx), written for every run that read the file, also when its header row is refused,
 * with the original rows at their original row numbers plus 处理结果 (result), 错误原因 (what is wrong and what
 * to type), 自动修正 (what the import changed) and 修改内容 (what changes on the site). The .xlsx also lists, on a
 * second sheet, the facilities on the site that the list does not have.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { townshipByCode } from '../../../src/data/district.ts';
import { UNVERIFIED_CELL } from '../../../src/lib/facilities/columns.ts';
import { toCsv } from '../../../src/lib/tables/csv.ts';
import { xlsxValue } from '../../../src/lib/tables/xlsx.ts';
import { cellText } from './cells.ts';
import { renderIssue, renderNote, type Lang } from './messages.ts';
import type { SkipReason } from './headers.ts';
import type { Existing, Outcome, Plan } from './plan.ts';

export const REPORT_COLUMNS = ['处理结果', '错误原因', '自动修正', '修改内容'] as const;
export const OUTCOME_LABELS: Record<Outcome, { zh: string; en: string }> = {
  new: { zh: '新增', en: 'new' },
  changed: { zh: '更新', en: 'changed' },
  unchanged: { zh: '无变化', en: 'unchanged' },
  error: { zh: '错误', en: 'error' },
};
/** Why a row was skipped, as the screen and the report say it. */
export const SKIP_LABELS: Record<SkipReason, { zh: string; en: string }> = {
  total: { zh: '合计行', en: 'totals row' },
  signature: { zh: '签名行', en: 'signature row' },
  note: { zh: '说明行', en: 'note row' },
  header: { zh: '表头行', en: 'header row' },
  blank: { zh: '空行', en: 'blank row' },
};

/** The report's rows: every row of the input, with the report columns after the last input column. */
export function reportRows(
  rows: readonly (readonly unknown[])[],
  headerRow: number,
  plan: Plan,
  skipped: ReadonlyMap<number, SkipReason>,
  lang: Lang,
): string[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const byRow = new Map(plan.rows.map((r) => [r.row, r]));
  return rows.map((cells, i) => {
    const n = i + 1;
    const texts = Array.from({ length: width }, (_, j) => cellText(cells[j]));
    if (n === headerRow) return [...texts, ...REPORT_COLUMNS];
    const r = byRow.get(n);
    if (r) {
      return [
        ...texts,
        OUTCOME_LABELS[r.outcome][lang],
        r.issues.map((x) => renderIssue(x, lang)).join('\n'),
        r.notes.map((x) => renderNote(x, lang)).join('\n'),
        r.changes.map((c) => `「${c.header}」${c.from || '（空）'} → ${c.to || '（空）'}`).join('\n'),
      ];
    }
    const why = skipped.get(n);
    if (why)
      return [
        ...texts,
        lang === 'zh' ? `跳过（${SKIP_LABELS[why].zh}）` : `skipped (${SKIP_LABELS[why].en})`,
        '',
        '',
        '',
      ];
    return texts;
  });
}

/** `备案名单.xlsx` → `备案名单-核对结果.xlsx` and `.csv`, beside the input: each list has its own report. */
export function reportPaths(input: string): [string, string] {
  const dir = path.dirname(path.resolve(input));
  const stem = path.basename(input, path.extname(input));
  return [path.join(dir, `${stem}-核对结果.xlsx`), path.join(dir, `${stem}-核对结果.csv`)];
}

export interface ReportOptions {
  /** records on the site the list does not have, and those that will be deleted */
  missing?: readonly Existing[];
  removing?: ReadonlySet<Existing>;
  /** spreadsheet row of the header (report columns, autofilter, frozen above) */
  headerRow?: number;
  /** the input's cells: a cell that was a number stays a number */
  originals?: readonly (readonly unknown[])[];
  /** 0-based columns holding numbers (托位数, 月费, 纬度…): their cells are written as numbers */
  numeric?: ReadonlySet<number>;
}

const NUMBER = /^-?\d{1,9}(\.\d+)?$/;

/** Writes `<input>-核对结果.xlsx` and `.csv` beside `input`; returns both paths. */
export async function writeReport(
  input: string,
  rows: string[][],
  options: ReportOptions = {},
): Promise<string[]> {
  const [xlsx, csv] = reportPaths(input);
  const { missing: missingRecords = [], removing = new Set(), headerRow, originals, numeric } = options;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入结果');
  const colors: Record<string, string> = {
    错误: 'FFF8D7DA',
    error: 'FFF8D7DA',
    新增: 'FFD1E7DD',
    new: 'FFD1E7DD',
    更新: 'FFFFF3CD',
    changed: 'FFFFF3CD',
  };
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const inputWidth = width - REPORT_COLUMNS.length;
  for (const [i, cells] of rows.entries()) {
    const values = cells.map((text, j) => {
      if (i + 1 === headerRow || j >= inputWidth || !NUMBER.test(text)) return text;
      const original = originals?.[i]?.[j];
      return typeof original === 'number' || numeric?.has(j) ? Number(text) : text;
    });
    // Numbers as numbers, text neutralised (a cell the clerk typed as =… stays text): the one rule of src/lib/tables/.
    const row = sheet.addRow(values.map(xlsxValue));
    const result = cells.length === width ? cells[inputWidth] : undefined;
    if (result && colors[result]) {
      row.getCell(inputWidth + 1).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: colors[result] },
      };
    }
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  if (headerRow && width) {
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: width } };
    sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  }
  for (let c = 1; c <= width; c++) sheet.getColumn(c).width = c > inputWidth ? 48 : 16;
  const missing = workbook.addWorksheet('名单里没有的机构');
  missing.addRow(['网址标识', '编号', '机构名称', '街道/镇', '处理']);
  for (const m of missingRecords) {
    const f = m.facility;
    const township = f.township ? (townshipByCode(f.township)?.name ?? f.township) : UNVERIFIED_CELL;
    missing.addRow([f.id, f.filing_number ?? '', f.name, township, removing.has(m) ? '删除' : '保留']);
  }
  await workbook.xlsx.writeFile(xlsx);
  // The shared CSV writer (BOM, CRLF, the same neutralising rule); the report's first row is the input's first row.
  await writeFile(csv, toCsv(rows[0] ?? [], rows.slice(1)), 'utf8');
  return [xlsx, csv];
}

/** The report of a run stopped at the header: the input's rows, the header problems on the header row (or row 1). */
export function headerFailureRows(
  rows: readonly (readonly unknown[])[],
  at: number,
  messages: readonly string[],
  lang: Lang,
): string[][] {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const out = (rows.length ? rows : [[]]).map((cells) =>
    Array.from({ length: width }, (_, j) => cellText(cells[j])),
  );
  const n = Math.min(Math.max(at, 1), out.length);
  out[n - 1] = [...out[n - 1]!, OUTCOME_LABELS.error[lang], messages.join('\n'), '', ''];
  return out;
}
