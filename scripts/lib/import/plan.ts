/**
 * From the rows read to what the import would do: each row matched to an existing record (by web id, filing
 * number, or name + township), merged over it (fields the sheet lacks or leaves empty are kept), validated, and
 * compared field by field. Likely duplicates within the file, positions outside the district and records on the
 * site that the list no longer has are found here too. A field whose cells say 待核实 is dropped from the record and
 * listed under `unverified`; a field the row gives a value for leaves that list. Pure: nothing is read or written.
 */
import { townshipByCode } from '../../../src/data/district.ts';
import { LABELS, UNVERIFIED_CELL, type ColumnKey } from '../../../src/lib/facilities/columns.ts';
import { bd09ToWgs84, gcj02ToWgs84 } from '../../../src/lib/geo/coords.ts';
import {
  FacilitySchema,
  VERIFIABLE_FIELDS,
  type Facility,
  type VerifiableField,
} from '../../../src/lib/schemas/facility.ts';
import { DEFAULT_SOURCE, FIELD_OF, type RowRead } from '../facility-row.ts';
import { primaryHeader, type ImportKey } from './headers.ts';
import { deriveId, sameFilingNumber, sameName } from './identity.ts';
import type { Issue, Note } from './messages.ts';

export interface Existing {
  facility: Facility;
  /** the file it was read from */
  file: string;
}
export type Outcome = 'new' | 'changed' | 'unchanged' | 'error';
export interface Change {
  header: string;
  from: string;
  to: string;
}
export interface RowPlan {
  row: number;
  name: string;
  outcome: Outcome;
  /** the record to write (new / changed / unchanged) */
  record?: Facility;
  existing?: Existing;
  changes: Change[];
  issues: Issue[];
  notes: Note[];
}
export interface Plan {
  rows: RowPlan[];
  /** records on the site that no row of the list matches */
  missing: Existing[];
}
export interface PlanOptions {
  /** WGS-84 point-in-district test; absent → no check */
  isInside?: (lat: number, lng: number) => boolean;
  allowOutside?: boolean;
  /** --short-ids: give matched filing-list records with a long id a short one (the old id redirects) */
  shortIds?: boolean;
  /** the day of the run, as the example date in messages */
  today?: string;
  /** dates for rows whose sheet gives none (--verified-on, --vacancy-date, or the title row's date) */
  defaults?: { last_verified?: string; vacancies_as_of?: string };
}

const KEY_OF_FIELD = new Map<string, ColumnKey>(
  Object.entries(FIELD_OF).map(([k, f]) => [f, k as ColumnKey]),
);
/** The column an issue on a record path is about (`fees` → its first fee column, `ages` → 最小月龄). */
const keyOfPath = (path: string): ImportKey | undefined =>
  KEY_OF_FIELD.get(path) ??
  (
    {
      ages: 'min_months',
      location: 'lat',
      fees: 'fee_full_day',
      vacancies: 'vacancies',
      'vacancies.by_age': 'vacancies_under_12m',
      prepayment: 'prepayment_max_months',
      closure: 'closure_from',
      inspection: 'inspection_date',
      demonstration: 'demonstration_level',
      demo: 'name',
    } as Record<string, ImportKey>
  )[path];

function getPath(obj: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}
function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    o[k] ??= {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys.at(-1)!] = value;
}

/** Every leaf of a record as `path → value` (arrays are leaves). */
function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) out.set(prefix, value);
  return out;
}

const label = (group: keyof typeof LABELS, v: unknown) =>
  Object.entries(LABELS[group]).find(([, e]) => e === v)?.[0] ?? String(v);
/** A field value as the clerk would write it in the sheet. */
export function display(path: string, value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (path === 'township') return townshipByCode(String(value))?.name ?? String(value);
  if (path === 'care_forms') return (value as string[]).map((v) => label('care_forms', v)).join('、');
  const group = (
    {
      type: 'type',
      ownership: 'ownership',
      filing: 'filing',
      'demonstration.level': 'demonstration_level',
      'inspection.result': 'inspection_result',
    } as const
  )[path];
  return group ? label(group, value) : String(value);
}

