/**
 * Every built page passes the W3C HTML rules: the Nu Html Checker (the `vnu-jar` package, run with the machine's
 * Java) over all of dist/ in one invocation, errors only, zero allowed. A deliberately invalid canary page is
 * checked in the same run, so a checker that reports nothing at all cannot pass the test. ~15 s on 2 cores.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { EXAMPLE_DIST } from '../support/district-example.ts';

const DIST = path.resolve('dist');
// The second district's build (npm test makes it): checked in the same run.
const EXAMPLE = path.resolve(EXAMPLE_DIST);
const JAR = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar')), 'build/dist/vnu.jar');
const canaryDir = mkdtempSync(path.join(tmpdir(), 'tuoyu-vnu-'));
const CANARY = path.join(canaryDir, 'canary.html');
// A <style> in <body> and a <script> after </html>: the two faults this test was written for.
writeFileSync(
  CANARY,
  '<!doctype html><html lang="en"><head><title>c</title></head><body><p>x</p><style>p{}</style></body></html><script>1</script>',
);
afterAll(() => rmSync(canaryDir, { recursive: true, force: true }));

interface VnuMessage {
  type: string;
  url: string;
  message: string;
  lastLine?: number;
  extract?: string;
}

test(`every page in dist/ and ${EXAMPLE_DIST} is valid HTML (Nu Html Checker, zero errors)`, () => {
  expect(
    existsSync(path.join(DIST, 'index.html')),
    'dist/ is missing: run astro build first (npm run build)',
  ).toBe(true);
  expect(existsSync(path.join(EXAMPLE, 'index.html')), `${EXAMPLE_DIST} is missing: npm test builds it`).toBe(
    true,
  );
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  expect(
    java.error,
    'Java is needed for the HTML checker (Debian: apt-get install default-jre-headless)',
  ).toBeUndefined();

  const r = spawnSync(
    'java',
    ['-Xss16m', '-jar', JAR, '--errors-only', '--skip-non-html', '--format', 'json', DIST, EXAMPLE, CANARY],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 170_000,
    },
  );
  expect(r.error).toBeUndefined();
  const messages = (JSON.parse(r.stderr) as { messages: VnuMessage[] }).messages.filter(
    (m) => m.type === 'error' || m.type === 'non-document-error',
  );
  const canary = messages.filter((m) => m.url.endsWith('/canary.html'));
  expect(canary.map((m) => m.message).join('\n'), "the checker must find the canary page's faults").toMatch(
    /style/,
  );
  expect(canary.map((m) => m.message).join('\n')).toMatch(/Stray start tag “script”/);

  const site = messages.filter((m) => !m.url.endsWith('/canary.html'));
  expect(
    site.map(
      (m) => `${path.relative(process.cwd(), new URL(m.url).pathname)}:${m.lastLine ?? '?'}: ${m.message}`,
    ),
  ).toEqual([]);
}, 180_000);
