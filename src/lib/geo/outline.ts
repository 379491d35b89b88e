/**
 * The one loader of the district outline, shared by the map (src/pages/data/district-outline.json.ts through
 * src/lib/map/build-data.ts) and the importer's "inside the district" check (scripts/import-facilities.ts):
 * a GeoJSON FeatureCollection, Feature or bare geometry in GCJ-02, every feature read, Polygon and MultiPolygon
 * alike, converted once to WGS-84 (6 decimals, ~0.1 m). Pure: the caller reads the file.
 */
import { outlinePath } from '../../districts/index.ts';
import type { DistrictOutline } from '../map/types.ts';
import { gcj02ToWgs84, round6, type LngLat } from './coords.ts';

/** The selected district's boundary file, relative to the project root (src/districts/<id>/). */
export const BOUNDARY_FILE = outlinePath();

type Geometry = { type: string; coordinates?: unknown; geometries?: Geometry[] };
type GeoJson =
  | Geometry
  | { type: 'Feature'; geometry: Geometry | null }
  | { type: 'FeatureCollection'; features: { geometry: Geometry | null }[] };

/** The polygonal geometries of any GeoJSON object (features, geometry collections and bare geometries). */
function geometries(g: GeoJson | Geometry | null | undefined): Geometry[] {
  if (!g) return [];
  if (g.type === 'FeatureCollection')
    return (g as { features: { geometry: Geometry | null }[] }).features.flatMap((f) =>
      geometries(f.geometry),
    );
  if (g.type === 'Feature') return geometries((g as { geometry: Geometry | null }).geometry);
  if (g.type === 'GeometryCollection') return ((g as Geometry).geometries ?? []).flatMap(geometries);
  return g.type === 'Polygon' || g.type === 'MultiPolygon' ? [g as Geometry] : [];
}

/** Every polygon of a GCJ-02 GeoJSON outline, as one WGS-84 MultiPolygon. */
export function outlineToWgs84(boundary: unknown): DistrictOutline {
  const polygons: [number, number][][][] = [];
  for (const geometry of geometries(boundary as GeoJson)) {
    const list = (
      geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
    ) as LngLat[][][];
    for (const polygon of list)
      polygons.push(polygon.map((ring) => ring.map((p) => gcj02ToWgs84([p[0], p[1]]).map(round6) as LngLat)));
  }
  return { type: 'MultiPolygon', coordinates: polygons };
}
