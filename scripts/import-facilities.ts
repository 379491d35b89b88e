/**
 * Imports the district's filing (备案) list into `src/districts/guichi/facilities/<id>.yaml`, one file per facility.
 * Written for the clerk who keeps the list (docs/data.md, in Chinese, step by step):
 *
 *   npm run import:facilities -- 备案名单.xlsx             preview: what would change, nothing written
 *   npm run import:facilities -- 备案名单.xlsx --apply     write it
 *
 * Options: --apply, --partial (write the good rows even if others have errors), --remove-missing (delete records
 * the list no longer has), --allow-outside (accept positions outside the district), --datum gcj02|bd09 (纬度/经度
 * copied from AMap/Tencent or Baidu), --lang en (English messages), --out <folder>.
 * A report, <input>-核对结果.xlsx and .csv (备案名单-核对结果.xlsx), is written beside the input file for every run
 * that read the file, also when the header row is refused.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { pointInMultiPolygon } from '../src/lib/geo/point-in-polygon.ts';
import { FacilityDataError, parseFacility } from '../src/lib/facilities/load.ts';
import type { Facility } from '../src/lib/schemas/facility.ts';
import { readRow, type Datum } from './lib/facility-row.ts';
import { cellText } from './lib/import/cells.ts';
import { normalizeDate, toHalfWidth } from './lib/import/normalize.ts';
import {
  ALL_COLUMNS,
  findHeader,
  HEADER_SEARCH_ROWS,
  normalizeHeader,
  skipReason,
  type SkipReason,
} from './lib/import/headers.ts';
import { renderIssue, renderNote, type Issue, type Lang } from './lib/import/messages.ts';
import { buildPlan, fromFilingList, type Existing, type Plan } from './lib/import/plan.ts';
import { readGrid, TableFileError, type Grid } from './lib/import/read-table.ts';
import { headerFailureRows, reportRows, SKIP_LABELS, writeReport } from './lib/import/report.ts';

/** Columns whose cells are numbers: the report writes them as numbers. */
const NUMERIC_KEYS = new Set<string>([
  'places',
  'vacancies',
  'fee_full_day',
  'fee_half_day',
  'fee_hourly',
  'fee_temporary',
  'lat',
  'lng',
  'min_months',
  'max_months',
  'demonstration_year',
]);
import { facilityToYaml } from './lib/write-facility-yaml.ts';
import { BOUNDARY_FILE, outlineToWgs84 } from '../src/lib/geo/outline.ts';
import { townshipByCode } from '../src/data/district.ts';
import { facilitiesDir } from '../src/districts/index.ts';
import { UNVERIFIED_CELL } from '../src/lib/facilities/columns.ts';
import type { Db } from '../supabase/embedded/db/adapter.ts';
import { actAsOwner, prepareDatabase, syncFacilityRecords } from '../supabase/embedded/db/migrate.ts';
import { openDb } from '../supabase/embedded/db/open.ts';

const USAGE = {
  zh: '用法：npm run import:facilities -- 文件.xlsx [--apply] [--partial] [--older-ok] [--short-ids] [--remove-missing] [--allow-outside] [--datum gcj02|bd09] [--verified-on 日期] [--vacancy-date 日期] [--sheet 工作表] [--lang en] [--out 文件夹]',
  en: 'usage: npm run import:facilities -- file.xlsx [--apply] [--partial] [--older-ok] [--short-ids] [--remove-missing] [--allow-outside] [--datum gcj02|bd09] [--verified-on date] [--vacancy-date date] [--sheet worksheet] [--lang en] [--out folder]',
};

export interface ImportOptions {
  out: string;
  apply: boolean;
  partial: boolean;
  /** --short-ids: shorten the long web ids of records this list updates (old addresses redirect) */
  shortIds?: boolean;
  /** --older-ok: write even when the list is older than the data it changes */
  olderOk?: boolean;
  removeMissing: boolean;
  allowOutside: boolean;
  datum?: Datum;
  lang: Lang;
  /** --verified-on: 核实日期 for rows whose sheet gives none */
  verifiedOn?: string;
  /** --vacancy-date: 空余统计日期 for rows with a vacancy count but no date */
  vacancyDate?: string;
  /** --sheet: the worksheet to read when several have a header row */
  sheet?: string;
  /**
   * --database: also write what --apply writes into this database's app.facilities (the files stay: open data,
   * backups, the demo seed). Only the fields the list changes replace a provider's or staff member's edits.
   */
  db?: Db;
}

