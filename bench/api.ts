/**
 * `npm run bench:api`: what the embedded API costs on top of the database. For a read function
 * (`test_read`, STABLE) and a write function (`test_write`, one insert) — the test-only functions of
 * tests/api/fixtures/test-functions.sql, applied to throwaway databases — at concurrency 1, 16 and 64, on PGlite
 * and on PostgreSQL 15, it measures requests/s and p50/p99 latency of:
 *   api     POST /rest/v1/rpc/<fn> over HTTP keep-alive, from a load generator in a child process (this file
 *           run with --load), as a browser would be elsewhere
 *   raw_tx  the same transaction the API runs (role, claims, headers, then the call), made directly on the Db
 *   raw_sql the bare `select public.<fn>($1)` on the Db, no transaction settings
 * Results → bench/results/api.json. Not a test: numbers depend on the machine and its load.
 * Each figure is the median of BENCH_ROUNDS (3) interleaved rounds of BENCH_SECONDS (1) each.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { createApiServer } from '../supabase/embedded/api/server.ts';
import { runCall } from '../supabase/embedded/api/rpc.ts';
import type { Db } from '../supabase/embedded/db/adapter.ts';
import { prepareTestDatabase, SECRET } from '../tests/api/harness.ts';
import { benchTargets } from './lib/targets.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const LOAD_AT_START = loadavg()[0]!;
const CONCURRENCY = [1, 16, 64];
/** cpu_us_per_call: CPU time of THIS process (the API server, or the raw caller) per call — load-independent. */
type Stats = {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  cpu_us_per_call?: number;
  calls?: number;
};

/** Runs `once` from `workers` loops for SECONDS; latency per call. */
async function measure(workers: number, once: (i: number) => Promise<void>): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  let seq = 0;
  const cpu = process.cpuUsage();
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await once(seq++);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2));
  const cpuPerCall = Math.round((used.user + used.system) / Math.max(1, latencies.length));
  return {
    rps: Math.round(latencies.length / SECONDS),
    p50_ms: at(0.5),
    p99_ms: at(0.99),
    errors,
    cpu_us_per_call: cpuPerCall,
    calls: latencies.length,
  };
}

function post(agent: Agent, port: number, path: string, body: string, key: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          apikey: key,
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface LoadSpec {
  port: number;
  fn: string;
  concurrency: number;
  key: string;
  /** Writes number their rows from here, so runs never collide. */
  firstN: number;
}

/** The child's side: hammer one function over HTTP, print the stats as JSON. */
async function generateLoad(spec: LoadSpec): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  let n = spec.firstN;
  const once = () =>
    post(
      agent,
      spec.port,
      `/rest/v1/rpc/${spec.fn}`,
      JSON.stringify({ p_n: spec.fn === 'test_write' ? n++ : 10 }),
      spec.key,
    );
  const warm = performance.now() + 500;
  let warmCalls = 0;
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (performance.now() < warm) {
        await once();
        warmCalls++;
      }
    }),
  );
  const stats = await measure(spec.concurrency, once);
  // The parent measures its own (server) CPU over warm-up + measurement: report every call made.
  process.stdout.write(
    JSON.stringify({ ...stats, calls: (stats.calls ?? 0) + warmCalls, cpu_us_per_call: undefined }),
  );
  agent.destroy();
}