/** The sheet's column for a record path (for `ages`: the 收托月龄 or 最小月龄 column the sheet has). */
function columnFor(read: RowRead, path: string) {
  return read.columnOf.get(path) ?? [...read.columnOf].find(([p]) => p.startsWith(`${path}.`))?.[1];
}
function headerFor(read: RowRead, path: string): string {
  const key = keyOfPath(path);
  return columnFor(read, path)?.header ?? (key ? primaryHeader(key) : path);
}
const fieldOfPath = (path: string) => path.split('.')[0]!;
const canWait = (path: string) => (VERIFIABLE_FIELDS as readonly string[]).includes(fieldOfPath(path));

/** Duplicates within the file: same filing number, same name, or same address and phone. */
function findDuplicates(reads: readonly RowRead[]): Map<number, Issue[]> {
  const issues = new Map<number, Issue[]>();
  const add = (r: RowRead, other: RowRead, whatKey: string, path: string) => {
    const list = issues.get(r.row) ?? [];
    if (!list.some((i) => i.p?.other === other.row)) {
      list.push({
        row: r.row,
        header: headerFor(r, path),
        value: display(path, r.patch.get(path)),
        code: 'duplicate',
        p: { other: other.row, whatKey },
      });
    }
    issues.set(r.row, list);
  };
  const keys: [string, string, (r: RowRead) => string | undefined][] = [
    [
      'filing_number',
      'filing_number',
      (r) =>
        r.patch.has('filing_number') ? sameFilingNumber(String(r.patch.get('filing_number'))) : undefined,
    ],
    ['name', 'name', (r) => (r.patch.has('name') ? sameName(String(r.patch.get('name'))) : undefined)],
    [
      'address_phone',
      'address',
      (r) =>
        r.patch.has('address') && r.patch.has('phone')
          ? `${sameName(String(r.patch.get('address')))}|${r.patch.get('phone')}`
          : undefined,
    ],
  ];
  for (const [whatKey, path, keyOf] of keys) {
    const first = new Map<string, RowRead>();
    for (const r of reads) {
      const k = keyOf(r);
      if (k === undefined) continue;
      const f = first.get(k);
      if (!f) first.set(k, r);
      else {
        add(f, r, whatKey, path);
        add(r, f, whatKey, path);
      }
    }
  }
  return issues;
}

/** The existing record a row is about: by web id, else filing number, else name + township. */
function match(read: RowRead, existing: readonly Existing[]): Existing | undefined {
  const id = read.patch.get('id');
  const filing = read.patch.get('filing_number');
  const name = read.patch.get('name');
  const township = read.patch.get('township');
  return (
    (id !== undefined
      ? existing.find((e) => e.facility.id === id || e.facility.former_ids?.includes(String(id)))
      : undefined) ??
    (filing !== undefined
      ? existing.find(
          (e) =>
            e.facility.filing_number !== undefined &&
            sameFilingNumber(e.facility.filing_number) === sameFilingNumber(String(filing)),
        )
      : undefined) ??
    (name !== undefined
      ? byName(
          existing.filter((e) => sameName(e.facility.name) === sameName(String(name))),
          township,
        )
      : undefined)
  );
}

/** Among records of the same name: the one in the row's township, or the only one when either township is unknown
 *  (待核实, or left empty in the row). */
function byName(same: readonly Existing[], township: unknown): Existing | undefined {
  if (township !== undefined) {
    const inTownship = same.find((e) => e.facility.township === township);
    if (inTownship) return inTownship;
  }
  return same.length === 1 && (township === undefined || same[0]!.facility.township === undefined)
    ? same[0]
    : undefined;
}

