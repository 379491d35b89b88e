/** Open data: every facility as CSV (UTF-8 with BOM, opens in Excel), with the import command's headers. */
import type { APIRoute } from 'astro';
import { getFacilities } from '../../lib/facilities/index.ts';
import { facilitiesToCsv } from '../../lib/facilities/open-data.ts';

export const GET: APIRoute = async () =>
  new Response(facilitiesToCsv(await getFacilities()), {
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  });
