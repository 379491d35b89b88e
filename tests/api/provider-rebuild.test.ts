/**
 * Issue 17, "tests as people": a provider changes its free places and a parent sees them — live at once, and on
 * the static detail page after the rebuild. One real run of npm start's path: the seeded test database (the
 * district's facility files, brought in by prepareDatabase), a provider account signing in through the API and
 * calling update_vacancies(), then scripts/lib/facility-rebuild.ts's watcher with its own build step
 * (buildIntoDist: `astro build` with FACILITIES_API_URL, so the pages come from facility_catalogue()) into a
 * temporary folder. The built detail page must carry the figure the provider sent and today's date (Beijing).
 * The same rebuild carries a questionnaire version an admin published meanwhile (through publish_survey_form, as
 * the staff console does) to the printable form /survey/paper/ (issue 16): its version and title are the
 * fixture's (tests/fixtures/survey-form/short.json, the shipped 2027-01 workbook).
 * Slow: one whole-site build, about 1–2 min on a loaded two-core machine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildIntoDist, watchFacilityChanges } from '../../scripts/lib/facility-rebuild.ts';
import { addProvider } from '../../scripts/lib/staff-accounts.ts';
import short from '../fixtures/survey-form/short.json' with { type: 'json' };
import { startTestApi, type TestApi } from './harness.ts';

const FACILITY = 'demo-chiyang-dawn';
const PROVIDER = { email: 'provider-rebuild@test.local', password: 'Provider-password-123' };

let api: TestApi;
const folders: string[] = [];
beforeAll(async () => {
  api = await startTestApi();
}, 120_000);
afterAll(async () => {
  await api?.close();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

interface Vacancies {
  count: number;
  as_of: string;
  by_age?: Record<string, number>;
}

test('a provider updates its free places: live at once, and on the public detail page after the rebuild (with the questionnaire an admin published)', async () => {
  await addProvider(api.db, { ...PROVIDER, facilities: [FACILITY], displayName: '晨曦 张老师' });
  const anon = api.client();
  const catalogue = async () => {
    const { data, error } = await anon.rpc('facility_catalogue');
    expect(error).toBeNull();
    return (data as { id: string; places?: number; vacancies?: Vacancies }[]).find((f) => f.id === FACILITY)!;
  };
  const before = await catalogue();
  expect(before.places ?? 0).toBeGreaterThanOrEqual(2);
  // A figure unlike the file's: 1 if it said 2, else 2 (all in the 24–36 months band).
  const sent = before.vacancies?.count === 2 ? 1 : 2;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // Beijing

  const provider = api.client();
  const signIn = await provider.auth.signInWithPassword(PROVIDER);
  expect(signIn.error).toBeNull();
  const saved = await provider.rpc('update_vacancies', { p_facility: FACILITY, p_by_age: { m24_36: sent } });
  expect(saved.error).toBeNull();

  // Live before the rebuild: what the pages' script fetches.
  const live = await anon.rpc('facility_vacancies');
  expect(live.error).toBeNull();
  expect((live.data as { v: Record<string, unknown> }).v[FACILITY]).toEqual([sent, today]);

  // Meanwhile an admin publishes a new questionnaire version in the staff console.
  const admin = await api.signedIn('admin');
  const published = await admin.rpc('publish_survey_form', { p_definition: short, p_accept_days: 30 });
  expect(published.error).toBeNull();

  // The rebuild npm start runs: the watcher sees facilities_changed_since() move and builds from the database.
  const folder = mkdtempSync(join(tmpdir(), 'tuoyu-provider-rebuild-'));
  folders.push(folder);
  const logged: string[] = [];
  const watcher = watchFacilityChanges({
    api: { url: api.url, key: api.keys.anon },
    env: { TUOYU_DISTRICT: 'guichi', PUBLIC_SUPABASE_URL: api.url, PUBLIC_SUPABASE_ANON_KEY: api.keys.anon },
    stampFile: join(folder, 'stamp.json'),
    intervalMs: 3_600_000,
    build: (env) => buildIntoDist(env, join(folder, 'dist')),
    log: (line) => logged.push(line),
  });
  const started = Date.now();
  try {
    expect(await watcher.check(), logged.join('\n')).toBe(true);
  } finally {
    watcher.stop();
  }
  console.log(`provider-rebuild: the site was built from the database in ${(Date.now() - started) / 1000} s`);

  const page = readFileSync(join(folder, 'dist', 'facilities', FACILITY, 'index.html'), 'utf8');
  const [, m, d] = today.split('-').map(Number);
  const figure = new RegExp(`<span[^>]*data-vac="${FACILITY}"[^>]*>([^<]*)</span>`);
  expect(page.match(figure)?.[1]).toBe(`${sent} 个 · ${m} 月 ${d} 日更新`);
  // The English page says the same figure and date.
  const en = readFileSync(join(folder, 'dist', 'en', 'facilities', FACILITY, 'index.html'), 'utf8');
  const month = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[m! - 1];
  expect(en.match(figure)?.[1]).toBe(`${sent} · updated ${d} ${month}`);

  // The printable questionnaire is the version the admin published, not the build's workbook.
  const paper = readFileSync(join(folder, 'dist', 'survey', 'paper', 'index.html'), 'utf8');
  expect(paper).toContain(`data-version="${short.version}"`);
  expect(paper).toContain(`问卷版本：${short.version}`);
  expect(paper).toContain(short.title['zh-CN']);
  const paperEn = readFileSync(join(folder, 'dist', 'en', 'survey', 'paper', 'index.html'), 'utf8');
  expect(paperEn).toContain(`data-version="${short.version}"`);
  expect(paperEn).toContain(short.title.en);
}, 300_000);
