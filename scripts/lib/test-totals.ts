/**
 * The totals `npm test` prints: passed, failed and skipped tests added up over every step, where anything that
 * went wrong counts as a failure even when no test says "failed" — a step or runner that exited non-zero, a missing
 * or unreadable report, a vitest file that failed outside its tests (it did not load, or a `beforeAll` threw and its
 * tests came out *skipped*, or an `afterAll` threw), `success: false` / `numFailedTestSuites`, and Playwright's
 * top-level `errors` (its web server or global setup failed, or a test file did not load).
 *
 * Pure: callers run the tools and read the report files; this module only counts (tests/unit/test-totals.test.ts).
 */
import { z } from 'zod';

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  /** One line per failure that no failed test already names (shown before the final line). */
  problems: string[];
}

/** What a test runner left behind: its exit code (null when killed by a signal) and its JSON report's text. */
export interface RunnerOutcome {
  exitCode: number | null;
  /** The report file's text; undefined when the runner wrote none. */
  reportText: string | undefined;
}

/** The parts of vitest's JSON reporter output (vitest 5) that are counted. */
const VitestAssertion = z.object({
  ancestorTitles: z.array(z.string()),
  fullName: z.string(),
  status: z.string(),
});
const VitestFile = z.object({
  name: z.string(),
  status: z.string(),
  message: z.string().optional(),
  assertionResults: z.array(VitestAssertion),
});
export const VitestReport = z.object({
  numFailedTestSuites: z.number().int().min(0),
  numPassedTests: z.number().int().min(0),
  numFailedTests: z.number().int().min(0),
  numPendingTests: z.number().int().min(0),
  numTodoTests: z.number().int().min(0),
  success: z.boolean(),
  testResults: z.array(VitestFile),
});
export type VitestReport = z.infer<typeof VitestReport>;

/** The parts of Playwright's JSON reporter output (1.65) that are counted. */
export const PlaywrightReport = z.object({
  stats: z.object({
    expected: z.number().int().min(0),
    unexpected: z.number().int().min(0),
    flaky: z.number().int().min(0),
    skipped: z.number().int().min(0),
  }),
  errors: z.array(z.object({ message: z.string() })),
});
export type PlaywrightReport = z.infer<typeof PlaywrightReport>;

/** A skipped test of the PostgreSQL half: the database harness titles it "… [PostgreSQL 15]", the API suite "API on PostgreSQL 15". */
const POSTGRES_TITLE = /PostgreSQL/;
/** Terminal colour codes (ESC [ … m), stripped before reading a runner's text. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const none = (): Totals => ({ passed: 0, failed: 0, skipped: 0, problems: [] });

export function addTotals(...all: Totals[]): Totals {
  return all.reduce(
    (sum, t) => ({
      passed: sum.passed + t.passed,
      failed: sum.failed + t.failed,
      skipped: sum.skipped + t.skipped,
      problems: [...sum.problems, ...t.problems],
    }),
    none(),
  );
}

/** The final line of `npm test`. */
export function totalsLine(t: Totals): string {
  return `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
}

/** A step without tests of its own (astro check, astro build): one failure when it exited non-zero. */
export function stepTotals(label: string, exitCode: number | null): Totals {
  return exitCode === 0 ? none() : { ...none(), failed: 1, problems: [`${label} ${exited(exitCode)}`] };
}

function exited(code: number | null): string {
  return code === null ? 'was killed by a signal' : `exited with code ${code}`;
}

/** The first line of a message, without terminal colours. */
function firstLine(message: string): string {
  return message.replace(ANSI_COLOUR, '').trim().split('\n')[0] ?? '';
}

/** Parses a report; a missing, non-JSON or wrongly shaped report is itself the failure. */
function readReport<T>(
  label: string,
  text: string | undefined,
  schema: z.ZodType<T>,
): { report: T } | { problem: string } {
  if (text === undefined) return { problem: `${label} wrote no report` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { problem: `${label}'s report is not JSON (${(err as Error).message})` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return {
      problem: `${label}'s report is not a ${label} JSON report (${parsed.error.issues[0]?.path.join('.') || 'top level'}: ${parsed.error.issues[0]?.message})`,
    };
  return { report: parsed.data };
}

