/**
 * `npm run bench:lectures`: lecture sign-ups through the embedded API (HTTP, as browsers call it), on PostgreSQL 15
 * and on PGlite.
 *   burst   500 concurrent sign-ups for one event of capacity 30, each from its own client address (the API trusts
 *           X-Forwarded-For here, as behind the production proxy): confirmed, waitlisted, duplicates (codes or
 *           waitlist positions given twice, sign-up numbers with gaps), errors (non-200), p50_ms, p99_ms, seconds
 *   steady  sign-ups per second at concurrency 64 for BENCH_SECONDS (default 3) against an event of capacity 2000
 *   roster  an event of 10,000 registrations (30 confirmed, the rest waiting, every 7th cancelled), as outreach: the
 *           first and the last roster page of 100 and of 500, and the (masked) export of all 10,000; as an admin with
 *           a reason, the export with full numbers (audited with the 10,000 ids revealed); each the median of 3
 *           calls over HTTP (ms), the answer read and parsed as the browser does
 * Both databases prepared as the superuser and served as authenticator, as startApi does (bench/lib/targets.ts).
 * Results → bench/results/lectures.json. Not a test: numbers depend on the machine and its load.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { createApiServer } from '../supabase/embedded/api/server.ts';
import type { Db } from '../supabase/embedded/db/adapter.ts';
import { ACCOUNTS, prepareTestDatabase, SECRET } from '../tests/api/harness.ts';
import { benchTargets } from './lib/targets.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 3);
const LOAD_AT_START = loadavg()[0]!;

interface Reg {
  code: string;
  status: string;
  waitlist_position: number | null;
}
let addressSeq = 0;
/** A fresh client address per request: 10.x.y.z. */
const nextAddress = () => {
  const n = ++addressSeq;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};
let mobileSeq = 0;
const nextMobile = () => `1360${String(++mobileSeq).padStart(7, '0')}`;

const percentile = (sorted: number[], q: number) =>
  Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));

/** The two events, made before serving (authenticator cannot write app.lecture_events; staff do, elsewhere). */
const BURST = { id: randomUUID(), capacity: 30 };
const STEADY = { id: randomUUID(), capacity: 2000 };
const ROSTER = { id: randomUUID(), registrations: 10_000 };
const ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';

async function createEvents(admin: Db): Promise<void> {
  for (const event of [BURST, STEADY]) {
    await admin.query(
      `insert into app.lecture_events (id, title, kind, venue, township, starts_at, ends_at, capacity, status, published_at)
       values ($1, 'bench', 'parent_class', 'Hall', '秋浦街道', now() + interval '7 days', now() + interval '7 days 2 hours', $2, 'published', now())`,
      [event.id, event.capacity],
    );
  }
  // Room for the whole burst on the waitlist (the default limit is 200).
  await admin.query('update app.lecture_events set waitlist_limit = 2000 where id = $1', [BURST.id]);
  // The roster event: 10,000 registrations written directly (codes: sign-up number in base 25 behind a 'Y').
  await admin.query(
    `insert into app.lecture_events (id, title, kind, venue, township, starts_at, ends_at, capacity, status, published_at, signups, waitlist_limit)
     values ($1, 'roster bench', 'parent_class', 'Hall', '秋浦街道', now() + interval '7 days', now() + interval '7 days 2 hours', 30, 'published', now(), $2, 2000)`,
    [ROSTER.id, ROSTER.registrations],
  );
  const codes = Array.from({ length: ROSTER.registrations }, (_, i) => {
    let s = '';
    for (let k = 0, n = i + 1; k < 5; k++, n = Math.floor(n / 25)) s = ALPHABET[n % 25] + s;
    return `Y${s}`;
  });
  await admin.query(
    `insert into app.lecture_registrations (event_id, code, signup_no, name, mobile, adults, child_age_band, consent_at, status, confirmed_at)
     select $1, c, n, '压测' || n, '135' || lpad(n::text, 8, '0'), 1, 'under_1', now(),
            case when n <= 30 then 'confirmed' when n % 7 = 0 then 'cancelled' else 'waitlisted' end,
            case when n <= 30 then now() end
     from unnest($2::text[]) with ordinality as u(c, n)`,
    [ROSTER.id, codes],
  );
  await admin.exec('analyze app.lecture_registrations');
}

/** Median of 3 timed calls. */
async function median3(fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return Number(times.sort((a, b) => a - b)[1]!.toFixed(1));
}

