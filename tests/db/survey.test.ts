/**
 * The survey's SQL, acting as the API's roles: idempotent submit, the anti-abuse checks, constraints mirroring the
 * zod rules, ?src= handling, the published summary (small cells suppressed), the staff dashboard, paper entry,
 * export and the phone-number retention purge. Expected figures are counted from tests/fixtures/survey.ts with plain
 * filters written here, never by the SQL under test.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { anon, asRole, createStaff, rowsAs, type Actor, type User } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';
import { FIXTURE_AGES, FIXTURE_COUNT, FIXTURE_TOWNSHIPS, surveyFixture } from '../fixtures/survey.ts';

const from = (ip: string): Actor => ({ role: 'anon', headers: { 'x-forwarded-for': ip } });
type Result = { reference: string; duplicate: boolean };

async function submit(db: Db, actor: Actor, response: object) {
  return asRole<{ r: Result }>(db, actor, 'select public.submit_survey($1::jsonb) as r', [
    JSON.stringify(response),
  ]);
}
async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0].n;
}
const band = (m: number) => (m <= 12 ? '0_12' : m <= 24 ? '13_24' : '25_36');
const suppress = (n: number) => (n >= 5 ? n : null);

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

  test('the published summary: totals, townships, age bands, care forms and fees, every count under 5 suppressed', async () => {
    const [{ r }] = await rowsAs<{ r: any }>(ctx.db, anon, 'select public.survey_results() as r');
    expect(r.suppressed_below).toBe(5);
    expect(r.responses).toBe(24);
    expect(r.wants_care).toBe(fixtures.filter((f) => f.wants_care === 'yes').length);
    const byTownship = Object.fromEntries(r.by_township.map((t: any) => [t.township, t]));
    expect(r.by_township).toHaveLength(20);
    // 001: 12 responses, 002: 8, 003: 4 (suppressed), others 0 (suppressed)
    expect(byTownship['341702001']).toEqual({ township: '341702001', responses: 12, wants_care: 9 });
    expect(byTownship['341702002']).toEqual({ township: '341702002', responses: 8, wants_care: 6 });
    expect(byTownship['341702003']).toEqual({ township: '341702003', responses: null, wants_care: null });
    expect(byTownship['341702100']).toEqual({ township: '341702100', responses: null, wants_care: null });
    for (const b of ['0_12', '13_24', '25_36']) {
      const inBand = children.filter((c) => band(c.age) === b);
      expect(r.demand_by_age_band.find((x: any) => x.band === b)).toEqual({
        band: b,
        children: suppress(inBand.length),
        wants_care: suppress(inBand.filter((c) => c.wants).length),
      });
    }
    for (const form of ['full_day', 'half_day', 'hourly', 'occasional']) {
      expect(r.care_forms.find((x: any) => x.value === form).responses).toBe(
        suppress(fixtures.filter((f) => 'care_form' in f && f.care_form === form).length),
      );
    }
    expect(r.fees.find((x: any) => x.value === 'under_1000').responses).toBe(
      suppress(fixtures.filter((f) => 'fee' in f && f.fee === 'under_1000').length),
    );
    expect(r.fees.find((x: any) => x.value === 'over_3000').responses).toBeNull();
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
      })),
    );
    expect(d.over_time).toHaveLength(1);
    expect(d.over_time[0].responses).toBe(24);
    expect(d.answers.relation).toEqual({ father: 8, grandparent: 8, mother: 8 });
    expect(d.answers.priority).toEqual({ cost: 18, safety: 18 });
    expect(d.answers.reason_against).toEqual({ family_cares: 6 });
    const expectedCells = new Map<string, number>();
    for (const c of children) {
      const key = `${c.township}|${band(c.age)}|${c.wants}`;
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
    await ctx.db.query(
      `update app.survey_responses set submitted_at = '2026-06-30 15:30:00+00' where id = $1`,
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
    expect(first.ok && first.rows[0].r.reference).toMatch(/^GC-\d{6}$/);
    const again = await submit(ctx.db, from('203.0.113.11'), { ...f, fill_ms: 1 });
    expect(again).toEqual({
      ok: true,
      rows: [{ r: { reference: first.ok && first.rows[0].r.reference, duplicate: true } }],
    });
    expect(await count(ctx.db, 'app.survey_responses where id = $1', [f.id])).toBe(1);
    expect(await count(ctx.db, 'app.survey_children where response_id = $1', [f.id])).toBe(f.children.length);
  });

  test('the same id sent 8 times at once is stored exactly once', async () => {
    const f = surveyFixture(0, randomUUID(), '');
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

  test('the honeypot and a too-fast answer are refused with a message, and nothing is stored', async () => {
    const before = await count(ctx.db, 'app.survey_responses');
    const bot = await submit(ctx.db, from('203.0.113.50'), {
      ...surveyFixture(2, randomUUID()),
      website: 'http://spam.example',
    });
    expect(bot).toEqual({
      ok: false,
      code: 'P0001',
      message: 'response refused: a field that must stay empty was filled in',
    });
    const fast = await submit(ctx.db, from('203.0.113.51'), {
      ...surveyFixture(2, randomUUID()),
      fill_ms: 3000,
    });
    expect(fast).toEqual({
      ok: false,
      code: 'P0001',
      message: 'response refused: answered faster than a person can read the questions',
    });
    expect(await count(ctx.db, 'app.survey_responses')).toBe(before);
  });

  test('the per-client rate limit refuses the next response from the same address, not from another', async () => {
    await ctx.db.query('update app_private.survey_settings set max_submissions_per_hour = 2');
    try {
      const results = [];
      for (let i = 0; i < 3; i++)
        results.push((await submit(ctx.db, from('203.0.113.60'), surveyFixture(i, randomUUID(), ''))).ok);
      expect(results).toEqual([true, true, false]);
      const refused = await submit(ctx.db, from('203.0.113.60'), surveyFixture(0, randomUUID(), ''));
      expect(refused).toEqual({
        ok: false,
        code: 'P0001',
        message: 'too many responses from this connection',
      });
      expect((await submit(ctx.db, from('203.0.113.61'), surveyFixture(0, randomUUID(), ''))).ok).toBe(true);
    } finally {
      await ctx.db.query('update app_private.survey_settings set max_submissions_per_hour = 60');
    }
  });

  const bad: [string, (f: any) => object, string][] = [
    ['an unknown relation', (f) => ({ ...f, relation: 'uncle' }), '22P02'],
    ['no consent', (f) => ({ ...f, consent: false }), '23514'],
    ['an old consent version', (f) => ({ ...f, consent_version: '2025-01' }), '23514'],
    ['"yes" without a provider (skip logic)', (f) => ({ ...f, provider: undefined }), '23514'],
    [
      '"no" with care answers (skip logic)',
      (f) => ({ ...f, wants_care: 'no', reasons_against: ['cost'] }),
      '23514',
    ],
    ['seven children', (f) => ({ ...f, children: Array(7).fill(f.children[0]) }), '23514'],
    ['no child', (f) => ({ ...f, children: [] }), '23514'],
    ['a child over 3', (f) => ({ ...f, children: [{ birth_month: '2020-01' }] }), '23514'],
    ['a birth month that is not YYYY-MM', (f) => ({ ...f, children: [{ birth_month: '2025-13' }] }), '23514'],
    ['four priorities', (f) => ({ ...f, priorities: ['safety', 'cost', 'meals', 'environment'] }), '23514'],
    ['a priority twice', (f) => ({ ...f, priorities: ['safety', 'safety'] }), '23514'],
    ['a phone without its consent', (f) => ({ ...f, phone: '13800138000', phone_consent: false }), '23514'],
    [
      'a phone that is not a mobile number',
      (f) => ({ ...f, phone: '05661234567', phone_consent: true }),
      '23514',
    ],
    ['a community name over 60 characters', (f) => ({ ...f, community: 'x'.repeat(61) }), '23514'],
    ['an unknown township', (f) => ({ ...f, township: '341702999' }), '22P02'],
    ['no id', (f) => ({ ...f, id: 'abc' }), '22023'],
  ];
  for (const [what, change, code] of bad) {
    test(`refuses ${what} (${code}) and stores nothing`, async () => {
      const before = await count(ctx.db, 'app.survey_responses');
      const f = change(surveyFixture(0, randomUUID(), ''));
      const r = await submit(ctx.db, from('203.0.113.70'), JSON.parse(JSON.stringify(f)));
      expect(r.ok).toBe(false);
      expect(!r.ok && r.code).toBe(code);
      expect(!r.ok && r.message.length).toBeGreaterThan(10);
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
    expect(unknown).toEqual({ ok: false, code: 'P0001', message: 'unknown source code: nowhere' });
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
    expect(r.reference).toMatch(/^GC-\d{6}$/);
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
      code: 'P0001',
      message: 'the second entry must be made by another person',
    });
    const before = await count(ctx.db, 'app.survey_responses');
    const r = await enter(second, 'F-002', { ...a, fee: 'over_3000', township: '341702005', community: 'x' });
    expect(r).toEqual({ status: 'mismatch', form_no: 'F-002', fields: ['community', 'fee', 'township'] });
    expect(await count(ctx.db, 'app.survey_responses')).toBe(before);
    expect(await count(ctx.db, 'app.survey_paper_entries')).toBe(1);
  });
});
