/**
 * Weight budgets of the built site (dist/): content pages work without JavaScript, the list page's enhancement
 * stays small, detail pages stay light on slow mobile connections, and no web fonts are shipped.
 * Needs a build: `npm run build` first (`npm test` does that).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  bytesOf,
  findWebFonts,
  listPages,
  measurePage,
  staticImports,
  type PageWeight,
} from '../../bench/lib/page-weight.ts';

const KB = 1024;
const DIST = 'dist';
const LIST_PAGES = ['/facilities/', '/en/facilities/'];
/** Pages with the 育儿补贴 calculator: one small module (≤ 3 KB gzip, tests/unit/family-benefits.test.ts). */
const CALCULATOR_PAGES = ['/policies/', '/en/policies/'];

describe('the measuring functions (on a small made-up dist/)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tuoyu-weight-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const written = new Map<string, string>();
  const put = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
    written.set(file, text);
  };
  put(
    '_astro/entry.js',
    'import{a as b}from"./shared.js";import"./side.js";export*from"../lib/x.js";import("./lazy.js");b();',
  );
  put('_astro/shared.js', 'export const a=()=>1;');
  put('_astro/side.js', 'import"./shared.js";console.log(1);');
  put('lib/x.js', 'export const x=1;');
  put('s.css', 'p{color:red}');
  const html =
    '<html><head><link rel="stylesheet" href="../s.css"><style>a{}</style>' +
    '<script>var t=1;</script><script type="application/json" id="d">{"a":1}</script>' +
    '<!-- <script src="/_astro/commented.js"></script> -->' +
    '<script type="module" src="/_astro/entry.js"></script><script src="https://cdn.example/x.js"></script>' +
    '<script type="module">var m=2;</script></head></html>';
  put('a/index.html', html);

  test('follows static imports once each, skips dynamic import(), JSON and comments', () => {
    expect(
      staticImports(
        'import{a as b}from"./s.js";export*from"./t.js";import"./u.js";x.import("./v.js");import("./w.js")',
      ),
    ).toEqual(['./s.js', './t.js', './u.js']);
    const w = measurePage(dir, '/a/');
    expect(w.jsFiles).toEqual(['_astro/entry.js', '_astro/shared.js', '_astro/side.js', 'lib/x.js']);
    const each = w.jsFiles.map((f) => bytesOf(written.get(f)!));
    expect(w.js).toEqual({
      raw: each.reduce((n, b) => n + b.raw, 0),
      gzip: each.reduce((n, b) => n + b.gzip, 0),
    });
    expect(w.inlineJs.raw).toBe('var t=1;var m=2;'.length);
    expect(w.cssFiles).toEqual(['s.css']);
    expect(w.css.raw).toBe(12);
    expect(w.html).toEqual(bytesOf(html));
    expect(w.externalScripts).toEqual(['https://cdn.example/x.js']);
    expect(w.moduleScripts).toBe(2);
    expect(listPages(dir)).toEqual(['/a/']);
  });

  test('a missing import is an error, not a smaller number', () => {
    put('b/index.html', '<script type="module" src="/_astro/broken.js"></script>');
    put('_astro/broken.js', 'import"./gone.js";');
    expect(() => measurePage(dir, '/b/')).toThrow(/_astro\/gone\.js is referenced but missing/);
  });

  test('finds font files and @font-face', () => {
    expect(findWebFonts(dir)).toEqual([]);
    put('f/x.woff2', '');
    put('g.css', '@font-face{font-family:x}');
    expect(findWebFonts(dir)).toEqual(['f/x.woff2', 'g.css']);
  });
});