/** A runner's exit code that nothing in its report explains (an unhandled error, a crash) is one more failure. */
function withExitCode(label: string, exitCode: number | null, t: Totals): Totals {
  if (exitCode === 0 || t.failed > 0) return t;
  return {
    ...t,
    failed: t.failed + 1,
    problems: [
      ...t.problems,
      `${label} ${exited(exitCode)} but its report shows no failed test (an unhandled error? see its output above)`,
    ],
  };
}

export interface VitestOptions {
  /** CI=true: a skipped test of the PostgreSQL half counts as failed, not skipped. */
  requirePostgres: boolean;
  /** Shortens file names in messages (the project's root). */
  root?: string;
}

/** Vitest's totals from its JSON report and exit code. */
export function vitestTotals(outcome: RunnerOutcome, options: VitestOptions): Totals {
  const label = 'vitest';
  const read = readReport(label, outcome.reportText, VitestReport);
  if ('problem' in read)
    return withExitCode(label, outcome.exitCode, { ...none(), failed: 1, problems: [read.problem] });
  const r = read.report;
  const t: Totals = {
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
    problems: [],
  };
  const shortName = (name: string) =>
    options.root && name.startsWith(`${options.root}/`) ? name.slice(options.root.length + 1) : name;

  for (const file of r.testResults) {
    const failedTests = file.assertionResults.filter((a) => a.status === 'failed').length;
    const pgSkipped = options.requirePostgres
      ? file.assertionResults.filter(
          (a) =>
            (a.status === 'skipped' || a.status === 'pending') &&
            POSTGRES_TITLE.test([...a.ancestorTitles, a.fullName].join(' ')),
        ).length
      : 0;
    if (pgSkipped) {
      t.skipped -= pgSkipped;
      t.failed += pgSkipped;
      t.problems.push(
        `${shortName(file.name)}: ${pgSkipped} PostgreSQL 15 test(s) skipped; CI=true requires them`,
      );
    }
    // A file that failed with no failed test of its own: it did not load, or a beforeAll/afterAll hook threw
    // (after a beforeAll error vitest reports the file's tests as skipped).
    if (file.status === 'failed' && failedTests === 0 && pgSkipped === 0) {
      t.failed += 1;
      const skippedHere = file.assertionResults.filter((a) => a.status === 'skipped').length;
      const why = file.message ? firstLine(file.message) : 'a beforeAll/afterAll hook failed';
      const tests =
        file.assertionResults.length === 0
          ? 'no test ran'
          : skippedHere
            ? `${skippedHere} test(s) skipped because of it`
            : 'its tests passed';
      t.problems.push(`${shortName(file.name)} failed outside its tests: ${why} (${tests})`);
    }
  }
  if (t.failed === 0 && (!r.success || r.numFailedTestSuites > 0)) {
    t.failed = 1;
    t.problems.push(
      `vitest reports ${r.numFailedTestSuites} failed suite(s) (success: ${r.success}) but no failed test`,
    );
  }
  return withExitCode(label, outcome.exitCode, t);
}

/** Playwright's totals from its JSON report and exit code (flaky tests count as passed). */
export function playwrightTotals(outcome: RunnerOutcome): Totals {
  const label = 'playwright';
  const read = readReport(label, outcome.reportText, PlaywrightReport);
  if ('problem' in read)
    return withExitCode(label, outcome.exitCode, { ...none(), failed: 1, problems: [read.problem] });
  const { stats, errors } = read.report;
  const t: Totals = {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + errors.length,
    skipped: stats.skipped,
    // Top-level errors: the web server or global setup failed, or a test file did not load.
    problems: errors.map((e) => `playwright: ${firstLine(e.message)}`),
  };
  return withExitCode(label, outcome.exitCode, t);
}
