/**
 * Pure mapping from one row of the district's filing (备案) list to a facility record, with every reason a row is
 * rejected. Used by scripts/import-facilities.ts; the columns are documented in docs/data.md.
 */
import { TOWNSHIPS } from '../../src/data/district.ts';
import { FacilitySchema, VERIFIABLE_FIELDS, type CareForm, type Facility } from '../../src/lib/schemas/facility.ts';
import { formatIssues } from '../../src/lib/schemas/format-issues.ts';
import { COLUMNS, FIELD_COLUMNS, LABELS, UNVERIFIED_CELL, type ColumnKey } from '../../src/lib/facilities/columns.ts';

export { COLUMNS, type ColumnKey };

/** Columns that must be present in the header row (their cells must also be filled in). */
export const REQUIRED_COLUMNS: readonly ColumnKey[] = [
  'id', 'name', 'type', 'ownership', 'inclusive', 'filing', 'township', 'address', 'min_months', 'max_months',
  'care_forms', 'last_verified',
];
export const DEFAULT_SOURCE = '区卫生健康委员会托育机构备案名单';

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×']);

const header = (key: ColumnKey) => COLUMNS[key][0];
const normalizeHeader = (h: string) => h.replace(/^\uFEFF/, '').trim().replace(/\s*[（(][^）)]*[）)]$/, '').toLowerCase();

/** Maps a header row to column keys; reports headers it does not know and required columns that are missing. */
export function resolveHeaders(headers: readonly string[]): { keys: (ColumnKey | undefined)[]; unknown: string[]; missing: string[] } {
  const lookup = new Map<string, ColumnKey>();
  for (const [key, names] of Object.entries(COLUMNS)) for (const n of names) lookup.set(n.toLowerCase(), key as ColumnKey);
  const keys = headers.map((h) => lookup.get(normalizeHeader(h)));
  const unknown = headers.filter((h, i) => h.trim() && !keys[i]);
  const missing = REQUIRED_COLUMNS.filter((k) => !keys.includes(k)).map(header);
  return { keys, unknown, missing };
}

/** A cell as trimmed text: Dates become YYYY-MM-DD (UTC, as spreadsheets store them); empty → ''. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value).replace(/\u3000/g, ' ').trim();
}

/** `2026/3/5`, `2026.3.5`, `2026年3月5日` → `2026-03-05`; anything else is returned unchanged for the schema to judge. */
export function normalizeDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}

export type RowResult =
  | { ok: true; facility: Facility; warnings: string[] }
  | { ok: false; reasons: string[]; warnings: string[] };

export interface RowOptions {
  /** Called with a WGS-84 position; returning false adds a warning (the row is still imported). */
  isInsideDistrict?: (lat: number, lng: number) => boolean;
  /** Written as `source` when the 数据来源 cell is empty. */
  defaultSource?: string;
}

/** Which column to name for a schema issue at `path`. */
const PATH_COLUMNS: Record<string, ColumnKey> = {
  'location.lat': 'lat', 'location.lng': 'lng', location: 'lat', 'ages.min_months': 'min_months', 'ages.max_months': 'max_months',
  ages: 'min_months', 'vacancies.count': 'vacancies', 'vacancies.as_of': 'vacancies_as_of', vacancies: 'vacancies',
  'fees.full_day': 'fee_full_day', 'fees.half_day': 'fee_half_day', 'fees.hourly': 'fee_hourly', 'fees.temporary': 'fee_temporary',
  fees: 'care_forms', 'inspection.date': 'inspection_date', 'inspection.result': 'inspection_result', inspection: 'inspection_date',
  'demonstration.year': 'demonstration_year', 'demonstration.level': 'demonstration_level', demonstration: 'demonstration_level',
  demo: 'name',
};
function columnOf(path: readonly PropertyKey[]): string | undefined {
  const full = path.join('.');
  const key = PATH_COLUMNS[full] ?? PATH_COLUMNS[String(path[0])] ?? (String(path[0]) in COLUMNS ? (String(path[0]) as ColumnKey) : undefined);
  return key && header(key);
}

