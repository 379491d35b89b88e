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

/** `所属街道（镇）` → `所属街道`, `托位数 *` → `托位数`, `ＩＤ` → `id`. */
export function normalizeHeader(header: string): string {
  return toHalfWidth(header)
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/[*:：]+$/, '')
    .replace(/\([^()]*\)$/, '')
    .toLowerCase();
}

const LOOKUP = new Map<string, ImportKey>();
for (const [key, names] of Object.entries(ALL_COLUMNS))
  for (const n of names) LOOKUP.set(normalizeHeader(n), key as ImportKey);
const IGNORED = new Set<string>(IGNORED_COLUMNS.map(normalizeHeader));

export const keyOfHeader = (header: string): ImportKey | undefined => LOOKUP.get(normalizeHeader(header));
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

/** Finds the header row and maps its columns; `issues` are file-level errors (nothing can be imported). */
export function findHeader(rows: readonly (readonly unknown[])[]): HeaderResult | { issues: Issue[] } {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const texts = (rows[r] ?? []).map(cellText);
    const keys = texts.map((t) => (t ? keyOfHeader(t) : undefined));
    if (!keys.includes('name') || keys.filter(Boolean).length < 2) continue;
    const columns: Column[] = [];
    const ignored: string[] = [];
    const issues: Issue[] = [];
    texts.forEach((header, index) => {
      if (!header) return;
      const key = keys[index];
      if (key) {
        const same = columns.find((c) => c.key === key);
        if (same)
          issues.push({ row: r + 1, code: 'duplicate_column', p: { header: same.header, other: header } });
        else columns.push({ index, key, header });
      } else if (isIgnored(header)) ignored.push(header);
      else {
        const like = lookalike(header);
        if (like)
          issues.push({ row: r + 1, code: 'lookalike', p: { header, suggestion: primaryHeader(like) } });
        else ignored.push(header);
      }
    });
    const ages = columns.find((c) => c.key === 'ages');
    const minMax = columns.find((c) => c.key === 'min_months' || c.key === 'max_months');
    if (ages && minMax)
      issues.push({ row: r + 1, code: 'duplicate_column', p: { header: ages.header, other: minMax.header } });
    for (const key of REQUIRED_HEADERS) {
      if (!columns.some((c) => c.key === key)) {
        issues.push({
          row: r + 1,
          code: 'missing_column',
          p: { header: primaryHeader(key), names: ALL_COLUMNS[key].slice(1).join('、') },
        });
      }
    }
    return { row: r + 1, columns, ignored, issues };
  }
  return {
    issues: [
      { code: 'no_header', p: { rows: HEADER_SEARCH_ROWS, names: ALL_COLUMNS.name.slice(1).join('、') } },
    ],
  };
}
