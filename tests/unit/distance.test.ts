import { describe, expect, test } from 'vitest';
import { distanceKm } from '../../src/lib/geo/distance.ts';

/** Mean Earth radius (IUGG) used by distanceKm. */
const R = 6371.0088;

describe('distanceKm (haversine, [lng, lat] in degrees)', () => {
  test('one degree of longitude on the equator is 2πR/360 ≈ 111.195 km', () => {
    expect(distanceKm([0, 0], [1, 0])).toBeCloseTo(111.19508, 4);
    expect(distanceKm([117, 0], [118, 0])).toBeCloseTo((2 * Math.PI * R) / 360, 9);
  });

  test('one degree of latitude anywhere is the same 111.195 km; a degree of longitude shrinks with cos(lat)', () => {
    expect(distanceKm([117.5, 30], [117.5, 31])).toBeCloseTo(111.19508, 4);
    // At 60° N a short east-west step is half as long as on the equator.
    expect(distanceKm([0, 60], [0.01, 60]) / distanceKm([0, 0], [0.01, 0])).toBeCloseTo(0.5, 5);
  });

  test('Nashville (BNA) → Los Angeles (LAX), Rosetta Code "Haversine formula": 2886.44444283798 km for R = 6371.0', () => {
    // https://rosettacode.org/wiki/Haversine_formula — BNA (36.12, -86.67), LAX (33.94, -118.40).
    const km = distanceKm([-86.67, 36.12], [-118.4, 33.94]);
    expect(km * (6371.0 / R)).toBeCloseTo(2886.44444283798, 6);
  });

  test('quarter and half of a great circle: pole to equator πR/2, antipodes πR', () => {
    expect(distanceKm([117.5, 90], [10, 0])).toBeCloseTo((Math.PI * R) / 2, 6);
    expect(distanceKm([0, 0], [180, 0])).toBeCloseTo(Math.PI * R, 6);
    expect(distanceKm([117.49, 30.66], [-62.51, -30.66])).toBeCloseTo(Math.PI * R, 3);
  });

  test('short distances in town are metres-accurate (0.001° of latitude ≈ 111 m)', () => {
    expect(distanceKm([117.4828, 30.6597], [117.4828, 30.6607]) * 1000).toBeCloseTo(111.195, 2);
  });

  test('zero for the same point', () => {
    expect(distanceKm([117.4828, 30.6597], [117.4828, 30.6597])).toBe(0);
    expect(distanceKm([0, 90], [123, 90])).toBeCloseTo(0, 9); // every longitude meets at the pole
  });

  test('symmetric', () => {
    const pairs: [[number, number], [number, number]][] = [
      [
        [117.4828, 30.6597],
        [117.3, 30.45],
      ],
      [
        [-86.67, 36.12],
        [-118.4, 33.94],
      ],
      [
        [179.9, 10],
        [-179.9, -10],
      ],
    ];
    for (const [a, b] of pairs) expect(distanceKm(a, b)).toBe(distanceKm(b, a));
  });

  test('crossing the antimeridian takes the short way', () => {
    expect(distanceKm([179.5, 0], [-179.5, 0])).toBeCloseTo(111.19508, 4);
  });
});
