/**
 * The survey page's Largest Contentful Paint on a slow phone, measured in Chromium (no Lighthouse here): a
 * 360 × 740 touch screen, CPU slowed 4× and the network throttled as Lighthouse's mobile "devtools" preset does
 * (562.5 ms round trip, 1.47 Mbit/s down, 675 kbit/s up), through the Chrome DevTools Protocol. Each run is a fresh
 * browser context (empty cache); the figure is the median of the runs. Also recorded: First Contentful Paint, the
 * layout shift (CLS), when the form's island has hydrated, the LCP element, and the JavaScript bytes on the wire.
 *
 *   node bench/survey-lcp.ts <label> [dist folder] [--no-compress] [--runs N]
 *
 * serves the folder (default dist/) with scripts/lib/static-server.ts (`--no-compress`: as `npm start` did before it
 * compressed) and writes the figures under `<label>` in bench/results/survey-lcp.json, keeping the other labels.
 * Not a test: figures depend on the machine; compare labels measured on the same machine.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createStaticServer, listen } from '../scripts/lib/static-server.ts';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/chromium.ts';

const args = process.argv.slice(2);
const label = args[0];
if (!label || label.startsWith('--')) {
  console.error('usage: node bench/survey-lcp.ts <label> [dist folder] [--no-compress] [--runs N]');
  process.exit(2);
}
const dist = args[1] && !args[1].startsWith('--') ? args[1] : 'dist';
const compress = !args.includes('--no-compress');
const runsAt = args.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(args[runsAt + 1]) : 5;
const RESULTS = 'bench/results/survey-lcp.json';
const NETWORK = {
  latency: 562.5,
  downloadThroughput: (1474.56 * 1024) / 8,
  uploadThroughput: (675 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;

interface Run {
  lcp: number;
  cls: number;
  fcp: number;
  hydrated: number | null;
  element: string;
  jsTransferBytes: number;
}

const server = createStaticServer(dist, { compress });
const base = await listen(server, 0);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });

async function measure(page: string): Promise<Run> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    serviceWorkers: 'block',
  });
  // Nothing leaves this machine (the form's start-token call to the API fails fast, as offline).
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__lcp = { time: 0, element: '' };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
        const el = e.element;
        w.__lcp = {
          time: e.startTime,
          element: el ? `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}` : '',
        };
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    // Layout shifts (the island hydrating onto the server's HTML should move nothing).
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
        if (!e.hadRecentInput) w.__cls = (w.__cls as number) + e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    // The island has hydrated when Astro removes its `ssr` attribute.
    new MutationObserver((_m, obs) => {
      const island = document.querySelector('astro-island');
      if (island && !island.hasAttribute('ssr')) {
        w.__hydrated = performance.now();
        obs.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['ssr'], childList: true });
  });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORK });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await tab.goto(base + page, { waitUntil: 'load', timeout: 120_000 });
  await tab
    .waitForFunction(() => (window as unknown as { __hydrated?: number }).__hydrated, undefined, {
      timeout: 60_000,
    })
    .catch(() => undefined);
  await tab.waitForTimeout(500);
  const run = await tab.evaluate(() => {
    const w = window as unknown as {
      __lcp: { time: number; element: string };
      __hydrated?: number;
      __cls: number;
    };
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.name.endsWith('.js'))
      .reduce((n, r) => n + r.transferSize, 0);
    return {
      lcp: w.__lcp.time,
      cls: w.__cls,
      fcp,
      hydrated: w.__hydrated ?? null,
      element: w.__lcp.element,
      jsTransferBytes: js,
    };
  });
  await context.close();
  return run;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const pages: Record<string, unknown> = {};
try {
  for (const page of ['/survey/', '/en/survey/']) {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(page));
    const hydrated = runs.map((r) => r.hydrated).filter((h): h is number => h !== null);
    pages[page] = {
      lcp_ms: Math.round(median(runs.map((r) => r.lcp))),
      fcp_ms: Math.round(median(runs.map((r) => r.fcp))),
      cls: Number(median(runs.map((r) => r.cls)).toFixed(3)),
      hydrated_ms: hydrated.length ? Math.round(median(hydrated)) : null,
      lcp_element: runs[0]!.element,
      js_transfer_bytes: median(runs.map((r) => r.jsTransferBytes)),
      runs: runs.map((r) => Math.round(r.lcp)),
    };
    console.log(label, page, pages[page]);
  }
} finally {
  await browser.close();
  await new Promise((ok) => server.close(ok));
}

const previous = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
mkdirSync(path.dirname(RESULTS), { recursive: true });
writeFileSync(
  RESULTS,
  `${JSON.stringify(
    {
      ...previous,
      method: `Chromium ${browser.version()} via Playwright: 360x740 touch, CPU ${CPU_SLOWDOWN}x slower, network ${NETWORK.latency} ms RTT / 1474.56 kbit/s down / 675 kbit/s up (Lighthouse mobile devtools preset), fresh context per run, median of each label's runs`,
      [label]: { measured_at: new Date().toISOString(), dist, compressed: compress, runs: RUNS, pages },
    },
    null,
    2,
  )}\n`,
);