/** Runs the load generator in a child process and returns its stats. */
function loadFromChild(spec: LoadSpec): Promise<Stats> {
  const cpu = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [new URL(import.meta.url).pathname, '--load', JSON.stringify(spec)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited ${code}`));
      const stats = JSON.parse(out) as Stats;
      const used = process.cpuUsage(cpu);
      resolve({
        ...stats,
        cpu_us_per_call: Math.round((used.user + used.system) / Math.max(1, stats.calls ?? 1)),
      });
    });
  });
}

async function benchTarget(label: string, db: Db): Promise<Record<string, unknown>> {
  const api = await createApiServer({ db, secret: SECRET, siteOrigins: [], rateLimits: {} });
  await new Promise<void>((r) => api.server.listen(0, '127.0.0.1', r));
  const port = (api.server.address() as AddressInfo).port;
  const ctx = { db, schema: 'public', statementTimeouts: { anon: '3s', authenticated: '8s' } };
  const caller = { role: 'anon' as const, claims: { role: 'anon' } };
  const headers = { 'x-forwarded-for': '127.0.0.1', 'content-type': 'application/json' };
  let nextWrite = 1;
  let nextRange = 1;
  const fns = {
    read: { name: 'test_read', args: () => ({ p_n: 10 }), readOnly: true },
    write: { name: 'test_write', args: () => ({ p_n: nextWrite++ }), readOnly: false },
  };
  const out: Record<string, unknown> = {};
  for (const [kind, f] of Object.entries(fns)) {
    const [info] = await api.catalogue.lookup(f.name);
    if (!info) throw new Error(`${f.name} is missing`);
    const byConcurrency: Record<string, unknown> = {};
    for (const c of CONCURRENCY) {
      // Interleaved rounds, so the three see the same machine load; the median round of each is kept.
      const rounds: { api: Stats; raw_tx: Stats; raw_sql: Stats }[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const viaApi = await loadFromChild({
          port,
          fn: f.name,
          concurrency: c,
          key: api.keys.anon,
          firstN: 100_000_000 * nextRange++,
        });
        const rawTx = await measure(c, async () => {
          await runCall(ctx, info, {
            caller,
            args: f.args(),
            given: ['p_n'],
            headers,
            method: 'POST',
            readOnly: f.readOnly,
          });
        });
        const rawSql = await measure(c, async () => {
          await db.query(`select public.${f.name}($1)`, [f.args().p_n]);
        });
        rounds.push({ api: viaApi, raw_tx: rawTx, raw_sql: rawSql });
      }
      const median = (pick: (r: (typeof rounds)[number]) => Stats) =>
        rounds.map(pick).sort((a, b) => a.rps - b.rps)[Math.floor(ROUNDS / 2)]!;
      const [viaApi, rawTx, rawSql] = [
        median((r) => r.api),
        median((r) => r.raw_tx),
        median((r) => r.raw_sql),
      ];
      byConcurrency[`c${c}`] = {
        api: viaApi,
        raw_tx: rawTx,
        raw_sql: rawSql,
        api_vs_raw_tx: +(viaApi.rps / rawTx.rps).toFixed(2),
        api_vs_raw_sql: +(viaApi.rps / rawSql.rps).toFixed(2),
      };
      console.log(
        `${label.padEnd(14)} ${kind.padEnd(5)} c=${String(c).padEnd(3)} api ${String(viaApi.rps).padStart(6)}/s p50 ${viaApi.p50_ms}ms p99 ${viaApi.p99_ms}ms ${viaApi.cpu_us_per_call}µs | raw_tx ${rawTx.rps}/s ${rawTx.cpu_us_per_call}µs | raw_sql ${rawSql.rps}/s ${rawSql.cpu_us_per_call}µs`,
      );
    }
    out[kind] = byConcurrency;
  }
  await api.close();
  return out;
}

if (process.argv[2] === '--load') {
  await generateLoad(JSON.parse(process.argv[3]!) as LoadSpec);
  process.exit(0);
}

/** The raw_sql baseline calls the functions directly as authenticator (bench databases only). */
const RAW_SQL_GRANT =
  'grant execute on function public.test_read(integer), public.test_write(integer) to authenticator';

// Prepared as the superuser, then served as authenticator, as startApi does.
const results: Record<string, unknown> = await benchTargets('api', {
  prepare: async (admin) => {
    await prepareTestDatabase(admin);
    await admin.exec(RAW_SQL_GRANT);
  },
  bench: benchTarget,
});

/** For each target and function: api/raw_tx at concurrency 16 and whether it reaches 0.5. */
function goalAtC16(all: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [target, byFn] of Object.entries(all)) {
    for (const [fn, byC] of Object.entries(
      byFn as Record<string, Record<string, { api_vs_raw_tx: number }>>,
    )) {
      const ratio = byC.c16?.api_vs_raw_tx;
      if (ratio !== undefined) out[`${target}.${fn}`] = { api_vs_raw_tx: ratio, met: ratio >= 0.5 };
    }
  }
  return out;
}

const report = {
  generated_at: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    load_average_1m_at_start: +LOAD_AT_START.toFixed(2),
  },
  seconds_per_round: SECONDS,
  rounds: ROUNDS,
  load_average_1m_after: +loadavg()[0]!.toFixed(2),
  notes: [
    'api: HTTP keep-alive from a load generator in a child process (on this machine it competes for the same cores).',
    'raw_tx: the same transaction the API runs, called on the Db directly; raw_sql: the bare function call.',
    'PostgreSQL 15: the throwaway test cluster (fsync=off, synchronous_commit=off), pool of 10 connections.',
    'Each figure: the median of the interleaved rounds (api, raw_tx, raw_sql take turns).',
    'cpu_us_per_call: CPU of the measuring process per call (api: the server process, client excluded; PGlite: includes the database, PostgreSQL: excludes its backends). Unlike rps it hardly depends on the machine load.',
    'Goal: api rps at concurrency 16 >= 0.5 x raw_tx rps.',
  ],
  results,
  goal_c16: goalAtC16(results),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/api.json', `${JSON.stringify(report, null, 2)}\n`);
console.log('→ bench/results/api.json');
