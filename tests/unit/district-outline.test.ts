/**
 * The one district outline loader (src/lib/geo/outline.ts), used by the map's build data and by the importer:
 * every feature is read, Polygon and MultiPolygon alike, and each vertex is converted GCJ-02 → WGS-84 (checked
 * against the independent reference conversion in tests/support/geo-reference.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { LngLat } from '../../src/lib/geo/coords.ts';
import { BOUNDARY_FILE, outlineToWgs84 } from '../../src/lib/geo/outline.ts';
import { pointInGeometry } from '../../src/lib/geo/point-in-polygon.ts';
import { outlineToWgs84 as mapOutline } from '../../src/lib/map/build-data.ts';
import { refDistanceKm, refGcjToWgs } from '../support/geo-reference.ts';

/** A closed square ring around a centre, `r` degrees from it. */
const square = ([x, y]: LngLat, r: number): LngLat[] => [
  [x - r, y - r],
  [x + r, y - r],
  [x + r, y + r],
  [x - r, y + r],
  [x - r, y - r],
];
const A: LngLat = [117.45, 30.6];
const B: LngLat = [117.6, 30.4];
const C: LngLat = [117.3, 30.8];
const polygonFixture = { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(A, 0.05)] } };
const collection = {
  type: 'FeatureCollection',
  features: [
    polygonFixture,
    {
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: [[square(B, 0.05)], [square(C, 0.05)]] },
    },
  ],
};

describe('district outline loader', () => {
  test('a Polygon feature: one polygon, every vertex converted as the reference does', () => {
    const outline = outlineToWgs84(polygonFixture);
    expect(outline.type).toBe('MultiPolygon');
    expect(outline.coordinates).toHaveLength(1);
    square(A, 0.05).forEach((p, i) => {
      const got = outline.coordinates[0]![0]![i] as LngLat;
      expect(refDistanceKm(got, refGcjToWgs(p)) * 1000).toBeLessThan(0.5);
    });
  });

  test('every feature of a collection, Polygon and MultiPolygon: three polygons, each centre inside', () => {
    const outline = outlineToWgs84(collection);
    expect(outline.coordinates).toHaveLength(3);
    for (const centre of [A, B, C]) expect(pointInGeometry(refGcjToWgs(centre), outline)).toBe(true);
    expect(pointInGeometry(refGcjToWgs([117.5, 30.5]), outline)).toBe(false);
    // The first-feature-only reading the importer used to have would have missed B and C.
    expect(pointInGeometry(refGcjToWgs(B), outlineToWgs84(polygonFixture))).toBe(false);
  });

  test('the map build data and the importer share it (the real boundary gives the same outline)', () => {
    const boundary = JSON.parse(readFileSync(BOUNDARY_FILE, 'utf8'));
    expect(mapOutline).toBe(outlineToWgs84);
    expect(readFileSync('scripts/import-facilities.ts', 'utf8')).toContain(
      "from '../src/lib/geo/outline.ts'",
    );
    expect(outlineToWgs84(boundary).coordinates.length).toBeGreaterThan(0);
  });
});