/** Why a position is outside the district: swapped columns, an AMap/Tencent or Baidu position, or neither. */
export function outsideCause(
  lat: number,
  lng: number,
  isInside: (lat: number, lng: number) => boolean,
): 'swapped' | 'gcj02' | 'bd09' | 'far' {
  if (isInside(lng, lat)) return 'swapped';
  const [gx, gy] = gcj02ToWgs84([lng, lat]);
  if (isInside(gy, gx)) return 'gcj02';
  const [bx, by] = bd09ToWgs84([lng, lat]);
  if (isInside(by, bx)) return 'bd09';
  return 'far';
}

/** Valid stand-ins for required fields (optional ones are simply dropped), used only to find more problems. */
const NEUTRAL: Record<string, unknown> = {
  id: 'x',
  name: 'x',
  type: 'childcare_center',
  ownership: 'public',
  inclusive: false,
  filing: 'filed',
  township: '341702001',
  address: 'x',
  ages: { min_months: 0, max_months: 36 },
  care_forms: Object.values(LABELS.care_forms),
  source: 'x',
  last_verified: '2000-01-01',
  demo: false,
};

/** Schema issues of a merged record, in the clerk's words. */
function validate(record: Record<string, unknown>, read: RowRead, isNew: boolean, today: string): Issue[] {
  const parsed = FacilitySchema.safeParse(record);
  if (parsed.success) return [];
  // Zod runs the cross-field checks (vacancies ≤ places, fees only for listed forms) only once every field is
  // valid. To report them in the same run, check again with the broken fields replaced by neutral values.
  const broken = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  for (const issue of read.issues) {
    const path = [...read.columnOf].find(([, c]) => c.header === issue.header)?.[0];
    if (path) broken.add(path.split('.')[0]!);
  }
  const repaired: Record<string, unknown> = { ...record };
  for (const field of broken) repaired[field] = NEUTRAL[field];
  const again = FacilitySchema.safeParse(repaired);
  if (!again.success)
    parsed.error.issues.push(
      ...again.error.issues.filter((i) => i.code === 'custom' && !broken.has(String(i.path[0]))),
    );
  const explained = new Set(read.issues.map((i) => i.header));
  const issues: Issue[] = [];
  const at = (path: string) => {
    const column = read.columnOf.get(path);
    const key = keyOfPath(path);
    return {
      row: read.row,
      header: headerFor(read, path),
      value: column && key ? (read.text[column.key] ?? '') : display(path, getPath(record, path)),
    };
  };
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    const key = keyOfPath(path);
    const where = at(path);
    if (explained.has(where.header)) continue;
    const f = record as Partial<Facility>;
    if (path === 'fees') {
      for (const [form, fee] of Object.entries(f.fees ?? {})) {
        if (f.care_forms?.includes(form as never)) continue;
        issues.push({
          ...at(`fees.${form}`),
          value: String(fee),
          code: 'fee_without_form',
          p: { form: label('care_forms', form) },
        });
      }
    } else if (path === 'vacancies.count' && issue.message === 'count must equal the sum of by_age') {
      const sum = Object.values(f.vacancies!.by_age ?? {}).reduce((a, n) => a + (n ?? 0), 0);
      const hasColumns = [...read.columnOf.keys()].some((p) => p.startsWith('vacancies.by_age.')) ? 1 : 0;
      issues.push({
        ...where,
        code: 'vacancies_by_age_sum',
        p: { count: f.vacancies!.count, sum, hasColumns },
      });
    } else if (path === 'closure.until' && issue.code === 'custom' && f.closure) {
      issues.push({ ...where, code: 'closure_order', p: { from: f.closure.from, until: f.closure.until! } });
    } else if (path === 'vacancies.count' && issue.code === 'custom') {
      issues.push({ ...where, code: 'vacancies_over', p: { count: f.vacancies!.count, places: f.places! } });
    } else if (path === 'ages' && issue.code === 'custom' && f.ages) {
      issues.push({ ...where, code: 'ages_order', p: { min: f.ages!.min_months, max: f.ages!.max_months } });
    } else if (path === 'demo' || (path === 'name' && issue.code === 'custom')) {
      issues.push({ ...at('name'), code: 'demo_name' });
    } else if (issue.message === 'is not a real calendar date') {
      issues.push({ ...where, code: 'not_real_date' });
    } else if (path === 'last_verified' && getPath(record, path) === undefined) {
      if (columnFor(read, path))
        issues.push({ row: read.row, header: headerFor(read, path), code: 'verified_date_needed' });
      else
        issues.push({
          row: read.row,
          code: 'no_date_column',
          p: { header: headerFor(read, path), option: 'verified-on', today, whatKey: 'verified' },
        });
    } else if (path === 'vacancies.as_of' && !columnFor(read, path)) {
      issues.push({
        row: read.row,
        code: 'no_date_column',
        p: { header: headerFor(read, path), option: 'vacancy-date', today, whatKey: 'vacancy' },
      });
    } else if (getPath(record, path) === undefined) {
      const parent = path.includes('.') ? getPath(record, path.split('.')[0]!) : undefined;
      const sibling =
        parent && typeof parent === 'object'
          ? Object.keys(parent).find((k) => k !== path.split('.')[1])
          : undefined;
      const hintKey = columnFor(read, path)?.key ?? key ?? 'name';
      const wait: Record<string, number> = canWait(path) ? { canWait: 1 } : {};
      if (sibling)
        issues.push({
          ...where,
          code: 'pair',
          p: { other: headerFor(read, `${path.split('.')[0]}.${sibling}`), hintKey },
        });
      else if (!columnFor(read, path) && isNew)
        issues.push({
          row: read.row,
          code: 'new_needs_column',
          p: { header: where.header, hintKey, ...wait },
        });
      else issues.push({ ...where, code: 'required', p: { hintKey, ...wait } });
    } else {
      issues.push({ ...where, code: 'bad_value', p: { hintKey: key ?? 'name' } });
    }
  }
  return issues;
}

