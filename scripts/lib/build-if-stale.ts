/** Runs `astro build` when dist/ is missing or older than any source file. */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'public', 'astro.config.mjs', 'package-lock.json'];

function newestMtime(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), st.mtimeMs);
}

export function isStale(): boolean {
  const built = newestMtime('dist/index.html');
  return built === 0 || SOURCES.some((s) => newestMtime(s) > built);
}

export function buildIfStale(): void {
  if (!isStale()) {
    console.log('dist/ is up to date.');
    return;
  }
  console.log('Building the site (astro build)…');
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('astro build failed');
}
