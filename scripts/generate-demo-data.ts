/**
 * Generates the demo facility data set: 48 made-up facilities (`demo: true`, names "示例·…") spread over all 20
 * townships, plus the three real hospital staff childcare points named in the district's 2024 report.
 * Deterministic (seeded PRNG): running it again gives the same files.
 *
 *   ./node_modules/.bin/node scripts/generate-demo-data.ts [--out src/districts/guichi/facilities]
 *
 * Existing `demo-*.yaml` files in the output folder are removed first; the hospital files are overwritten.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import gcoord from 'gcoord';
import { DISTRICTS, facilitiesDir } from '../src/districts/index.ts';
import { pointInMultiPolygon, type MultiPolygonCoords } from '../src/lib/geo/point-in-polygon.ts';
import type { CareForm, FacilityInput, FacilityType } from '../src/lib/schemas/facility.ts';
import { VERIFIABLE_FIELDS } from '../src/lib/schemas/facility-enums.ts';
import { writeFacilityYaml } from './lib/write-facility-yaml.ts';
import { seededRandom } from './lib/seeded-random.ts';

const SEED = 20240731;
const DEMO_SOURCE = '示例数据（非真实机构）';
const DEMO_COMMENT =
  '示例数据：虚构机构，仅用于演示。Demo record made up by scripts/generate-demo-data.ts; not a real facility.';

const prng = seededRandom;
let rand = prng(SEED);
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const round50 = (n: number) => Math.round(n / 50) * 50;
const pad = (n: number) => String(n).padStart(2, '0');
const date2026 = (fromMonth: number, toMonth: number) =>
  `2026-${pad(int(fromMonth, toMonth))}-${pad(int(1, 28))}`;
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Per township: ascii slug, rough centre [lng, lat] in GCJ-02, jitter in degrees, number of demo facilities. */
/** Guichi's demo data set: other districts ship a few examples of their own (docs/districts.md). */
const TOWNSHIPS = DISTRICTS.guichi.townships;

const PLAN: Record<string, { slug: string; center: [number, number]; spread: number; count: number }> = {
  '341702001': { slug: 'chiyang', center: [117.485, 30.66], spread: 0.01, count: 5 },
  '341702002': { slug: 'qiupu', center: [117.497, 30.648], spread: 0.01, count: 5 },
  '341702003': { slug: 'lishan', center: [117.47, 30.618], spread: 0.015, count: 3 },
  '341702004': { slug: 'jiangkou', center: [117.535, 30.69], spread: 0.015, count: 3 },
  '341702005': { slug: 'maya', center: [117.62, 30.72], spread: 0.02, count: 2 },
  '341702006': { slug: 'dunshang', center: [117.56, 30.64], spread: 0.015, count: 2 },
  '341702007': { slug: 'meilong', center: [117.4, 30.635], spread: 0.015, count: 2 },
  '341702008': { slug: 'qiujiang', center: [117.33, 30.645], spread: 0.015, count: 2 },
  '341702009': { slug: 'xinghuacun', center: [117.505, 30.672], spread: 0.01, count: 3 },
  '341702010': { slug: 'qingfeng', center: [117.472, 30.645], spread: 0.01, count: 4 },
  '341702011': { slug: 'qingxi', center: [117.455, 30.665], spread: 0.01, count: 4 },
  '341702100': { slug: 'yinhui', center: [117.57, 30.52], spread: 0.03, count: 1 },
  '341702101': { slug: 'niutoushan', center: [117.7, 30.67], spread: 0.02, count: 1 },
  '341702102': { slug: 'juanqiao', center: [117.33, 30.54], spread: 0.03, count: 1 },
  '341702103': { slug: 'meijie', center: [117.56, 30.36], spread: 0.03, count: 2 },
  '341702104': { slug: 'meicun', center: [117.42, 30.42], spread: 0.03, count: 1 },
  '341702105': { slug: 'tangtian', center: [117.28, 30.4], spread: 0.03, count: 2 },
  '341702106': { slug: 'pailou', center: [117.68, 30.44], spread: 0.03, count: 2 },
  '341702107': { slug: 'wusha', center: [117.27, 30.605], spread: 0.02, count: 1 },
  '341702108': { slug: 'tangxi', center: [117.6, 30.3], spread: 0.03, count: 2 },
};

