/** Open-data downloads built from the same facility records as the pages. */
import type { CareForm, Facility } from '../schemas/facility.ts';
import { COLUMNS, FIELD_COLUMNS, LABELS, UNVERIFIED_CELL, type ColumnKey } from './columns.ts';
import { townshipByCode } from '../../data/district.ts';
import { toCsv } from '../tables/csv.ts';

/** RFC 7946 FeatureCollection of the facilities that have a position ([lng, lat], WGS-84). */
export function facilitiesToGeoJson(facilities: readonly Facility[]) {
  return {
    type: 'FeatureCollection' as const,
    features: facilities
      .filter((f) => f.location)
      .map(({ location, ...rest }) => ({
        type: 'Feature' as const,
        id: rest.id,
        geometry: { type: 'Point' as const, coordinates: [location!.lng, location!.lat] },
        properties: {
          ...rest,
          township_name: rest.township && townshipByCode(rest.township)?.name,
          location_verified: location!.verified,
        },
      })),
  };
}

/** The Chinese label of an enumerated value, e.g. ('type', 'hospital_site') → '医院职工托育点'. */
function labelOf(group: keyof typeof LABELS, value: string): string {
  const entry = Object.entries(LABELS[group]).find(([, v]) => v === value);
  return entry ? entry[0] : value;
}

/** One facility as spreadsheet cells, keyed like the import columns; a field still to verify reads 待核实. */
export function facilityToRow(f: Facility): Record<ColumnKey, string | number> {
  const fee = (form: CareForm) => f.fees?.[form] ?? '';
  const row: Record<ColumnKey, string | number> = {
    id: f.id,
    filing_number: f.filing_number ?? '',
    name: f.name,
    name_en: f.name_en ?? '',
    type: labelOf('type', f.type),
    ownership: f.ownership ? labelOf('ownership', f.ownership) : '',
    inclusive: f.inclusive === undefined ? '' : f.inclusive ? '是' : '否',
    demonstration_level: f.demonstration ? labelOf('demonstration_level', f.demonstration.level) : '',
    demonstration_year: f.demonstration?.year ?? '',
    filing: f.filing ? labelOf('filing', f.filing) : '',
    township: f.township ? (townshipByCode(f.township)?.name ?? f.township) : '',
    address: f.address ?? '',
    lat: f.location?.lat ?? '',
    lng: f.location?.lng ?? '',
    location_verified: f.location ? (f.location.verified ? '是' : '否') : '',
    phone: f.phone ?? '',
    min_months: f.ages?.min_months ?? '',
    max_months: f.ages?.max_months ?? '',
    places: f.places ?? '',
    vacancies: f.vacancies?.count ?? '',
    vacancies_as_of: f.vacancies?.as_of ?? '',
    vacancies_under_12m: f.vacancies?.by_age?.under_12m ?? '',
    vacancies_m12_24: f.vacancies?.by_age?.m12_24 ?? '',
    vacancies_m24_36: f.vacancies?.by_age?.m24_36 ?? '',
    care_forms: f.care_forms?.map((c) => labelOf('care_forms', c)).join('、') ?? '',
    fee_full_day: fee('full_day'),
    fee_half_day: fee('half_day'),
    fee_hourly: fee('hourly'),
    fee_temporary: fee('temporary'),
    hours: f.hours ?? '',
    prepayment_max_months: f.prepayment?.max_months ?? '',
    prepayment_refund: f.prepayment?.refund ?? '',
    closure_from: f.closure?.from ?? '',
    closure_until: f.closure?.until ?? '',
    closure_reason: f.closure?.reason ?? '',
    health_partner: f.health_partner ?? '',
    inspection_date: f.inspection?.date ?? '',
    inspection_result: f.inspection ? labelOf('inspection_result', f.inspection.result) : '',
    source: f.source,
    last_verified: f.last_verified ?? '',
  };
  for (const field of f.unverified) for (const key of FIELD_COLUMNS[field]) row[key] = UNVERIFIED_CELL;
  return row;
}

/**
 * CSV (RFC 4180, CRLF) with a UTF-8 BOM so that Excel shows Chinese; same headers as the import command. Written by
 * the shared table writer (src/lib/tables/csv.ts): text that looks like a formula is neutralised, numbers stay numbers.
 */
export function facilitiesToCsv(facilities: readonly Facility[]): string {
  const keys = Object.keys(COLUMNS) as ColumnKey[];
  const rows = facilities.map((f) => {
    const row = facilityToRow(f);
    return [...keys.map((k) => row[k]), f.demo ? '是' : '否'];
  });
  return toCsv([...keys.map((k) => COLUMNS[k][0]), '示例数据'], rows);
}
