/**
 * Coordinate systems. Our data is WGS-84; AMap and Tencent want GCJ-02, Baidu wants BD-09.
 * Conversion uses gcoord (a maintained library); this file only names the directions we need.
 */
import gcoord from 'gcoord';

/** [lng, lat] */
export type LngLat = [number, number];

export function wgs84ToGcj02(p: LngLat): LngLat {
  return gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as LngLat;
}
export function wgs84ToBd09(p: LngLat): LngLat {
  return gcoord.transform(p, gcoord.WGS84, gcoord.BD09) as LngLat;
}
export function gcj02ToWgs84(p: LngLat): LngLat {
  return gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84) as LngLat;
}

/** Rounds to 6 decimals (~0.1 m), enough for any map app and stable in URLs. */
export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
export function bd09ToWgs84(p: LngLat): LngLat {
  return gcoord.transform(p, gcoord.BD09, gcoord.WGS84) as LngLat;
}
