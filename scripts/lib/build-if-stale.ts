/**
 * Runs `astro build` when dist/ is missing or older than any source file — or, when the build depends on
 * environment values (`npm start` passes the API URL and anon key), when those values differ from the ones
 * dist/ was built with (recorded in `stampFile`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SOURCES = ['src', 'public', 'astro.config.mjs', 'package-lock.json'];

export interface BuildOptions {
  /** Environment values the build bakes in (e.g. PUBLIC_SUPABASE_URL); passed to `astro build`. */
  env?: Record<string, string>;
  /** Where to record `env` and the build's time, e.g. .data/site-build-env.json. Required with `env`. */
  stampFile?: string;
}

interface Stamp {
  env: Record<string, string>;
  builtAt: number;
}

function newestMtime(path: string): number {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), st.mtimeMs);
}

function readStamp(file: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

function sameEnv(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

export function isStale(options: BuildOptions = {}): boolean {
  const built = newestMtime('dist/index.html');
  if (built === 0 || SOURCES.some((s) => newestMtime(s) > built)) return true;
  if (!options.env || !options.stampFile) return false;
  // dist/ rebuilt by someone else (e.g. `npm test`) since our stamp, or built with other values: rebuild.
  const stamp = readStamp(options.stampFile);
  return !stamp || stamp.builtAt !== built || !sameEnv(stamp.env, options.env);
}

export function buildIfStale(options: BuildOptions = {}): void {
  if (!isStale(options)) {
    console.log('dist/ is up to date.');
    return;
  }
  console.log('Building the site (astro build)…');
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    stdio: 'inherit',
    // A local build: unset public settings take their local defaults (src/integrations/build-env.ts).
    env: { ...process.env, TUOYU_LOCAL_BUILD: '1', ...options.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('astro build failed');
  if (options.env && options.stampFile) {
    mkdirSync(dirname(options.stampFile), { recursive: true });
    const stamp: Stamp = { env: options.env, builtAt: newestMtime('dist/index.html') };
    writeFileSync(options.stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  }
}
