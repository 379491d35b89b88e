/**
 * `npm start` keeps the built site in step with the database: every `intervalMs` (20 s) it asks the API for
 * `facilities_changed_since()` (the newest change to any facility) and `survey_form()`'s version (the newest
 * published questionnaire); when either differs from what dist/ was built from, it runs `astro build` with
 * FACILITIES_API_URL (so the build reads facility_catalogue() and survey_form(): one RPC each) into
 * dist.next/ and swaps it in for dist/ — the pages stay served meanwhile. The stamp file holds both
 * (`{changed, survey}`); a stamp written before the questionnaire was watched (`{changed}` alone) makes one
 * rebuild. Astro builds the whole static site (about 10 s for one district here), so a change is live within a
 * minute: ≤ 20 s until the poll, then the build. Polling rather than LISTEN: PGlite and the API's pooled
 * `authenticator` connection have no long-lived listener, and two small RPCs every 20 s cost nothing. One build at
 * a time; a change during a build is picked up next poll.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { buildApiRpc } from '../../src/lib/build-api-rpc.ts';

export interface RebuildOptions {
  /** the API's base URL and anon key (what the build's loader calls) */
  api: { url: string; key: string };
  /** the rest of the build environment (PUBLIC_SUPABASE_URL, TUOYU_DISTRICT …) */
  env: Record<string, string>;
  /** where the stamp of the last build from the database is kept, so a restart does not rebuild for nothing */
  stampFile: string;
  intervalMs?: number;
  /** the build itself (default: astro build into dist.next/, then swapped in for dist/) */
  build?: (env: Record<string, string>) => Promise<boolean>;
  log?: (line: string) => void;
}

/** The newest change to any facility, as the API reports it (null: no facility yet). */
export async function facilitiesChangedSince(api: { url: string; key: string }): Promise<string | null> {
  const res = await buildApiRpc(api, 'facilities_changed_since', 10_000);
  if (!res.ok) throw new Error(`facilities_changed_since() answered HTTP ${res.status}`);
  return (await res.json()) as string | null;
}

/** The newest published questionnaire version, as the API reports it (null: none published yet). */
export async function surveyFormVersion(api: { url: string; key: string }): Promise<string | null> {
  const res = await buildApiRpc(api, 'survey_form', 10_000);
  if (!res.ok) throw new Error(`survey_form() answered HTTP ${res.status}`);
  return ((await res.json()) as { version: string | null } | null)?.version ?? null;
}

/** What dist/ was last built from out of the database (undefined: not known, e.g. a stamp older than the field). */
interface Stamp {
  changed: string | null | undefined;
  survey: string | null | undefined;
}

/**
 * astro build into `<dir>.next/`, then that becomes `<dir>/` (default dist/; a test builds elsewhere). Resolves
 * false when the build failed.
 */
export function buildIntoDist(env: Record<string, string>, dir = 'dist'): Promise<boolean> {
  const next = `${dir}.next`;
  const old = `${dir}.old`;
  return new Promise((resolve) => {
    rmSync(next, { recursive: true, force: true });
    const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', next], {
      // A local build, as buildIfStale's: unset public settings take their local defaults.
      env: { ...process.env, TUOYU_LOCAL_BUILD: '1', ...env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('close', (code) => {
      if (code !== 0) return resolve(false);
      rmSync(old, { recursive: true, force: true });
      if (existsSync(dir)) renameSync(dir, old);
      renameSync(next, dir);
      rmSync(old, { recursive: true, force: true });
      resolve(true);
    });
  });
}

/** What changed between two stamps, in words for the log ('' when nothing did). */
function describeChange(built: Stamp | undefined, now: Stamp): string {
  const parts: string[] = [];
  if (!built) parts.push('First check of the database');
  else {
    if (now.changed !== built.changed) parts.push('Facility data changed');
    if (now.survey !== built.survey)
      parts.push(
        now.survey === null
          ? 'no questionnaire is published in the database (the build reads the workbook)'
          : built.survey === undefined
            ? `questionnaire version ${now.survey} is now read from the database`
            : `questionnaire version ${now.survey} published`,
      );
  }
  const line = parts.join('; ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** Starts polling; returns `stop` and `check` (one poll now, for tests and the first run). */
export function watchFacilityChanges(options: RebuildOptions): {
  stop: () => void;
  check: () => Promise<boolean>;
} {
  const build = options.build ?? buildIntoDist;
  const log = options.log ?? ((line: string) => console.log(line));
  const readStamp = (): Stamp | undefined => {
    try {
      const stamp = JSON.parse(readFileSync(options.stampFile, 'utf8')) as Partial<Stamp> | null;
      if (!stamp || typeof stamp !== 'object') return undefined;
      return { changed: stamp.changed, survey: stamp.survey };
    } catch {
      return undefined;
    }
  };
  let built = readStamp();
  let running = false;
  async function check(): Promise<boolean> {
    if (running) return false;
    running = true;
    try {
      const [changed, survey] = await Promise.all([
        facilitiesChangedSince(options.api),
        surveyFormVersion(options.api),
      ]);
      const now: Stamp = { changed, survey };
      const what = describeChange(built, now);
      if (!what) return false;
      const started = Date.now();
      const ok = await build({
        ...options.env,
        FACILITIES_API_URL: options.api.url,
        FACILITIES_API_KEY: options.api.key,
      });
      if (!ok) {
        log(`${what}, but the site build failed; the previous pages stay. Next try in a moment.`);
        return false;
      }
      built = now;
      writeFileSync(options.stampFile, `${JSON.stringify(now)}\n`);
      log(
        `${what}: the site was rebuilt from the database in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
      return true;
    } catch (error) {
      log(
        `Could not check the database for changed facilities or a new questionnaire: ${(error as Error).message}`,
      );
      return false;
    } finally {
      running = false;
    }
  }
  const timer = setInterval(() => void check(), options.intervalMs ?? 20_000);
  timer.unref();
  return { stop: () => clearInterval(timer), check };
}
