/**
 * The survey's SQL, acting as the API's roles: idempotent submit, the anti-abuse checks, constraints mirroring the
 * zod rules, ?src= handling, the published summary (small cells suppressed), the staff dashboard, paper entry,
 * export and the phone-number retention purge. Expected figures are counted from tests/fixtures/survey.ts with plain
 * filters written here, never by the SQL under test.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { anon, asRole, createStaff, rowsAs, serviceRole, type Actor, type User } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';
import { FIXTURE_AGES, FIXTURE_COUNT, FIXTURE_TOWNSHIPS, surveyFixture } from '../fixtures/survey.ts';

const from = (ip: string): Actor => ({ role: 'anon', headers: { 'x-forwarded-for': ip } });
type Result = { reference: string; duplicate: boolean };

/** Start tokens as the server signs them, issued `secondsAgo` ago (the owner's signing function; what
 * public.start_survey hands out when the form opens, minus the wait). */
async function tokens(db: Db, n: number, secondsAgo = 60): Promise<string[]> {
  const { rows } = await db.query<{ t: string[] }>(
    `select array_agg(app_private.sign_survey_start(now() - make_interval(secs => $2))) as t from generate_series(1, $1)`,
    [n, secondsAgo],
  );
  return rows[0].t;
}
/** Submits as `actor`; a start token issued a minute ago is added unless the response has one (or null). */
async function submit(db: Db, actor: Actor, response: object) {
  const withToken =
    'start_token' in response ? response : { ...response, start_token: (await tokens(db, 1))[0] };
  return asRole<{ r: Result }>(db, actor, 'select public.submit_survey($1::jsonb) as r', [
    JSON.stringify(withToken),
  ]);
}
/** A refusal's SQLSTATE and machine code (detail), or 'ok'. */
async function refusal(db: Db, actor: Actor, sql: string, params: unknown[] = []) {
  try {
    await db.transaction(async (tx) => {
      await tx.exec(`set local role ${actor.role}`);
      await tx.query(
        `select set_config('request.jwt.claims', $1, true), set_config('request.headers', $2, true)`,
        [
          JSON.stringify({
            role: actor.role,
            ...(actor.sub ? { sub: actor.sub, aud: 'authenticated' } : {}),
          }),
          JSON.stringify(actor.headers ?? {}),
        ],
      );
      await tx.query(sql, params);
    });
    return 'ok';
  } catch (error) {
    const e = error as { code?: string; detail?: string };
    if (!e.code) throw error;
    return `${e.code} ${e.detail ?? ''}`.trim();
  }
}
const submitSql = 'select public.submit_survey($1::jsonb)';
const REFERENCE = /^GC-[34679ACDEFGHJKMNPQRTUVWXY]{6}$/;
async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0].n;
}
const band = (m: number) => (m <= 12 ? '0_12' : m <= 24 ? '13_24' : '25_36');