describe('budgets of the built site', () => {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    test('dist/ exists', () => {
      throw new Error('dist/ is missing: run astro build first (npm run build)');
    });
    return;
  }
  const detailPages = ['', '/en'].flatMap((prefix) =>
    readdirSync(path.join(DIST, prefix, 'facilities'), { withFileTypes: true })
      .filter(
        (d) => d.isDirectory() && existsSync(path.join(DIST, prefix, 'facilities', d.name, 'index.html')),
      )
      .map((d) => `${prefix}/facilities/${d.name}/`),
  );
  const contentPages = [
    ...['/', '/facilities/', '/policies/', '/hospital-sites/', '/demonstration/'].flatMap((p) => [
      p,
      `/en${p}`,
    ]),
    ...detailPages,
  ];
  const weights = new Map(contentPages.map((p) => [p, measurePage(DIST, p)]));

  test('the pages exist: home, list, policies, hospital sites, demonstration and detail pages in both locales', () => {
    expect(detailPages.filter((p) => p.startsWith('/en/')).length).toBe(detailPages.length / 2);
    expect(detailPages.length).toBeGreaterThanOrEqual(2);
    for (const p of contentPages) expect(existsSync(path.join(DIST, p, 'index.html')), p).toBe(true);
  });

  // The live vacancy figures (src/islands/live-vacancies.ts): on the list and every detail page, nothing else.
  const LIVE = /^_astro\/LiveVacancies\.astro_astro_type_script_[^/]*\.js$/;
  const liveFiles = (w: PageWeight) => {
    const entry = w.jsFiles.find((f) => LIVE.test(f));
    return entry
      ? [
          entry,
          ...staticImports(readFileSync(path.join(DIST, entry), 'utf8')).map((i) => path.join('_astro', i)),
        ]
      : [];
  };
  const gzipOf = (files: string[]) =>
    files.reduce((n, f) => n + bytesOf(readFileSync(path.join(DIST, f))).gzip, 0);

  test('content pages load no script from another host, and no module script except the list page, the policies calculator and the live vacancy figures of detail pages', () => {
    const offending = [...weights.values()].flatMap((w) => {
      const live = detailPages.includes(w.page) ? liveFiles(w) : [];
      return [
        ...w.externalScripts.map((s) => `${w.page}: external script ${s}`),
        ...(LIST_PAGES.includes(w.page)
          ? []
          : w.jsFiles.filter((f) => !live.includes(f)).map((f) => `${w.page}: loads ${f}`)),
        ...(LIST_PAGES.includes(w.page) ||
        w.moduleScripts === (live.length ? 1 : 0) ||
        (CALCULATOR_PAGES.includes(w.page) && w.moduleScripts === 1)
          ? []
          : [`${w.page}: ${w.moduleScripts} module script(s)`]),
      ];
    });
    expect(offending).toEqual([]);
  });

  test.each(LIST_PAGES)(
    '%s: its filter JavaScript is at most 5 KB gzip, the live figures at most 1 KB more',
    (page) => {
      const w = weights.get(page)!;
      const live = liveFiles(w);
      const filter = w.jsFiles.filter((f) => !live.includes(f));
      expect(filter.length, 'the list page should load its filter script').toBeGreaterThan(0);
      expect(live.length, 'the list page should load the live vacancy figures').toBeGreaterThan(0);
      expect(gzipOf(filter), `${filter.join(', ')}`).toBeLessThanOrEqual(5 * KB);
      expect(gzipOf(live), `${live.join(', ')}`).toBeLessThanOrEqual(KB);
    },
  );

  test('every detail page loads the live vacancy figures, at most 1 KB gzip of JavaScript, no framework', () => {
    const wrong = detailPages
      .map((p) => weights.get(p)!)
      .filter(
        (w) => !liveFiles(w).length || w.js.gzip > KB || w.jsFiles.some((f) => /react|preact|vue/i.test(f)),
      )
      .map((w) => `${w.page}: ${w.jsFiles.join(', ')} ${w.js.gzip} bytes gzip`);
    expect(wrong).toEqual([]);
  });

  test('inline JavaScript (the head script, src/lib/head-script.ts) is under 1 KB on every content page (the policies page: plus its calculator)', () => {
    const over = [...weights.values()]
      .filter((w) => w.inlineJs.raw >= (CALCULATOR_PAGES.includes(w.page) ? 4 * KB : KB))
      .map((w) => `${w.page}: ${w.inlineJs.raw} bytes`);
    expect(over).toEqual([]);
  });

  test('every detail page: HTML + CSS at most 30 KB gzip', () => {
    const over = detailPages
      .map((p) => weights.get(p)!)
      .filter((w) => w.html.gzip + w.css.gzip > 30 * KB)
      .map((w) => `${w.page}: ${w.html.gzip + w.css.gzip} bytes`);
    expect(over).toEqual([]);
  });

  test('no web fonts anywhere in dist/', () => {
    expect(findWebFonts(DIST)).toEqual([]);
  });
});
