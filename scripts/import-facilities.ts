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
 * A report, import-report.xlsx and .csv, is written beside the input file every time.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { pointInMultiPolygon } from '../src/lib/geo/point-in-polygon.ts';
import { FacilityDataError, parseFacility } from '../src/lib/facilities/load.ts';
import { readRow, type Datum } from './lib/facility-row.ts';
import { cellText } from './lib/import/cells.ts';
import { findHeader, normalizeHeader } from './lib/import/headers.ts';
import { renderIssue, renderNote, type Issue, type Lang } from './lib/import/messages.ts';
import { buildPlan, type Existing, type Plan } from './lib/import/plan.ts';
import { readGrid, TableFileError, type Grid } from './lib/import/read-table.ts';
import { reportRows, writeReport } from './lib/import/report.ts';
import { facilityToYaml } from './lib/write-facility-yaml.ts';
import { BOUNDARY_FILE, outlineWgs84 } from './generate-demo-data.ts';
import { townshipByCode } from '../src/data/district.ts';
import { facilitiesDir } from '../src/districts/index.ts';
import { UNVERIFIED_CELL } from '../src/lib/facilities/columns.ts';

const USAGE = {
  zh: '用法：npm run import:facilities -- 文件.xlsx [--apply] [--partial] [--remove-missing] [--allow-outside] [--datum gcj02|bd09] [--lang en] [--out 文件夹]',
  en: 'usage: npm run import:facilities -- file.xlsx [--apply] [--partial] [--remove-missing] [--allow-outside] [--datum gcj02|bd09] [--lang en] [--out folder]',
};

export interface ImportOptions {
  out: string;
  apply: boolean;
  partial: boolean;
  removeMissing: boolean;
  allowOutside: boolean;
  datum?: Datum;
  lang: Lang;
}

export interface ImportResult {
  plan?: Plan;
  /** file-level problems: nothing could be read */
  fileIssues: Issue[];
  headerRow?: number;
  written: string[];
  removed: string[];
  reports: string[];
  exitCode: number;
}

/** A row below the header that is a note (注：…, 填表人：…) rather than a facility. */
const isNoteRow = (texts: string[]) =>
  texts.filter(Boolean).length === 1 &&
  /^((注|说明|备注|附注?)\s*[:：\d１-９]|(填表|制表|审核|填报|联系)(人|单位|日期|时间|电话)?\s*[:：])/.test(
    texts.find(Boolean)!,
  );

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
  const where =
    grid.kind === 'xlsx'
      ? zh
        ? `读取 ${base}，工作表「${grid.sheet}」。`
        : `Reading ${base}, worksheet "${grid.sheet}".`
      : zh
        ? `读取 ${base}（文字编码 ${grid.encoding}）。`
        : `Reading ${base} (text encoding ${grid.encoding}).`;
  log(where);
  const header = findHeader(grid.rows);
  if (!('row' in header) || header.issues.length) {
    result.fileIssues.push(...header.issues);
    for (const issue of header.issues) log(renderIssue(issue, lang));
    log(zh ? '没有导入，也没有改动任何文件。' : 'Nothing was imported and no file was changed.');
    return result;
  }
  result.headerRow = header.row;
  const above = header.row - 1;
  log(
    zh
      ? `第${header.row}行是表头${above ? `（上面${above}行是标题或说明，已跳过）` : ''}。`
      : `Row ${header.row} is the header row${above ? ` (the ${above} row${above > 1 ? 's' : ''} above it, title or notes, skipped)` : ''}.`,
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
  const skipped: number[] = [];
  for (let i = header.row; i < grid.rows.length; i++) {
    const cells = grid.rows[i] ?? [];
    const texts = cells.map(cellText);
    if (texts.every((t) => t === '')) continue;
    if (isNoteRow(texts)) {
      skipped.push(i + 1);
      continue;
    }
    reads.push(
      readRow(cells, i + 1, header.columns, {
        datum: options.datum,
        demoColumn: demoColumn >= 0 ? demoColumn : undefined,
      }),
    );
  }
  if (!reads.length) {
    const issue: Issue = { code: 'no_rows' };
    result.fileIssues.push(issue);
    log(renderIssue(issue, lang));
    return result;
  }

  const existing = await loadExisting(options.out);
  const outline = await outlineWgs84(BOUNDARY_FILE);
  const plan = buildPlan(reads, existing, {
    isInside: (lat, lng) => pointInMultiPolygon([lng, lat], outline),
    allowOutside: options.allowOutside,
  });
  result.plan = plan;
  const count = (o: string) => plan.rows.filter((r) => r.outcome === o).length;
  const errors = plan.rows.filter((r) => r.outcome === 'error');
  log(
    zh
      ? `共 ${plan.rows.length} 家机构：新增 ${count('new')}，更新 ${count('changed')}，无变化 ${count('unchanged')}，有错误 ${errors.length}。`
      : `${plan.rows.length} facilities: ${count('new')} new, ${count('changed')} changed, ${count('unchanged')} unchanged, ${errors.length} with errors.`,
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
  if (plan.missing.length) {
    log(
      zh
        ? `\n网站上有、这份名单里没有的机构（${plan.missing.length}家）：`
        : `\nOn the site but not in this list (${plan.missing.length}):`,
    );
    for (const { facility: f } of plan.missing)
      log(
        `  ${f.name}（${f.township ? (townshipByCode(f.township)?.name ?? f.township) : UNVERIFIED_CELL}）`,
      );
    if (!options.removeMissing)
      log(
        zh
          ? '  这些机构会保留。如果要从网站上删掉，运行时加上 --remove-missing。'
          : '  They are kept. To delete them from the site, add --remove-missing.',
      );
  }

  result.reports = await writeReport(
    file,
    reportRows(grid.rows, header.row, plan, skipped, lang),
    plan,
    options.removeMissing && !errors.length,
  );
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
  for (const r of plan.rows) {
    if ((r.outcome !== 'new' && r.outcome !== 'changed') || !r.record) continue;
    const target = r.existing?.file ?? path.join(options.out, `${r.record.id}.yaml`);
    await writeFile(target, facilityToYaml(r.record, comment), 'utf8');
    result.written.push(target);
  }
  if (options.removeMissing) {
    if (errors.length)
      log(zh ? '因为有错误，没有删除任何机构。' : 'Because of the errors no facility was deleted.');
    else
      for (const m of plan.missing) {
        await rm(m.file);
        result.removed.push(m.file);
      }
  }
  log(
    zh
      ? `已写入 ${result.written.length} 个文件${result.removed.length ? `，删除 ${result.removed.length} 个` : ''}（${options.out}）。`
      : `Wrote ${result.written.length} file(s)${result.removed.length ? `, deleted ${result.removed.length}` : ''} in ${options.out}.`,
  );
  result.exitCode = errors.length ? 1 : 0;
  return result;
}

const OPTIONS = {
  out: { type: 'string', default: facilitiesDir() },
  apply: { type: 'boolean', default: false },
  partial: { type: 'boolean', default: false },
  'remove-missing': { type: 'boolean', default: false },
  'allow-outside': { type: 'boolean', default: false },
  datum: { type: 'string' },
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
  if (!file || extra.length || !['zh', 'en'].includes(args.values.lang)) {
    log(USAGE[lang]);
    return 1;
  }
  try {
    const result = await importFacilities(
      file,
      {
        out: args.values.out,
        apply: args.values.apply,
        partial: args.values.partial,
        removeMissing: args.values['remove-missing'],
        allowOutside: args.values['allow-outside'],
        datum: datum as Datum | undefined,
        lang,
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
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
