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
import type { Facility } from '../schemas/facility.ts';
/**
 * The synonym table: column key → [header written in exports, ...other headers the import accepts]. A header
 * matches after full-width letters/digits become half-width, spaces are removed, letters are lower-cased and,
 * unless a name here has the brackets itself (`空余托位（1岁以下）`), a trailing hint in brackets is dropped (so
 * `纬度（WGS-84）` is `纬度`, `所属街道（镇）` is `所属街道`).
 * docs/data.md lists every name here; tests/unit/import-facilities.test.ts checks that it does.
 */
export const COLUMNS = {
  id: ['网址标识', 'id'],
  filing_number: ['编号', '备案编号', '备案号', '备案证号', '备案证编号', 'filing_number'],
  name: ['机构名称', '托育机构名称', '名称', '机构全称', '单位名称', 'name'],
  name_en: ['英文名称', 'name_en'],
  type: ['类型', '机构类型', '托育类型', 'type'],
  ownership: ['性质', '机构性质', '举办性质', '办托性质', 'ownership'],
  inclusive: ['普惠', '是否普惠', '普惠性', '普惠托育', 'inclusive'],
  demonstration_level: ['示范等级', '示范级别', 'demonstration_level'],
  demonstration_year: ['示范年份', '命名年份', 'demonstration_year'],
  filing: ['备案状态', '是否备案', 'filing'],
  township: [
    '街道/镇',
    '所属街道',
    '所属乡镇',
    '所属街镇',
    '街道',
    '镇/街道',
    '乡镇',
    '乡镇/街道',
    '街镇',
    '所在街道',
    'township',
  ],
  address: ['地址', '详细地址', '机构地址', '地点', 'address'],
  lat: ['纬度', 'lat', 'latitude'],
  lng: ['经度', 'lng', 'longitude'],
  location_verified: ['坐标已核实', 'location_verified'],
  phone: ['电话', '联系电话', '联系方式', '咨询电话', '电话号码', 'phone'],
  min_months: ['最小月龄', '最小收托月龄', 'min_months'],
  max_months: ['最大月龄', '最大收托月龄', 'max_months'],
  places: ['托位数', '托位数量', '托位', '备案托位数', '核定托位数', 'places'],
  vacancies: ['空余托位', '空余托位数', '剩余托位', 'vacancies'],
  vacancies_as_of: ['空余统计日期', 'vacancies_as_of'],
  // By age band. A name with brackets is matched whole (elsewhere a trailing bracket is a hint and is dropped).
  vacancies_under_12m: [
    '空余托位（1岁以下）',
    '1岁以下空余托位',
    '空余托位1岁以下',
    '12个月以下空余托位',
    'vacancies_under_12m',
  ],
  vacancies_m12_24: [
    '空余托位（1–2岁）',
    '空余托位（1-2岁）',
    '1–2岁空余托位',
    '1-2岁空余托位',
    '空余托位1–2岁',
    '空余托位1-2岁',
    'vacancies_m12_24',
  ],
  vacancies_m24_36: [
    '空余托位（2–3岁）',
    '空余托位（2-3岁）',
    '2–3岁空余托位',
    '2-3岁空余托位',
    '空余托位2–3岁',
    '空余托位2-3岁',
    'vacancies_m24_36',
  ],
  care_forms: ['托育形式', '服务形式', '托育服务形式', '托育方式', 'care_forms'],
  fee_full_day: ['全日托月费', '全日托收费', 'fee_full_day'],
  fee_half_day: ['半日托月费', '半日托收费', 'fee_half_day'],
  fee_hourly: ['计时托月费', '计时托收费', 'fee_hourly'],
  fee_temporary: ['临时托月费', '临时托收费', 'fee_temporary'],
  hours: ['营业时间', '服务时间', '开放时间', 'hours'],
  prepayment_max_months: ['预收费最多月数', '最多预收月数', '预收费月数', 'prepayment_max_months'],
  prepayment_refund: ['退费规则', '退费办法', '退费说明', 'prepayment_refund'],
  closure_from: ['暂停服务起', '暂停服务开始日期', '停托开始日期', 'closure_from'],
  closure_until: ['暂停服务至', '暂停服务结束日期', '停托结束日期', 'closure_until'],
  closure_reason: ['暂停服务原因', '停托原因', 'closure_reason'],
  health_partner: ['签约社区卫生服务中心', '签约医疗机构', 'health_partner'],
  inspection_date: ['最近检查日期', '检查日期', 'inspection_date'],
  inspection_result: ['检查结果', 'inspection_result'],
  source: ['数据来源', '来源', 'source'],
  last_verified: ['核实日期', '更新日期', 'last_verified'],
} as const;
export type ColumnKey = keyof typeof COLUMNS;

