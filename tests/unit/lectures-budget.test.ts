/**
 * The lecture pages' weight, measured on dist/ (gzip level 9 per file, plus inline scripts). Everything the sign-up
 * page can run — its inline scripts, its islands, and every file they import statically or dynamically — is
 * ≤ 100 KB (102,400 B, as in every budget here) in all; so is the look-up/cancel page, which shows the same result
 * card. React and react-dom alone are ~68 KB of it. No public lecture page loads the full supabase-js client or the
 * Excel writer. Needs a build (`npm run build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { allPageJs, islandEntries } from '../../bench/lib/island-weight.ts';
import { pageFile, staticImports } from '../../bench/lib/page-weight.ts';

const KB = 1024;
const DIST = 'dist';

describe('lecture budgets (dist/)', () => {
  if (!existsSync(path.join(DIST, 'lectures', 'event', 'index.html'))) {
    test('dist/ has the lecture pages', () => {
      throw new Error('dist/lectures/ is missing: run astro build first (npm run build)');
    });
    return;
  }
  const read = (f: string) => readFileSync(path.join(DIST, f), 'utf8');

  /** The files the page's islands import statically (what loads without any lazy import). */
  function staticIslandFiles(page: string): string[] {
    const seen = new Set(islandEntries(readFileSync(pageFile(DIST, page), 'utf8')));
    const queue = [...seen];
    while (queue.length) {
      const file = queue.shift()!;
      for (const spec of staticImports(read(file)).filter((x) => x.startsWith('.'))) {
        const target = path.posix.join(path.posix.dirname(file), spec);
        if (!seen.has(target)) seen.add(target), queue.push(target);
      }
    }
    return [...seen].sort();
  }

  test.each([
    ['/lectures/event/', 'sign_up_for_lecture'],
    ['/en/lectures/event/', 'sign_up_for_lecture'],
    ['/lectures/my/', 'cancel_lecture_registration'],
  ])('%s (sign-up or look-up island): ≤ 100 KB gzip in all', (page, rpc) => {
    const all = allPageJs(DIST, page);
    const has = (needle: string) => all.files.some((f) => read(f).includes(needle));
    // The count holds the real island: the form's RPC, the form library, the calendar writer and the QR encoder.
    for (const needle of [rpc, 'lec.error.mobileInvalid', 'BEGIN:VCALENDAR', 'shape-rendering="crispEdges"'])
      expect(has(needle), needle).toBe(true);
    // Nothing waits behind a dynamic import: what the page can run is what it loads.
    const loaded = staticIslandFiles(page);
    expect(all.files.filter((f) => !loaded.includes(f))).toEqual([]);
    console.log(`${page}: ${all.bytes.gzip} B in all (${all.files.length} files)`);
    expect(all.bytes.gzip, `${all.files.join(', ')}: ${all.bytes.gzip} B`).toBeLessThanOrEqual(100 * KB);
  });

  test('the staff console loads the Excel writer (~250 KB gzip) only when exporting; no public lecture page ever', () => {
    expect(staticIslandFiles('/staff/lectures/').filter((f) => /exceljs/.test(f))).toEqual([]);
    expect(allPageJs(DIST, '/staff/lectures/').files.some((f) => /exceljs/.test(f))).toBe(true);
    for (const page of ['/lectures/', '/lectures/event/', '/lectures/my/'])
      expect(allPageJs(DIST, page).files.filter((f) => /exceljs/.test(f))).toEqual([]);
  });

  test.each(['/lectures/', '/en/lectures/', '/lectures/event/', '/lectures/my/'])(
    '%s: without the full supabase-js client',
    (page) => {
      const w = allPageJs(DIST, page);
      expect(w.files.filter((f) => /GoTrueClient|RealtimeClient/.test(read(f)))).toEqual([]);
    },
  );
});
