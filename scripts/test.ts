/**
 * `npm test`: everything, in order — find (or install) Chromium, type-check, build, unit tests, browser tests —
 * then one plain line "N passed, N failed" adding up every suite.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { findChromium } from '../tests/support/chromium.ts';
import { ensureChromium } from './lib/ensure-chromium.ts';
import { e2eBuildEnv } from '../tests/support/e2e-env.ts';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const node = process.execPath;
mkdirSync('.tmp', { recursive: true });

function run(label: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(node, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return r.status === 0;
}

let passed = 0;
let failed = 0;
const problems: string[] = [];

const chromiumPath = findChromium() ?? ensureChromium();
if (!chromiumPath) process.exit(1);

if (!run('astro check', ['node_modules/astro/bin/astro.mjs', 'check'])) problems.push('astro check');
// Built against the browser tests' own embedded API (playwright.config.ts starts it), so staff pages can sign in.
if (!run('astro build', ['node_modules/astro/bin/astro.mjs', 'build'], e2eBuildEnv())) {
  console.error('\nThe build failed; browser tests need dist/.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

run('unit tests (vitest)', ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', '--outputFile=.tmp/vitest.json']);
if (existsSync('.tmp/vitest.json')) {
  const v = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8'));
  passed += v.numPassedTests;
  // A test file that fails to load has no test results of its own: count it once.
  const brokenFiles = v.testResults.filter((r: { status: string; assertionResults: unknown[] }) => r.status === 'failed' && r.assertionResults.length === 0);
  failed += v.numFailedTests + brokenFiles.length;
} else problems.push('vitest wrote no report');

run('browser tests (playwright)', ['node_modules/@playwright/test/cli.js', 'test'], {
  CHROMIUM_PATH: chromiumPath,
  PLAYWRIGHT_JSON_OUTPUT_NAME: '.tmp/playwright.json',
});
if (existsSync('.tmp/playwright.json')) {
  const s = JSON.parse(readFileSync('.tmp/playwright.json', 'utf8')).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  if (s.skipped) console.log(`playwright: ${s.skipped} skipped`);
} else problems.push('playwright wrote no report');

for (const p of problems) {
  console.error(`FAILED: ${p}`);
  failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
