/**
 * npm start's rebuild on change (scripts/lib/facility-rebuild.ts) against a real embedded API: nothing is built
 * while facilities_changed_since() stays the same; a provider's vacancy update makes the next poll build, with the
 * build environment naming the API (so the build reads facility_catalogue()). The build step itself is the given
 * function here (astro build is what the browser tests' builds run).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { facilitiesChangedSince, watchFacilityChanges } from '../../scripts/lib/facility-rebuild.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
}, 120_000);
afterAll(async () => api?.close());

test('a change to a facility triggers one build from the database; no change, no build', async () => {
  const builds: Record<string, string>[] = [];
  const stampFile = join(mkdtempSync(join(tmpdir(), 'tuoyu-rebuild-')), 'stamp.json');
  const watcher = watchFacilityChanges({
    api: { url: api.url, key: api.keys.anon },
    env: { TUOYU_DISTRICT: 'guichi' },
    stampFile,
    intervalMs: 3_600_000,
    build: async (env) => {
      builds.push(env);
      return true;
    },
    log: () => {},
  });
  try {
    expect(await watcher.check()).toBe(true); // first run: nothing built from the database yet
    expect(builds[0]).toMatchObject({
      FACILITIES_API_URL: api.url,
      FACILITIES_API_KEY: api.keys.anon,
      TUOYU_DISTRICT: 'guichi',
    });
    expect(await watcher.check()).toBe(false);
    const before = await facilitiesChangedSince({ url: api.url, key: api.keys.anon });
    await api.db.query(`select public.facility_vacancies()`); // reading changes nothing
    expect(await watcher.check()).toBe(false);
    await api.db.query(
      `update app.facilities set hours = '周一至周五 8:00–17:00' where id = 'demo-chiyang-dawn'`,
    );
    expect(await facilitiesChangedSince({ url: api.url, key: api.keys.anon })).not.toBe(before);
    expect(await watcher.check()).toBe(true);
    expect(builds.length).toBe(2);
  } finally {
    watcher.stop();
  }
  // A restart with the same stamp does not rebuild.
  const again = watchFacilityChanges({
    api: { url: api.url, key: api.keys.anon },
    env: {},
    stampFile,
    intervalMs: 3_600_000,
    build: async () => true,
    log: () => {},
  });
  expect(await again.check()).toBe(false);
  again.stop();
});