/** Maps one row (column key → cell value) to a validated facility, or to every reason it cannot be imported. */
export function mapRow(row: Partial<Record<ColumnKey, unknown>>, options: RowOptions = {}): RowResult {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const failed = new Set<string>(); // schema fields already explained by a column problem
  // A field whose cells say 待核实 is left out of the record and listed under `unverified`.
  const unverified = VERIFIABLE_FIELDS.filter((field) => FIELD_COLUMNS[field].some((key) => cellText(row[key]) === UNVERIFIED_CELL));
  const pending = new Set<ColumnKey>(unverified.flatMap((field) => FIELD_COLUMNS[field]));
  const get = (key: ColumnKey) => (pending.has(key) ? '' : cellText(row[key]));
  const problem = (field: string, key: ColumnKey, message: string) => {
    failed.add(field);
    reasons.push(`column "${header(key)}": ${message}`);
  };
  const text = (key: ColumnKey, field: string = key, required = false) => {
    const v = get(key);
    if (!v && required && !(unverified as string[]).includes(field)) problem(field, key, 'is empty but required');
    return v || undefined;
  };
  const label = <L extends keyof typeof LABELS>(key: L & ColumnKey, field: string, v: string): string | undefined => {
    const map: Record<string, string> = LABELS[key];
    const hit = map[v] ?? Object.values(map).find((e) => e === v.toLowerCase());
    if (!hit) problem(field, key, `"${v}" is not one of ${Object.keys(map).join(', ')}`);
    return hit;
  };
  const choice = <L extends keyof typeof LABELS>(key: L & ColumnKey, field: string = key, required = true) => {
    const v = text(key, field, required);
    return v === undefined ? undefined : label(key, field, v);
  };
  const yesNo = (key: ColumnKey, field: string, required: boolean) => {
    const v = text(key, field, required)?.toLowerCase();
    if (v === undefined) return undefined;
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
    problem(field, key, `"${v}" must be 是 or 否`);
    return undefined;
  };
  const num = (key: ColumnKey, field: string, { required = false, whole = true } = {}) => {
    const v = text(key, field, required)?.replace(/[,，\s]|元$/g, '');
    if (v === undefined) return undefined;
    if (whole ? /^\d+$/.test(v) : /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    problem(field, key, `"${v}" must be ${whole ? 'a whole number' : 'a decimal number'}`);
    return undefined;
  };
  const date = (key: ColumnKey, field: string, required = false) => {
    const v = text(key, field, required);
    return v === undefined ? undefined : normalizeDate(v);
  };
  /** Both cells of a pair filled in, or both empty. */
  const pair = (a: ColumnKey, b: ColumnKey, field: string) => {
    if (!get(a) === !get(b)) return Boolean(get(a));
    problem(field, get(a) ? b : a, `must be filled in when "${header(get(a) ? a : b)}" is`);
    return false;
  };

  const input: Record<string, unknown> = {
    id: text('id', 'id', true)?.toLowerCase(),
    name: text('name', 'name', true),
    name_en: text('name_en'),
    type: choice('type'),
    ownership: choice('ownership'),
    inclusive: yesNo('inclusive', 'inclusive', true),
    filing: choice('filing'),
    address: text('address', 'address', true),
    phone: text('phone')?.replace(/[\s()（）]/g, ''),
    ages: unverified.includes('ages')
      ? undefined
      : { min_months: num('min_months', 'ages', { required: true }), max_months: num('max_months', 'ages', { required: true }) },
    places: num('places', 'places'),
    hours: text('hours'),
    health_partner: text('health_partner'),
    source: text('source') ?? options.defaultSource ?? DEFAULT_SOURCE,
    last_verified: date('last_verified', 'last_verified', unverified.length === 0),
    unverified,
    demo: false,
  };

  const township = text('township', 'township', true);
  if (township !== undefined) {
    const t = TOWNSHIPS.find((x) => township === x.code || township === x.name || township === x.name.replace(/(街道|镇)$/, ''));
    if (t) input.township = t.code;
    else problem('township', 'township', `"${township}" is not one of the ${TOWNSHIPS.length} townships (name or 9-digit code)`);
  }

  if (pair('demonstration_level', 'demonstration_year', 'demonstration')) {
    input.demonstration = { level: choice('demonstration_level', 'demonstration'), year: num('demonstration_year', 'demonstration') };
  }

  if (pair('lat', 'lng', 'location')) {
    const lat = num('lat', 'location', { whole: false });
    const lng = num('lng', 'location', { whole: false });
    input.location = { lat, lng, verified: yesNo('location_verified', 'location', false) ?? false };
    if (lat !== undefined && lng !== undefined && options.isInsideDistrict && !options.isInsideDistrict(lat, lng)) {
      warnings.push(`position ${lat}, ${lng} is outside the district outline: check it is WGS-84 and that 纬度/经度 are not swapped`);
    }
  }

  if (pair('vacancies', 'vacancies_as_of', 'vacancies')) {
    input.vacancies = { count: num('vacancies', 'vacancies'), as_of: date('vacancies_as_of', 'vacancies') };
  }
  if (pair('inspection_date', 'inspection_result', 'inspection')) {
    input.inspection = { date: date('inspection_date', 'inspection'), result: choice('inspection_result', 'inspection') };
  }

  const forms = text('care_forms', 'care_forms', true);
  if (forms !== undefined) {
    const list = forms.split(/[,，、;；/\s]+/).filter(Boolean).map((f) => label('care_forms', 'care_forms', f));
    input.care_forms = [...new Set(list)];
  }
  const fees: Partial<Record<CareForm, number>> = {};
  for (const form of Object.values(LABELS.care_forms)) {
    const fee = num(`fee_${form}`, 'fees');
    if (fee !== undefined) fees[form] = fee;
  }
  if (Object.keys(fees).length) input.fees = fees;

  const parsed = FacilitySchema.safeParse(input);
  if (parsed.success && reasons.length === 0) return { ok: true, facility: parsed.data, warnings };
  const issues = parsed.success ? [] : parsed.error.issues.filter((issue) => !failed.has(String(issue.path[0])));
  // Zod runs the cross-field checks (vacancies ≤ places, fees only for listed forms, 示例· names) only once every
  // field is valid. To report them in the same run, check again with the broken fields replaced by neutral values.
  const broken = new Set([...failed, ...issues.map((issue) => String(issue.path[0]))]);
  if (broken.size) {
    const repaired: Record<string, unknown> = { ...input };
    for (const field of broken) repaired[field] = NEUTRAL[field];
    const again = FacilitySchema.safeParse(repaired);
    if (!again.success) issues.push(...again.error.issues.filter((issue) => !broken.has(String(issue.path[0]))));
  }
  for (const issue of issues) {
    const column = columnOf(issue.path);
    reasons.push(...formatIssues([issue]).map((line) => (column ? `${line} (column "${column}")` : line)));
  }
  return { ok: false, reasons, warnings };
}

/** Valid stand-ins for required fields (optional ones are simply dropped), used only to find more problems. */
const NEUTRAL: Record<string, unknown> = {
  id: 'x', name: 'x', type: 'childcare_center', ownership: 'public', inclusive: false, filing: 'filed',
  township: TOWNSHIPS[0].code, address: 'x', ages: { min_months: 0, max_months: 36 },
  care_forms: Object.values(LABELS.care_forms), source: 'x', last_verified: '2000-01-01', demo: false,
};
