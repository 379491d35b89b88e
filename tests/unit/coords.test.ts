/**
 * Coordinate conversion against values published by independent projects (not computed by gcoord):
 *  - googollee/eviltransform, javascript/test.js (also python/test.py): WGS-84 ↔ GCJ-02 for Shanghai, Shenzhen,
 *    Beijing, given there as [wgsLat, wgsLng, gcjLat, gcjLng]; its exact inverse is checked to within 0.5 m.
 *  - wyxloading/coordtransform-rs, tests/tests.rs: wgs84_to_gcj02 / wgs84_to_bd09 / gcj02_to_bd09 of
 *    (116.404, 39.915), given there as (lng, lat).
 */
import { describe, expect, test } from 'vitest';
import { gcj02ToWgs84, round6, wgs84ToBd09, wgs84ToGcj02, type LngLat } from '../../src/lib/geo/coords.ts';
import { distanceKm } from '../../src/lib/geo/distance.ts';
import { navigationLinks } from '../../src/lib/geo/navigation.ts';

const EVILTRANSFORM: [string, number, number, number, number][] = [
  // name, wgsLat, wgsLng, gcjLat, gcjLng
  ['Shanghai', 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
  ['Shenzhen', 22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
  ['Beijing', 39.911954, 116.377817, 39.91334545536069, 116.38404722455657],
];
const TIANANMEN_WGS: LngLat = [116.404, 39.915];
const TIANANMEN_GCJ: LngLat = [116.41024449916938, 39.91640428150164];
const TIANANMEN_BD: LngLat = [116.41662724378733, 39.922699552216216];

const EPS = 1e-5;
function expectNear(actual: LngLat, expected: LngLat, eps = EPS) {
  expect(Math.abs(actual[0] - expected[0]), `lng ${actual[0]} vs ${expected[0]}`).toBeLessThan(eps);
  expect(Math.abs(actual[1] - expected[1]), `lat ${actual[1]} vs ${expected[1]}`).toBeLessThan(eps);
}
const metres = (a: LngLat, b: LngLat) => distanceKm(a, b) * 1000;

describe('WGS-84 → GCJ-02', () => {
  test.each(EVILTRANSFORM)('%s (eviltransform)', (_, wLat, wLng, gLat, gLng) => {
    expectNear(wgs84ToGcj02([wLng, wLat]), [gLng, gLat]);
  });
  test('Tiananmen (coordtransform-rs)', () => {
    expectNear(wgs84ToGcj02(TIANANMEN_WGS), TIANANMEN_GCJ);
  });
  test('the offset is real: hundreds of metres, not zero', () => {
    const m = metres(TIANANMEN_WGS, wgs84ToGcj02(TIANANMEN_WGS));
    expect(m).toBeGreaterThan(100);
    expect(m).toBeLessThan(1000);
  });
});

describe('WGS-84 → BD-09', () => {
  test('Tiananmen (coordtransform-rs)', () => {
    expectNear(wgs84ToBd09(TIANANMEN_WGS), TIANANMEN_BD);
  });
  test('is GCJ-02 plus the Baidu offset, not GCJ-02 itself', () => {
    expect(metres(wgs84ToBd09(TIANANMEN_WGS), TIANANMEN_GCJ)).toBeGreaterThan(500);
  });
});

describe('GCJ-02 → WGS-84', () => {
  test.each(EVILTRANSFORM)('%s (eviltransform)', (_, wLat, wLng, gLat, gLng) => {
    expectNear(gcj02ToWgs84([gLng, gLat]), [wLng, wLat]);
    expect(metres(gcj02ToWgs84([gLng, gLat]), [wLng, wLat])).toBeLessThan(0.5);
  });

  test('round trip WGS → GCJ → WGS stays within 1 m across Guichi', () => {
    for (let lng = 117.2; lng <= 117.9; lng += 0.1) {
      for (let lat = 30.2; lat <= 30.9; lat += 0.1) {
        const p: LngLat = [lng, lat];
        expect(metres(gcj02ToWgs84(wgs84ToGcj02(p)), p), `${p}`).toBeLessThan(1);
      }
    }
  });
});

describe('outside China', () => {
  test.each([
    ['Paris', [2.3522, 48.8566]],
    ['New York', [-74.006, 40.7128]],
    ['Sydney', [151.2093, -33.8688]],
    ['Tokyo', [139.6917, 35.6895]],
  ] as [string, LngLat][])('%s is not shifted', (_, p) => {
    expect(wgs84ToGcj02(p)).toEqual(p);
    expect(gcj02ToWgs84(p)).toEqual(p);
  });
});

describe('navigationLinks: a route to the facility, in each documented URI format', () => {
  const name = '示例·池阳 A&B 托育园';
  const links = navigationLinks(TIANANMEN_WGS, name, { app: 'tuoyu-test', city: '池州市' });
  const gcj = `${round6(TIANANMEN_GCJ[0])},${round6(TIANANMEN_GCJ[1])}`; // 116.410244,39.916404
  const params = (link: string) => Object.fromEntries(new URL(link).searchParams);

  test('AMap (uri.amap.com/navigation): to=lon,lat,name in GCJ-02; no from (the phone position), no mode (left to the app)', () => {
    const url = new URL(links.amap);
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/navigation');
    expect(url.searchParams.get('to')).toBe(`116.410244,39.916404,${name}`);
    expect(url.searchParams.get('to')!.startsWith(gcj)).toBe(true);
    expect(params(links.amap)).toEqual({ to: `${gcj},${name}`, callnative: '1', src: 'tuoyu-test' });
  });

  test('Baidu (api.map.baidu.com/direction): destination=latlng:lat,lng|name in BD-09 with coord_type=bd09ll, required mode and origin', () => {
    const url = new URL(links.baidu);
    expect(url.origin + url.pathname).toBe('https://api.map.baidu.com/direction');
    expect(params(links.baidu)).toEqual({
      origin: '我的位置',
      destination: `latlng:39.9227,116.416627|name:${name}`,
      mode: 'driving',
      region: '池州市',
      coord_type: 'bd09ll',
      output: 'html',
      src: 'tuoyu-test',
    });
  });

  test('Tencent (apis.map.qq.com/uri/v1/routeplan): type=drive, to=name, tocoord=lat,lng in GCJ-02, no from', () => {
    const url = new URL(links.tencent);
    expect(url.origin + url.pathname).toBe('https://apis.map.qq.com/uri/v1/routeplan');
    expect(params(links.tencent)).toEqual({
      type: 'drive',
      to: name,
      tocoord: '39.916404,116.410244',
      referer: 'tuoyu-test',
    });
  });

  test('names are URL-encoded: no raw spaces, & or CJK in any link', () => {
    const encoded = encodeURIComponent(name);
    for (const link of Object.values(links)) {
      expect(link).toContain(encoded);
      expect(link).not.toMatch(/[\s\u4e00-\u9fff·|]|A&B/);
    }
  });
});
