/**
 * End to end: an invalid facility file makes `astro build` fail with a message that names the file, the record
 * and the field — checked in the output a person sees in their terminal.
 *
 * The build reads a temporary copy of the data directory (TUOYU_FACILITIES_DIR, see src/lib/facilities/load.ts)
 * with one invalid file added, so the real src/districts/guichi/facilities that other tests read is never touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

const REAL_DIR = 'src/districts/guichi/facilities';
const INVALID = `# Added to a temporary copy of the data directory by tests/unit/build-error.test.ts.
id: zz-invalid-build-test
name: 构建测试机构
type: childcare_center
ownership: public
inclusive: false
filing: filed
township: '341702001'
address: 测试地址
ages:
  min_months: 30
  max_months: 12
care_forms: [full_day]
source: tests/unit/build-error.test.ts
last_verified: '2026-01-01'
`;

test('an invalid facility file fails the build, naming the file, the record and the field', () => {
  // Inside the project (.tmp/ is git-ignored) so the message shows a short relative path.
  mkdirSync('.tmp', { recursive: true });
  const dataDir = mkdtempSync(path.join('.tmp', 'facilities-build-error-'));
  const outDir = mkdtempSync(path.join(tmpdir(), 'tuoyu-build-error-'));
  const file = path.join(dataDir, 'zz-invalid-build-test.yaml');
  let result: ReturnType<typeof spawnSync>;
  try {
    cpSync(REAL_DIR, dataDir, { recursive: true });
    writeFileSync(file, INVALID);
    result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        TUOYU_LOCAL_BUILD: '1',
        ASTRO_TELEMETRY_DISABLED: '1',
        FORCE_COLOR: '0',
        NO_COLOR: '1',
        TUOYU_FACILITIES_DIR: dataDir,
      },
      encoding: 'utf8',
      timeout: 110_000,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
  // What the terminal shows: both streams, colours removed.
  const output = `${result.stdout}\n${result.stderr}`.replace(
    new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'),
    '',
  );
  expect(result.error, 'the build did not finish in time').toBeUndefined();
  expect(result.status, output).not.toBe(0);
  expect(output).toContain(
    `Invalid facility data in ${file}, record 构建测试机构 (id zz-invalid-build-test):\n` +
      '  - field "ages": min_months must not be above max_months',
  );
}, 120_000);
