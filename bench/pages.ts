/**
 * `npm run bench`: the weight of every built page (run `npm run build` first). Writes bench/results/pages.json
 * (sorted by path: raw and gzip bytes of HTML, linked CSS, JavaScript files and inline JavaScript, plus totals;
 * `allJs` is everything the page can run, its islands and their lazy imports included, as the budgets count it)
 * and prints a short table of the main pages.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { allPageJs } from './lib/island-weight.ts';
import { addBytes, listPages, measurePage, type Bytes, type PageWeight } from './lib/page-weight.ts';

const DIST = 'dist';
const OUT = 'bench/results/pages.json';
const MAIN = [
  '/',
  '/facilities/',
  '/policies/',
  '/hospital-sites/',
  '/demonstration/',
  '/compare/',
  '/about/',
  '/en/',
  '/en/facilities/',
  '/map/',
  '/survey/',
  '/lectures/',
  '/lectures/event/',
  '/lectures/my/',
];

type Kind = 'html' | 'css' | 'js' | 'inlineJs';
const KINDS: Kind[] = ['html', 'css', 'js', 'inlineJs'];
const ZERO: Bytes = { raw: 0, gzip: 0 };

function row(w: PageWeight, allJs: Bytes) {
  return {
    path: w.page,
    html: w.html,
    css: w.css,
    js: w.js,
    inlineJs: w.inlineJs,
    /** what the page costs on first visit: HTML + CSS + JS files (inline JS is inside the HTML) */
    total: [w.html, w.css, w.js].reduce(addBytes, ZERO),
    allJs,
    jsFiles: w.jsFiles,
    cssFiles: w.cssFiles,
  };
}

export function measureAll(distDir: string) {
  const pages = listPages(distDir).map((p) => row(measurePage(distDir, p), allPageJs(distDir, p).bytes));
  const sum = (kind: Kind | 'total') => pages.map((p) => p[kind]).reduce(addBytes, ZERO);
  const detail = pages.filter((p) => /^(\/en)?\/facilities\/[^/]+\/$/.test(p.path));
  const largestDetail = detail.reduce<(typeof pages)[number] | undefined>(
    (max, p) => (!max || p.html.gzip + p.css.gzip > max.html.gzip + max.css.gzip ? p : max),
    undefined,
  );
  return {
    generatedAt: new Date().toISOString(),
    dist: distDir,
    pageCount: pages.length,
    totals: Object.fromEntries([...KINDS, 'total'].map((k) => [k, sum(k as Kind)])) as Record<
      Kind | 'total',
      Bytes
    >,
    largestDetailPage: largestDetail && {
      path: largestDetail.path,
      htmlCssGzip: largestDetail.html.gzip + largestDetail.css.gzip,
    },
    pages,
  };
}

const kb = (n: number) => (n / 1024).toFixed(1).padStart(6);

function main(): number {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    console.error('dist/ is missing: run `npm run build` first.');
    return 1;
  }
  const result = measureAll(DIST);
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);

  const shown = result.pages.filter((p) => MAIN.includes(p.path));
  if (result.largestDetailPage)
    shown.push(result.pages.find((p) => p.path === result.largestDetailPage!.path)!);
  const width = Math.max(...shown.map((p) => p.path.length)) + 2;
  console.log(
    `${'KB gzip (raw)'.padEnd(width)}${['HTML', 'CSS', 'JS', 'inline JS', 'all JS'].map((h) => h.padStart(6).padEnd(16)).join('')}`,
  );
  for (const p of shown) {
    const cells = [...KINDS, 'allJs' as const]
      .map((k) => `${kb(p[k].gzip)} (${kb(p[k].raw).trim()})`.padEnd(16))
      .join('');
    console.log(`${p.path.padEnd(width)}${cells}`);
  }
  const t = result.totals;
  console.log(
    `${result.pageCount} pages; all HTML ${kb(t.html.gzip).trim()} KB gzip, JS files counted per page ${kb(t.js.gzip).trim()} KB gzip.`,
  );
  if (result.largestDetailPage) {
    console.log(
      `Largest detail page: ${result.largestDetailPage.path}, HTML + CSS ${kb(result.largestDetailPage.htmlCssGzip).trim()} KB gzip.`,
    );
  }
  console.log(`Written to ${OUT}`);
  return 0;
}

if (import.meta.main) process.exitCode = main();
