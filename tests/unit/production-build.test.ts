/**
 * Real `astro build` runs of this project (into temporary folders): a production build stops, naming each
 * missing public setting, instead of shipping `localhost`; with the settings it bakes them in (API URL in the
 * script and the CSP, SITE_URL in the hreflang links, tile hosts in img-src); a local build (TUOYU_LOCAL_BUILD=1)
 * takes the local defaults. A failing build stops at configuration (~3 s); a full build takes 2–15 s depending on
 * the machine's load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';

const SETTINGS = [
  'PUBLIC_SUPABASE_URL',
  'PUBLIC_SUPABASE_ANON_KEY',
  'SITE_URL',
  'TUOYU_LOCAL_BUILD',
  'PUBLIC_MAP_BASE',
  'PUBLIC_TIANDITU_KEY',
];
const outDirs: string[] = [];
afterAll(() => {
  for (const d of outDirs) rmSync(d, { recursive: true, force: true });
});

function build(env: Record<string, string>) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'tuoyu-prod-build-'));
  outDirs.push(outDir);
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !SETTINGS.includes(k)));
  const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
    env: { ...base, ...env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 110_000,
  });
  return {
    status: r.status,
    output: `${r.stdout}\n${r.stderr}`,
    outDir,
    built: existsSync(path.join(outDir, 'index.html')),
  };
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
const scripts = (dir: string) =>
  readdirSync(path.join(dir, '_astro'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => read(dir, `_astro/${f}`))
    .join('\n');

test('with nothing set, a production build fails and names all three settings', () => {
  const r = build({});
  expect(r.status, r.output).not.toBe(0);
  expect(r.built).toBe(false);
  for (const name of ['PUBLIC_SUPABASE_URL', 'PUBLIC_SUPABASE_ANON_KEY', 'SITE_URL'])
    expect(r.output).toContain(`${name} is not set`);
  expect(r.output).toContain('TUOYU_LOCAL_BUILD=1');
}, 120_000);

test('a missing site URL and an API URL that is not http(s) are named, and only they', () => {
  const r = build({ PUBLIC_SUPABASE_URL: '127.0.0.1:54321', PUBLIC_SUPABASE_ANON_KEY: 'anon' });
  expect(r.status, r.output).not.toBe(0);
  expect(r.built).toBe(false);
  expect(r.output).toContain('SITE_URL is not set');
  expect(r.output).toContain('PUBLIC_SUPABASE_URL is not an http(s) URL: 127.0.0.1:54321');
  expect(r.output).not.toContain('PUBLIC_SUPABASE_ANON_KEY is not set');
}, 120_000);

test('with the settings, the build bakes them in and no localhost', () => {
  const r = build({
    PUBLIC_SUPABASE_URL: 'https://abcdefgh.supabase.co',
    PUBLIC_SUPABASE_ANON_KEY: 'anon-key-for-the-build-test',
    SITE_URL: 'https://tuoyu.example.gov.cn',
    PUBLIC_MAP_BASE: 'osm',
  });
  expect(r.status, r.output).toBe(0);
  const home = read(r.outDir, 'en/index.html');
  expect(home).toContain('<link rel="alternate" hreflang="zh-CN" href="https://tuoyu.example.gov.cn/">');
  expect(home).toContain('<link rel="alternate" hreflang="en" href="https://tuoyu.example.gov.cn/en/">');
  expect(home).not.toMatch(/localhost|127\.0\.0\.1/);
  const policy = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(home)?.[1] ?? '';
  expect(policy).toMatch(/connect-src 'self' https:\/\/abcdefgh\.supabase\.co;/);
  expect(policy).toMatch(/img-src 'self' data: https:\/\/tile\.openstreetmap\.org;/);
  const js = scripts(r.outDir);
  expect(js).toContain('https://abcdefgh.supabase.co');
  expect(js).toContain('anon-key-for-the-build-test');
  expect(js).not.toContain('127.0.0.1:54321');
  expect(read(r.outDir, '_headers')).toContain("frame-ancestors 'none'");
}, 120_000);

test('a local build (TUOYU_LOCAL_BUILD=1) takes the local defaults', () => {
  const r = build({ TUOYU_LOCAL_BUILD: '1' });
  expect(r.status, r.output).toBe(0);
  const home = read(r.outDir, 'index.html');
  expect(home).toContain('hreflang="en" href="http://localhost:4321/en/"');
  expect(home).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:54321;/);
  expect(scripts(r.outDir)).toContain('http://127.0.0.1:54321');
}, 120_000);
