/**
 * The spreadsheet columns of a facility list: the district's filing export read by the import command
 * (scripts/import-facilities.ts) and the open-data CSV written by the site use the same headers and labels,
 * so a downloaded CSV can be edited and imported again. Documented in docs/data.md.
 */
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

/** Chinese cell labels for the enumerated fields. */
export const LABELS = {
  type: { 托育机构: 'childcare_center', 托幼一体化幼儿园托班: 'kindergarten_class', 医院职工托育点: 'hospital_site', 社区托育点: 'community_point', 用人单位托育点: 'employer_site' },
  ownership: { 公办: 'public', 民办: 'private' },
  demonstration_level: { 省级: 'province', 市级: 'city', 区级: 'district' },
  filing: { 已备案: 'filed', 备案中: 'in_progress', 未备案: 'not_filed' },
  inspection_result: { 合格: 'pass', 限期整改: 'rectify', 不合格: 'fail' },
  care_forms: { 全日托: 'full_day', 半日托: 'half_day', 计时托: 'hourly', 临时托: 'temporary' },
} as const satisfies Record<string, Record<string, string>>;