/** Name words: Chinese, English, slug. */
const WORDS: readonly (readonly [string, string, string])[] = [
  ['阳光', 'Sunshine', 'sunshine'],
  ['小树苗', 'Sapling', 'sapling'],
  ['彩虹', 'Rainbow', 'rainbow'],
  ['星星', 'Little Star', 'star'],
  ['向日葵', 'Sunflower', 'sunflower'],
  ['蒲公英', 'Dandelion', 'dandelion'],
  ['童心', 'Young Hearts', 'young-hearts'],
  ['春苗', 'Spring Shoots', 'spring-shoots'],
  ['晨曦', 'Dawn', 'dawn'],
  ['萌芽', 'Sprout', 'sprout'],
  ['小太阳', 'Little Sun', 'little-sun'],
  ['爱心', 'Loving Care', 'loving-care'],
];
const EMPLOYERS: readonly (readonly [string, string, string])[] = [
  ['工业园', 'Industrial Park', 'industrial-park'],
  ['商务中心', 'Business Centre', 'business-centre'],
  ['物流园', 'Logistics Park', 'logistics-park'],
  ['科创园', 'Innovation Park', 'innovation-park'],
  ['电力公司', 'Power Company', 'power-company'],
];
const SUFFIX: Record<Exclude<FacilityType, 'hospital_site'>, readonly [string, string, string]> = {
  childcare_center: ['托育园', 'Nursery', ''],
  kindergarten_class: ['幼儿园托班', 'Kindergarten Nursery Class', 'kindergarten'],
  community_point: ['社区托育点', 'Community Childcare Point', 'community'],
  employer_site: ['职工托育点', 'Staff Childcare Point', 'staff'],
};
const TYPE_COUNTS: [Exclude<FacilityType, 'hospital_site'>, number][] = [
  ['childcare_center', 22],
  ['kindergarten_class', 12],
  ['community_point', 9],
  ['employer_site', 5],
];
const AGES = [
  [6, 36],
  [12, 36],
  [18, 36],
  [24, 36],
] as const;
const HOURS = [
  '周一至周五 7:30–17:30',
  '周一至周五 8:00–17:00',
  '周一至周六 7:30–18:00',
  '周一至周五 7:45–17:15',
];

export const BOUNDARY_FILE = 'src/districts/guichi/boundary.gcj02.geojson';

/** The district outline (GCJ-02 GeoJSON, one MultiPolygon feature) converted to WGS-84. Path relative to cwd. */
export async function outlineWgs84(file = BOUNDARY_FILE): Promise<MultiPolygonCoords> {
  const geojson = JSON.parse(await readFile(file, 'utf8'));
  const coords: [number, number][][][] = geojson.features[0].geometry.coordinates;
  return coords.map((polygon) =>
    polygon.map((ring) =>
      ring.map((p) => gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84) as [number, number]),
    ),
  );
}

function demoRecords(outline: MultiPolygonCoords): FacilityInput[] {
  const types = shuffle(
    TYPE_COUNTS.flatMap(([type, n]) => Array<Exclude<FacilityType, 'hospital_site'>>(n).fill(type)),
  );
  const records: FacilityInput[] = [];
  const phones = new Set<string>();
  let employer = 0;
  for (const township of TOWNSHIPS) {
    const plan = PLAN[township.code];
    const short = township.name.replace(/(街道|镇)$/, '');
    const shortEn = township.name_en.replace(/ (Subdistrict|Town)$/, '');
    const words = shuffle([...WORDS]);
    for (let k = 0; k < plan.count; k++) {
      const type = types[records.length];
      const [word, wordEn, wordSlug] = type === 'employer_site' ? EMPLOYERS[employer++] : words[k];
      const [suffix, suffixEn, suffixSlug] = SUFFIX[type];
      const id = ['demo', plan.slug, wordSlug, suffixSlug].filter(Boolean).join('-');
      const isPublic =
        type === 'community_point' ||
        (type === 'kindergarten_class'
          ? rand() < 0.75
          : type === 'employer_site'
            ? rand() < 0.4
            : rand() < 0.2);
      const inclusive = rand() < (isPublic ? 0.65 : 0.25);
      const ages = type === 'kindergarten_class' ? ([24, 36] as const) : pick(AGES);
      const places =
        type === 'childcare_center'
          ? int(3, 15) * 10
          : type === 'kindergarten_class'
            ? int(2, 4) * 10
            : int(10, 40);
      const care_forms: CareForm[] = ['full_day'];
      if (rand() < 0.5) care_forms.push('half_day');
      if (type !== 'kindergarten_class' && rand() < 0.35) care_forms.push('hourly');
      if (type !== 'kindergarten_class' && rand() < 0.25) care_forms.push('temporary');
      const full = round50(inclusive ? 800 + rand() * 1000 : 1600 + rand() * 1900);
      const fees: Partial<Record<CareForm, number>> = { full_day: full };
      if (care_forms.includes('half_day')) fees.half_day = Math.max(800, round50(full * 0.6));
      if (care_forms.includes('hourly')) fees.hourly = round50(800 + rand() * 500);
      if (care_forms.includes('temporary')) fees.temporary = round50(800 + rand() * 400);
      // Demo records carry no phone number (a random 0566 landline may ring a real person). The draw is kept
      // and discarded so that every other generated value stays what it was.
      let phone: string;
      do phone = `0566-2${String(int(0, 999999)).padStart(6, '0')}`;
      while (phones.has(phone));
      phones.add(phone);
      let location: [number, number];
      do {
        const gcj: [number, number] = [
          plan.center[0] + (rand() * 2 - 1) * plan.spread,
          plan.center[1] + (rand() * 2 - 1) * plan.spread,
        ];
        const wgs = gcoord.transform(gcj, gcoord.GCJ02, gcoord.WGS84) as [number, number];
        location = [Number(wgs[0].toFixed(6)), Number(wgs[1].toFixed(6))];
      } while (!pointInMultiPolygon(location, outline));
      const partner =
        township.type === '街道' ? `示例·${township.name}社区卫生服务中心` : `示例·${township.name}卫生院`;
      records.push({
        id,
        name: `示例·${short}${word}${suffix}`,
        name_en: `Example · ${shortEn} ${wordEn} ${suffixEn}`,
        type,
        ownership: isPublic ? 'public' : 'private',
        inclusive,
        township: township.code,
        address: `池州市贵池区${township.name}示例路${int(1, 299)}号（示例地址）`,
        location: { lat: location[1], lng: location[0], verified: false },
        ages: { min_months: ages[0], max_months: ages[1] },
        places,
        vacancies: { count: int(0, Math.floor(places * 0.4)), as_of: date2026(9, 11) },
        care_forms,
        hours: pick(HOURS),
        fees,
        health_partner: partner,
        source: DEMO_SOURCE,
        demo: true,
      });
      // No filing status, inspection or verified date on a made-up record: they would look like a real check.
      // The dates are drawn and discarded so the other values stay as before.
      date2026(3, 10);
      date2026(10, 11);
    }
  }
  // Demonstration levels mirror the district's real counts (1 province, 4 city, 4 district); the named ones are
  // childcare centres or kindergarten classes. A few others are not yet mapped.
  const order = shuffle(records.map((_, i) => i));
  const eligible = order.filter(
    (i) => records[i].type === 'childcare_center' || records[i].type === 'kindergarten_class',
  );
  const levels = [
    'province',
    'city',
    'city',
    'city',
    'city',
    'district',
    'district',
    'district',
    'district',
  ] as const;
  levels.forEach((level, n) => {
    records[eligible[n]].demonstration = { level, year: int(2022, 2025) };
  });
  const others = order.filter((i) => !records[i].demonstration);
  others.slice(0, 3).forEach(() => {
    date2026(4, 9);
  }); // formerly inspection dates: drawn so later values stay the same
  for (const i of others.slice(5, 8)) delete records[i].location;
  return records;
}