/** Roster and export times at 10,000 registrations, as outreach over HTTP. */
async function benchRoster(base: string, anonKey: string) {
  const tokenOf = async (who: keyof typeof ACCOUNTS) => {
    const signIn = await fetch(`${base}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: anonKey, 'content-type': 'application/json' },
      body: JSON.stringify(ACCOUNTS[who]),
    });
    return ((await signIn.json()) as { access_token: string }).access_token;
  };
  const outreach = await tokenOf('outreach');
  const admin = await tokenOf('admin');
  const call = async (fn: string, args: Record<string, unknown>, expectRows: number, token = outreach) => {
    const res = await fetch(`${base}/rest/v1/rpc/${fn}`, {
      method: 'POST',
      headers: { apikey: anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body = (await res.json()) as { rows?: unknown[] } | unknown[];
    const n = Array.isArray(body) ? body.length : (body.rows?.length ?? -1);
    if (res.status !== 200 || n !== expectRows) throw new Error(`${fn}: ${res.status}, ${n} rows`);
  };
  const page = (limit: number, offset: number) => () =>
    call('lecture_roster', { p_event_id: ROSTER.id, p_limit: limit, p_offset: offset }, limit);
  const roster = {
    registrations: ROSTER.registrations,
    first_page_100_ms: await median3(page(100, 0)),
    last_page_100_ms: await median3(page(100, ROSTER.registrations - 100)),
    first_page_500_ms: await median3(page(500, 0)),
    last_page_500_ms: await median3(page(500, ROSTER.registrations - 500)),
    export_all_ms: await median3(() =>
      call('export_lecture_roster', { p_event_id: ROSTER.id }, ROSTER.registrations),
    ),
    export_all_full_admin_ms: await median3(() =>
      call(
        'export_lecture_roster',
        { p_event_id: ROSTER.id, p_full: true, p_reason: 'bench: call everyone' },
        ROSTER.registrations,
        admin,
      ),
    ),
  };
  return roster;
}

async function benchTarget(_label: string, db: Db) {
  const api = await createApiServer({ db, secret: SECRET, siteOrigins: [], trustProxy: true });
  await new Promise<void>((r) => api.server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}/rest/v1/rpc/sign_up_for_lecture`;
  const signUp = async (eventId: string): Promise<{ status: number; reg: Reg | null; ms: number }> => {
    const t = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        apikey: api.keys.anon,
        authorization: `Bearer ${api.keys.anon}`,
        'content-type': 'application/json',
        'x-forwarded-for': nextAddress(),
      },
      body: JSON.stringify({
        p_event_id: eventId,
        p_name: '压测',
        p_mobile: nextMobile(),
        p_adults: 1,
        p_child_age_band: 'under_1',
        p_consent: true,
      }),
    });
    const body = (await res.json()) as Reg;
    return { status: res.status, reg: res.status === 200 ? body : null, ms: performance.now() - t };
  };
  try {
    // Burst: 500 at once, capacity 30.
    const burstEvent = BURST.id;
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: 500 }, () => signUp(burstEvent).catch(() => ({ status: 0, reg: null, ms: 0 }))),
    );
    const seconds = (performance.now() - t0) / 1000;
    const regs = results.flatMap((r) => (r.reg ? [r.reg] : []));
    const positions = regs.filter((r) => r.status === 'waitlisted').map((r) => r.waitlist_position);
    const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
    const burst = {
      requests: 500,
      capacity: BURST.capacity,
      confirmed: regs.filter((r) => r.status === 'confirmed').length,
      waitlisted: positions.length,
      // + sign-up numbers with gaps, counted by checkSignupNumbers once serving has ended
      duplicates:
        regs.length - new Set(regs.map((r) => r.code)).size + (positions.length - new Set(positions).size),
      errors: results.filter((r) => r.status !== 200).length,
      p50_ms: percentile(latencies, 0.5),
      p99_ms: percentile(latencies, 0.99),
      seconds: Number(seconds.toFixed(2)),
    };

    // Steady: 64 workers for SECONDS.
    const steadyEvent = STEADY.id;
    const lat: number[] = [];
    let errors = 0;
    const end = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (performance.now() < end) {
          const r = await signUp(steadyEvent).catch(() => ({ status: 0, reg: null, ms: 0 }));
          if (r.status === 200) lat.push(r.ms);
          else errors++;
        }
      }),
    );
    lat.sort((a, b) => a - b);
    const steady = {
      concurrency: 64,
      seconds: SECONDS,
      rps: Math.round(lat.length / SECONDS),
      p50_ms: percentile(lat, 0.5),
      p99_ms: percentile(lat, 0.99),
      errors,
    };
    const roster = await benchRoster(
      `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`,
      api.keys.anon,
    );
    return { burst, steady, roster };
  } finally {
    await api.close();
  }
}

type Measured = Awaited<ReturnType<typeof benchTarget>>;

/** After serving, as the superuser (authenticator may not read registrations): the burst's sign-up numbers 1…n? */
async function checkSignupNumbers(
  label: string,
  admin: Db,
  { burst, steady, roster }: Measured,
): Promise<Measured> {
  const nos = (
    await admin.query<{ signup_no: number }>(
      'select signup_no from app.lecture_registrations where event_id = $1 order by 1',
      [BURST.id],
    )
  ).rows.map((r) => r.signup_no);
  const gaps = nos.filter((n, i) => n !== i + 1).length;
  const checked = { ...burst, duplicates: burst.duplicates + gaps };
  console.log(`${label} burst:`, checked);
  console.log(`${label} steady:`, steady);
  console.log(`${label} roster:`, roster);
  return { burst: checked, steady, roster };
}

// Prepared as the superuser (migrations, test accounts, the two events), then served as authenticator, as startApi does.
const results = await benchTargets(
  'lectures',
  {
    prepare: async (admin) => {
      await prepareTestDatabase(admin);
      await createEvents(admin);
    },
    bench: benchTarget,
    check: checkSignupNumbers,
  },
  ['postgres15', 'pglite'],
);

mkdirSync('bench/results', { recursive: true });
const out = {
  generated_at: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    loadavg_at_start: Number(LOAD_AT_START.toFixed(2)),
    loadavg_at_end: Number(loadavg()[0]!.toFixed(2)),
  },
  note: 'Through the embedded API over HTTP, served as authenticator; each request from its own client address. Numbers depend on the machine and its load.',
  ...results,
};
writeFileSync('bench/results/lectures.json', `${JSON.stringify(out, null, 2)}\n`);
console.log('→ bench/results/lectures.json');
