/**
 * `npm run bench:survey`: survey submissions through the embedded API (POST /rest/v1/rpc/submit_survey, as the
 * browser sends them) at concurrency 16, on PGlite and on PostgreSQL 15. Every answer is sent TWICE at the same
 * time (a double tap, an offline resend), each from its own client address; afterwards the database must hold each
 * answer exactly once: duplicates_stored = rows stored − distinct answers accepted (must be 0), missing = answers
 * sent but not stored (must be 0). The rate limiter runs on every request (its limit raised so it never trips).
 * Both databases prepared as the superuser and served as authenticator, as startApi does (bench/lib/targets.ts).
 * Results → bench/results/survey.json. Not a test: figures depend on the machine and its load.
 * BENCH_SURVEY_FORM=versioned: the same answers as a versioned questionnaire (the Guichi form 2026-12 published,
 * {form_version, answers} checked by app_private.check_survey_answers) → bench/results/survey-versioned.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { createApiServer } from '../supabase/embedded/api/server.ts';
import type { Db } from '../supabase/embedded/db/adapter.ts';
import { prepareDatabase } from '../supabase/embedded/db/migrate.ts';
import { surveyFixture } from '../tests/fixtures/survey.ts';
import guichiForm from '../tests/fixtures/survey-form/guichi.json' with { type: 'json' };
import { benchTargets } from './lib/targets.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const CONCURRENCY = 16;
const SECRET = 'bench-only-secret-bench-only-secret-0123456789';
const LOAD_AT_START = loadavg()[0]!;
const VERSIONED = process.env.BENCH_SURVEY_FORM === 'versioned';
const FEES: Record<string, string> = {
  '1000_2000': '1000_1999',
  '2001_3000': '2000_2999',
  over_3000: '3000_plus',
};

/** Fixture answer i as the browser sends it: pre-definition, or versioned (the 2026-12 form's names and bands). */
function payload(i: number, id: string, start_token: string) {
  const f = surveyFixture(i % 24, id, '');
  if (!VERSIONED) return { ...f, start_token };
  const { consent, consent_version, src, fill_ms, phone, phone_consent, community, ...rest } =
    f as typeof f & {
      fee?: string;
    };
  const answers: Record<string, unknown> = { household: 'under3', ...rest };
  delete answers.id;
  if (rest.fee) answers.fee = FEES[rest.fee] ?? rest.fee;
  if (community) answers.community = community;
  if (phone) Object.assign(answers, { phone, phone_consent: ['yes'] });
  return { id, consent, consent_version, form_version: '2026-12', answers, start_token };
}

function post(agent: Agent, port: number, body: string, key: string, ip: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: '/rest/v1/rpc/submit_survey',
        method: 'POST',
        headers: {
          apikey: key,
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-forwarded-for': ip,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A start token as the page gets it when the form opens (not timed: the bench measures submits). */
async function startToken(port: number, key: string, ip: string): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/rest/v1/rpc/start_survey`, {
    method: 'POST',
    headers: {
      apikey: key,
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'x-forwarded-for': ip,
    },
    body: '{}',
  });
  return ((await r.json()) as { token: string }).token;
}

async function benchTarget(_label: string, db: Db) {
  const api = await createApiServer({ db, secret: SECRET, siteOrigins: [], trustProxy: true });
  await new Promise<void>((r) => api.server.listen(0, '127.0.0.1', r));
  const port = (api.server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const accepted = new Set<string>();
  let errors = 0;
  let n = 0;
  const send = async (body: string, id: string, ip: string) => {
    const t = performance.now();
    try {
      const status = await post(agent, port, body, api.keys.anon, ip);
      latencies.push(performance.now() - t);
      if (status === 200) accepted.add(id);
      else errors++;
    } catch {
      errors++;
    }
  };
  const end = performance.now() + SECONDS * 1000;
  // CONCURRENCY requests in flight: CONCURRENCY / 2 workers, each sending one answer twice at once.
  await Promise.all(
    Array.from({ length: CONCURRENCY / 2 }, async () => {
      while (performance.now() < end) {
        const i = n++;
        const id = randomUUID();
        const ip = (k: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 127) * 2 + k}`;
        const start_token = await startToken(port, api.keys.anon, ip(0));
        const body = JSON.stringify({ p_response: payload(i, id, start_token) });
        await Promise.all([send(body, id, ip(0)), send(body, id, ip(1))]);
      }
    }),
  );
  agent.destroy();
  await api.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2));
  return {
    concurrency: CONCURRENCY,
    requests: latencies.length + errors,
    rps: Math.round(latencies.length / SECONDS),
    p50_ms: at(0.5),
    p99_ms: at(0.99),
    errors,
    answers_sent: n,
    answers_accepted: accepted.size,
  };
}