describeEachDatabase('survey', (ctx) => {
  let outreach: User;
  let admin: User;
  const fixtures = Array.from({ length: FIXTURE_COUNT }, (_, i) =>
    surveyFixture(i, randomUUID(), i % 2 ? 'fixture-b' : 'fixture-a'),
  );
  /** Children of the fixtures, with their age and family's answers. */
  const children = fixtures.flatMap((f, i) =>
    f.children.map((_, k) => ({
      age: FIXTURE_AGES[(i + k) % 3],
      township: f.township,
      wants: f.wants_care === 'yes',
    })),
  );

  beforeAll(async () => {
    outreach = await createStaff(ctx.db, 'outreach', 'outreach');
    admin = await createStaff(ctx.db, 'admin', 'admin');
    for (const code of ['fixture-a', 'fixture-b']) {
      await rowsAs(
        ctx.db,
        outreach.actor,
        `select public.create_distribution_point($1, $2, '341702001', '2026-06-01')`,
        [code, `Point ${code}`],
      );
    }
    for (const [i, f] of fixtures.entries()) {
      const r = await submit(ctx.db, from(`198.51.100.${i + 1}`), f);
      if (!r.ok) throw new Error(`fixture ${i}: ${r.code} ${r.message}`);
    }
  });

  test('the published summary (after the daily batch): true figures or withheld, every count under 5 withheld', async () => {
    const [{ r: before }] = await rowsAs<{ r: any }>(ctx.db, anon, 'select public.survey_results() as r');
    expect(before.responses).toBeNull(); // the batch made by the migration, before any answer
    await rowsAs(ctx.db, serviceRole, 'select app_private.refresh_survey_results()');
    const [{ r }] = await rowsAs<{ r: any }>(ctx.db, anon, 'select public.survey_results() as r');
    expect(r.suppressed_below).toBe(5);
    const trueOrWithheld = (published: number | null, actual: number) =>
      expect(published).toBe(actual < 5 ? null : published === null ? null : actual);
    trueOrWithheld(r.responses, 24);
    trueOrWithheld(r.wants_care, fixtures.filter((f) => f.wants_care === 'yes').length);
    expect(r.by_township).toHaveLength(20);
    for (const t of r.by_township) {
      trueOrWithheld(t.responses, fixtures.filter((f) => f.township === t.township).length);
      trueOrWithheld(
        t.wants_care,
        fixtures.filter((f) => f.township === t.township && f.wants_care === 'yes').length,
      );
    }
    for (const b of ['0_12', '13_24', '25_36']) {
      const inBand = children.filter((c) => band(c.age) === b);
      const row = r.demand_by_age_band.find((x: any) => x.band === b);
      trueOrWithheld(row.children, inBand.length);
      trueOrWithheld(row.wants_care, inBand.filter((c) => c.wants).length);
    }
    for (const form of ['full_day', 'half_day', 'hourly', 'occasional'])
      trueOrWithheld(
        r.care_forms.find((x: any) => x.value === form).responses,
        fixtures.filter((f) => 'care_form' in f && f.care_form === form).length,
      );
    expect(r.fees.find((x: any) => x.value === 'over_3000').responses).toBeNull();
    // Township 001 (12 answers, 3 of them not wanting care) is withheld in part, or 12 − 9 would give the 3 away.
    const t1 = r.by_township.find((x: any) => x.township === '341702001');
    expect(t1.responses === null || t1.wants_care === null).toBe(true);
  });

  test('the dashboard: totals, townships, age bands, answers and the township × band × wants-care cross-tab', async () => {
    const [{ d }] = await rowsAs<{ d: any }>(ctx.db, outreach.actor, 'select public.survey_dashboard() as d');
    expect(d.responses).toBe(24);
    expect(d.children).toBe(children.length);
    expect(d.by_source).toEqual([
      { source: 'fixture-a', channel: 'online', responses: 12 },
      { source: 'fixture-b', channel: 'online', responses: 12 },
    ]);
    expect(d.by_township).toEqual(
      FIXTURE_TOWNSHIPS.map((t) => ({
        township: t,
        responses: fixtures.filter((f) => f.township === t).length,
        wants_care: fixtures.filter((f) => f.township === t && f.wants_care === 'yes').length,
        undecided: 0,
        expecting: 0,
      })),
    );
    expect(d.over_time).toHaveLength(1);
    expect(d.over_time[0].responses).toBe(24);
    expect(d.answers.relation).toEqual({ father: 8, grandparent: 8, mother: 8 });
    expect(d.answers.priority).toEqual({ cost: 18, safety: 18 });
    expect(d.answers.reason_against).toEqual({ family_cares: 6 });
    const expectedCells = new Map<string, number>();
    for (const c of children) {
      const key = `${c.township}|${band(c.age)}|${c.wants ? 'yes' : 'no'}`;
      expectedCells.set(key, (expectedCells.get(key) ?? 0) + 1);
    }
    expect(
      new Map(d.crosstab.map((x: any) => [`${x.township}|${x.band}|${x.wants_care}`, x.children])),
    ).toEqual(expectedCells);
  });

  test('the dashboard filters by source and by Asia/Shanghai date range', async () => {
    const [{ d }] = await rowsAs<{ d: any }>(
      ctx.db,
      outreach.actor,
      `select public.survey_dashboard(null, null, 'fixture-b') as d`,
    );
    expect(d.responses).toBe(fixtures.filter((_, i) => i % 2 === 1).length);
    // Move one fixture to 2026-06-30 23:30 Shanghai time (15:30 UTC).
    // (Both rows of the answer: the dashboard counts app.survey_answers, which every answer is a row of.)
    for (const table of ['app.survey_responses', 'app.survey_answers'])
      await ctx.db.query(
        `update ${table} set submitted_at = '2026-06-30 15:30:00+00' where ${table === 'app.survey_answers' ? 'response_id' : 'id'} = $1`,
        [fixtures[1].id],
      );
    const [{ june }] = await rowsAs<{ june: any }>(
      ctx.db,
      outreach.actor,
      `select public.survey_dashboard('2026-06-30', '2026-06-30') as june`,
    );
    expect(june.responses).toBe(1);
    const [{ july }] = await rowsAs<{ july: any }>(
      ctx.db,
      outreach.actor,
      `select public.survey_dashboard('2026-07-01', '2026-07-31') as july`,
    );
    expect(july.responses).toBe(0);
  });

  test('distribution points list their response counts', async () => {
    const rows = await rowsAs<{ code: string; responses: number }>(
      ctx.db,
      outreach.actor,
      'select code, responses from public.list_distribution_points() order by code',
    );
    expect(rows).toEqual([
      { code: 'fixture-a', responses: 12 },
      { code: 'fixture-b', responses: 12 },
    ]);
  });

  test('submitting the same id again stores nothing new and returns the same reference', async () => {
    const f = surveyFixture(1, randomUUID(), '');
    const first = await submit(ctx.db, from('203.0.113.10'), f);
    expect(first.ok && first.rows[0].r.duplicate).toBe(false);
    expect(first.ok && first.rows[0].r.reference).toMatch(REFERENCE);
    const again = await submit(ctx.db, from('203.0.113.11'), { ...f, fill_ms: 1, start_token: null });
    expect(again).toEqual({
      ok: true,
      rows: [{ r: { reference: first.ok && first.rows[0].r.reference, duplicate: true } }],
    });
    expect(await count(ctx.db, 'app.survey_responses where id = $1', [f.id])).toBe(1);
    expect(await count(ctx.db, 'app.survey_children where response_id = $1', [f.id])).toBe(f.children.length);
  });

  test('the same id sent 8 times at once (one start token) is stored exactly once', async () => {
    const f = { ...surveyFixture(0, randomUUID(), ''), start_token: (await tokens(ctx.db, 1))[0] };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => submit(ctx.db, from(`203.0.113.${20 + i}`), f)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.rows[0].r.duplicate)).toHaveLength(1);
    expect(await count(ctx.db, 'app.survey_responses where id = $1', [f.id])).toBe(1);
    expect(await count(ctx.db, 'app.survey_contacts where response_id = $1', [f.id])).toBe(1);
  });

  test('?src=: a known code is kept, an unknown one becomes "unknown", none becomes "direct"', async () => {
    const cases = [
      ['fixture-b', 'fixture-b'],
      ['Leaflet-XYZ', 'unknown'],
      ['', 'direct'],
    ] as const;
    for (const [i, [src, stored]] of cases.entries()) {
      const f = surveyFixture(2, randomUUID(), src);
      expect((await submit(ctx.db, from(`203.0.113.${40 + i}`), f)).ok).toBe(true);
      const { rows } = await ctx.db.query<{ source_code: string; channel: string }>(
        'select source_code, channel from app.survey_responses where id = $1',
        [f.id],
      );
      expect(rows).toEqual([{ source_code: stored, channel: 'online' }]);
    }
  });

  test('references are random, unique and reveal no count', async () => {
    const { rows } = await ctx.db.query<{ reference: string; seq: number }>(
      'select reference, seq from app.survey_responses order by seq',
    );
    expect(rows.length).toBeGreaterThanOrEqual(24);
    expect(rows.every((r) => REFERENCE.test(r.reference))).toBe(true);
    expect(new Set(rows.map((r) => r.reference)).size).toBe(rows.length);
    // In the order they were stored, the references are not in order (24 sorted by chance: 1 in 24!).
    const refs = rows.map((r) => r.reference);
    expect(refs).not.toEqual([...refs].sort());
  });

  test('a filled honeypot is refused with its code, and nothing is stored', async () => {
    const before = await count(ctx.db, 'app.survey_responses');
    const bot = await submit(ctx.db, from('203.0.113.50'), {
      ...surveyFixture(2, randomUUID()),
      website: 'http://spam.example',
    });
    expect(bot).toEqual({
      ok: false,
      code: 'PT400',
      message: 'response refused: a field that must stay empty was filled in',
    });
    expect(
      await refusal(ctx.db, from('203.0.113.50'), submitSql, [
        JSON.stringify({
          ...surveyFixture(2, randomUUID()),
          website: 'x',
          start_token: (await tokens(ctx.db, 1))[0],
        }),
      ]),
    ).toBe('PT400 survey_honeypot');
    expect(await count(ctx.db, 'app.survey_responses')).toBe(before);
  });

  test('the minimum fill time is measured from the server-signed start token, never from fill_ms', async () => {
    const before = await count(ctx.db, 'app.survey_responses');
    const answer = (token: unknown, extra: object = {}) =>
      JSON.stringify({
        ...surveyFixture(2, randomUUID(), ''),
        start_token: token,
        fill_ms: 999_999,
        ...extra,
      });
    // public.start_survey: a token issued now, and the minimum it must wait.
    const [{ s: started }] = await rowsAs<{ s: { token: string; min_fill_seconds: number } }>(
      ctx.db,
      from('203.0.113.52'),
      'select public.start_survey() as s',
    );
    expect(started.min_fill_seconds).toBe(20);
    const { rows } = await ctx.db.query<{ age: number }>(
      'select extract(epoch from now() - app_private.survey_start_issued_at($1))::float8 as age',
      [started.token],
    );
    expect(Math.abs(rows[0].age)).toBeLessThan(5);
    // Straight after opening the form, whatever fill_ms says: too fast.
    expect(await refusal(ctx.db, from('203.0.113.52'), submitSql, [answer(started.token)])).toBe(
      'PT400 survey_too_fast',
    );
    expect(
      await refusal(ctx.db, from('203.0.113.52'), submitSql, [answer((await tokens(ctx.db, 1, 19))[0])]),
    ).toBe('PT400 survey_too_fast');
    // No token, a made-up one, one whose time was changed (its signature no longer fits), one 31 days old.
    const real = (await tokens(ctx.db, 1, 60))[0];
    const [, ms, nonce, mac] = real.split('.');
    const earlier = `v1.${String(Number(ms) - 3_600_000).padStart(13, '0')}.${nonce}.${mac}`;
    for (const t of [null, '', `v1.0000000000000.000000000000000000000000.${'0'.repeat(64)}`, earlier])
      expect(await refusal(ctx.db, from('203.0.113.52'), submitSql, [answer(t)])).toBe(
        'PT400 survey_start_token_invalid',
      );
    expect(
      await refusal(ctx.db, from('203.0.113.52'), submitSql, [
        answer((await tokens(ctx.db, 1, 31 * 86400))[0]),
      ]),
    ).toBe('PT400 survey_start_token_expired');
    expect(await count(ctx.db, 'app.survey_responses')).toBe(before);
    // A genuine token 20 s old works once; for a second answer it is refused; the first answer resent is fine.
    const t20 = (await tokens(ctx.db, 1, 21))[0];
    const first = answer(t20);
    expect(await refusal(ctx.db, from('203.0.113.52'), submitSql, [first])).toBe('ok');
    expect(await refusal(ctx.db, from('203.0.113.52'), submitSql, [answer(t20)])).toBe(
      'PT409 survey_start_token_used',
    );
    expect(await refusal(ctx.db, from('203.0.113.52'), submitSql, [first])).toBe('ok');
    expect(await count(ctx.db, 'app.survey_responses')).toBe(before + 1);
  });

  test('per-address limits (small settings): the next response is refused with survey_rate_limited, another address is not', async () => {
    await ctx.db.query('update app_private.survey_settings set max_submissions_per_minute = 2');
    try {
      const results = [];
      for (let i = 0; i < 3; i++)
        results.push((await submit(ctx.db, from('203.0.113.60'), surveyFixture(i, randomUUID(), ''))).ok);
      expect(results).toEqual([true, true, false]);
      expect(
        await refusal(ctx.db, from('203.0.113.60'), submitSql, [
          JSON.stringify({
            ...surveyFixture(0, randomUUID(), ''),
            start_token: (await tokens(ctx.db, 1))[0],
          }),
        ]),
      ).toBe('PT429 survey_rate_limited');
      expect((await submit(ctx.db, from('203.0.113.61'), surveyFixture(0, randomUUID(), ''))).ok).toBe(true);
    } finally {
      await ctx.db.query('update app_private.survey_settings set max_submissions_per_minute = 30');
    }
  });

  const invalid = 'PT400 survey_invalid_answer';
  const bad: [string, (f: any) => object, string][] = [
    ['an unknown relation', (f) => ({ ...f, relation: 'uncle' }), invalid],
    ['no consent', (f) => ({ ...f, consent: false }), 'PT400 survey_consent_required'],
    ['an old consent version', (f) => ({ ...f, consent_version: '2025-01' }), invalid],
    ['"yes" without a provider (skip logic)', (f) => ({ ...f, provider: undefined }), invalid],
    [
      '"no" with care answers (skip logic)',
      (f) => ({ ...f, wants_care: 'no', reasons_against: ['cost'] }),
      invalid,
    ],
    ['seven children', (f) => ({ ...f, children: Array(7).fill(f.children[0]) }), invalid],
    ['no child', (f) => ({ ...f, children: [] }), invalid],
    ['a child over 3', (f) => ({ ...f, children: [{ birth_month: '2020-01' }] }), invalid],
    [
      'a birth month that is not YYYY-MM',
      (f) => ({ ...f, children: [{ birth_month: '2025-13' }] }),
      'PT400 survey_bad_birth_month',
    ],
    ['four priorities', (f) => ({ ...f, priorities: ['safety', 'cost', 'meals', 'environment'] }), invalid],
    ['a priority twice', (f) => ({ ...f, priorities: ['safety', 'safety'] }), invalid],
    [
      'a phone without its consent',
      (f) => ({ ...f, phone: '13800138000', phone_consent: false }),
      'PT400 survey_phone_consent_required',
    ],
    [
      'a phone that is not a mobile number',
      (f) => ({ ...f, phone: '05661234567', phone_consent: true }),
      invalid,
    ],
    ['a community name over 60 characters', (f) => ({ ...f, community: 'x'.repeat(61) }), invalid],
    ['an unknown township', (f) => ({ ...f, township: '341702999' }), invalid],
    ['no id', (f) => ({ ...f, id: 'abc' }), 'PT400 survey_bad_id'],
    ['a list where an answer goes', (f) => ({ ...f, relation: ['mother'] }), invalid],
  ];
  for (const [what, change, code] of bad) {
    test(`refuses ${what} (${code}) and stores nothing`, async () => {
      const before = await count(ctx.db, 'app.survey_responses');
      const f = change(surveyFixture(0, randomUUID(), ''));
      const token = (await tokens(ctx.db, 1))[0];
      expect(
        await refusal(ctx.db, from('203.0.113.70'), submitSql, [
          JSON.stringify({ ...f, start_token: token }),
        ]),
      ).toBe(code);
      expect(await count(ctx.db, 'app.survey_responses')).toBe(before);
      expect(
        await count(ctx.db, 'app.survey_children where response_id::text = $1', [(f as { id: string }).id]),
      ).toBe(0);
    });
  }

  test('paper entry: outreach stores it as paper with its source and who entered it, audited; unknown sources refused', async () => {
    const f = surveyFixture(5, randomUUID(), '');
    const [{ r }] = await rowsAs<{ r: Result }>(
      ctx.db,
      outreach.actor,
      `select public.enter_paper_survey($1::jsonb, 'fixture-a') as r`,
      [JSON.stringify({ ...f, fill_ms: 0 })],
    );
    expect(r.duplicate).toBe(false);
    const { rows } = await ctx.db.query(
      'select channel, source_code, entered_by from app.survey_responses where id = $1',
      [f.id],
    );
    expect(rows).toEqual([{ channel: 'paper', source_code: 'fixture-a', entered_by: outreach.id }]);
    expect(
      await count(
        ctx.db,
        `app.audit_log where action = 'survey.paper_entry' and target_id = $1 and actor = $2`,
        [f.id, outreach.id],
      ),
    ).toBe(1);
    const unknown = await asRole(
      ctx.db,
      outreach.actor,
      `select public.enter_paper_survey($1::jsonb, 'nowhere')`,
      [JSON.stringify(surveyFixture(5, randomUUID()))],
    );
    expect(unknown).toEqual({ ok: false, code: 'PT404', message: 'unknown source code: nowhere' });
    // Paper forms wait for no start token and count against no address.
    expect(
      await refusal(ctx.db, outreach.actor, `select public.enter_paper_survey($1::jsonb, 'nowhere')`, [
        JSON.stringify(surveyFixture(5, randomUUID())),
      ]),
    ).toBe('PT404 survey_unknown_source');
  });

  test('distribution points: a taken code is PT409 survey_point_exists, bad input PT400 with its code', async () => {
    const make = (code: string, name = 'x', township = '341702001', day: string | null = '2026-06-01') =>
      refusal(ctx.db, outreach.actor, 'select public.create_distribution_point($1, $2, $3, $4::date)', [
        code,
        name,
        township,
        day,
      ]);
    expect(await make('fixture-a')).toBe('PT409 survey_point_exists');
    expect(await make('Fixture-A ')).toBe('PT409 survey_point_exists');
    expect(await make('paper')).toBe('PT400 survey_point_bad_code');
    expect(await make('a b')).toBe('PT400 survey_point_bad_code');
    expect(await make('new-point', ' ')).toBe('PT400 survey_point_bad_name');
    expect(await make('new-point', 'x', '341702999')).toBe('PT400 survey_point_bad_township');
    expect(await make('new-point', 'x', '341702001', null)).toBe('PT400 survey_point_bad_date');
    expect(await make('new-point')).toBe('ok');
  });

  // fixture-a: 12 online fixtures and the one paper form entered above.
  const fixtureA = fixtures.filter((f) => f.src === 'fixture-a').length + 1;
  test('export: outreach gets rows without phones; phones only for admins; every export audited', async () => {
    const plain = await rowsAs<{ reference: string; phone: string | null; community: string | null }>(
      ctx.db,
      outreach.actor,
      `select * from public.export_survey_responses(false, null, null, 'fixture-a')`,
    );
    expect(plain).toHaveLength(fixtureA);
    expect(plain.every((r) => r.phone === null)).toBe(true);
    expect(
      await asRole(ctx.db, outreach.actor, 'select * from public.export_survey_responses(true)'),
    ).toEqual({ ok: false, code: 'PT403', message: 'admin role required' });
    const withPhones = await rowsAs<{ phone: string | null }>(
      ctx.db,
      admin.actor,
      `select * from public.export_survey_responses(true, null, null, 'fixture-a')`,
    );
    const expectedPhones = fixtures
      .filter((f) => f.src === 'fixture-a' && f.phone)
      .map((f) => f.phone)
      .sort();
    expect(
      withPhones
        .map((r) => r.phone)
        .filter(Boolean)
        .sort(),
    ).toEqual(expectedPhones);
    const audit = await ctx.db.query<{ actor: string; details: { with_phones: boolean; rows: number } }>(
      `select actor, details from app.audit_log where action = 'survey.export' order by id`,
    );
    expect(audit.rows.map((a) => [a.actor, a.details.with_phones, a.details.rows])).toEqual([
      [outreach.id, false, fixtureA],
      [admin.id, true, fixtureA],
    ]);
  });

  test('retention: phone numbers older than 180 days are purged; the answers stay and still count', async () => {
    const withPhone = fixtures.filter((f) => f.phone);
    await ctx.db.query(
      `update app.survey_responses set submitted_at = now() - interval '181 days' where id = $1`,
      [withPhone[0].id],
    );
    await ctx.db.query(
      `update app.survey_responses set submitted_at = now() - interval '179 days' where id = $1`,
      [withPhone[1].id],
    );
    const before = await count(ctx.db, 'app.survey_contacts');
    const [{ n }] = (await ctx.db.query<{ n: number }>('select app_private.purge_survey_phones() as n')).rows;
    expect(n).toBe(1);
    expect(await count(ctx.db, 'app.survey_contacts')).toBe(before - 1);
    expect(await count(ctx.db, 'app.survey_contacts where response_id = $1', [withPhone[0].id])).toBe(0);
    expect(await count(ctx.db, 'app.survey_contacts where response_id = $1', [withPhone[1].id])).toBe(1);
    expect(await count(ctx.db, 'app.survey_responses where id = $1', [withPhone[0].id])).toBe(1);
    const [{ d }] = await rowsAs<{ d: any }>(
      ctx.db,
      outreach.actor,
      `select public.survey_dashboard(null, null, 'fixture-a') as d`,
    );
    expect(d.responses).toBe(fixtureA);
  });
});

