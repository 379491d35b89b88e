/** The district outline for the map, converted once at build time from the GCJ-02 boundary file to WGS-84. */
import type { APIRoute } from 'astro';
import boundary from '../../districts/guichi/boundary.gcj02.geojson?raw';
import { outlineToWgs84 } from '../../lib/map/build-data.ts';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(outlineToWgs84(JSON.parse(boundary))), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
