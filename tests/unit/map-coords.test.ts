/**
 * Coordinates on the map: the district outline is converted once at build time from GCJ-02 to WGS-84 (checked
 * vertex by vertex against an independent implementation of the published GCJ-02 formula), every facility lies
 * inside it, and each base map says which datum its tiles use, so AMap (GCJ-02) gets converted points.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import boundaryText from '../../src/districts/guichi/boundary.gcj02.geojson?raw';
import { outlineToWgs84 } from '../../src/lib/map/build-data.ts';
import { baseSpec, MAP_BASES } from '../../src/lib/map/base-layers.ts';
import { wgs84ToGcj02, type LngLat } from '../../src/lib/geo/coords.ts';
import { pointInGeometry } from '../../src/lib/geo/point-in-polygon.ts';
import { loadFacilities } from '../../src/lib/facilities/load.ts';
import { refDistanceKm, refGcjToWgs, refWgsToGcj } from '../support/geo-reference.ts';

const metres = (a: LngLat, b: LngLat) => refDistanceKm(a, b) * 1000;

const boundary = JSON.parse(boundaryText) as {
  features: { geometry: { type: 'MultiPolygon'; coordinates: LngLat[][][] } }[];
};
const gcjRings = boundary.features.flatMap((f) => f.geometry.coordinates.flat());
const outline = outlineToWgs84(boundary);
const wgsRings = outline.coordinates.flat();

describe('district outline, GCJ-02 → WGS-84 at build time', () => {
  test('keeps every polygon, ring and vertex', () => {
    expect(wgsRings.map((r) => r.length)).toEqual(gcjRings.map((r) => r.length));
    expect(wgsRings.flat().length).toBeGreaterThan(100);
  });

  test('sampled vertices match the reference conversion within 0.5 m', () => {
    const ring = wgsRings[0]!;
    for (const i of [
      0,
      1,
      Math.floor(ring.length / 4),
      Math.floor(ring.length / 2),
      Math.floor((3 * ring.length) / 4),
      ring.length - 2,
    ]) {
      const expected = refGcjToWgs(gcjRings[0]![i]!);
      expect(metres(ring[i]!, expected), `vertex ${i}`).toBeLessThan(0.5);
    }
  });

  test('the conversion really moves points (by 100–700 m), and converting back lands on the file within 1 m', () => {
    for (const [r, ring] of wgsRings.entries()) {
      for (let i = 0; i < ring.length; i += 25) {
        const moved = metres(ring[i]!, gcjRings[r]![i]!);
        expect(moved).toBeGreaterThan(100);
        expect(moved).toBeLessThan(700);
        expect(metres(wgs84ToGcj02(ring[i]!), gcjRings[r]![i]!)).toBeLessThan(1);
      }
    }
  });

  test('every located facility lies inside the WGS-84 outline', () => {
    const outside = loadFacilities()
      .filter((f) => f.location && !pointInGeometry([f.location.lng, f.location.lat], outline))
      .map((f) => f.id);
    expect(outside).toEqual([]);
  });

  test('dist/data/district-outline.json is exactly this conversion', () => {
    const file = 'dist/data/district-outline.json';
    expect(existsSync(file), `${file} is missing: run astro build first (npm run build)`).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(outline);
  });
});

describe('base maps and their datum', () => {
  test('none, OSM and Tianditu (CGCS2000 ≈ WGS-84) draw WGS-84 as is; AMap tiles are GCJ-02', () => {
    expect(MAP_BASES.map((b) => [b, baseSpec(b, 'key').datum])).toEqual([
      ['none', 'wgs84'],
      ['osm', 'wgs84'],
      ['tianditu', 'wgs84'],
      ['amap', 'gcj02'],
    ]);
  });

  test('the default and unknown values have no tiles (offline); Tianditu without a key falls back to none', () => {
    expect(baseSpec(undefined)).toEqual({ base: 'none', datum: 'wgs84', tiles: [] });
    expect(baseSpec('google')).toEqual({ base: 'none', datum: 'wgs84', tiles: [] });
    expect(baseSpec('tianditu', '').base).toBe('none');
  });

  test('Tianditu: vector and label layers, 8 subdomains, the key in every URL', () => {
    const spec = baseSpec('tianditu', 'a b&c');
    expect(spec.tiles.map((t) => t.url.match(/LAYER=(\w+)/)![1])).toEqual(['vec', 'cva']);
    for (const t of spec.tiles) {
      expect(t.url).toMatch(
        /^https:\/\/t\{s\}\.tianditu\.gov\.cn\/(vec|cva)_w\/wmts\?SERVICE=WMTS&REQUEST=GetTile/,
      );
      expect(t.url).toContain('TILEMATRIX={z}&TILEROW={y}&TILECOL={x}');
      expect(t.url.endsWith('&tk=a%20b%26c')).toBe(true);
      expect(t.subdomains).toBe('01234567');
    }
  });

  test('a facility drawn on AMap is its GCJ-02 twin, hundreds of metres from the WGS-84 point', () => {
    const f = loadFacilities().find((x) => x.location)!;
    const wgs: LngLat = [f.location!.lng, f.location!.lat];
    const twin = wgs84ToGcj02(wgs);
    expect(metres(twin, refWgsToGcj(wgs))).toBeLessThan(0.5);
    expect(metres(twin, wgs)).toBeGreaterThan(100);
  });
});
