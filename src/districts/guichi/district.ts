/**
 * Guichi District (贵池区), Chizhou, Anhui: the district this site was built for. Facts copied from
 * shared/data/district.yaml; every figure keeps its source.
 */
import type { DistrictInput } from '../schema.ts';

export default {
  id: 'guichi',
  example: false,
  name: '贵池区',
  name_en: 'Guichi District',
  adcode: '341702',
  parent: { name: '池州市', name_en: 'Chizhou', adcode: '341700' },
  province: '安徽省',
  province_en: 'Anhui',
  phone_area_code: '0566',
  app: {
    name: { 'zh-CN': '贵池托育服务', en: 'Guichi Childcare' },
    slug: 'guichi-tuoyu',
    owner: { 'zh-CN': '池州市贵池区卫生健康委员会', en: 'Guichi District Health Commission, Chizhou' },
  },
  // The commission's consultation number is in no source we have: the district fills it in (docs/districts.md).
  consultation_phones: [],
  /** Vacancy figures older than this ask parents to call (docs/districts.md) */
  vacancy_stale_after_days: 14,
  /** DataV's 'center' of the boundary file */
  center_gcj02: [117.488342, 30.657378],
  outline: {
    file: 'boundary.gcj02.geojson',
    source: 'DataV GeoAtlas county/341702.json (via the public repo lyhmyd1211/GeoMapData_CN), GCJ-02',
  },
  census_2020: {
    source: 'census',
    resident_population: 615274,
    households_family: 229124,
    age_0_14: 95318,
    age_60_plus: 120644,
  },
  /** 11 sub-districts (街道) + 9 towns (镇); source: codes */
  townships: [
    { code: '341702001', name: '池阳街道', name_en: 'Chiyang Subdistrict', type: '街道' },
    { code: '341702002', name: '秋浦街道', name_en: 'Qiupu Subdistrict', type: '街道' },
    { code: '341702003', name: '里山街道', name_en: 'Lishan Subdistrict', type: '街道' },
    { code: '341702004', name: '江口街道', name_en: 'Jiangkou Subdistrict', type: '街道' },
    { code: '341702005', name: '马衙街道', name_en: 'Maya Subdistrict', type: '街道' },
    { code: '341702006', name: '墩上街道', name_en: 'Dunshang Subdistrict', type: '街道' },
    { code: '341702007', name: '梅龙街道', name_en: 'Meilong Subdistrict', type: '街道' },
    { code: '341702008', name: '秋江街道', name_en: 'Qiujiang Subdistrict', type: '街道' },
    { code: '341702009', name: '杏花村街道', name_en: 'Xinghuacun Subdistrict', type: '街道' },
    { code: '341702010', name: '清风街道', name_en: 'Qingfeng Subdistrict', type: '街道' },
    { code: '341702011', name: '清溪街道', name_en: 'Qingxi Subdistrict', type: '街道' },
    { code: '341702100', name: '殷汇镇', name_en: 'Yinhui Town', type: '镇' },
    { code: '341702101', name: '牛头山镇', name_en: 'Niutoushan Town', type: '镇' },
    { code: '341702102', name: '涓桥镇', name_en: 'Juanqiao Town', type: '镇' },
    { code: '341702103', name: '梅街镇', name_en: 'Meijie Town', type: '镇' },
    { code: '341702104', name: '梅村镇', name_en: 'Meicun Town', type: '镇' },
    { code: '341702105', name: '唐田镇', name_en: 'Tangtian Town', type: '镇' },
    { code: '341702106', name: '牌楼镇', name_en: 'Pailou Town', type: '镇' },
    { code: '341702107', name: '乌沙镇', name_en: 'Wusha Town', type: '镇' },
    { code: '341702108', name: '棠溪镇', name_en: 'Tangxi Town', type: '镇' },
  ],
  /** The 2024 report (shared/data/README.md): quoted, never widened */
  report: {
    source: {
      'zh-CN': '贵池区卫生健康委员会工作报道（2024 年）',
      en: 'Guichi District Health Commission report (2024)',
    },
    /** 1 provincial, 4 city-level, 4 district-level demonstration institutions */
    demonstration: { province: 1, city: 4, district: 4 },
  },
  sources: {
    census: '贵池区第七次全国人口普查公报, 贵池区统计局, 2021-06-09',
    codes:
      'NBS statistical division codes (统计用区划代码), as collected in the public repo modood/Administrative-divisions-of-China',
    wikipedia: 'Wikipedia, 贵池区',
  },
} satisfies DistrictInput;