/** What changes on the site, column by column; a field still to verify reads 待核实. */
function compare(old: Facility, now: Facility, read: RowRead): Change[] {
  const changes: Change[] = [];
  const before = flatten(old);
  const after = flatten(now);
  before.delete('unverified');
  for (const leaves of [before, after])
    for (const path of [...leaves.keys()]) if (path.startsWith('former_ids')) leaves.delete(path);
  after.delete('unverified');
  const shown = (f: Facility, leaves: Map<string, unknown>, path: string) =>
    f.unverified.includes(fieldOfPath(path) as VerifiableField)
      ? UNVERIFIED_CELL
      : display(path, leaves.get(path));
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const a = shown(old, before, path);
    const b = shown(now, after, path);
    if (a !== b) changes.push({ header: headerFor(read, path), from: a, to: b });
  }
  // A field that had no value on either side: (empty) → 待核实, or 待核实 → (empty).
  for (const field of VERIFIABLE_FIELDS) {
    const was = old.unverified.includes(field);
    if (was === now.unverified.includes(field)) continue;
    if ([...before.keys(), ...after.keys()].some((p) => fieldOfPath(p) === field)) continue;
    changes.push({
      header: headerFor(read, field),
      from: was ? UNVERIFIED_CELL : '',
      to: was ? '' : UNVERIFIED_CELL,
    });
  }
  return changes;
}

/**
 * What --remove-missing may delete: a record that came from a filing list (its source names 备案, as every imported
 * record's does), or demo data (made-up records a real list replaces). Hospital sites and records from any other
 * source never are.
 */
export const fromFilingList = (f: Facility) => f.demo || /备案/.test(f.source);

/** The form of the ids the import gives (`chiyang-3`). */
export const SHORT_ID = /^[a-z]+-\d+$/;

