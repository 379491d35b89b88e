/**
 * The build's database loader (src/lib/facilities/load-api.ts) against a real embedded API: one
 * facility_catalogue() call gives the seeded facility files record for record, and a change a provider makes
 * reaches the next build's data; a record that breaks the schema fails with its id.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { facilitiesApi, loadFacilitiesFromApi } from '../../src/lib/facilities/load-api.ts';
import { loadFacilities } from '../../src/lib/facilities/load.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
}, 120_000);
afterAll(async () => api?.close());

test('facilitiesApi: FACILITIES_API_URL picks the database; without it the YAML files', () => {
  expect(facilitiesApi({})).toBeNull();
  expect(facilitiesApi({ FACILITIES_API_URL: 'http://x/', FACILITIES_API_KEY: 'k' })).toEqual({
    url: 'http://x',
    key: 'k',
  });
  expect(() => facilitiesApi({ FACILITIES_API_URL: 'http://x' })).toThrow('no key');
});

test('one facility_catalogue() call gives the facility files, record for record', async () => {
  const fromApi = await loadFacilitiesFromApi({ url: api.url, key: api.keys.anon });
  expect(fromApi).toEqual(loadFacilities());
});

test('a staff change is in the next build’s data; an unreachable catalogue fails with the HTTP status', async () => {
  await api.db.query(
    `update app.facilities set hours = '周一至周日 8:00–18:00' where id = 'demo-chiyang-dawn'`,
  );
  const fromApi = await loadFacilitiesFromApi({ url: api.url, key: api.keys.anon });
  expect(fromApi.find((f) => f.id === 'demo-chiyang-dawn')?.hours).toBe('周一至周日 8:00–18:00');
  await expect(loadFacilitiesFromApi({ url: `${api.url}/nowhere`, key: api.keys.anon })).rejects.toThrow(
    'HTTP 404',
  );
});
