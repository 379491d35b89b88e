import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { outlineWgs84 } from '../../scripts/generate-demo-data.ts';
import {
  pointInGeometry,
  pointInMultiPolygon,
  pointInPolygon,
  pointInRing,
  type PolygonCoords,
} from '../../src/lib/geo/point-in-polygon.ts';
import { FacilitySchema } from '../../src/lib/schemas/facility.ts';

// A 10×10 square with a 4×4 hole in the middle (outer ring closed, hole open and clockwise).
const square: PolygonCoords = [
  [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ],
  [
    [3, 3],
    [3, 7],
    [7, 7],
    [7, 3],
  ],
];
// A concave "U": two arms joined at the bottom.
const u: PolygonCoords = [
  [
    [0, 0],
    [9, 0],
    [9, 9],
    [6, 9],
    [6, 3],
    [3, 3],
    [3, 9],
    [0, 9],
  ],
];

describe('pointInRing / pointInPolygon', () => {
  test('points inside', () => {
    expect(pointInRing([1, 1], square[0])).toBe(true);
    expect(pointInPolygon([1, 1], square)).toBe(true);
    expect(pointInPolygon([9.99, 5], square)).toBe(true);
    expect(pointInPolygon([1, 8], u)).toBe(true);
    expect(pointInPolygon([7.5, 8], u)).toBe(true);
  });

  test('points outside', () => {
    expect(pointInPolygon([-1, 5], square)).toBe(false);
    expect(pointInPolygon([11, 5], square)).toBe(false);
    expect(pointInPolygon([5, 10.01], square)).toBe(false);
    expect(pointInPolygon([4.5, 6], u)).toBe(false); // in the notch of the U
    expect(pointInPolygon([1, 1], [])).toBe(false);
  });

  test('points in a hole are outside the polygon but inside its outer ring', () => {
    expect(pointInRing([5, 5], square[0])).toBe(true);
    expect(pointInPolygon([5, 5], square)).toBe(false);
    expect(pointInPolygon([2.9, 5], square)).toBe(true);
  });

  test('ring orientation and the closing point do not matter', () => {
    const reversed = [...square[0]].reverse();
    expect(pointInRing([1, 1], reversed)).toBe(true);
    expect(pointInRing([1, 1], square[0].slice(0, -1))).toBe(true);
  });

  test('multipolygons and geometries', () => {
    const far: PolygonCoords = [
      [
        [20, 20],
        [30, 20],
        [30, 30],
        [20, 30],
      ],
    ];
    expect(pointInMultiPolygon([25, 25], [square, far])).toBe(true);
    expect(pointInMultiPolygon([15, 15], [square, far])).toBe(false);
    expect(pointInMultiPolygon([5, 5], [square, far])).toBe(false);
    expect(pointInGeometry([1, 1], { type: 'Polygon', coordinates: square })).toBe(true);
    expect(pointInGeometry([25, 25], { type: 'MultiPolygon', coordinates: [square, far] })).toBe(true);
  });
});

describe('the district outline and the facility data', () => {
  const dir = path.join(process.cwd(), 'src/districts/guichi/facilities');
  const facilities = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({
      file: f,
      data: FacilitySchema.parse(YAML.parse(readFileSync(path.join(dir, f), 'utf8'))),
    }));

  test('the WGS-84 outline contains the district centre and not places outside it', async () => {
    const outline = await outlineWgs84();
    expect(pointInMultiPolygon([117.4828, 30.6597], outline)).toBe(true); // centre of Chizhou (WGS-84)
    expect(pointInMultiPolygon([117.8, 30.1], outline)).toBe(false); // south of the district
    expect(pointInMultiPolygon([116.99, 30.51], outline)).toBe(false); // Anqing, across the Yangtze
  });

  const demo = facilities.filter((f) => f.data.demo).map((f) => f.data);

  test.skipIf(demo.length === 0)(
    'every demo facility with a location lies inside the WGS-84 district outline',
    async () => {
      const outline = await outlineWgs84();
      const located = facilities.filter((f) => f.data.demo && f.data.location);
      expect(located.length).toBeGreaterThan(0);
      const outside = located
        .filter(({ data: { location } }) => !pointInMultiPolygon([location!.lng, location!.lat], outline))
        .map((f) => f.file);
      expect(outside).toEqual([]);
    },
  );

  // Skipped once the district has replaced the demo data with its filing list.
  test.skipIf(demo.length === 0)(
    'the demo data set: 48 records over all 20 townships, 3 not mapped, 9 demonstration',
    () => {
      expect(demo).toHaveLength(48);
      expect(new Set(demo.map((f) => f.township)).size).toBe(20);
      expect(demo.filter((f) => !f.location)).toHaveLength(3);
      const levels = demo.flatMap((f) => (f.demonstration ? [f.demonstration.level] : [])).sort();
      expect(levels).toEqual([
        'city',
        'city',
        'city',
        'city',
        'district',
        'district',
        'district',
        'district',
        'province',
      ]);
    },
  );
});
