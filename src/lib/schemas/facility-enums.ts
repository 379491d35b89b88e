/**
 * The closed lists a facility's fields take. No zod here, so browser code (filters) can import them cheaply.
 */
/** Kinds of facility shown in the directory. */
export const FACILITY_TYPES = [
  'childcare_center', // 托育机构
  'kindergarten_class', // 托幼一体化幼儿园托班
  'hospital_site', // 医院职工托育点（带着宝宝去上班）
  'community_point', // 社区托育点
  'employer_site', // 用人单位托育点
] as const;
export const CARE_FORMS = ['full_day', 'half_day', 'hourly', 'temporary'] as const; // 全日托 半日托 计时托 临时托
export const OWNERSHIPS = ['public', 'private'] as const; // 公办 民办
export const DEMONSTRATION_LEVELS = ['province', 'city', 'district'] as const; // 省级 市级 区级
export const FILING_STATUSES = ['filed', 'in_progress', 'not_filed'] as const; // 已备案 备案中 未备案
export const INSPECTION_RESULTS = ['pass', 'rectify', 'fail'] as const; // 合格 限期整改 不合格
/**
 * Fields a record may leave out because nobody has checked them yet (listed in its `unverified`); the site then
 * shows 待核实 / "To be verified" for each, never an invented value.
 */
export const VERIFIABLE_FIELDS = [
  'ownership',
  'inclusive',
  'filing',
  'township',
  'address',
  'location',
  'phone',
  'ages',
  'places',
  'vacancies',
  'care_forms',
  'hours',
  'fees',
  'health_partner',
  'inspection',
] as const;

/** The age bands vacancies are counted in (months: under 12, 12–24, 24–36). */
export const AGE_BANDS = ['under_12m', 'm12_24', 'm24_36'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export type FacilityType = (typeof FACILITY_TYPES)[number];
export type CareForm = (typeof CARE_FORMS)[number];
export type Ownership = (typeof OWNERSHIPS)[number];
export type DemonstrationLevel = (typeof DEMONSTRATION_LEVELS)[number];
export type VerifiableField = (typeof VERIFIABLE_FIELDS)[number];