/** The list's own date in a title or note row above the header: 填报日期：2026年11月10日, 截至2026年11月. */
export function titleDate(
  rows: readonly (readonly unknown[])[],
  below: number,
): { date: string; text: string; monthOnly: boolean } | undefined {
  for (let i = 0; i < below; i++)
    for (const cell of rows[i] ?? []) {
      const text = cellText(cell);
      const m =
        /(填报|统计|截至|截止|核实|更新|报送)(日期|时间)?[:：\s]*(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?/.exec(
          toHalfWidth(text),
        );
      if (m)
        return {
          date: `${m[3]}-${m[4]!.padStart(2, '0')}-${(m[5] ?? '1').padStart(2, '0')}`,
          text: text.slice(m.index, m.index + m[0].length),
          monthOnly: m[5] === undefined,
        };
    }
  return undefined;
}

export interface ImportResult {
  plan?: Plan;
  /** file-level problems: nothing could be read */
  fileIssues: Issue[];
  headerRow?: number;
  written: string[];
  removed: string[];
  /** with a database: what app_private.sync_facilities did */
  database?: {
    inserted: number;
    updated: number;
    unchanged: number;
    removed: number;
    refused: { id: string; message: string }[];
  };
  reports: string[];
  exitCode: number;
}

/** The records now in `dir`, with the file each came from. */
async function loadExisting(dir: string): Promise<Existing[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((f) => /\.ya?ml$/.test(f)).sort();
  const out: Existing[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    out.push({ facility: parseFacility(YAML.parse(await readFile(file, 'utf8')), file), file });
  }
  return out;
}

/** Reads, checks and (with `apply`) writes; prints what a clerk needs to know through `log`. */
export async function importFacilities(
  file: string,
  options: ImportOptions,
  log: (line: string) => void,
): Promise<ImportResult> {
  const { lang } = options;
  const zh = lang === 'zh';
  const result: ImportResult = { fileIssues: [], written: [], removed: [], reports: [], exitCode: 1 };
  let grid: Grid;
  try {
    grid = await readGrid(file);
  } catch (error) {
    if (!(error instanceof TableFileError)) throw error;
    result.fileIssues.push(error.issue);
    log(renderIssue(error.issue, lang));
    return result;
  }
  const base = path.basename(file);
  /** The run stops before any row is read: say so, and still write the report (the problems on row `at`). */
  const stopped = async (rows: unknown[][], at: number, issues: Issue[]) => {
    result.reports = await writeReport(
      file,
      headerFailureRows(
        rows,
        at,
        issues.map((i) => renderIssue(i, lang)),
        lang,
      ),
      { headerRow: at || undefined },
    );
    log(zh ? '没有导入，也没有改动任何文件。' : 'Nothing was imported and no file was changed.');
    log(zh ? `报告：${result.reports.join(' 和 ')}` : `Report: ${result.reports.join(' and ')}`);
    return result;
  };
  if (grid.sheets && grid.sheets.length > 1) {
    const names = grid.sheets.map((x) => `「${x.name}」`).join('');
    const fail = (issue: Issue) => {
      log(
        zh
          ? `读取 ${base}，有${grid.sheets!.length}个工作表：${names}。`
          : `Reading ${base}, ${grid.sheets!.length} worksheets: ${names}.`,
      );
      result.fileIssues.push(issue);
      log(renderIssue(issue, lang));
      return stopped(grid.sheets![0]!.rows, 0, [issue]);
    };
    let chosen = options.sheet !== undefined ? grid.sheets.find((x) => x.name === options.sheet) : undefined;
    if (options.sheet !== undefined && !chosen)
      return fail({ code: 'no_such_sheet', p: { sheet: options.sheet, sheets: names } });
    if (!chosen) {
      const withHeader = grid.sheets.filter((x) => 'row' in findHeader(x.rows));
      if (withHeader.length > 1)
        return fail({
          code: 'several_sheets',
          p: {
            count: withHeader.length,
            sheets: withHeader.map((x) => `「${x.name}」`).join(''),
            first: withHeader[0]!.name,
          },
        });
      if (!withHeader.length)
        return fail({
          code: 'no_header_sheets',
          p: { sheets: names, rows: HEADER_SEARCH_ROWS, names: ALL_COLUMNS.name.slice(1).join('、') },
        });
      chosen = withHeader[0]!;
    }
    grid = { ...grid, sheet: chosen.name, rows: chosen.rows };
  }
  const where =
    grid.kind === 'xlsx'
      ? zh
        ? `读取 ${base}，工作表「${grid.sheet}」${grid.sheets && grid.sheets.length > 1 ? `（共${grid.sheets.length}个工作表：${grid.sheets.map((x) => `「${x.name}」`).join('')}）` : ''}。`
        : `Reading ${base}, worksheet "${grid.sheet}"${grid.sheets && grid.sheets.length > 1 ? ` (of ${grid.sheets.length}: ${grid.sheets.map((x) => `"${x.name}"`).join(', ')})` : ''}.`
      : zh
        ? `读取 ${base}（文字编码 ${grid.encoding}）。`
        : `Reading ${base} (text encoding ${grid.encoding}).`;
  log(where);
  const header = findHeader(grid.rows);
  if (!('row' in header) || header.issues.length) {
    result.fileIssues.push(...header.issues);
    for (const issue of header.issues) log(renderIssue(issue, lang));
    return stopped(grid.rows, 'row' in header ? header.row : 0, header.issues);
  }
  result.headerRow = header.row;
  const above = header.firstRow - 1;
  const two = header.firstRow !== header.row;
  log(
    zh
      ? `${two ? `第${header.firstRow}–${header.row}行是表头：上面一行是合并的大标题，下面一行是小标题，合起来读` : `第${header.row}行是表头`}${above ? `（上面${above}行是标题或说明，已跳过）` : ''}。`
      : `${two ? `Rows ${header.firstRow}–${header.row} are the header (two rows: merged group titles over sub-titles, read together)` : `Row ${header.row} is the header row`}${above ? ` (the ${above} row${above > 1 ? 's' : ''} above it, title or notes, skipped)` : ''}.`,
  );
  if (two)
    log(
      zh
        ? `读到的列：${header.columns.map((c) => c.header).join('、')}`
        : `Columns read: ${header.columns.map((c) => c.header).join(', ')}`,
    );
  if (header.ignored.length)
    log(
      zh
        ? `这些列网站不用，已忽略：${header.ignored.join('、')}`
        : `Columns the site does not use, ignored: ${header.ignored.join(', ')}`,
    );

  const demoColumn = (grid.rows[header.row - 1] ?? []).findIndex(
    (c) => normalizeHeader(cellText(c)) === '示例数据',
  );
  const reads = [];
  const skipped = new Map<number, SkipReason>();
  const lastFilled = grid.rows.findLastIndex((r) => (r ?? []).some((c) => cellText(c) !== ''));
  for (let i = header.row; i < grid.rows.length; i++) {
    const cells = grid.rows[i] ?? [];
    const reason = skipReason(cells, header.columns);
    if (reason) {
      if (reason !== 'blank' || i < lastFilled) skipped.set(i + 1, reason);
      continue;
    }
    reads.push(
      readRow(cells, i + 1, header.columns, {
        datum: options.datum,
        demoColumn: demoColumn >= 0 ? demoColumn : undefined,
      }),
    );
  }
  if (skipped.size) {
    const shown = [...skipped].map(([n, why]) => `第${n}行（${SKIP_LABELS[why].zh}）`);
    const shownEn = [...skipped].map(([n, why]) => `row ${n} (${SKIP_LABELS[why].en})`);
    log(
      zh
        ? `这些行不是机构，已跳过：${shown.join('、')}`
        : `Rows that are not facilities, skipped: ${shownEn.join(', ')}`,
    );
  }
  if (!reads.length) {
    const issue: Issue = { code: 'no_rows' };
    result.fileIssues.push(issue);
    log(renderIssue(issue, lang));
    return stopped(grid.rows, header.row, [issue]);
  }

  const fromTitle = titleDate(grid.rows, header.firstRow - 1);
  const defaults = {
    last_verified: options.verifiedOn ?? fromTitle?.date,
    vacancies_as_of: options.vacancyDate ?? fromTitle?.date,
  };
  if (fromTitle && (!options.verifiedOn || !options.vacancyDate))
    log(
      zh
        ? `表格上方写着“${fromTitle.text}”：没有填核实日期或空余统计日期的行，按 ${fromTitle.date} 算${fromTitle.monthOnly ? '（只写了月份，按这个月1日算）' : ''}。日期不对的话，运行时加 --verified-on 或 --vacancy-date 写上实际日期。`
        : `The sheet says "${fromTitle.text}" above the header: rows without a 核实日期 or 空余统计日期 take ${fromTitle.date}. If that is wrong, give the real date with --verified-on or --vacancy-date.`,
    );
  // The list's own date: the title row's, else the latest date its rows give (核实日期, 空余统计日期).
  const rowDates = reads.flatMap((r) =>
    ['last_verified', 'vacancies.as_of']
      .map((k) => r.patch.get(k))
      .filter((d): d is string => typeof d === 'string'),
  );
  // A month without a day ("2026年12月") counts as that month's last day: a December list is not older than 12-05.
  const monthEnd = (d: string) =>
    new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const listDate = fromTitle
    ? fromTitle.monthOnly
      ? monthEnd(fromTitle.date)
      : fromTitle.date
    : rowDates.sort().at(-1);
  const existing = await loadExisting(options.out);
  const outline = outlineToWgs84(JSON.parse(await readFile(BOUNDARY_FILE, 'utf8'))).coordinates;
  const plan = buildPlan(reads, existing, {
    isInside: (lat, lng) => pointInMultiPolygon([lng, lat], outline),
    allowOutside: options.allowOutside,
    defaults,
    shortIds: options.shortIds,
    today: new Date().toISOString().slice(0, 10),
  });
  result.plan = plan;
  // An older file (last month's list opened by mistake) would silently turn changes on the site back.
  const newest = (f: Facility) =>
    [f.last_verified, f.vacancies?.as_of].filter(Boolean).sort().at(-1) as string | undefined;
  const older = listDate
    ? plan.rows.filter(
        (r) => r.outcome === 'changed' && r.existing && (newest(r.existing.facility) ?? '') > listDate,
      )
    : [];
  if (older.length) {
    const latest = older
      .map((r) => newest(r.existing!.facility)!)
      .sort()
      .at(-1);
    log(
      zh
        ? `注意：这份名单的日期是 ${listDate}，比网站上要改的 ${older.length} 家机构的数据还旧（网站上最新的是 ${latest}：${older.map((r) => r.name).join('、')}）。可能是以前的旧文件，导入会把这些机构改回旧的内容。${options.olderOk ? '已加上 --older-ok，照样导入。' : '确实要用这份名单，请加上 --older-ok。'}`
        : `Note: this list is dated ${listDate}, older than the site's data for the ${older.length} facilities it would change (latest ${latest}: ${older.map((r) => r.name).join(', ')}). It may be an old file; importing it turns them back. ${options.olderOk ? '--older-ok is given: importing anyway.' : 'To use it anyway, add --older-ok.'}`,
    );
  }
  const count = (o: string) => plan.rows.filter((r) => r.outcome === o).length;
  const errors = plan.rows.filter((r) => r.outcome === 'error');
  const deleting =
    options.removeMissing && !errors.length
      ? plan.missing.filter((m) => fromFilingList(m.facility)).length
      : 0;
  log(
    zh
      ? `共 ${plan.rows.length} 家机构：新增 ${count('new')}，更新 ${count('changed')}，无变化 ${count('unchanged')}，有错误 ${errors.length}${deleting ? `；删除 ${deleting} 家（名单里没有）` : ''}。`
      : `${plan.rows.length} facilities: ${count('new')} new, ${count('changed')} changed, ${count('unchanged')} unchanged, ${errors.length} with errors${deleting ? `; ${deleting} deleted (not in the list)` : ''}.`,
  );
  if (errors.length) {
    log(
      zh ? '\n错误（请在表格里改正，再运行一次）：' : '\nErrors (correct them in the sheet, then run again):',
    );
    for (const r of errors) for (const issue of r.issues) log(`  ${renderIssue(issue, lang)}`);
  }
  const notes = plan.rows.flatMap((r) => r.notes);
  if (notes.length) {
    log(zh ? '\n自动修正（请核对）：' : '\nChanged as read (please check):');
    for (const note of notes) log(`  ${renderNote(note, lang)}`);
  }
  const news = plan.rows.filter((r) => r.outcome === 'new');
  if (news.length) {
    log(zh ? '\n新增的机构：' : '\nNew facilities:');
    for (const r of news)
      log(
        zh
          ? `  第${r.row}行 ${r.name}（网址标识 ${r.record!.id}）`
          : `  Row ${r.row} ${r.name} (web id ${r.record!.id})`,
      );
  }
  const changed = plan.rows.filter((r) => r.outcome === 'changed');
  if (changed.length) {
    log(zh ? '\n更新的内容：' : '\nChanges:');
    for (const r of changed) {
      for (const c of r.changes)
        log(
          zh
            ? `  第${r.row}行 ${r.name}：「${c.header}」${c.from || '（空）'} → ${c.to || '（空）'}`
            : `  Row ${r.row} ${r.name}: "${c.header}" ${c.from || '(empty)'} → ${c.to || '(empty)'}`,
        );
    }
  }
  const removable = plan.missing.filter((m) => fromFilingList(m.facility));
  const removing = options.removeMissing && !errors.length ? removable : [];
  if (plan.missing.length) {
    const place = (f: Facility) =>
      `${f.name}（${f.township ? (townshipByCode(f.township)?.name ?? f.township) : UNVERIFIED_CELL}）`;
    log(
      zh
        ? `\n网站上有、这份名单里没有的机构（${plan.missing.length}家）：`
        : `\nOn the site but not in this list (${plan.missing.length}):`,
    );
    if (!options.removeMissing) {
      for (const { facility: f } of plan.missing) log(`  ${place(f)}`);
      log(
        zh
          ? '  这些机构会保留。如果要从网站上删掉，运行时加上 --remove-missing（只删来自备案名单的机构）。'
          : '  They are kept. To delete them from the site, add --remove-missing (only records from a filing list).',
      );
    } else {
      for (const { facility: f } of removable)
        log(zh ? `  会删除：${place(f)}` : `  will be deleted: ${place(f)}`);
      for (const { facility: f } of plan.missing.filter((m) => !fromFilingList(m.facility)))
        log(
          zh
            ? `  保留：${place(f)}，它不是来自备案名单（来源：${f.source}），--remove-missing 不会删它`
            : `  kept: ${place(f)}, not from a filing list (source: ${f.source}); --remove-missing never deletes it`,
        );
      if (errors.length && removable.length)
        log(
          zh
            ? '  因为有错误，这次不会删除任何机构。'
            : '  Because of the errors no facility will be deleted this time.',
        );
    }
  }

  result.reports = await writeReport(file, reportRows(grid.rows, header.row, plan, skipped, lang), {
    missing: plan.missing,
    removing: new Set(removing),
    headerRow: header.row,
    originals: grid.rows,
    numeric: new Set(header.columns.filter((c) => NUMERIC_KEYS.has(c.key)).map((c) => c.index)),
  });
  log(zh ? `\n报告：${result.reports.join(' 和 ')}` : `\nReport: ${result.reports.join(' and ')}`);

  if (!options.apply) {
    log(
      zh
        ? '这是预览，没有改动任何文件。核对无误后，在命令后面加上 --apply 再运行一次。'
        : 'This is a preview: no file was changed. When it looks right, run the same command with --apply.',
    );
    result.exitCode = errors.length ? 1 : 0;
    return result;
  }
  if (older.length && !options.olderOk) {
    log(
      zh
        ? '因为名单比网站上的数据旧，没有写入任何文件（确认要用这份名单，请加上 --older-ok）。'
        : 'Because the list is older than the data on the site nothing was written (add --older-ok to use it anyway).',
    );
    return result;
  }
  if (errors.length && !options.partial) {
    log(
      zh
        ? '因为有错误，没有写入任何文件（加上 --partial 可以先写入没有错误的行）。'
        : 'Because of the errors nothing was written (add --partial to write the rows without errors).',
    );
    return result;
  }
  const comment = `Imported from ${base} by scripts/import-facilities.ts`;
  await mkdir(options.out, { recursive: true });
  const toDatabase: { record: Facility; file_time: string; force: string[] }[] = [];
  const renames: [string, string][] = [];
  for (const r of plan.rows) {
    if ((r.outcome !== 'new' && r.outcome !== 'changed') || !r.record) continue;
    const renamed = r.existing && r.existing.facility.id !== r.record.id;
    toDatabase.push({
      record: r.record,
      file_time: '-infinity',
      force: changedFields(r.existing?.facility, r.record),
    });
    if (renamed) renames.push([r.existing!.facility.id, r.record.id]);
    const target = r.existing && !renamed ? r.existing.file : path.join(options.out, `${r.record.id}.yaml`);
    await writeFile(target, facilityToYaml(r.record, comment), 'utf8');
    result.written.push(target);
    if (renamed) await rm(r.existing!.file);
  }
  if (options.removeMissing) {
    if (errors.length)
      log(zh ? '因为有错误，没有删除任何机构。' : 'Because of the errors no facility was deleted.');
    else
      for (const m of removing) {
        await rm(m.file);
        result.removed.push(m.file);
      }
  }
  if (options.db) {
    const removedIds = options.removeMissing && !errors.length ? removing.map((m) => m.facility.id) : [];
    result.database = await writeToDatabase(options.db, toDatabase, renames, removedIds);
    log(
      zh
        ? `数据库：新增 ${result.database.inserted}，更新 ${result.database.updated}，无变化 ${result.database.unchanged}${result.database.removed ? `，删除 ${result.database.removed}` : ''}${result.database.refused.length ? `，未写入 ${result.database.refused.length}：${result.database.refused.map((x) => `${x.id}（${x.message}）`).join('、')}` : ''}。`
        : `Database: ${result.database.inserted} new, ${result.database.updated} updated, ${result.database.unchanged} unchanged${result.database.removed ? `, ${result.database.removed} deleted` : ''}${result.database.refused.length ? `, ${result.database.refused.length} not written: ${result.database.refused.map((x) => `${x.id} (${x.message})`).join(', ')}` : ''}.`,
    );
  }
  log(
    zh
      ? `已写入 ${result.written.length} 个文件${result.removed.length ? `，删除 ${result.removed.length} 家` : ''}（${options.out}）。`
      : `Wrote ${result.written.length} file(s)${result.removed.length ? `, deleted ${result.removed.length}` : ''} in ${options.out}.`,
  );
  result.exitCode = errors.length ? 1 : 0;
  return result;
}

/** The schema fields whose value the import changes (every field of a new record). */
function changedFields(before: Facility | undefined, after: Facility): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys].filter(
    (k) =>
      !before ||
      JSON.stringify((before as Record<string, unknown>)[k]) !==
        JSON.stringify((after as Record<string, unknown>)[k]),
  );
}

