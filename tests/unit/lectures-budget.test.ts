/**
 * The lecture pages' weight, measured on dist/ (gzip level 9 per file, plus inline scripts). The sign-up page
 * loads ≤ 100 KB before the first registration is shown (everything its island imports statically); the QR encoder
 * and the calendar writer load after signing up, and with them the page is ≤ 105 KB in all (React and react-dom
 * alone are 68.6 KB). No public lecture page loads the full supabase-js client. Needs a build (`npm run build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { allPageJs, islandEntries } from '../../bench/lib/island-weight.ts';
import { addBytes, bytesOf, measurePage, pageFile, staticImports } from '../../bench/lib/page-weight.ts';

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

  /** The page's inline scripts and every file its islands import statically (what runs before any lazy import). */
  function eagerIslandJs(page: string) {
    const html = readFileSync(pageFile(DIST, page), 'utf8');
    const seen = new Set(islandEntries(html));
    const queue = [...seen];
    while (queue.length) {
      const file = queue.shift()!;
      for (const spec of staticImports(read(file)).filter((x) => x.startsWith('.'))) {
        const target = path.posix.join(path.posix.dirname(file), spec);
        if (!seen.has(target)) seen.add(target), queue.push(target);
      }
    }
    const files = [...seen].sort();
    return { files, gzip: files.reduce((t, f) => addBytes(t, bytesOf(readFileSync(path.join(DIST, f)))), measurePage(DIST, page).inlineJs).gzip };
  }

  test.each(['/lectures/event/', '/en/lectures/event/'])('%s (sign-up island): ≤ 100 KB gzip until a registration is shown, ≤ 105 KB in all', (page) => {
    const eager = eagerIslandJs(page);
    const all = allPageJs(DIST, page);
    // The counts hold the real island: the form's RPC in the eager part, the QR encoder only in the whole.
    expect(eager.files.some((f) => read(f).includes('sign_up_for_lecture')), eager.files.join(', ')).toBe(true);
    expect(eager.files.some((f) => read(f).includes('BEGIN:VCALENDAR'))).toBe(false);
    expect(all.files.some((f) => read(f).includes('BEGIN:VCALENDAR'))).toBe(true);
    console.log(`${page}: ${eager.gzip} B before a registration is shown, ${all.bytes.gzip} B in all`);
    expect(eager.gzip, `${eager.files.join(', ')}: ${eager.gzip} B`).toBeLessThanOrEqual(100 * KB);
    expect(all.bytes.gzip, `${all.files.join(', ')}: ${all.bytes.gzip} B`).toBeLessThanOrEqual(105 * KB);
  });

  test('the staff console loads the Excel writer (~250 KB gzip) only when exporting; no public lecture page ever', () => {
    const staff = eagerIslandJs('/staff/lectures/');
    expect(staff.files.filter((f) => /exceljs/.test(f))).toEqual([]);
    expect(allPageJs(DIST, '/staff/lectures/').files.some((f) => /exceljs/.test(f))).toBe(true);
    for (const page of ['/lectures/', '/lectures/event/', '/lectures/my/']) expect(allPageJs(DIST, page).files.filter((f) => /exceljs/.test(f))).toEqual([]);
  });

  test.each(['/lectures/', '/en/lectures/', '/lectures/event/', '/lectures/my/'])('%s: without the full supabase-js client', (page) => {
    const w = allPageJs(DIST, page);
    expect(w.files.filter((f) => /GoTrueClient|RealtimeClient/.test(read(f)))).toEqual([]);
  });
});