/**
 * The record fields that deliberately have no column of their own, and why. Every other field of FacilitySchema
 * (and every sub-field, such as `vacancies.by_age.m12_24` or `closure.until`) has a column in COLUMNS, read through
 * `FIELD_OF` (scripts/lib/facility-row.ts); tests/unit/facility-columns.test.ts walks the schema to prove it.
 */
export const NOT_COLUMNS = {
  former_ids:
    'old web ids only redirect to the record; the import keeps them from the existing record (--short-ids adds one)',
  unverified:
    'written as 待核实 in the cells of each field it lists (FIELD_COLUMNS), not as a column of its own',
  demo: 'the open-data CSV marks example rows in a 示例数据 column after the others, and the import refuses such rows',
} as const satisfies Partial<Record<keyof Facility, string>>;

/** The columns that hold each field that can wait for verification (see `unverified` in FacilitySchema). */
export const FIELD_COLUMNS: Record<VerifiableField, readonly ColumnKey[]> = {
  ownership: ['ownership'],
  inclusive: ['inclusive'],
  filing: ['filing'],
  township: ['township'],
  address: ['address'],
  location: ['lat', 'lng', 'location_verified'],
  phone: ['phone'],
  ages: ['min_months', 'max_months'],
  places: ['places'],
  vacancies: ['vacancies', 'vacancies_as_of', 'vacancies_under_12m', 'vacancies_m12_24', 'vacancies_m24_36'],
  care_forms: ['care_forms'],
  hours: ['hours'],
  fees: ['fee_full_day', 'fee_half_day', 'fee_hourly', 'fee_temporary'],
  health_partner: ['health_partner'],
  inspection: ['inspection_date', 'inspection_result'],
};

/** What a cell of a field still to verify says, in the open-data CSV and in a list to import. */
export const UNVERIFIED_CELL = zhCN['common.unverified'];

/** Chinese label → value for one enumerated field, read from the UI dictionary (the one source of every label). */
function labelsOf<V extends string>(
  values: readonly V[],
  key: (value: V) => keyof typeof zhCN,
): Record<string, V> {
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

/** Columns only the import reads: one cell with both ages (`6-36`, `6～36个月`, `0-3岁`), the datum of 纬度/经度, and
 *  both coordinates in one cell. */
export const IMPORT_ONLY_COLUMNS = {
  ages: ['收托月龄', '招收月龄', '收托年龄', '招收年龄', '月龄段', '年龄段', '月龄', 'ages'],
  datum: ['坐标系', '坐标类型', 'datum'],
  /** 经度 and 纬度 in one cell (`117.4912,30.6601` or `30.6601，117.4912`): the order is told by the ranges. */
  coords: [
    '经纬度',
    '经纬度坐标',
    '坐标',
    '地理坐标',
    '位置坐标',
    'GPS坐标',
    '经度纬度',
    '纬度经度',
    'coordinates',
  ],
} as const;

/** Columns that filing lists often have and the site does not use: read past without a word. */
export const IGNORED_COLUMNS = [
  '序号',
  '备注',
  '联系人',
  '负责人',
  '法定代表人',
  '举办者',
  '示例数据',
  '处理结果',
  '错误原因',
  '自动修正',
] as const;