/**
 * Writes the applied records into app.facilities through app_private.sync_facilities (via 'import'): new records
 * are inserted; of an existing one only the fields the list changed replace the database's (a provider's newer
 * vacancies stay when the list does not touch them). Renamed ids follow (--short-ids), removed ones are deleted.
 */
async function writeToDatabase(
  db: Db,
  records: { record: Facility; file_time: string; force: string[] }[],
  renames: [string, string][],
  removedIds: string[],
): Promise<NonNullable<ImportResult['database']>> {
  if (renames.length || removedIds.length)
    await db.transaction(async (tx) => {
      await actAsOwner(tx);
      await tx.query(`select app_private.facility_begin('import', 'import')`);
      for (const [from, to] of renames)
        await tx.query('update app.facilities set id = $2 where id = $1', [from, to]);
      if (removedIds.length) await tx.query('delete from app.facilities where id = any ($1)', [removedIds]);
      await tx.exec('reset role');
    });
  const r = await syncFacilityRecords(db, records, 'import');
  return {
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    removed: removedIds.length,
    refused: r.refused,
  };
}

const OPTIONS = {
  out: { type: 'string', default: facilitiesDir() },
  apply: { type: 'boolean', default: false },
  database: { type: 'string' },
  partial: { type: 'boolean', default: false },
  'older-ok': { type: 'boolean', default: false },
  'short-ids': { type: 'boolean', default: false },
  'remove-missing': { type: 'boolean', default: false },
  'allow-outside': { type: 'boolean', default: false },
  datum: { type: 'string' },
  'verified-on': { type: 'string' },
  'vacancy-date': { type: 'string' },
  sheet: { type: 'string' },
  lang: { type: 'string', default: 'zh' },
} as const;