/** Works out what importing `reads` over `existing` would do. */
export function buildPlan(
  reads: readonly RowRead[],
  existing: readonly Existing[],
  options: PlanOptions = {},
): Plan {
  const duplicates = findDuplicates(reads);
  const taken = new Set(existing.flatMap((e) => [e.facility.id, ...(e.facility.former_ids ?? [])]));
  const matchedBy = new Map<Existing, RowRead>();
  const rows: RowPlan[] = [];
  for (const read of reads) {
    const issues: Issue[] = [...read.issues, ...(duplicates.get(read.row) ?? [])];
    const notes: Note[] = [...read.notes];
    const name = String(read.patch.get('name') ?? read.text.name ?? '');
    if (read.demoRow) issues.push({ row: read.row, header: '示例数据', value: '是', code: 'demo_record' });
    const found = match(read, existing);
    if (found) {
      const other = matchedBy.get(found);
      if (other)
        issues.push({
          row: read.row,
          header: headerFor(read, 'name'),
          value: name,
          code: 'duplicate',
          p: { other: other.row, whatKey: 'record' },
        });
      else matchedBy.set(found, read);
    }

    const record: Record<string, unknown> = found
      ? structuredClone(found.facility)
      : { demo: false, source: DEFAULT_SOURCE };
    const defaults = options.defaults ?? {};
    if (defaults.vacancies_as_of && read.patch.has('vacancies.count') && !read.patch.has('vacancies.as_of'))
      read.patch.set('vacancies.as_of', defaults.vacancies_as_of);
    if (defaults.last_verified && !read.patch.has('last_verified') && !read.unverified.length)
      read.patch.set('last_verified', defaults.last_verified);
    for (const [path, value] of read.patch) if (path !== 'id' || !found) setPath(record, path, value);
    // 待核实: fields the row gives a value for are verified now; fields whose cells say 待核实 are left out.
    const before: readonly VerifiableField[] = found?.facility.unverified ?? [];
    const waiting = new Set<string>([...before, ...read.unverified]);
    for (const path of read.patch.keys())
      if (!read.unverified.includes(fieldOfPath(path) as VerifiableField)) waiting.delete(fieldOfPath(path));
    for (const field of read.unverified) delete record[field];
    record.unverified = VERIFIABLE_FIELDS.filter((f) => waiting.has(f));
    if (found) {
      const movedLat =
        read.patch.has('location.lat') && read.patch.get('location.lat') !== found.facility.location?.lat;
      const movedLng =
        read.patch.has('location.lng') && read.patch.get('location.lng') !== found.facility.location?.lng;
      if ((movedLat || movedLng) && !read.patch.has('location.verified'))
        setPath(record, 'location.verified', false);
      const kept = new Set<string>();
      for (const [path, column] of read.columnOf) {
        const field = fieldOfPath(path);
        if (
          read.text[column.key] !== '' ||
          read.unverified.includes(field as VerifiableField) ||
          issues.some((i) => i.header === column.header)
        )
          continue;
        const value = getPath(found.facility as unknown as Record<string, unknown>, path);
        if (value !== undefined)
          notes.push({
            row: read.row,
            header: column.header,
            code: 'kept_existing',
            to: display(path, value),
          });
        else if (
          before.includes(field as VerifiableField) &&
          ![...read.patch.keys()].some((p) => fieldOfPath(p) === field) &&
          !kept.has(column.header)
        ) {
          kept.add(column.header); // the one 收托月龄 column stands for both ages
          notes.push({ row: read.row, header: column.header, code: 'kept_unverified', to: UNVERIFIED_CELL });
        }
      }
    } else if (record.location && (record.location as Record<string, unknown>).verified === undefined) {
      setPath(record, 'location.verified', false);
    }
    const township =
      typeof record.township === 'string'
        ? record.township
        : read.unverified.includes('township')
          ? ''
          : undefined;
    if (!found && issues.length === 0 && typeof record.name === 'string' && township !== undefined) {
      const wanted = read.patch.get('id');
      if (typeof wanted === 'string' && taken.has(wanted)) {
        const owner = existing.find((e) => e.facility.id === wanted)?.facility.name ?? wanted;
        issues.push({
          row: read.row,
          header: headerFor(read, 'id'),
          value: wanted,
          code: 'id_taken',
          p: { id: wanted, other: owner },
        });
      }
      record.id = typeof wanted === 'string' && !taken.has(wanted) ? wanted : deriveId(township, taken);
    }
    if (
      found &&
      options.shortIds &&
      issues.length === 0 &&
      fromFilingList(found.facility) &&
      !found.facility.demo &&
      !SHORT_ID.test(found.facility.id)
    ) {
      // --short-ids: a long id becomes a short one; the old one stays as a former id and redirects.
      record.id = deriveId(typeof record.township === 'string' ? record.township : '', taken);
      record.former_ids = [...(found.facility.former_ids ?? []), found.facility.id];
      taken.add(record.id as string);
    }
    if (record.id === undefined) record.id = 'pending';
    if (
      found &&
      read.patch.has('vacancies.count') &&
      read.patch.get('vacancies.count') !== found.facility.vacancies?.count &&
      !read.patch.has('vacancies.as_of') &&
      found.facility.vacancies
    ) {
      const column = read.columnOf.get('vacancies.count');
      issues.push({
        row: read.row,
        header: column?.header ?? primaryHeader('vacancies'),
        value: String(read.patch.get('vacancies.count')),
        code: 'vacancy_date_stale',
        p: {
          from: found.facility.vacancies.count,
          to: String(read.patch.get('vacancies.count')),
          asOf: found.facility.vacancies.as_of,
          header: headerFor(read, 'vacancies.as_of'),
          hasColumn: read.columnOf.has('vacancies.as_of') ? 1 : 0,
          today: options.today ?? '2026-11-10',
        },
      });
    }
    issues.push(...validate(record, read, !found, options.today ?? '2026-11-10'));

    const loc = record.location as { lat?: number; lng?: number } | undefined;
    const placed = read.patch.has('location.lat') || read.patch.has('location.lng');
    if (
      placed &&
      options.isInside &&
      !options.allowOutside &&
      typeof loc?.lat === 'number' &&
      typeof loc.lng === 'number' &&
      !options.isInside(loc.lat, loc.lng)
    ) {
      const column = read.columnOf.get('location.lat');
      const lngHeader = read.columnOf.get('location.lng')?.header;
      // The schema's range check says less than this message (a swapped 117 is "not a latitude").
      for (let i = issues.length - 1; i >= 0; i--)
        if (issues[i]!.code === 'bad_value' && [column?.header, lngHeader].includes(issues[i]!.header))
          issues.splice(i, 1);
      issues.push({
        row: read.row,
        header: column?.header ?? primaryHeader('lat'),
        value: `${read.text.lat ?? loc.lat}, ${read.text.lng ?? loc.lng}`,
        code: 'outside',
        p: { lat: loc.lat, lng: loc.lng, causeKey: outsideCause(loc.lat, loc.lng, options.isInside) },
      });
    }

    if (issues.length) {
      rows.push({ row: read.row, name, outcome: 'error', existing: found, changes: [], issues, notes });
      continue;
    }
    const facility = FacilitySchema.parse(record);
    taken.add(facility.id);
    const changes: Change[] = [];
    if (found) changes.push(...compare(found.facility, facility, read));
    rows.push({
      row: read.row,
      name,
      outcome: found ? (changes.length ? 'changed' : 'unchanged') : 'new',
      record: facility,
      existing: found,
      changes,
      issues,
      notes,
    });
  }
  const matched = new Set(matchedBy.keys());
  const missing = existing.filter((e) => !matched.has(e));
  // A record written from a row must not collide with a record that stays on the site (the build would refuse).
  const staying = missing.map((e) => e.facility);
  for (const r of rows) {
    if (r.outcome === 'error' || !r.record) continue;
    const f = r.record;
    const clash = staying.find(
      (o) =>
        (o.filing_number !== undefined &&
          f.filing_number !== undefined &&
          sameFilingNumber(o.filing_number) === sameFilingNumber(f.filing_number)) ||
        (sameName(o.name) === sameName(f.name) && o.township === f.township),
    );
    if (clash) {
      r.issues.push({
        row: r.row,
        header: primaryHeader('name'),
        value: f.name,
        code: 'clash_existing',
        p: { other: clash.name, id: clash.id },
      });
      r.outcome = 'error';
      delete r.record;
    }
  }
  return { rows, missing };
}