describeEachDatabase('survey per-network limits (the defaults)', (ctx) => {
  /** Ends the current minute (or hour) window of every address, as the clock would. */
  const nextWindow = (action: string) =>
    ctx.db.query(`update app_private.rate_limit_buckets set window_ends_at = now() where action = $1`, [
      action,
    ]);
  async function burst(ip: string, n: number): Promise<string[]> {
    const out: string[] = [];
    for (const token of await tokens(ctx.db, n)) {
      const answer = { ...surveyFixture(out.length % 12, randomUUID(), ''), start_token: token };
      out.push(await refusal(ctx.db, from(ip), submitSql, [JSON.stringify(answer)]));
    }
    return out;
  }

  test('a 300-family leaflet event behind one Wi-Fi address gets through (25 a minute for 12 minutes)', async () => {
    const results: string[] = [];
    for (let minute = 0; minute < 12; minute++) {
      results.push(...(await burst('198.18.0.1', 25)));
      await nextWindow('survey.submit.minute');
    }
    expect(results.filter((r) => r === 'ok')).toHaveLength(300);
  });

  test('a script on one address: at most 30 answers a minute, 400 an hour, 1,000 a day', async () => {
    const ip = '198.18.0.2';
    expect(await burst(ip, 31)).toEqual([...Array(30).fill('ok'), 'PT429 survey_rate_limited']);
    let accepted = 30;
    for (let minute = 0; minute < 14; minute++) {
      await nextWindow('survey.submit.minute');
      accepted += (await burst(ip, 30)).filter((r) => r === 'ok').length;
    }
    expect(accepted).toBe(400); // 14 more minutes could carry 420: the hour stops it at 400
    await nextWindow('survey.submit.minute');
    expect(await burst(ip, 1)).toEqual(['PT429 survey_rate_limited']);
    // A day: after 999 answers (the day's counter as the limiter leaves it), one more, then no more.
    await nextWindow('survey.submit.minute');
    await nextWindow('survey.submit');
    await ctx.db.query(
      `update app_private.rate_limit_buckets set hits = 999 where action = 'survey.submit.day'`,
    );
    expect(await burst(ip, 2)).toEqual(['ok', 'PT429 survey_rate_limited']);
    // Another address is not affected.
    expect(await burst('198.18.0.3', 1)).toEqual(['ok']);
  }, 120_000);
});

