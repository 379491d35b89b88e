/**
 * `npm run bench:list-scale`: builds the site with 1,000 and 5,000 synthetic facilities (bench/lib/
 * synthetic-facilities.ts, written as YAML files into a temporary folder that TUOYU_FACILITIES_DIR points the
 * build at) and records the build time and the weights of the list page, a detail page, the map data and the
 * whole dist/ in bench/results/list-scale.json. Builds go to .tmp/bench-list-<n>/ (kept, so
 * tests/unit/list-scale-budget.test.ts can read the 1,000 build). Slow: about a minute per 1,000 facilities on
 * two busy cores. `-- 1000` builds one size only.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { syntheticFacilityRecords } from './lib/synthetic-facilities.ts';
import { measurePage } from './lib/page-weight.ts';
import { outlineToWgs84 } from '../src/lib/geo/outline.ts';
import { outlinePath } from '../src/districts/index.ts';

const OUT = 'bench/results/list-scale.json';
const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const TODAY = '2026-12-01';

export const benchDist = (n: number) => `.tmp/bench-list-${n}`;

function dirBytes(dir: string): { files: number; raw: number } {
  let files = 0;
  let raw = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) {
      files++;
      raw += statSync(path.join(e.parentPath, e.name)).size;
    }
  return { files, raw };
}

function buildWith(n: number) {
  const outline = outlineToWgs84(JSON.parse(readFileSync(outlinePath(), 'utf8')));
  const dir = mkdtempSync(path.join(tmpdir(), `tuoyu-bench-${n}-`));
  for (const r of syntheticFacilityRecords(n, outline, TODAY))
    writeFileSync(path.join(dir, `${r.id}.yaml`), JSON.stringify(r)); // JSON is YAML
  const outDir = benchDist(n);
  rmSync(outDir, { recursive: true, force: true });
  const start = performance.now();
  try {
    execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
      env: {
        ...process.env,
        TUOYU_FACILITIES_DIR: dir,
        TUOYU_TODAY: TODAY,
        TUOYU_LOCAL_BUILD: '1',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const buildSeconds = Math.round((performance.now() - start) / 100) / 10;
  const page = (p: string) => {
    const w = measurePage(outDir, p);
    return { html: w.html, css: w.css, js: w.js, jsFiles: w.jsFiles.length };
  };
  const map = readFileSync(path.join(outDir, 'data/map-facilities.json'));
  return {
    facilities: n,
    buildSeconds,
    list: page('/facilities/'),
    listEn: page('/en/facilities/'),
    detail: page('/facilities/demo-bench-1/'),
    mapData: { raw: map.length, gzip: gzipSync(map, { level: 9 }).length },
    dist: dirBytes(outDir),
  };
}

function main() {
  const sizes = SIZES.length ? SIZES : [1000, 5000];
  let old: { runs?: Record<string, unknown> } = {};
  try {
    old = JSON.parse(readFileSync(OUT, 'utf8'));
  } catch {}
  const runs: Record<string, unknown> = { ...(old.runs ?? {}) };
  for (const n of sizes) {
    const r = buildWith(n);
    runs[String(n)] = r;
    console.log(
      `${n} facilities: build ${r.buildSeconds} s; list page ${r.list.html.gzip} B gzip HTML ` +
        `(${Math.round(r.list.html.gzip / n)} B per facility); detail ${r.detail.html.gzip} B; ` +
        `map data ${r.mapData.gzip} B gzip; dist ${r.dist.files} files, ${Math.round(r.dist.raw / 1e6)} MB`,
    );
  }
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(
    OUT,
    `${JSON.stringify({ note: 'astro build with n synthetic facilities; bytes raw and gzip (level 9)', today: TODAY, runs }, null, 2)}\n`,
  );
}

main();
