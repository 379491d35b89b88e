/**
 * End to end: an invalid facility file makes `astro build` fail with a message that names the file, the record
 * and the field — checked in the output a person sees in their terminal.
 *
 * The invalid file lives in the real data directory for the second or so the build takes, so it is named `.yml`
 * (the loader reads `.yaml` and `.yml`): other tests that list `*.yaml` files (point-in-polygon.test.ts) never
 * see it, and facility-schema.test.ts skips it by name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

const FILE = 'src/data/facilities/zz-invalid-build-test.yml';
const INVALID = `# Written for a moment by tests/unit/build-error.test.ts; delete it if you see it.
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
  const outDir = mkdtempSync(path.join(tmpdir(), 'tuoyu-build-error-'));
  let result;
  try {
    writeFileSync(FILE, INVALID);
    result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
      cwd: process.cwd(),
      env: { ...process.env, TUOYU_LOCAL_BUILD: '1', ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 110_000,
    });
  } finally {
    rmSync(FILE, { force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
  // What the terminal shows: both streams, colours removed.
  const output = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  expect(result.error, 'the build did not finish in time').toBeUndefined();
  expect(result.status, output).not.toBe(0);
  expect(output).toContain(
    `Invalid facility data in ${FILE}, record 构建测试机构 (id zz-invalid-build-test):\n` +
      '  - field "ages": min_months must not be above max_months',
  );
}, 120_000);