type Measured = Awaited<ReturnType<typeof benchTarget>>;

/** After serving, as the superuser (authenticator may not read the table): each accepted answer stored once? */
async function checkStored(label: string, admin: Db, measured: Measured) {
  const { rows } = await admin.query<{ stored: number; distinct_ids: number }>(
    VERSIONED
      ? 'select count(*)::int as stored, count(distinct response_id)::int as distinct_ids from app.survey_answers'
      : 'select count(*)::int as stored, count(distinct id)::int as distinct_ids from app.survey_responses',
  );
  const result = {
    ...measured,
    rows_stored: rows[0]!.stored,
    duplicates_stored: rows[0]!.stored - measured.answers_accepted,
    missing: measured.answers_accepted - rows[0]!.distinct_ids,
  };
  console.log(
    `${label.padEnd(14)} ${result.rps} req/s p50 ${result.p50_ms} ms p99 ${result.p99_ms} ms errors ${result.errors} duplicates ${result.duplicates_stored} missing ${result.missing}`,
  );
  return result;
}

// Prepared as the superuser (the per-client limit raised there), then served as authenticator, as startApi does.
const results = await benchTargets('survey', {
  prepare: async (admin) => {
    await prepareDatabase(admin);
    // No wait after the start token and no per-address limits: the bench measures the submit path itself.
    await admin.query(
      `update app_private.survey_settings set min_fill_seconds = 0, max_submissions_per_minute = 1000000000,
         max_submissions_per_hour = 1000000000, max_submissions_per_day = 1000000000, max_starts_per_hour = 1000000000`,
    );
    if (VERSIONED) {
      await admin.query(`select app_private.publish_survey_form($1::jsonb, 'bench', 30)`, [
        JSON.stringify(guichiForm),
      ]);
    }
  },
  bench: benchTarget,
  check: checkStored,
});

mkdirSync('bench/results', { recursive: true });
const OUT = VERSIONED ? 'bench/results/survey-versioned.json' : 'bench/results/survey.json';
writeFileSync(
  OUT,
  `${JSON.stringify(
    {
      generated_at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        node: process.version,
        load_average_1m_at_start: +LOAD_AT_START.toFixed(2),
        load_average_1m_after: +loadavg()[0]!.toFixed(2),
      },
      seconds: SECONDS,
      notes: [
        'POST /rest/v1/rpc/submit_survey over HTTP keep-alive from this process (it shares the cores with the API and the database).',
        'The API serves as authenticator (prepared as the superuser, as startApi does); rows counted afterwards as the superuser.',
        'Each answer sent twice at once from two client addresses; rps counts every request.',
        'Each answer first fetches a start token (POST start_survey, not timed); the bench database waits 0 s after it and lifts the per-address limits.',
        'duplicates_stored = rows stored - answers accepted (must be 0); missing = accepted answers not stored (must be 0).',
        ...(VERSIONED
          ? [
              'Versioned: {form_version: 2026-12, answers} checked by app_private.check_survey_answers, counted in app.survey_answers.',
            ]
          : []),
        'PostgreSQL 15: the throwaway test cluster (fsync=off, synchronous_commit=off), pool of 10 connections; PGlite on disk in a temp folder.',
      ],
      results,
    },
    null,
    2,
  )}\n`,
);
console.log(`→ ${OUT}`);
