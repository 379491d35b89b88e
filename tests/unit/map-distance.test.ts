/** "Near me" on the map: haversine distances against known values, and the within-radius list, nearest first. */
import { describe, expect, test } from 'vitest';
import { distanceKm } from '../../src/lib/geo/distance.ts';
import { nearby, NEAR_RADII_KM } from '../../src/lib/map/nearby.ts';

/** Degrees of latitude per km on a sphere of the IUGG mean radius (6371.0088 km). */
const DEG_PER_KM = 360 / (2 * Math.PI * 6371.0088);
const here: [number, number] = [117.49, 30.66];
const north = (km: number): [number, number] => [here[0], here[1] + km * DEG_PER_KM];

describe('distanceKm, known values', () => {
  test('1 km due north is 1 km; 1° of latitude is 111.195 km', () => {
    expect(distanceKm(here, north(1))).toBeCloseTo(1, 9);
    expect(distanceKm([117.5, 30], [117.5, 31])).toBeCloseTo(111.19508, 4);
  });

  test('1 km due east at Guichi is 1 km (a degree of longitude shrinks with cos(lat))', () => {
    const east: [number, number] = [here[0] + DEG_PER_KM / Math.cos((here[1] * Math.PI) / 180), here[1]];
    expect(distanceKm(here, east)).toBeCloseTo(1, 6);
  });

  test('Nashville → Los Angeles, Rosetta Code "Haversine formula": 2887.2599506071106 km for R = 6372.8 km', () => {
    expect(distanceKm([-86.67, 36.12], [-118.4, 33.94]) * (6372.8 / 6371.0088)).toBeCloseTo(
      2887.2599506071106,
      6,
    );
  });
});

describe('nearby()', () => {
  const items = [
    { id: 'far', lngLat: north(4.2) },
    { id: 'none', lngLat: null },
    { id: 'one', lngLat: north(0.99) },
    { id: 'tieA', lngLat: north(2) },
    { id: 'edge', lngLat: north(3) },
    { id: 'tieB', lngLat: [here[0], here[1] - 2 * DEG_PER_KM] as [number, number] },
    { id: 'beyond', lngLat: north(5.01) },
  ];

  test('offers 1, 3, 5 and 10 km, and the whole district (0)', () => {
    expect([...NEAR_RADII_KM]).toEqual([1, 3, 5, 10, 0]);
  });

  test('radius 0 is the whole district: every located item, nearest first', () => {
    expect(nearby(items, here, 0).map((x) => x.item.id)).toEqual([
      'one',
      'tieA',
      'tieB',
      'edge',
      'far',
      'beyond',
    ]);
  });

  test('within the radius (the edge counts), nearest first, ties in the given order, no position skipped', () => {
    expect(nearby(items, here, 1).map((x) => x.item.id)).toEqual(['one']);
    expect(nearby(items, here, 3 + 1e-9).map((x) => x.item.id)).toEqual(['one', 'tieA', 'tieB', 'edge']);
    expect(nearby(items, here, 5).map((x) => x.item.id)).toEqual(['one', 'tieA', 'tieB', 'edge', 'far']);
  });

  test('gives each distance in km', () => {
    const [first] = nearby(items, here, 1);
    expect(first!.km).toBeCloseTo(0.99, 9);
  });
});
