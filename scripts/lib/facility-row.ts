/**
 * Reads one row of the district's filing (备案) list: each filled-in cell becomes a value for one field of a
 * facility record (`patch`, keyed by field path such as `ages.min_months`), with every change made to what was
 * typed (`notes`) and every cell that cannot be read (`issues`). A cell reading 待核实 gives no value: its field
 * goes into `unverified` (the record then leaves it out and the site shows 待核实). Whole-record checks (required
 * fields, schema rules, duplicates, matching existing records) are in scripts/lib/import/plan.ts.
 */
import { TOWNSHIPS } from '../../src/data/district.ts';
import { FIELD_COLUMNS, LABELS, UNVERIFIED_CELL, type ColumnKey } from '../../src/lib/facilities/columns.ts';
import { VERIFIABLE_FIELDS, type VerifiableField } from '../../src/lib/schemas/facility-enums.ts';
import { bd09ToWgs84, gcj02ToWgs84, round6 } from '../../src/lib/geo/coords.ts';
import { cellText } from './import/cells.ts';
import type { Column, ImportKey } from './import/headers.ts';
import type { Issue, Note } from './import/messages.ts';
import {
  normalizeAge,
  normalizeAgeRange,
  normalizeDate,
  normalizeNumber,
  normalizePhone,
  toHalfWidth,
  type Normalized,
} from './import/normalize.ts';
import { CellError, FormulaWithoutResult, columnLetter } from './import/read-table.ts';

export const DEFAULT_SOURCE = '区卫生健康委员会托育机构备案名单';

/** Field path in a record for each column (ages and datum are handled apart). */
export const FIELD_OF: Record<ColumnKey, string> = {
  id: 'id',
  filing_number: 'filing_number',
  name: 'name',
  name_en: 'name_en',
  type: 'type',
  ownership: 'ownership',
  inclusive: 'inclusive',
  demonstration_level: 'demonstration.level',
  demonstration_year: 'demonstration.year',
  filing: 'filing',
  township: 'township',
  address: 'address',
  lat: 'location.lat',
  lng: 'location.lng',
  location_verified: 'location.verified',
  phone: 'phone',
  min_months: 'ages.min_months',
  max_months: 'ages.max_months',
  places: 'places',
  vacancies: 'vacancies.count',
  vacancies_as_of: 'vacancies.as_of',
  vacancies_under_12m: 'vacancies.by_age.under_12m',
  vacancies_m12_24: 'vacancies.by_age.m12_24',
  vacancies_m24_36: 'vacancies.by_age.m24_36',
  care_forms: 'care_forms',
  fee_full_day: 'fees.full_day',
  fee_half_day: 'fees.half_day',
  fee_hourly: 'fees.hourly',
  fee_temporary: 'fees.temporary',
  hours: 'hours',
  prepayment_max_months: 'prepayment.max_months',
  prepayment_refund: 'prepayment.refund',
  closure_from: 'closure.from',
  closure_until: 'closure.until',
  closure_reason: 'closure.reason',
  health_partner: 'health_partner',
  inspection_date: 'inspection.date',
  inspection_result: 'inspection.result',
  source: 'source',
  last_verified: 'last_verified',
};

export type Datum = 'wgs84' | 'gcj02' | 'bd09';

/** The field (of those that may wait for verification) each column belongs to; the one-cell ages column too. */
export const VERIFIABLE_FIELD_OF = new Map<ImportKey, VerifiableField>([
  ...VERIFIABLE_FIELDS.flatMap((field) =>
    FIELD_COLUMNS[field].map((key): [ImportKey, VerifiableField] => [key, field]),
  ),
  ['ages', 'ages'],
  ['coords', 'location'],
]);
/** A cell saying the value is still to be checked: 待核实, as the open-data CSV writes it (spaces ignored). */
export const isUnverifiedCell = (text: string) => text.replace(/\s/g, '') === UNVERIFIED_CELL;

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '普惠', '普惠性', '已核实']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '非普惠', '未核实']);
/** Other words for the labels in LABELS. */
const LABEL_ALIASES: Partial<Record<keyof typeof LABELS, Record<string, string>>> = {
  ownership: { 公立: 'public', 私立: 'private', 民营: 'private' },
  filing: { 是: 'filed', 否: 'not_filed', 已办理: 'filed' },
};
const DATUMS: Record<string, Datum> = {
  'wgs-84': 'wgs84',
  wgs84: 'wgs84',
  gps: 'wgs84',
  天地图: 'wgs84',
  cgcs2000: 'wgs84',
  'gcj-02': 'gcj02',
  gcj02: 'gcj02',
  高德: 'gcj02',
  高德地图: 'gcj02',
  腾讯: 'gcj02',
  腾讯地图: 'gcj02',
  火星坐标: 'gcj02',
  'bd-09': 'bd09',
  bd09: 'bd09',
  百度: 'bd09',
  百度地图: 'bd09',
};

