/** Open data: every located facility as a GeoJSON FeatureCollection (WGS-84, RFC 7946). */
import type { APIRoute } from 'astro';
import { getFacilities } from '../../lib/facilities/index.ts';
import { facilitiesToGeoJson } from '../../lib/facilities/open-data.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(facilitiesToGeoJson(await getFacilities())), {
    headers: { 'content-type': 'application/geo+json; charset=utf-8' },
  });
