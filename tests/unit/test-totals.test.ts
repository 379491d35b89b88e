/**
 * `npm test`'s totals never say "0 failed" for a broken suite (scripts/lib/test-totals.ts).
 *
 * The reports in tests/fixtures/test-reports/ are real output of vitest 5.1.2's and Playwright 1.65.1's JSON
 * reporters on small made-up test files (absolute paths replaced by /project); the exit codes beside them are the
 * ones those runs returned. Expected counts are read off the fixtures by hand. A last test runs vitest for real on
 * a file whose beforeAll throws and counts what it leaves behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  addTotals,
  playwrightTotals,
  stepTotals,
  totalsLine,
  vitestTotals,
  type Totals,
} from '../../scripts/lib/test-totals.ts';

const fixture = (name: string) => readFileSync(path.join('tests/fixtures/test-reports', name), 'utf8');
const counts = (t: Totals) => ({ passed: t.passed, failed: t.failed, skipped: t.skipped });
const local = { requirePostgres: false, root: '/project' };
const ci = { requirePostgres: true, root: '/project' };

describe('vitestTotals', () => {
  test('a green run: its tests, nothing failed', () => {
    const t = vitestTotals({ exitCode: 0, reportText: fixture('vitest/green.json') }, local);
    expect(counts(t)).toEqual({ passed: 2, failed: 0, skipped: 0 });
    expect(t.problems).toEqual([]);
  });

  test('failed tests count; skipped and todo tests are shown as skipped', () => {
    const t = vitestTotals({ exitCode: 1, reportText: fixture('vitest/pass-fail-skip-todo.json') }, local);
    expect(counts(t)).toEqual({ passed: 1, failed: 1, skipped: 2 });
    expect(t.problems).toEqual([]); // the failed test names itself in vitest's output
  });

  test('a beforeAll that threw: its tests come out skipped, the file counts as failed', () => {
    const t = vitestTotals({ exitCode: 1, reportText: fixture('vitest/before-all-threw.json') }, local);
    expect(counts(t)).toEqual({ passed: 0, failed: 1, skipped: 2 });
    expect(t.problems).toEqual([
      'tests/unit/b-beforeall.test.ts failed outside its tests: a beforeAll/afterAll hook failed (2 test(s) skipped because of it)',
    ]);
  });

  test('an afterAll that threw after every test passed counts as failed', () => {
    const t = vitestTotals({ exitCode: 1, reportText: fixture('vitest/after-all-threw.json') }, local);
    expect(counts(t)).toEqual({ passed: 1, failed: 1, skipped: 0 });
    expect(t.problems).toEqual([
      'tests/unit/c-afterall.test.ts failed outside its tests: stop failed (its tests passed)',
    ]);
  });

  test('a file that did not load counts as failed', () => {
    const t = vitestTotals({ exitCode: 1, reportText: fixture('vitest/file-not-loaded.json') }, local);
    expect(counts(t)).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(t.problems).toEqual([
      'tests/unit/e-import.test.ts failed outside its tests: cannot load (no test ran)',
    ]);
  });

  test('an unhandled error: the report says success, the exit code does not — a failure', () => {
    const report = fixture('vitest/unhandled-error.json');
    expect(JSON.parse(report).success).toBe(true);
    const t = vitestTotals({ exitCode: 1, reportText: report }, local);
    expect(counts(t)).toEqual({ passed: 2, failed: 1, skipped: 0 });
    expect(t.problems[0]).toMatch(/^vitest exited with code 1 but its report shows no failed test/);
  });

  test('a runner killed by a signal counts as failed, whatever its report says', () => {
    const t = vitestTotals({ exitCode: null, reportText: fixture('vitest/green.json') }, local);
    expect(counts(t)).toEqual({ passed: 2, failed: 1, skipped: 0 });
    expect(t.problems).toEqual([
      'vitest was killed by a signal but its report shows no failed test (an unhandled error? see its output above)',
    ]);
  });

  test('success: false or a failed suite with no failed test still counts as failed', () => {
    const green = JSON.parse(fixture('vitest/green.json'));
    for (const changed of [
      { ...green, success: false },
      { ...green, numFailedTestSuites: 1 },
    ]) {
      const t = vitestTotals({ exitCode: 0, reportText: JSON.stringify(changed) }, local);
      expect(counts(t)).toEqual({ passed: 2, failed: 1, skipped: 0 });
      expect(t.problems[0]).toMatch(/^vitest reports \d failed suite\(s\)/);
    }
  });

  test('a missing, unreadable or foreign report is a failure, even with exit code 0', () => {
    expect(vitestTotals({ exitCode: 0, reportText: undefined }, local)).toEqual({
      passed: 0,
      failed: 1,
      skipped: 0,
      problems: ['vitest wrote no report'],
    });
    expect(counts(vitestTotals({ exitCode: 0, reportText: '{"numPassedTests": 3' }, local))).toEqual({
      passed: 0,
      failed: 1,
      skipped: 0,
    });
    const foreign = vitestTotals({ exitCode: 0, reportText: fixture('playwright/green.json') }, local);
    expect(counts(foreign)).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(foreign.problems[0]).toMatch(/^vitest's report is not a vitest JSON report/);
  });

  test('a skipped PostgreSQL 15 half is skipped locally and failed under CI=true', () => {
    const report = fixture('vitest/postgres-skipped.json');
    expect(counts(vitestTotals({ exitCode: 0, reportText: report }, local))).toEqual({
      passed: 1,
      failed: 0,
      skipped: 2,
    });
    const t = vitestTotals({ exitCode: 0, reportText: report }, ci);
    expect(counts(t)).toEqual({ passed: 1, failed: 2, skipped: 0 });
    expect(t.problems).toEqual([
      'tests/unit/f-pg.test.ts: 2 PostgreSQL 15 test(s) skipped; CI=true requires them',
    ]);
  });

  test('other skipped tests stay skipped under CI=true', () => {
    expect(
      counts(vitestTotals({ exitCode: 1, reportText: fixture('vitest/pass-fail-skip-todo.json') }, ci)),
    ).toEqual({ passed: 1, failed: 1, skipped: 2 });
  });
});

describe('playwrightTotals', () => {
  test('a green run', () => {
    expect(playwrightTotals({ exitCode: 0, reportText: fixture('playwright/green.json') })).toEqual({
      passed: 2,
      failed: 0,
      skipped: 0,
      problems: [],
    });
  });

  test('unexpected results fail; flaky ones pass; skipped and fixme ones are shown as skipped', () => {
    expect(
      counts(playwrightTotals({ exitCode: 1, reportText: fixture('playwright/pass-fail-skip-flaky.json') })),
    ).toEqual({ passed: 2, failed: 1, skipped: 2 });
  });

  test('a beforeAll that threw: the first test fails, the rest are skipped', () => {
    expect(
      counts(playwrightTotals({ exitCode: 1, reportText: fixture('playwright/before-all-threw.json') })),
    ).toEqual({ passed: 0, failed: 1, skipped: 1 });
  });

  test.each([
    [
      'web-server-failed',
      'playwright: Error: Process from config.webServer was not able to start. Exit code: 3',
    ],
    ['global-setup-failed', 'playwright: Error: global setup broke'],
    ['file-not-loaded', 'playwright: Error: cannot load spec'],
  ])('a top-level error (%s) with no tests run counts as failed', (name, problem) => {
    const report = fixture(`playwright/${name}.json`);
    expect(JSON.parse(report).stats).toMatchObject({ expected: 0, unexpected: 0, skipped: 0, flaky: 0 });
    expect(playwrightTotals({ exitCode: 1, reportText: report })).toEqual({
      passed: 0,
      failed: 1,
      skipped: 0,
      problems: [problem],
    });
  });

  test('a missing report, or a non-zero exit the report does not explain, is a failure', () => {
    expect(playwrightTotals({ exitCode: 1, reportText: undefined })).toEqual({
      passed: 0,
      failed: 1,
      skipped: 0,
      problems: ['playwright wrote no report'],
    });
    expect(counts(playwrightTotals({ exitCode: 1, reportText: fixture('playwright/green.json') }))).toEqual({
      passed: 2,
      failed: 1,
      skipped: 0,
    });
  });
});

describe('steps and the final line', () => {
  test('astro check or build exiting non-zero is one failure', () => {
    expect(stepTotals('astro check', 1)).toEqual({
      passed: 0,
      failed: 1,
      skipped: 0,
      problems: ['astro check exited with code 1'],
    });
    expect(stepTotals('astro check', 0)).toEqual({ passed: 0, failed: 0, skipped: 0, problems: [] });
  });

  test('adds every part into one line "N passed, N failed, N skipped"', () => {
    const total = addTotals(
      stepTotals('astro check', 0),
      vitestTotals({ exitCode: 1, reportText: fixture('vitest/before-all-threw.json') }, local),
      playwrightTotals({ exitCode: 0, reportText: fixture('playwright/green.json') }),
    );
    expect(totalsLine(total)).toBe('2 passed, 1 failed, 2 skipped');
    expect(totalsLine(addTotals())).toBe('0 passed, 0 failed, 0 skipped');
  });
});

describe('canary: a real vitest run whose beforeAll throws', () => {
  test('is counted as failed', () => {
    // Outside the project (the OS temp folder), so the project's own include globs (tests/**) can never see it.
    const dir = mkdtempSync(path.join(tmpdir(), 'tuoyu-canary-'));
    expect(path.relative(process.cwd(), dir).startsWith('..')).toBe(true);
    try {
      writeFileSync(
        path.join(dir, 'vitest.config.mjs'),
        "export default { test: { include: ['canary.test.ts'], environment: 'node' } };\n",
      );
      writeFileSync(
        path.join(dir, 'canary.test.ts'),
        [
          "import { beforeAll, describe, expect, test } from 'vitest';",
          "describe('a suite whose database did not start', () => {",
          "  beforeAll(() => { throw new Error('canary: the cluster did not start'); });",
          '  test("one", () => expect(1).toBe(1));',
          '  test("two", () => expect(2).toBe(2));',
          '});',
          '',
        ].join('\n'),
      );
      const report = path.join(dir, 'report.json');
      // Without the parent run's VITEST_* variables, so the child is a run of its own.
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
      const r = spawnSync(
        process.execPath,
        [
          path.resolve('node_modules/vitest/vitest.mjs'),
          'run',
          '--config',
          path.join(dir, 'vitest.config.mjs'),
          '--reporter=default',
          '--reporter=json',
          `--outputFile=${report}`,
        ],
        {
          cwd: dir,
          env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1', CI: '' },
          encoding: 'utf8',
          timeout: 90_000,
        },
      );
      const output = `${r.stdout}\n${r.stderr}`;
      expect(output, 'the canary ran and its beforeAll threw').toContain('canary: the cluster did not start');
      expect(existsSync(report), output).toBe(true);
      const t = vitestTotals(
        { exitCode: r.status, reportText: readFileSync(report, 'utf8') },
        { requirePostgres: false, root: dir },
      );
      expect(counts(t)).toEqual({ passed: 0, failed: 1, skipped: 2 });
      expect(totalsLine(t)).toBe('0 passed, 1 failed, 2 skipped');
      expect(t.problems).toEqual([
        'canary.test.ts failed outside its tests: a beforeAll/afterAll hook failed (2 test(s) skipped because of it)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 100_000);
});