export interface RowRead {
  /** spreadsheet row number */
  row: number;
  /** field path → value, from the cells that are filled in */
  patch: Map<string, unknown>;
  /** field path → column, for every column the sheet has (filled in or not) */
  columnOf: Map<string, Column>;
  /** cell text as read, per column key */
  text: Partial<Record<ImportKey, string>>;
  issues: Issue[];
  notes: Note[];
  /** 示例数据 = 是: an example row from the site's own CSV */
  demoRow: boolean;
  /** fields with a cell reading 待核实, in schema order: left out of the record and listed under `unverified` */
  unverified: VerifiableField[];
}

export interface ReadOptions {
  /** Datum of 纬度/经度 when the row has no 坐标系 cell. */
  datum?: Datum;
  /** Header of an ignored 示例数据 column, if any (its index). */
  demoColumn?: number;
}

/** Reads one row of cells under the given columns. */
export function readRow(
  cells: readonly unknown[],
  row: number,
  columns: readonly Column[],
  options: ReadOptions = {},
): RowRead {
  const out: RowRead = {
    row,
    patch: new Map(),
    columnOf: new Map(),
    text: {},
    issues: [],
    notes: [],
    demoRow: false,
    unverified: [],
  };
  if (options.demoColumn !== undefined && cellText(cells[options.demoColumn]) === '是') out.demoRow = true;
  const at = (c: Column) => ({ row, header: c.header, value: out.text[c.key] ?? '' });
  const bad = (c: Column, hintKey: ImportKey) =>
    out.issues.push({ ...at(c), code: 'bad_value', p: { hintKey } });
  const take = <T>(
    c: Column,
    field: string,
    n: Normalized<T>,
    shown: (v: T) => string = String,
  ): T | undefined => {
    if (!n.ok) {
      bad(c, c.key);
      return undefined;
    }
    if (n.note) out.notes.push({ ...at(c), code: n.note, to: shown(n.value) });
    out.patch.set(field, n.value);
    return n.value;
  };

  let lat: { c: Column; v: number } | undefined;
  let lng: { c: Column; v: number } | undefined;
  let datumCell: { c: Column; d: Datum } | undefined;

  // 待核实 first: a field with such a cell takes no value from its other cells (they must be empty or say 待核实 too).
  const waiting = new Map<VerifiableField, Column>();
  for (const c of columns) {
    const field = VERIFIABLE_FIELD_OF.get(c.key);
    if (field && !waiting.has(field) && isUnverifiedCell(cellText(cells[c.index]))) waiting.set(field, c);
  }
  out.unverified = VERIFIABLE_FIELDS.filter((field) => waiting.has(field));

  for (const c of columns) {
    const raw = cells[c.index];
    const text = cellText(raw);
    out.text[c.key] = text;
    if (c.key === 'ages') {
      out.columnOf.set('ages.min_months', c);
      out.columnOf.set('ages.max_months', c);
    } else if (c.key === 'coords') {
      out.columnOf.set('location.lat', c);
      out.columnOf.set('location.lng', c);
    } else if (c.key !== 'datum') out.columnOf.set(FIELD_OF[c.key], c);
    if (raw instanceof FormulaWithoutResult) {
      out.issues.push({
        row,
        header: c.header,
        code: 'formula',
        p: { cell: `${columnLetter(c.index)}${row}`, formula: raw.formula },
      });
      continue;
    }
    if (raw instanceof CellError) {
      out.issues.push({
        row,
        header: c.header,
        code: 'cell_error',
        p: { cell: `${columnLetter(c.index)}${row}`, error: raw.error },
      });
      continue;
    }
    if (text === '') continue;
    const key = c.key;
    const field = VERIFIABLE_FIELD_OF.get(key);
    if (isUnverifiedCell(text)) {
      if (!field && key !== 'datum') out.issues.push({ ...at(c), code: 'cannot_wait', p: { hintKey: key } });
      continue;
    }
    const wait = field && waiting.get(field);
    if (wait) {
      out.issues.push({ ...at(c), code: 'unverified_mixed', p: { other: wait.header } });
      continue;
    }
    switch (key) {
      case 'ages': {
        const n = normalizeAgeRange(text);
        if (!n.ok) bad(c, 'ages');
        else {
          out.patch.set('ages.min_months', n.value.min);
          out.patch.set('ages.max_months', n.value.max);
          out.notes.push({ ...at(c), code: n.note!, to: `${n.value.min}–${n.value.max}` });
        }
        break;
      }
      case 'coords': {
        const parts = toHalfWidth(text)
          .replace(/°/g, '')
          .split(/[,;\s]+/)
          .filter(Boolean);
        const [a, b] = parts.map(Number);
        const isLat = (v: number) => v >= 3 && v <= 54;
        const isLng = (v: number) => v >= 73 && v <= 136;
        const valid =
          parts.length === 2 &&
          parts.every((x) => /^\d+(\.\d+)?$/.test(x)) &&
          a !== undefined &&
          b !== undefined;
        const order = !valid
          ? undefined
          : isLng(a) && isLat(b)
            ? 'lng_first'
            : isLat(a) && isLng(b)
              ? 'lat_first'
              : undefined;
        if (!order) {
          bad(c, 'coords');
          break;
        }
        const [y, x] = order === 'lng_first' ? [b!, a!] : [a!, b!];
        out.patch.set('location.lat', y);
        out.patch.set('location.lng', x);
        lat = { c, v: y };
        lng = { c, v: x };
        out.notes.push({
          ...at(c),
          code: order === 'lng_first' ? 'coords_lng_first' : 'coords_lat_first',
          to: `纬度 ${y}，经度 ${x}`,
        });
        break;
      }
      case 'datum': {
        const d = DATUMS[toHalfWidth(text).replace(/\s/g, '').toLowerCase()];
        if (d) datumCell = { c, d };
        else bad(c, 'datum');
        break;
      }
      case 'id':
        if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(text.toLowerCase())) out.patch.set('id', text.toLowerCase());
        else bad(c, 'id');
        break;
      case 'phone':
        if (/^\d(\.\d+)?e\+?\d+$/i.test(text)) out.issues.push({ ...at(c), code: 'phone_scientific' });
        else take(c, 'phone', normalizePhone(text));
        break;
      case 'inclusive':
      case 'location_verified': {
        const v = toHalfWidth(text).toLowerCase();
        if (YES.has(v)) out.patch.set(FIELD_OF[key], true);
        else if (NO.has(v)) out.patch.set(FIELD_OF[key], false);
        else bad(c, key);
        break;
      }
      case 'type':
      case 'ownership':
      case 'filing':
      case 'demonstration_level':
      case 'inspection_result': {
        const v = text.replace(/\s/g, '');
        const hit =
          (LABELS[key] as Record<string, string>)[v] ??
          LABEL_ALIASES[key]?.[v] ??
          Object.values(LABELS[key]).find((e) => e === v.toLowerCase());
        if (hit) out.patch.set(FIELD_OF[key], hit);
        else bad(c, key);
        break;
      }
      case 'care_forms': {
        const forms = text.split(/[,，、;；/\s]+/).filter(Boolean);
        const labels = LABELS.care_forms as Record<string, string>;
        const values = forms.map(
          (f) => labels[f] ?? Object.values(labels).find((e) => e === f.toLowerCase()),
        );
        if (values.some((v) => v === undefined)) bad(c, key);
        else out.patch.set('care_forms', [...new Set(values)]);
        break;
      }
      case 'township': {
        const v = toHalfWidth(text)
          .replace(/\s/g, '')
          .replace(/办事处$/, '');
        const t = TOWNSHIPS.find(
          (x) => v === x.code || v === x.name || v === x.name.replace(/(街道|镇)$/, ''),
        );
        if (t) out.patch.set('township', t.code);
        else bad(c, key);
        break;
      }
      case 'lat':
      case 'lng': {
        const v = take(c, FIELD_OF[key], normalizeNumber(text.replace(/°$/, ''), false));
        if (v !== undefined && key === 'lat') lat = { c, v };
        else if (v !== undefined) lng = { c, v };
        break;
      }
      case 'min_months':
      case 'max_months':
        take(c, FIELD_OF[key], normalizeAge(text));
        break;
      case 'places':
      case 'vacancies':
      case 'vacancies_under_12m':
      case 'vacancies_m12_24':
      case 'vacancies_m24_36':
      case 'prepayment_max_months':
      case 'demonstration_year':
      case 'fee_full_day':
      case 'fee_half_day':
      case 'fee_hourly':
      case 'fee_temporary':
        take(c, FIELD_OF[key], normalizeNumber(text, true));
        break;
      case 'vacancies_as_of':
      case 'closure_from':
      case 'closure_until':
      case 'inspection_date':
      case 'last_verified':
        take(c, FIELD_OF[key], typeof raw === 'number' ? normalizeDate(String(raw)) : normalizeDate(text));
        break;
      default:
        out.patch.set(FIELD_OF[key], text);
    }
  }

  const datum = datumCell?.d ?? options.datum ?? 'wgs84';
  if (lat && lng && datum !== 'wgs84') {
    const [x, y] = (datum === 'gcj02' ? gcj02ToWgs84 : bd09ToWgs84)([lng.v, lat.v]);
    out.patch.set('location.lat', round6(y));
    out.patch.set('location.lng', round6(x));
    out.notes.push({
      row,
      header: lat.c === lng.c ? lat.c.header : `${lat.c.header}/${lng.c.header}`,
      value: `${lat.v}, ${lng.v}`,
      code: datum === 'gcj02' ? 'datum_gcj02' : 'datum_bd09',
      to: `${round6(y)}, ${round6(x)}`,
    });
  }
  return out;
}
