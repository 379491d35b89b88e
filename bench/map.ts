/**
 * `npm run bench:map`: the map with 2,000 and 10,000 synthetic facilities in Chromium. For each size it serves
 * dist/ (built if stale), answers /data/map-facilities.json with synthetic records, and measures through the
 * Performance API: island start → markers drawn (performance marks set by the map), and the main thread's long
 * tasks from the start (PerformanceObserver 'longtask'), also during a filter change. Writes bench/results/map.json.
 * Each size runs 5 times; fails (exit 1) if, in the median run, the 10,000 case has a task over 200 ms. Another busy
 * process on the machine lengthens tasks: compare runs made on a quiet machine.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/chromium.ts';
import { createStaticServer, listen } from '../scripts/lib/static-server.ts';
import { buildIfStale } from '../scripts/lib/build-if-stale.ts';
import { syntheticMapData } from './lib/synthetic-facilities.ts';
import { pageJsWeight } from './lib/lazy-weight.ts';
import type { DistrictOutline } from '../src/lib/map/types.ts';

const SIZES = [2000, 10000];
const RUNS = 5;
const LIMIT_MS = 200;
const OUT = 'bench/results/map.json';

interface Run {
  drawMs: number;
  /** ms from the start to: Leaflet + data loaded, markers created, markers drawn */
  phases: { loaded: number; built: number; drawn: number };
  /** the longest task in each phase (load = import, fetch, JSON; build = marker objects; cluster = drawing) */
  longestByPhase: { load: number; build: number; cluster: number };
  longTasks: number;
  maxLongTaskMs: number;
  totalBlockingMs: number;
  filter: { ms: number; longTasks: number; maxLongTaskMs: number };
}

async function runOnce(browser: Browser, base: string, json: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => route.abort(),
  );
  await context.route('**/data/map-facilities.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: json }),
  );
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${base}/map/`);
  await page.locator('[data-canvas]').scrollIntoViewIfNeeded();
  await page.locator('facility-map[data-state="ready"]').waitFor({ timeout: 180_000 });
  await page.waitForTimeout(300); // let the last long task be reported
  const load = await page.evaluate(() => {
    const start = performance.getEntriesByName('facility-map:start')[0]!.startTime;
    const at = (name: string) => performance.getEntriesByName(`facility-map:${name}`)[0]!.startTime;
    const [loaded, built, drawn] = [at('loaded'), at('built'), at('drawn')];
    const tasks = (
      window as unknown as { __longTasks: { start: number; duration: number }[] }
    ).__longTasks.filter((t) => t.start >= start);
    const longest = (from: number, to: number) =>
      Math.max(0, ...tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration));
    return {
      drawMs: drawn - start,
      phases: { loaded: loaded - start, built: built - start, drawn: drawn - start },
      longestByPhase: {
        load: longest(start, loaded),
        build: longest(loaded, built),
        cluster: longest(built, drawn + 1000),
      },
      longTasks: tasks.length,
      maxLongTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      totalBlockingMs: tasks.reduce((n, t) => n + Math.max(0, t.duration - 50), 0),
    };
  });
  // A filter change: only childcare centres, then wait for the map's status line to change.
  const status = page.locator('[data-map-status]');
  const before = await status.textContent();
  const filterStart = await page.evaluate(() => performance.now());
  await page.locator('facility-filter summary').click();
  await page.locator('#f-type').selectOption('childcare_center');
  await page.waitForFunction(
    (text) => document.querySelector('[data-map-status]')!.textContent !== text,
    before,
    { timeout: 60_000 },
  );
  const filterEnd = await page.evaluate(() => performance.now());
  await page.waitForTimeout(300);
  const filter = await page.evaluate((from) => {
    const tasks = (
      window as unknown as { __longTasks: { start: number; duration: number }[] }
    ).__longTasks.filter((t) => t.start >= from);
    return { longTasks: tasks.length, maxLongTaskMs: Math.max(0, ...tasks.map((t) => t.duration)) };
  }, filterStart);
  await context.close();
  return { ...load, filter: { ms: filterEnd - filterStart, ...filter } };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<number> {
  buildIfStale();
  const outline = JSON.parse(readFileSync('dist/data/district-outline.json', 'utf8')) as DistrictOutline;
  const server = createStaticServer('dist');
  const base = (await listen(server, 0, '127.0.0.1')).replace(/\/$/, '');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found (set CHROMIUM_PATH)');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const cases = [];
  try {
    for (const n of SIZES) {
      const json = JSON.stringify(syntheticMapData(n, outline));
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await runOnce(browser, base, json));
      const longestPerRun = runs.map((r) => Math.max(r.maxLongTaskMs, r.filter.maxLongTaskMs));
      cases.push({
        facilities: n,
        dataBytes: json.length,
        medianDrawMs: round(median(runs.map((r) => r.drawMs))),
        medianTotalBlockingMs: round(median(runs.map((r) => r.totalBlockingMs))),
        /** the longest task of the median run (judged: robust to another process stealing the CPU in one run) */
        longestTaskMs: round(median(longestPerRun)),
        /** the longest task of any run */
        worstLongTaskMs: round(Math.max(...longestPerRun)),
        medianFilterMs: round(median(runs.map((r) => r.filter.ms))),
        runs: runs.map((r) => ({
          ...r,
          drawMs: round(r.drawMs),
          phases: {
            loaded: round(r.phases.loaded),
            built: round(r.phases.built),
            drawn: round(r.phases.drawn),
          },
          totalBlockingMs: round(r.totalBlockingMs),
          filter: { ...r.filter, ms: round(r.filter.ms) },
        })),
      });
      const c = cases.at(-1)!;
      console.log(
        `${String(n).padStart(6)} facilities: markers drawn in ${c.medianDrawMs} ms (median of ${RUNS}), longest task ${c.longestTaskMs} ms (worst run ${c.worstLongTaskMs} ms), TBT ${c.medianTotalBlockingMs} ms, filter ${c.medianFilterMs} ms`,
      );
      for (const r of runs)
        console.log(
          `        ms from start ${JSON.stringify(r.phases)}, longest task by phase ${JSON.stringify({ ...r.longestByPhase, filter: r.filter.maxLongTaskMs })}`,
        );
    }
  } finally {
    await browser.close();
    server.close();
  }
  const weight = pageJsWeight('dist', '/map/');
  const result = {
    generatedAt: new Date().toISOString(),
    chromium: browser.version(),
    node: process.version,
    budgetGzipBytes: { beforeMapVisible: weight.eager.bytes.gzip, withLeafletLoaded: weight.all.bytes.gzip },
    limitLongTaskMs: LIMIT_MS,
    cases,
  };
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `JS gzip: ${weight.eager.bytes.gzip} B before the map is visible, ${weight.all.bytes.gzip} B with Leaflet. Written to ${OUT}`,
  );
  const big = cases.find((c) => c.facilities === 10000)!;
  if (big.longestTaskMs > LIMIT_MS) {
    console.error(`10,000 facilities: a long task of ${big.longestTaskMs} ms (limit ${LIMIT_MS} ms)`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
