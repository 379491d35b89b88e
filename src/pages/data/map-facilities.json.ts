/** The map's data: every facility, compact, WGS-84, with detail paths and navigation links (see lib/map/types.ts). */
import type { APIRoute } from 'astro';
import { getFacilities } from '../../lib/facilities/index.ts';
import { toMapFacility } from '../../lib/map/build-data.ts';
import type { MapData } from '../../lib/map/types.ts';

export const GET: APIRoute = async () => {
  const data: MapData = { facilities: (await getFacilities()).map((f) => toMapFacility(f)) };
  return new Response(JSON.stringify(data), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