describeEachDatabase('survey double entry', (ctx) => {
  let first: User;
  let second: User;
  beforeAll(async () => {
    first = await createStaff(ctx.db, 'first', 'outreach');
    second = await createStaff(ctx.db, 'second', 'outreach');
  });
  const enter = (who: User, formNo: string, answer: object) =>
    rowsAs<{ r: { status: string; fields?: string[]; reference?: string } }>(
      ctx.db,
      who.actor,
      `select public.enter_paper_survey_twice($1, $2::jsonb, 'paper') as r`,
      [formNo, JSON.stringify(answer)],
    ).then((rows) => rows[0].r);

  test('equal second entry by another person: stored once, as paper, entered by the first person', async () => {
    const a = surveyFixture(0, randomUUID(), '');
    expect(await enter(first, 'F-001', a)).toEqual({ status: 'first_entry_saved', form_no: 'F-001' });
    expect(await count(ctx.db, 'app.survey_responses')).toBe(0);
    // The second person's form session has its own id and lists choices in another order: still the same answers.
    const again = {
      ...a,
      id: randomUUID(),
      priorities: [...(a as { priorities: string[] }).priorities].reverse(),
      fill_ms: 5,
    };
    const r = await enter(second, 'F-001', again);
    expect(r.status).toBe('accepted');
    expect(r.reference).toMatch(REFERENCE);
    const { rows } = await ctx.db.query('select id, channel, entered_by from app.survey_responses');
    expect(rows).toEqual([{ id: a.id, channel: 'paper', entered_by: first.id }]);
    expect(await count(ctx.db, 'app.survey_paper_entries')).toBe(0);
  });

  test('differing fields are named and nothing is stored; the same person cannot enter twice', async () => {
    const a = surveyFixture(1, randomUUID(), '');
    await enter(first, 'F-002', a);
    const refused = await asRole(
      ctx.db,
      first.actor,
      `select public.enter_paper_survey_twice('F-002', $1::jsonb, 'paper')`,
      [JSON.stringify(a)],
    );
    expect(refused).toEqual({
      ok: false,
      code: 'PT409',
      message: 'the second entry must be made by another person',
    });
    expect(
      await refusal(
        ctx.db,
        first.actor,
        `select public.enter_paper_survey_twice('F-002', $1::jsonb, 'paper')`,
        [JSON.stringify(a)],
      ),
    ).toBe('PT409 survey_second_entry_same_person');
    expect(
      await refusal(
        ctx.db,
        first.actor,
        `select public.enter_paper_survey_twice('F 002', $1::jsonb, 'paper')`,
        [JSON.stringify(a)],
      ),
    ).toBe('PT400 survey_bad_form_no');
    const before = await count(ctx.db, 'app.survey_responses');
    const r = await enter(second, 'F-002', { ...a, fee: 'over_3000', township: '341702005', community: 'x' });
    expect(r).toEqual({ status: 'mismatch', form_no: 'F-002', fields: ['community', 'fee', 'township'] });
    expect(await count(ctx.db, 'app.survey_responses')).toBe(before);
    expect(await count(ctx.db, 'app.survey_paper_entries')).toBe(1);
  });
});
