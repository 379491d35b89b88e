/**
 * The build follows the questionnaire published in the database (issue 16): with the API named in the build
 * environment (FACILITIES_API_URL + key, the facilities' switch), loadPublishedForm() — what /survey/paper/, the
 * phone form's first paint and /survey/preview/ are built from — is survey_form()'s newest version; with no version
 * published, the district's workbook; an unreachable API, an error answer or a definition that breaks the schema
 * fail the build naming why. npm start's watcher (scripts/lib/facility-rebuild.ts) rebuilds once when a version is
 * published, not again without a change, and once for a stamp written before it watched the questionnaire. All
 * against a real embedded API; versions are published as an admin through publish_survey_form, as the staff console
 * does. Expected definitions are the fixtures (short.json: the 2027-01 workbook; guichi.json: the 2026-12 one).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { surveyFormVersion, watchFacilityChanges } from '../../scripts/lib/facility-rebuild.ts';
import { loadPublishedForm, readPublishedForm } from '../../src/lib/survey-form/published.node.ts';
import guichi from '../fixtures/survey-form/guichi.json' with { type: 'json' };
import short from '../fixtures/survey-form/short.json' with { type: 'json' };
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let folder: string;
let apiEnv: Record<string, string>;
beforeAll(async () => {
  api = await startTestApi();
  apiEnv = { FACILITIES_API_URL: api.url, FACILITIES_API_KEY: api.keys.anon };
  folder = mkdtempSync(join(tmpdir(), 'tuoyu-survey-build-'));
}, 120_000);
afterAll(async () => {
  await api?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Publishes `definition` as the admin, through the API (the staff console's call). */
async function publish(definition: unknown): Promise<void> {
  const admin = await api.signedIn('admin');
  const { error } = await admin.rpc('publish_survey_form', { p_definition: definition, p_accept_days: 30 });
  expect(error).toBeNull();
}

test('npm start’s watcher rebuilds once when a questionnaire version is published, and not again', async () => {
  const stampFile = join(folder, 'stamp.json');
  const builds: { env: Record<string, string>; version: string | undefined }[] = [];
  const logged: string[] = [];
  const watch = () =>
    watchFacilityChanges({
      api: { url: api.url, key: api.keys.anon },
      env: { TUOYU_DISTRICT: 'guichi' },
      stampFile,
      intervalMs: 3_600_000,
      // Instead of astro build: what the build's loader reads with the environment the watcher gives it.
      build: async (env) => {
        builds.push({ env, version: (await readPublishedForm(env))?.version });
        return true;
      },
      log: (line) => logged.push(line),
    });
  const watcher = watch();
  try {
    expect(await watcher.check()).toBe(true); // first run: nothing built from the database yet
    expect(builds[0]).toEqual({
      env: { TUOYU_DISTRICT: 'guichi', ...apiEnv },
      version: guichi.version, // the fresh database published the shipped workbook
    });
    expect(await watcher.check()).toBe(false);

    await publish(short);
    expect(await surveyFormVersion({ url: api.url, key: api.keys.anon })).toBe(short.version);
    expect(await watcher.check()).toBe(true);
    expect(builds.length).toBe(2);
    expect(builds[1]!.version).toBe(short.version);
    expect(logged.at(-1)).toMatch(
      new RegExp(
        `^Questionnaire version ${short.version} published: the site was rebuilt from the database in \\d+\\.\\d s\\.$`,
      ),
    );
    expect(await watcher.check()).toBe(false);
    expect(builds.length).toBe(2);
  } finally {
    watcher.stop();
  }
  expect(JSON.parse(readFileSync(stampFile, 'utf8'))).toMatchObject({ survey: short.version });

  // A restart with the same stamp does not rebuild.
  const again = watch();
  expect(await again.check()).toBe(false);
  again.stop();
  expect(builds.length).toBe(2);

  // A stamp from before the questionnaire was watched ({changed} alone): one rebuild, no error, then quiet.
  const { changed } = JSON.parse(readFileSync(stampFile, 'utf8')) as { changed: string | null };
  writeFileSync(stampFile, `${JSON.stringify({ changed })}\n`);
  const upgraded = watch();
  try {
    expect(await upgraded.check()).toBe(true);
    expect(logged.at(-1)).toMatch(
      new RegExp(
        `^Questionnaire version ${short.version} is now read from the database: the site was rebuilt`,
      ),
    );
    expect(await upgraded.check()).toBe(false);
  } finally {
    upgraded.stop();
  }
  expect(builds.length).toBe(3);
  expect(logged.some((l) => l.startsWith('Could not'))).toBe(false);
}, 120_000);

test('with the API named, the build’s questionnaire is the version published in the database', async () => {
  // (2027-01 was published by the admin in the test above.)
  const fromApi = loadPublishedForm(apiEnv);
  expect(await fromApi).toEqual(short);
  // Without the API: the district's workbook (2026-12).
  expect(await loadPublishedForm({})).toEqual(guichi);
  // One read per source for a whole build.
  expect(loadPublishedForm(apiEnv)).toBe(fromApi);
});

test('a published definition that breaks the schema fails the build, naming the version and the field', async () => {
  const broken = { ...short, version: 'broken-1', title: { 'zh-CN': short.title['zh-CN'], en: '' } };
  await publish(broken); // the database's own shape check lets an empty English title through
  await expect(readPublishedForm(apiEnv)).rejects.toThrow(
    /survey_form\(\) on http:\/\/127\.0\.0\.1:\d+: the published questionnaire version broken-1 is not a valid definition .*title\.en: /,
  );
});

test('a database with no published version: the workbook', async () => {
  await api.db.query('delete from app.survey_forms');
  expect(await surveyFormVersion({ url: api.url, key: api.keys.anon })).toBeNull();
  expect(await readPublishedForm(apiEnv)).toEqual(guichi);
});

test('an API that cannot be reached or answers an error fails the build with the reason', async () => {
  // A port nothing listens on: one the system gave and took back.
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const nowhere = `http://127.0.0.1:${port}`;
  await expect(
    readPublishedForm({ FACILITIES_API_URL: nowhere, FACILITIES_API_KEY: api.keys.anon }),
  ).rejects.toThrow(`Could not reach ${nowhere} for survey_form() (the published questionnaire)`);
  await expect(
    loadPublishedForm({ FACILITIES_API_URL: `${api.url}/nowhere`, FACILITIES_API_KEY: api.keys.anon }),
  ).rejects.toThrow(`survey_form() on ${api.url}/nowhere answered HTTP 404`);
  // The API named without a key is refused before any call, as for facilities.
  await expect(readPublishedForm({ FACILITIES_API_URL: api.url })).rejects.toThrow('no key');
});
