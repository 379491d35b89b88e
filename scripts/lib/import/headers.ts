/**
 * Finds the header row (title and note rows above it are skipped) and maps each header, as the clerk wrote it,
 * to a column through the one synonym table in src/lib/facilities/columns.ts. A header that is not in the table
 * but looks like one that is (托位数目 ~ 托位数) is an error with a suggestion, never a silent drop.
 */
import {
  COLUMNS,
  IGNORED_COLUMNS,
  IMPORT_ONLY_COLUMNS,
  type ColumnKey,
} from '../../../src/lib/facilities/columns.ts';
import type { Issue } from './messages.ts';
import { toHalfWidth } from './normalize.ts';
import { cellText } from './cells.ts';

export type ImportKey = ColumnKey | keyof typeof IMPORT_ONLY_COLUMNS;
export const ALL_COLUMNS: Record<ImportKey, readonly string[]> = { ...COLUMNS, ...IMPORT_ONLY_COLUMNS };
/** Columns the header row must have; everything else may be missing (existing values are then kept). */
export const REQUIRED_HEADERS: readonly ImportKey[] = ['name', 'township'];
/** How many rows from the top are searched for the header row. */
export const HEADER_SEARCH_ROWS = 20;

export interface Column {
  index: number;
  key: ImportKey;
  /** as written in the sheet */
  header: string;
}
export interface HeaderResult {
  /** spreadsheet row number of the header row */
  row: number;
  columns: Column[];
  /** headers read past (not used by the site) */
  ignored: string[];
  issues: Issue[];
}

/** A header with full-width letters made half-width, spaces and a trailing `*` or `:` removed, lower-cased. */
const bareHeader = (header: string): string =>
  toHalfWidth(header)
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/[*:：]+$/, '')
    .toLowerCase();

/** `所属街道（镇）` → `所属街道`, `托位数 *` → `托位数`, `ＩＤ` → `id`. */
export function normalizeHeader(header: string): string {
  return bareHeader(header).replace(/\([^()]*\)$/, '');
}

/** Every name of the synonym table, bare: a name with brackets (`空余托位（1岁以下）`) is matched whole. */
const LOOKUP = new Map<string, ImportKey>();
for (const [key, names] of Object.entries(ALL_COLUMNS))
  for (const n of names) LOOKUP.set(bareHeader(n), key as ImportKey);
const IGNORED = new Set<string>(IGNORED_COLUMNS.map(normalizeHeader));

/** The column a header names: whole first (`空余托位（1岁以下）`), then without a trailing hint in brackets. */
export const keyOfHeader = (header: string): ImportKey | undefined =>
  LOOKUP.get(bareHeader(header)) ?? LOOKUP.get(normalizeHeader(header));
const isIgnored = (header: string) =>
  IGNORED.has(normalizeHeader(header)) || normalizeHeader(header).startsWith('备注');

/** Share of characters two headers have in common (0–1), counting repeats once each. */
function likeness(a: string, b: string): { share: number; common: number } {
  const pool = [...b];
  let common = 0;
  for (const ch of a) {
    const i = pool.indexOf(ch);
    if (i >= 0) {
      common++;
      pool.splice(i, 1);
    }
  }
  return { share: common / Math.max([...a].length, [...b].length), common };
}

/** The known column an unknown header most likely means, if it is close enough to be a typo or variant. */
export function lookalike(header: string): ImportKey | undefined {
  const h = normalizeHeader(header);
  let best: { key: ImportKey; share: number } | undefined;
  for (const [name, key] of LOOKUP) {
    if (!/[\u4e00-\u9fff]/.test(name) && !/[a-z]{3}/.test(name)) continue;
    const { share, common } = likeness(h, name);
    if (common >= 2 && share >= 0.6 && (!best || share > best.share)) best = { key, share };
  }
  return best?.key;
}

/** The Chinese header a column is exported with. */
export const primaryHeader = (key: ImportKey): string => ALL_COLUMNS[key][0]!;

/**
 * Words that name a field inside a longer header (托位情况, 收费标准, 地理坐标): a column with such a header that maps
 * to nothing is refused while one of these fields is missing, never read past as "not used".
 */
