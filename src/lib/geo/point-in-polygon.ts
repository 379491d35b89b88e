/**
 * Point-in-polygon tests by ray casting (even–odd rule), for GeoJSON-shaped coordinates.
 * Pure and dependency-free; positions are `[lng, lat]` as in GeoJSON, in whatever datum the polygon uses.
 * A point exactly on an edge may count either way, which is fine for "is this facility in the district?".
 */

/** `[lng, lat]` (GeoJSON order). Extra members such as altitude are ignored. */
export type Position = readonly [number, number, ...number[]];
/** A closed or open ring of positions. */
export type Ring = readonly Position[];
/** GeoJSON Polygon coordinates: the outer ring, then any holes. */
export type PolygonCoords = readonly Ring[];
/** GeoJSON MultiPolygon coordinates. */
export type MultiPolygonCoords = readonly PolygonCoords[];

export type PolygonalGeometry =
  | { readonly type: 'Polygon'; readonly coordinates: PolygonCoords }
  | { readonly type: 'MultiPolygon'; readonly coordinates: MultiPolygonCoords };

/** True when the point is inside the ring (the ring's orientation and closing point do not matter). */
export function pointInRing(point: Position, ring: Ring): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    // Does the horizontal ray to the right of the point cross edge (j → i)?
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point is inside the outer ring and not inside any hole. */
export function pointInPolygon(point: Position, polygon: PolygonCoords): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !pointInRing(point, outer)) return false;
  return !holes.some((hole) => pointInRing(point, hole));
}

/** True when the point is inside any of the polygons. */
export function pointInMultiPolygon(point: Position, polygons: MultiPolygonCoords): boolean {
  return polygons.some((polygon) => pointInPolygon(point, polygon));
}

/** True when the point is inside a GeoJSON Polygon or MultiPolygon geometry. */
export function pointInGeometry(point: Position, geometry: PolygonalGeometry): boolean {
  return geometry.type === 'Polygon'
    ? pointInPolygon(point, geometry.coordinates)
    : pointInMultiPolygon(point, geometry.coordinates);
}
