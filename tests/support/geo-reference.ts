/**
 * Reference geometry for tests, written from the published formulas and independent of src/lib/geo, so expected
 * values never come from the code under test:
 * - WGS-84 → GCJ-02 (Krasovsky 1940 ellipsoid, as in eviltransform); GCJ-02 → WGS-84 by fixed-point iteration on it;
 * - great-circle distance (haversine, atan2 form) on the IUGG mean Earth radius (6371.0088 km).
 */
export type LngLat = [number, number];

const A = 6378245.0;
const EE = 0.006693421622965943; // 0.00669342162296594323 rounded to what a double holds

export function refWgsToGcj([lng, lat]: LngLat): LngLat {
  const x = lng - 105;
  const y = lat - 35;
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  dLat += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  dLat += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  let dLng = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLng += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  dLng += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  dLng += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  const radLat = (lat / 180) * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  return [
    lng + (dLng * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI),
    lat + (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI),
  ];
}

export function refGcjToWgs(gcj: LngLat): LngLat {
  let wgs: LngLat = [gcj[0], gcj[1]];
  for (let i = 0; i < 30; i++) {
    const back = refWgsToGcj(wgs);
    wgs = [wgs[0] - (back[0] - gcj[0]), wgs[1] - (back[1] - gcj[1])];
  }
  return wgs;
}

/** Kilometres between two WGS-84 points: the haversine formula in its atan2 form. */
export function refDistanceKm(a: LngLat, b: LngLat): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b[1] - a[1]) / 2) ** 2 +
    Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(rad(b[0] - a[0]) / 2) ** 2;
  return 6371.0088 * 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}