/**
 * The three hospital staff childcare points ("带着宝宝去上班") named in the 2024 report. The report gives their
 * names, that they serve hospital staff and that they work in "multiple modes" (多种模式); everything else is listed
 * under `unverified` and shown as 待核实 until the district checks it. No verified date: nobody has checked them yet.
 */
function hospitalRecords(): FacilityInput[] {
  const base: Pick<FacilityInput, 'type' | 'source' | 'unverified' | 'demo'> = {
    type: 'hospital_site',
    source: '贵池区卫生健康委员会工作报道（2024）',
    unverified: [...VERIFIABLE_FIELDS], // the report states none of them
    demo: false,
  };
  return [
    {
      ...base,
      id: 'hospital-chizhou-second-peoples',
      name: '池州市第二人民医院职工托育点',
      name_en: "Chizhou No. 2 People's Hospital Staff Childcare Point",
    },
    {
      ...base,
      id: 'hospital-chizhou-tcm',
      name: '池州市中医医院职工托育点',
      name_en: 'Chizhou Hospital of Traditional Chinese Medicine Staff Childcare Point',
    },
    {
      ...base,
      id: 'hospital-guichi-schistosomiasis',
      name: '贵池区血防专科医院职工托育点',
      name_en: 'Guichi District Schistosomiasis Hospital Staff Childcare Point',
    },
  ];
}

export async function main(argv: string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? argv[outIndex + 1] : facilitiesDir(DISTRICTS.guichi);
  if (!out) throw new Error('--out needs a folder');
  rand = prng(SEED);
  const demo = demoRecords(await outlineWgs84());
  const hospitals = hospitalRecords();
  for (const file of await readdir(out).catch(() => [] as string[])) {
    if (/^demo-.*\.yaml$/.test(file)) await rm(path.join(out, file));
  }
  for (const record of demo) await writeFacilityYaml(out, record, DEMO_COMMENT);
  for (const record of hospitals) {
    await writeFacilityYaml(
      out,
      record,
      '带着宝宝去上班：named in the district health commission report (2024), which gives only the name and "多种模式"; every other field is to be verified.',
    );
  }
  const ids = new Set([...demo, ...hospitals].map((r) => r.id));
  if (ids.size !== demo.length + hospitals.length) throw new Error('duplicate ids generated');
  console.log(`Wrote ${demo.length} demo and ${hospitals.length} hospital facilities to ${out}`);
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
