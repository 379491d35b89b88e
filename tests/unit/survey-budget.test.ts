/**
 * The survey's weight budgets, measured on dist/ (every JavaScript file a page can load, islands and their imports
 * included, gzip level 9 per file, plus inline scripts): the questionnaire ≤ 100 KB (today's page, and the form made
 * from the definition on the preview page), the published definition ≤ 10 KB, the published results ≤ 60 KB,
 * the full supabase-js client and the chart library on no public page. Needs a build (`npm run build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { allPageJs, islandEntries } from '../../bench/lib/island-weight.ts';
import { listPages } from '../../bench/lib/page-weight.ts';
import { loadPublishedForm } from '../../src/lib/survey-form/published.node.ts';

const KB = 1024;
const DIST = 'dist';

test('the published questionnaire (the definition the page gets, townships filled in) is ≤ 10 KB gzip', async () => {
  const definition = await loadPublishedForm();
  expect(definition, 'the district has a questionnaire').not.toBeNull();
  const bytes = gzipSync(JSON.stringify(definition), { level: 9 }).length;
  expect(bytes, `${bytes} B`).toBeLessThanOrEqual(10 * KB);
});

test('islandEntries finds component and renderer URLs once each', () => {
  const html =
    '<astro-island component-url="/_astro/A.js" renderer-url="/_astro/client.js"></astro-island><astro-island component-url="/_astro/A.js"></astro-island>';
  expect(islandEntries(html)).toEqual(['_astro/A.js', '_astro/client.js']);
});

describe('survey budgets (dist/)', () => {
  if (!existsSync(path.join(DIST, 'survey', 'results', 'index.html'))) {
    test('dist/ has the survey pages', () => {
      throw new Error('dist/survey/ is missing: run astro build first (npm run build)');
    });
    return;
  }
  const read = (f: string) => readFileSync(path.join(DIST, f), 'utf8');

  test.each(['/survey/', '/en/survey/'])(
    '%s: ≤ 100 KB gzip of JavaScript in all, without the full supabase-js client',
    (page) => {
      const w = allPageJs(DIST, page);
      expect(
        w.files.some((f) => /GoTrueClient|RealtimeClient/.test(read(f))),
        'supabase-js auth/realtime must not load',
      ).toBe(false);
      expect(w.bytes.gzip, `${w.files.join(', ')}: ${w.bytes.gzip} B`).toBeLessThanOrEqual(100 * KB);
    },
  );

  test.each(['/survey/preview/', '/en/survey/preview/'])(
    '%s: the phone form made from the definition, with its expression evaluator, ≤ 100 KB gzip in all',
    (page) => {
      const w = allPageJs(DIST, page);
      expect(w.bytes.gzip, `${w.files.join(', ')}: ${w.bytes.gzip} B`).toBeLessThanOrEqual(100 * KB);
    },
  );

  test.each(['/survey/results/', '/en/survey/results/'])('%s: ≤ 60 KB gzip of JavaScript in all', (page) => {
    const w = allPageJs(DIST, page);
    expect(w.bytes.gzip, `${w.files.join(', ')}: ${w.bytes.gzip} B`).toBeLessThanOrEqual(60 * KB);
  });

  test('no public page loads the chart library (Chart.js) or the QR library', () => {
    const heavy = listPages(DIST)
      .filter((p) => !p.includes('/staff/'))
      .filter((p) =>
        allPageJs(DIST, p).files.some((f) =>
          /Canvas is already in use|The amount of data is too big/.test(read(f)),
        ),
      );
    expect(heavy).toEqual([]);
  });
});
