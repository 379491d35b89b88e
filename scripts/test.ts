/**
 * `npm test`: everything, in order — find (or install) Chromium, format and lint (Biome), type-check, build, unit tests, browser tests —
 * then one plain line "N passed, N failed, N skipped" adding up every suite (scripts/lib/test-totals.ts counts:
 * a runner's exit code, a missing report, a file whose hooks failed and a Playwright setup error each count as
 * failed). Under CI=true a skipped PostgreSQL 15 half counts as failed too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from '../tests/support/chromium.ts';
import { ensureChromium } from './lib/ensure-chromium.ts';
import { e2eBuildEnv } from '../tests/support/e2e-env.ts';
import { EXAMPLE_DIST, EXAMPLE_DISTRICT } from '../tests/support/district-example.ts';
import {
  addTotals,
  playwrightTotals,
  stepTotals,
  totalsLine,
  vitestTotals,
  type Totals,
} from './lib/test-totals.ts';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const node = process.execPath;
const REPORTS = '.tmp';
const VITEST_REPORT = join(REPORTS, 'vitest.json');
const PLAYWRIGHT_REPORT = join(REPORTS, 'playwright.json');

// Reports of an earlier run must never be counted again.
mkdirSync(REPORTS, { recursive: true });
for (const f of readdirSync(REPORTS)) if (f.endsWith('.json')) rmSync(join(REPORTS, f), { force: true });

function run(label: string, args: string[], extraEnv: Record<string, string> = {}): number | null {
  console.log(`\n=== ${label} ===`);
  return spawnSync(node, args, { stdio: 'inherit', env: { ...env, ...extraEnv } }).status;
}

const reportText = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

function finish(parts: Totals[]): never {
  const total = addTotals(...parts);
  // On stdout, like the total, so the total stays the last line even where both streams are captured apart.
  if (total.problems.length) console.log(`\n${total.problems.map((p) => `FAILED: ${p}`).join('\n')}`);
  console.log(totalsLine(total));
  process.exit(total.failed ? 1 : 0);
}

const chromiumPath = findChromium() ?? ensureChromium();
if (!chromiumPath) finish([stepTotals('finding or installing Chromium', 1)]);

// House style (biome.jsonc): a formatting difference or a lint diagnostic anywhere is one failure.
const style = stepTotals(
  'biome ci (format and lint)',
  run('biome ci (format and lint)', ['node_modules/@biomejs/biome/bin/biome', 'ci', '--colors=off', '.']),
);
const check = stepTotals('astro check', run('astro check', ['node_modules/astro/bin/astro.mjs', 'check']));
// Built against the browser tests' own embedded API (playwright.config.ts starts it), so staff pages can sign in.
const build = stepTotals(
  'astro build',
  run('astro build', ['node_modules/astro/bin/astro.mjs', 'build'], e2eBuildEnv()),
);
if (build.failed) {
  console.log('\nThe build failed; the tests need dist/.');
  finish([style, check, build]);
}
// The same site for a second district (src/districts/): its HTML check, link check and axe sweep run too.
const exampleBuild = stepTotals(
  `astro build (TUOYU_DISTRICT=${EXAMPLE_DISTRICT})`,
  run(
    `astro build (TUOYU_DISTRICT=${EXAMPLE_DISTRICT})`,
    ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', EXAMPLE_DIST],
    { ...e2eBuildEnv(), TUOYU_DISTRICT: EXAMPLE_DISTRICT },
  ),
);

const vitestExit = run('unit, database and API tests (vitest)', [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${VITEST_REPORT}`,
]);
const vitest = vitestTotals(
  { exitCode: vitestExit, reportText: reportText(VITEST_REPORT) },
  { requirePostgres: process.env.CI === 'true', root: process.cwd() },
);

const playwrightExit = run('browser tests (playwright)', ['node_modules/@playwright/test/cli.js', 'test'], {
  CHROMIUM_PATH: chromiumPath!,
  PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_REPORT,
});
const playwright = playwrightTotals({ exitCode: playwrightExit, reportText: reportText(PLAYWRIGHT_REPORT) });

finish([style, check, build, exampleBuild, vitest, playwright]);