/** The command: exit status 0 when every row is fine, 1 otherwise. */
export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  const lang: Lang = argv.includes('en') && argv[argv.indexOf('en') - 1] === '--lang' ? 'en' : 'zh';
  let args: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: OPTIONS,
    });
  } catch (error) {
    // Node's own wording is for programmers; name the option instead.
    const option = /'(-[^']*)'/.exec((error as Error).message)?.[1] ?? '';
    log(
      `${lang === 'zh' ? `不认识的选项或写法：${option}` : `Unknown option or form: ${option}`}\n${USAGE[lang]}`,
    );
    return 1;
  }
  const [file, ...extra] = args.positionals;
  const datum = args.values.datum?.toLowerCase().replace('-', '');
  if (datum && datum !== 'gcj02' && datum !== 'bd09' && datum !== 'wgs84') {
    log(
      lang === 'zh'
        ? `--datum 后面只能写 gcj02（高德、腾讯地图）或 bd09（百度地图），读到“${args.values.datum}”。`
        : `--datum takes gcj02 (AMap, Tencent) or bd09 (Baidu), not "${args.values.datum}".`,
    );
    return 1;
  }
  const dates: Record<string, string | undefined> = {};
  for (const option of ['verified-on', 'vacancy-date'] as const) {
    const typed = args.values[option];
    if (typed === undefined) continue;
    const n = normalizeDate(typed);
    if (!n.ok || Number.isNaN(Date.parse(n.value))) {
      log(
        lang === 'zh'
          ? `--${option} 后面要写一个日期，如 2026-11-10，读到“${typed}”。`
          : `--${option} takes a date such as 2026-11-10, not "${typed}".`,
      );
      return 1;
    }
    dates[option] = n.value;
  }
  if (!file || extra.length || !['zh', 'en'].includes(args.values.lang)) {
    log(USAGE[lang]);
    return 1;
  }
  // --database <PostgreSQL URL or PGlite folder such as .data/pglite>: --apply writes there too.
  const db = args.values.database
    ? await openDb(
        /^postgres(ql)?:/.test(args.values.database)
          ? { databaseUrl: args.values.database }
          : { dataDir: args.values.database, databaseUrl: '' },
      )
    : undefined;
  // The embedded database gets its migrations here; a PostgreSQL URL (a Supabase project) is migrated already.
  if (db && !/^postgres(ql)?:/.test(args.values.database ?? ''))
    await prepareDatabase(db, { facilities: false });
  try {
    const result = await importFacilities(
      file,
      {
        db,
        out: args.values.out,
        apply: args.values.apply,
        partial: args.values.partial,
        olderOk: args.values['older-ok'],
        shortIds: args.values['short-ids'],
        removeMissing: args.values['remove-missing'],
        allowOutside: args.values['allow-outside'],
        datum: datum as Datum | undefined,
        lang,
        verifiedOn: dates['verified-on'],
        vacancyDate: dates['vacancy-date'],
        sheet: args.values.sheet,
      },
      log,
    );
    return result.exitCode;
  } catch (error) {
    if (error instanceof FacilityDataError) {
      log(
        `${lang === 'zh' ? '网站现有的数据文件有问题，请先请技术人员修好' : "The site's existing data has a problem; ask a developer to fix it first"}:\n${error.message}`,
      );
      return 1;
    }
    throw error;
  } finally {
    await db?.close();
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
