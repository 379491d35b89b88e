/** The configuration-derived parts of the pages' CSP: tile hosts per base map, the API origin, no unsafe-inline. */
import { describe, expect, test } from 'vitest';
import { baseSpec } from '../../src/lib/map/base-layers.ts';
import { pageCspDirectives, tileOrigins } from '../../src/lib/security/csp.ts';

describe('tile hosts allowed in img-src', () => {
  test.each([
    ['none', undefined, []],
    ['osm', undefined, ['https://tile.openstreetmap.org']],
    [
      'tianditu',
      'k',
      [
        'https://t0.tianditu.gov.cn',
        'https://t1.tianditu.gov.cn',
        'https://t2.tianditu.gov.cn',
        'https://t3.tianditu.gov.cn',
        'https://t4.tianditu.gov.cn',
        'https://t5.tianditu.gov.cn',
        'https://t6.tianditu.gov.cn',
        'https://t7.tianditu.gov.cn',
      ],
    ],
    ['tianditu', undefined, []], // without a key the map falls back to no tiles
    [
      'amap',
      undefined,
      [
        'https://webrd01.is.autonavi.com',
        'https://webrd02.is.autonavi.com',
        'https://webrd03.is.autonavi.com',
        'https://webrd04.is.autonavi.com',
      ],
    ],
  ] as const)('%s (key %s)', (base, key, expected) => {
    expect(tileOrigins(baseSpec(base, key))).toEqual(expected);
  });
});

test('connect-src is the site and the API origin; img-src adds the tiles; nothing unsafe', () => {
  const directives = pageCspDirectives({
    supabaseUrl: 'https://abc.supabase.co/some/path',
    tileOrigins: ['https://tile.openstreetmap.org'],
  });
  expect(directives).toContain("connect-src 'self' https://abc.supabase.co");
  expect(directives).toContain("img-src 'self' data: https://tile.openstreetmap.org");
  expect(directives).toContain("default-src 'self'");
  expect(directives.join(';')).not.toMatch(/unsafe|\*/);
});
