/**
 * Base maps the site can be configured with (PUBLIC_MAP_BASE). Pure data: which tile URLs, which datum the tiles
 * are drawn in, and which attribution to show. Browser code: no imports with runtime weight.
 */
export const MAP_BASES = ['none', 'osm', 'tianditu', 'amap'] as const;
export type MapBase = (typeof MAP_BASES)[number];

/** WGS-84 data is drawn as is on WGS-84 / CGCS2000 tiles; GCJ-02 tiles (AMap) need every point converted. */
export type Datum = 'wgs84' | 'gcj02';

export interface TileSpec {
  url: string;
  subdomains: string;
  maxNativeZoom: number;
}

export interface BaseSpec {
  base: MapBase;
  datum: Datum;
  tiles: TileSpec[];
}

const TIANDITU = (layer: 'vec' | 'cva', key: string) =>
  `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default` +
  `&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;

/**
 * The tiles for a configured base. Unknown values, and Tianditu without a key, fall back to `none`: the map then
 * shows the district outline and the markers on a plain background, which works offline.
 */
export function baseSpec(base: string | undefined, tiandituKey?: string): BaseSpec {
  switch (base) {
    case 'osm':
      return {
        base,
        datum: 'wgs84',
        tiles: [
          { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', subdomains: 'abc', maxNativeZoom: 19 },
        ],
      };
    case 'tianditu':
      if (!tiandituKey) break;
      // CGCS2000 differs from WGS-84 by centimetres: no conversion.
      return {
        base,
        datum: 'wgs84',
        tiles: [
          { url: TIANDITU('vec', tiandituKey), subdomains: '01234567', maxNativeZoom: 18 },
          { url: TIANDITU('cva', tiandituKey), subdomains: '01234567', maxNativeZoom: 18 },
        ],
      };
    case 'amap':
      return {
        base,
        datum: 'gcj02',
        tiles: [
          {
            url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
            subdomains: '1234',
            maxNativeZoom: 18,
          },
        ],
      };
  }
  return { base: 'none', datum: 'wgs84', tiles: [] };
}
