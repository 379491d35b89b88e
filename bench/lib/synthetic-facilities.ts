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