const FIELD_WORDS: [RegExp, ImportKey[]][] = [
  [/托位/, ['places', 'vacancies']],
  [/收费|费用|月费/, ['fee_full_day', 'fee_half_day', 'fee_hourly', 'fee_temporary']],
  [/坐标|经纬|定位/, ['coords', 'lat', 'lng']],
  [/纬度/, ['lat']],
  [/经度/, ['lng']],
  [/电话/, ['phone']],
  [/地址/, ['address']],
  [/月龄|年龄/, ['ages', 'min_months', 'max_months']],
  [/核实/, ['last_verified']],
];

/** A group header over fees (收费标准（元/月）, 收费（元）…): its sub-titles are care forms (全日托 → 全日托收费). */
const FEE_GROUP = /收费|费用|月费|价格/;

/**
 * The column a header cell means, also when it is one of a two-row header (a merged group title over a
 * sub-title): 托位情况 / 核定托位数 → 托位数, 收费标准（元/月） / 全日托 → 全日托收费, 地理坐标 / 经度 → 经度.
 */
export function keyOfPair(top: string, sub: string): ImportKey | undefined {
  if (!sub || normalizeHeader(sub) === normalizeHeader(top)) return keyOfHeader(top);
  return (
    keyOfHeader(sub) ??
    (FEE_GROUP.test(normalizeHeader(top)) ? keyOfHeader(`${sub}收费`) : undefined) ??
    keyOfHeader(`${top}${sub}`)
  );
}
const pairName = (top: string, sub: string) =>
  !sub || normalizeHeader(sub) === normalizeHeader(top) ? top : top ? `${top}/${sub}` : sub;

/**
 * The group titles of a header row as they stand over each column: a merged cell is read into every column it
 * covers (the spreadsheet library does that), and a group title written once over several columns (as a CSV
 * export writes a merged cell) is carried right as long as the row below has sub-titles.
 */
function groupTitles(top: readonly string[], sub: readonly string[]): string[] {
  const out: string[] = [];
  const width = Math.max(top.length, sub.length);
  for (let j = 0; j < width; j++) {
    const t = top[j] ?? '';
    out[j] = t || (j > 0 && sub[j] && sub[j - 1] && out[j - 1] ? out[j - 1]! : '');
  }
  return out;
}

/** True when `sub` is a row of sub-titles under the group titles `top` (never a facility). */
function isSubTitleRow(top: readonly string[], sub: readonly string[]): boolean {
  if (new Set(top.filter(Boolean)).size < 2) return false; // a title row, not group titles
  const groups = groupTitles(top, sub);
  const spans = (j: number) => !!groups[j] && (groups[j - 1] === groups[j] || groups[j + 1] === groups[j]);
  const differ = sub.map((_, j) => j).filter((j) => sub[j] && sub[j] !== groups[j]);
  if (!differ.length) return false;
  const mapped = differ.filter((j) => keyOfPair(groups[j]!, sub[j]!) !== undefined);
  return mapped.length > 0 && differ.every((j) => mapped.includes(j) || spans(j));
}

/** The header names of one or two header rows, one per column (empty where a column has no header). */
function headerNames(rows: readonly (readonly unknown[])[], r: number, two: boolean) {
  const top = (rows[r] ?? []).map(cellText);
  if (!two) return { names: top, keys: top.map((t) => (t ? keyOfHeader(t) : undefined)) };
  const sub = (rows[r + 1] ?? []).map(cellText);
  const groups = groupTitles(top, sub);
  const width = Math.max(groups.length, sub.length);
  const names = Array.from({ length: width }, (_, j) => pairName(groups[j] ?? '', sub[j] ?? ''));
  const keys = Array.from({ length: width }, (_, j) =>
    names[j] ? keyOfPair(groups[j] ?? '', sub[j] ?? '') : undefined,
  );
  return { names, keys };
}

/**
 * Finds the header row (or two rows: merged group titles over sub-titles) and maps its columns; `issues` are
 * file-level errors (nothing can be imported). `row` is the last header row; `firstRow` the first.
 */
