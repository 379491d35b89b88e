/**
 * Made-up map records for the map benchmark: `n` facilities spread over the district (points drawn inside the
 * WGS-84 outline), with every field the map reads. Deterministic (seeded), so runs compare.
 */
import { pointInGeometry } from '../../src/lib/geo/point-in-polygon.ts';
import { CARE_FORMS, DEMONSTRATION_LEVELS, FACILITY_TYPES } from '../../src/lib/schemas/facility-enums.ts';
import { TOWNSHIPS } from '../../src/data/district.ts';
import type { DistrictOutline, MapData, MapFacility } from '../../src/lib/map/types.ts';
import { seededRandom } from '../../scripts/lib/seeded-random.ts';

const random = seededRandom;

export function syntheticMapData(n: number, outline: DistrictOutline, seed = 42): MapData {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const points = outline.coordinates.flat(2);
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLng, maxLng, minLat, maxLat] = [
    Math.min(...lngs),
    Math.max(...lngs),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const facilities: MapFacility[] = [];
  for (let i = 0; i < n; i++) {
    let lngLat: [number, number];
    do lngLat = [minLng + rnd() * (maxLng - minLng), minLat + rnd() * (maxLat - minLat)];
    while (!pointInGeometry(lngLat, outline));
    lngLat = [Math.round(lngLat[0] * 1e6) / 1e6, Math.round(lngLat[1] * 1e6) / 1e6];
    const min = pick([0, 6, 12, 18, 24]);
    const name = `示例·合成托育点${i + 1}`;
    const id = `bench-${i + 1}`;
    facilities.push({
      id,
      name,
      nameEn: `Example synthetic childcare ${i + 1}`,
      type: pick(FACILITY_TYPES),
      township: pick(TOWNSHIPS).code,
      ages: [min, min + pick([12, 18, 24, 36])],
      forms: CARE_FORMS.filter(() => rnd() < 0.5)
        .concat('full_day')
        .filter((v, j, all) => all.indexOf(v) === j),
      inclusive: rnd() < 0.4,
      vacant: false, // not drawn from rnd() (see ownership); the bench's records carry no vacancy figure
      vac: null,
      ownership: i % 3 === 0 ? 'public' : 'private', // not drawn from rnd(), so the other fields stay as recorded
      level: rnd() < 0.05 ? pick(DEMONSTRATION_LEVELS) : null,
      places: Math.floor(rnd() * 120),
      phone: null,
      demo: true,
      lngLat,
      text: `${name} example synthetic childcare ${i + 1} 池州市贵池区`.toLowerCase(),
      paths: { 'zh-CN': `/facilities/${id}/`, en: `/en/facilities/${id}/` },
    });
  }
  return { facilities };
}

const WORDS = [
  '阳光',
  '小树苗',
  '彩虹',
  '星星',
  '向日葵',
  '蒲公英',
  '童心',
  '春苗',
  '晨曦',
  '萌芽',
  '小太阳',
  '爱心',
];
const WORDS_EN = [
  'Sunshine',
  'Sapling',
  'Rainbow',
  'Star',
  'Sunflower',
  'Dandelion',
  'Young Hearts',
  'Spring Shoots',
];
const SUFFIX: Record<string, [string, string]> = {
  childcare_center: ['托育园', 'Nursery'],
  kindergarten_class: ['幼儿园托班', 'Kindergarten Nursery Class'],
  community_point: ['社区托育点', 'Community Childcare Point'],
  employer_site: ['职工托育点', 'Staff Childcare Point'],
};

/**
 * Made-up facility records (what a facility YAML file holds, FacilitySchema input) for the list-scale benchmark:
 * `n` demo records spread over the district's townships, with the fields real records carry (fees, vacancies with
 * dates over the last 40 days of `today`, hours, ages, care forms, a position inside the outline). Deterministic.
 */
export function syntheticFacilityRecords(
  n: number,
  outline: DistrictOutline,
  today: string,
  seed = 7,
): Record<string, unknown>[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const map = syntheticMapData(n, outline, seed).facilities;
  return map.map((m, i) => {
    const type = pick([
      'childcare_center',
      'childcare_center',
      'kindergarten_class',
      'community_point',
      'employer_site',
    ]);
    const tw = TOWNSHIPS.find((t) => t.code === m.township)!;
    const short = tw.name.replace(/(街道|镇)$/, '');
    const word = pick(WORDS);
    const places = 20 + Math.floor(rnd() * 100);
    const asOf = new Date(Date.parse(today) - Math.floor(rnd() * 40) * 864e5).toISOString().slice(0, 10);
    const forms = ['full_day', ...CARE_FORMS.filter((c) => c !== 'full_day' && rnd() < 0.4)];
    const fees = Object.fromEntries(forms.map((c) => [c, 600 + Math.round(rnd() * 30) * 50]));
    return {
      id: `demo-bench-${i + 1}`,
      name: `示例·${short}${word}${SUFFIX[type]![0]}${i + 1}`,
      name_en: `Example · ${tw.name_en.replace(/ (Subdistrict|Town)$/, '')} ${pick(WORDS_EN)} ${SUFFIX[type]![1]} ${i + 1}`,
      type,
      ownership: rnd() < 0.3 ? 'public' : 'private',
      inclusive: rnd() < 0.4,
      township: tw.code,
      address: `池州市贵池区${tw.name}示例路${1 + Math.floor(rnd() * 300)}号（示例地址）`,
      location: { lat: m.lngLat![1], lng: m.lngLat![0], verified: false },
      ages: { min_months: m.ages![0], max_months: Math.min(36, m.ages![1]) },
      places,
      vacancies: { count: Math.floor(rnd() * Math.min(places, 12)), as_of: asOf },
      care_forms: forms,
      hours: pick(['周一至周五 7:30–17:30', '周一至周五 8:00–17:00', '周一至周六 7:30–18:00']),
      fees,
      health_partner: `示例·${tw.name}社区卫生服务中心`,
      source: '示例数据（非真实机构）',
      demo: true,
    };
  });
}
