/**
 * The spreadsheet columns of a facility list: the district's filing export read by the import command
 * (scripts/import-facilities.ts) and the open-data CSV written by the site use the same headers and labels,
 * so a downloaded CSV can be edited and imported again. Documented in docs/data.md.
 */
import {
  CARE_FORMS,
  DEMONSTRATION_LEVELS,
  FACILITY_TYPES,
  FILING_STATUSES,
  INSPECTION_RESULTS,
  OWNERSHIPS,
  type VerifiableField,
} from '../schemas/facility-enums.ts';
import { zhCN } from '../i18n/zh-CN.ts';
/** Column key → [Chinese header, ...accepted aliases]. Headers match after trimming and dropping a trailing "（…）". */
export const COLUMNS = {
  id: ['编号', 'id'],
  name: ['机构名称', 'name', '名称'],
  name_en: ['英文名称', 'name_en'],
  type: ['类型', 'type'],
  ownership: ['性质', 'ownership'],
  inclusive: ['普惠', 'inclusive', '是否普惠'],
  demonstration_level: ['示范等级', 'demonstration_level'],
  demonstration_year: ['示范年份', 'demonstration_year'],
  filing: ['备案状态', 'filing'],
  township: ['街道/镇', 'township', '街道', '镇/街道', '乡镇'],
  address: ['地址', 'address'],
  lat: ['纬度', 'lat', 'latitude'],
  lng: ['经度', 'lng', 'longitude'],
  location_verified: ['坐标已核实', 'location_verified'],
  phone: ['电话', 'phone', '联系电话'],
  min_months: ['最小月龄', 'min_months'],
  max_months: ['最大月龄', 'max_months'],
  places: ['托位数', 'places'],
  vacancies: ['空余托位', 'vacancies'],
  vacancies_as_of: ['空余统计日期', 'vacancies_as_of'],
  care_forms: ['托育形式', 'care_forms'],
  fee_full_day: ['全日托月费', 'fee_full_day'],
  fee_half_day: ['半日托月费', 'fee_half_day'],
  fee_hourly: ['计时托月费', 'fee_hourly'],
  fee_temporary: ['临时托月费', 'fee_temporary'],
  hours: ['营业时间', 'hours'],
  health_partner: ['签约社区卫生服务中心', 'health_partner'],
  inspection_date: ['最近检查日期', 'inspection_date'],
  inspection_result: ['检查结果', 'inspection_result'],
  source: ['数据来源', 'source'],
  last_verified: ['核实日期', 'last_verified'],
} as const;
export type ColumnKey = keyof typeof COLUMNS;

/** The columns that hold each field that can wait for verification (see `unverified` in FacilitySchema). */
export const FIELD_COLUMNS: Record<VerifiableField, readonly ColumnKey[]> = {
  ownership: ['ownership'], inclusive: ['inclusive'], filing: ['filing'], township: ['township'], address: ['address'],
  location: ['lat', 'lng', 'location_verified'], phone: ['phone'], ages: ['min_months', 'max_months'], places: ['places'],
  vacancies: ['vacancies', 'vacancies_as_of'], care_forms: ['care_forms'], hours: ['hours'],
  fees: ['fee_full_day', 'fee_half_day', 'fee_hourly', 'fee_temporary'], health_partner: ['health_partner'],
  inspection: ['inspection_date', 'inspection_result'],
};

/** What a cell of a field still to verify says, in the open-data CSV and in a list to import. */
export const UNVERIFIED_CELL = zhCN['common.unverified'];

/** Chinese label → value for one enumerated field, read from the UI dictionary (the one source of every label). */
function labelsOf<V extends string>(values: readonly V[], key: (value: V) => keyof typeof zhCN): Record<string, V> {
  return Object.fromEntries(values.map((v) => [zhCN[key(v)], v]));
}

/**
 * Chinese cell labels for the enumerated fields: the same words the pages show (src/lib/i18n/zh-CN.ts), so the
 * open-data CSV and the site agree. The first label of each value is the one written; later ones are spellings the
 * import still accepts from older spreadsheets.
 */
export const LABELS = {
  type: { ...labelsOf(FACILITY_TYPES, (v) => `type.${v}`), 托幼一体化幼儿园托班: 'kindergarten_class' },
  ownership: labelsOf(OWNERSHIPS, (v) => `ownership.${v}`),
  demonstration_level: labelsOf(DEMONSTRATION_LEVELS, (v) => `level.${v}`),
  filing: labelsOf(FILING_STATUSES, (v) => `filing.${v}`),
  inspection_result: labelsOf(INSPECTION_RESULTS, (v) => `inspection.${v}`),
  care_forms: labelsOf(CARE_FORMS, (v) => `careForm.${v}`),
} satisfies Record<string, Record<string, string>>;
