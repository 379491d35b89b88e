/** The district outline for the map, converted once at build time from the GCJ-02 boundary file to WGS-84. */
import type { APIRoute } from 'astro';
import { DISTRICT } from '../../districts/index.ts';
import { outlineToWgs84 } from '../../lib/map/build-data.ts';

/** Every district's outline file, read at build time; the selected district's is served. */
const OUTLINES = import.meta.glob<string>('../../districts/*/*.geojson', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const GET: APIRoute = () => {
  const boundary = OUTLINES[`../../districts/${DISTRICT.id}/${DISTRICT.outline.file}`];
  if (!boundary) throw new Error(`src/districts/${DISTRICT.id}/${DISTRICT.outline.file} is missing`);
  return new Response(JSON.stringify(outlineToWgs84(JSON.parse(boundary))), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
