/**
 * The build's other facility source: one call of `facility_catalogue()` on the Supabase API (the database is the
 * source of truth once providers and staff keep the data). Each record is validated against FacilitySchema as the
 * YAML files are, so a bad record fails the build naming it. Used by src/content.config.ts when the build
 * environment names the API (FACILITIES_API_URL); without it the YAML loader (load.ts) stays.
 */
import { buildApiRpc } from '../build-api-rpc.ts';
import { FacilityDataError, assertNoDuplicates, parseFacility } from './load.ts';
import type { Facility } from '../schemas/facility.ts';

/** Where the build reads facilities from: the API's base URL and key, or null for the YAML files. */
export function facilitiesApi(
  env: Record<string, string | undefined> = process.env,
): { url: string; key: string } | null {
  const url = env.FACILITIES_API_URL?.replace(/\/+$/, '');
  if (!url) return null;
  const key = env.FACILITIES_API_KEY || env.PUBLIC_SUPABASE_ANON_KEY;
  if (!key)
    throw new FacilityDataError(
      'FACILITIES_API_URL is set but no key: set FACILITIES_API_KEY (the anon key).',
    );
  return { url, key };
}

/** Every facility from `facility_catalogue()`, validated, sorted by id. */
export async function loadFacilitiesFromApi(api: { url: string; key: string }): Promise<Facility[]> {
  let response: Response;
  try {
    response = await buildApiRpc(api, 'facility_catalogue', 30_000);
  } catch (error) {
    throw new FacilityDataError(
      `Could not reach ${api.url} for facility_catalogue(): ${(error as Error).message}`,
    );
  }
  if (!response.ok)
    throw new FacilityDataError(
      `facility_catalogue() on ${api.url} answered HTTP ${response.status}: ${await response.text()}`,
    );
  const records = (await response.json()) as unknown[];
  if (!Array.isArray(records)) throw new FacilityDataError('facility_catalogue() did not return a list');
  const facilities = records.map((r, i) => parseFacility(r, `facility_catalogue() record ${i + 1}`));
  assertNoDuplicates(
    facilities,
    facilities.map((f) => `facility_catalogue() ${f.id}`),
  );
  return facilities.sort((a, b) => a.id.localeCompare(b.id));
}