export function findHeader(
  rows: readonly (readonly unknown[])[],
): (HeaderResult & { firstRow: number }) | { issues: Issue[] } {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const two =
      r + 1 < rows.length && isSubTitleRow((rows[r] ?? []).map(cellText), (rows[r + 1] ?? []).map(cellText));
    const { names: texts, keys } = headerNames(rows, r, two);
    if (!keys.includes('name') || keys.filter(Boolean).length < 2) continue;
    const at = two ? r + 2 : r + 1;
    const columns: Column[] = [];
    const ignored: string[] = [];
    const issues: Issue[] = [];
    const unknown: string[] = [];
    texts.forEach((header, index) => {
      if (!header) return;
      const key = keys[index];
      if (key) {
        const same = columns.find((c) => c.key === key);
        if (same && same.header === header) {
          // one merged title over several columns
          const issue = issues.find((i) => i.code === 'merged_title' && i.p?.header === header);
          if (issue) issue.p!.count = Number(issue.p!.count) + 1;
          else issues.push({ row: at, code: 'merged_title', p: { header, count: 2 } });
        } else if (same)
          issues.push({ row: at, code: 'duplicate_column', p: { header: same.header, other: header } });
        else columns.push({ index, key, header });
      } else if (isIgnored(header)) {
        if (!ignored.includes(header)) ignored.push(header);
      } else {
        const like = lookalike(header);
        if (like) issues.push({ row: at, code: 'lookalike', p: { header, suggestion: primaryHeader(like) } });
        else if (!unknown.includes(header)) unknown.push(header);
      }
    });
    for (const header of unknown) {
      const n = normalizeHeader(header);
      const missing = FIELD_WORDS.find(
        ([word, fieldKeys]) => word.test(n) && fieldKeys.every((k) => !columns.some((c) => c.key === k)),
      )?.[1];
      if (missing)
        issues.push({
          row: at,
          code: 'field_word',
          p: { header, suggestion: [...new Set(missing.map(primaryHeader))].join('」或「') },
        });
      else ignored.push(header);
    }
    const coords = columns.find((c) => c.key === 'coords');
    const latLng = columns.find((c) => c.key === 'lat' || c.key === 'lng');
    if (coords && latLng)
      issues.push({ row: at, code: 'duplicate_column', p: { header: coords.header, other: latLng.header } });
    const ages = columns.find((c) => c.key === 'ages');
    const minMax = columns.find((c) => c.key === 'min_months' || c.key === 'max_months');
    if (ages && minMax)
      issues.push({ row: at, code: 'duplicate_column', p: { header: ages.header, other: minMax.header } });
    for (const key of REQUIRED_HEADERS) {
      if (!columns.some((c) => c.key === key)) {
        issues.push({
          row: at,
          code: 'missing_column',
          p: { header: primaryHeader(key), names: ALL_COLUMNS[key].slice(1).join('、') },
        });
      }
    }
    return { row: at, firstRow: r + 1, columns, ignored, issues };
  }
  return {
    issues: [
      { code: 'no_header', p: { rows: HEADER_SEARCH_ROWS, names: ALL_COLUMNS.name.slice(1).join('、') } },
    ],
  };
}

export type SkipReason = 'total' | 'signature' | 'note' | 'header' | 'blank';

/**
 * Why a row below the header is not a facility: a totals row (合计, 小计, 总计), a signature row (填表人：…,
 * 审核人：…, 填报日期：…), a note (注：…, 说明：…), a repeated header or sub-title row, or a blank separator.
 */
export function skipReason(cells: readonly unknown[], columns: readonly Column[]): SkipReason | undefined {
  const texts = cells.map(cellText);
  const filled = texts.filter(Boolean).map((t) => t.replace(/\s+/g, ''));
  if (!filled.length) return 'blank';
  const nameCell = columns.find((c) => c.key === 'name');
  const name = nameCell ? (texts[nameCell.index] ?? '').replace(/\s+/g, '') : '';
  const total = /^(合计|小计|总计|共计|总数)(?![\u4e00-\u9fff])/; // not 合计托育园
  if (filled.slice(0, 2).some((t) => total.test(t)) || total.test(name)) return 'total';
  const first = toHalfWidth(filled[0]!);
  if (/^(填表|制表|审核|审批|填报|报送|统计|负责|联系)(人|单位|日期|时间|电话)?[:：]/.test(first))
    return 'signature';
  if (
    /^(注|说明|备注|附注?)([:：\d、.]|$)/.test(first) &&
    (filled.length === 1 || !name || name === filled[0])
  )
    return 'note';
  const asHeader = texts.filter(
    (t, j) => t && (keyOfHeader(t) || columns.some((c) => c.index === j && c.header.endsWith(t))),
  );
  // A repeated header (a list printed over pages) or sub-title row: its name cell is a header too.
  const nameIsHeader = !!name && (keyOfHeader(name) === 'name' || !!nameCell?.header.endsWith(name));
  if (nameIsHeader && filled.length >= 2 && asHeader.length * 2 >= filled.length) return 'header';
  return undefined;
}
