/**
 * Versioned answers (issue 16): the online submit and paper entry take {…envelope, form_version, answers}, check
 * them against the published definition at the FORM's date, keep the start token, limits and refusal codes, store
 * them in app.survey_answers (phone apart), and also in the typed columns when they fit (so the dashboard, planning
 * and results count them). Answers of the pre-definition form become version 2026-11 rows. Expected values are
 * worked out here from the fixtures; the issues a refusal names come from validateAnswers. PGlite and PostgreSQL 15.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import type { FormDefinition } from '../../src/lib/survey-form/definition.ts';
import { validateAnswers } from '../../src/lib/survey-form/evaluate.ts';
import { exportColumns, exportRow } from '../../src/lib/survey-form/export.ts';
import { FIXTURE_AGES, surveyFixture } from '../fixtures/survey.ts';
import guichi from '../fixtures/survey-form/guichi.json' with { type: 'json' };
import short from '../fixtures/survey-form/short.json' with { type: 'json' };
import { type Actor, createStaff, type User } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

/** Beijing today, and a month `offset` months from it, as the form reads them. */
const beijing = () => new Date(Date.now() + 8 * 3600_000);
const today = () => beijing().toISOString().slice(0, 10);
const monthFrom = (date: string, offset: number) => {
  const [y, m] = date.split('-').map(Number);
  const t = y * 12 + (m - 1) + offset;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};
const from = (ip: string): Actor => ({ role: 'anon', headers: { 'x-forwarded-for': ip } });

async function token(db: Db): Promise<string> {
  const { rows } = await db.query<{ t: string }>(
    `select app_private.sign_survey_start(now() - interval '1 minute') as t`,
  );
  return rows[0].t;
}
/** Runs `sql` as `actor`; the result, or the refusal's SQLSTATE, code and hint. */
async function call(db: Db, actor: Actor, sql: string, params: unknown[]) {
  try {
    return await db.transaction(async (tx) => {
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
      const { rows } = await tx.query<{ r: unknown }>(sql, params);
      const r = rows[0].r;
      return {
        ok: true as const,
        value: (typeof r === 'string' ? JSON.parse(r) : r) as { reference: string; duplicate: boolean },
      };
    });
  } catch (error) {
    const e = error as { code?: string; detail?: string; hint?: string };
    if (!e.code) throw error;
    return { ok: false as const, refusal: `${e.code} ${e.detail}`, hint: e.hint };
  }
}
const submitSql = 'select public.submit_survey($1::jsonb) as r';
/** Fixture 0 of the pre-definition form: two children (tests/fixtures/survey.ts: ages FIXTURE_AGES[0] and [1]). */
const LEGACY = surveyFixture(0, randomUUID());
const LEGACY_AGES = [FIXTURE_AGES[0], FIXTURE_AGES[1]];
const envelope = () => ({
  id: randomUUID(),
  consent: true,
  consent_version: '2026-11',
  form_version: '2026-12',
});

describeEachDatabase('versioned survey answers', (ctx) => {
  let outreach: User;
  beforeAll(async () => {
    await ctx.db.query(`select app_private.publish_survey_form($1::jsonb, 'test', 30)`, [
      JSON.stringify(guichi),
    ]);
    outreach = await createStaff(ctx.db, 'outreach', 'outreach');
  });
  const wantsCare = () => ({
    household: 'under3',
    relation: 'mother',
    children: [{ birth_month: monthFrom(today(), -14) }],
    carer: 'grandparents',
    in_care: 'not_enrolled',
    wants_care: 'yes',
    reasons_for: ['early_learning', 'other'],
    reasons_for_other: '上班',
    provider: 'employer_site',
    care_form: 'temporary',
    fee: '2000_2999',
    distance: 'within_1km',
    dropoff: '0730_0830',
    pickup: '1630_1730',
    priorities: ['safety', 'cost'],
    township: '341702001',
    phone: '13800138000',
    phone_consent: ['yes'],
  });

  test('the main path online: stored with version and date, phone apart, and in the typed columns (nearest values)', async () => {
    const p = { ...envelope(), answers: wantsCare(), start_token: await token(ctx.db) };
    const r = await call(ctx.db, from('198.51.100.1'), submitSql, [JSON.stringify(p)]);
    expect(r.ok && r.value.duplicate).toBe(false);
    const ref = r.ok ? r.value.reference : '';
    expect(ref).toMatch(/^GC-[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);
    const { rows } = await ctx.db.query<Record<string, unknown>>(
      `select a.reference, a.form_version, to_char(a.form_date, 'YYYY-MM-DD') as form_date, a.answers, a.channel, c.phone,
              r.fee::text as fee, r.provider::text as provider, r.care_form::text as care_form, r.reasons_for::text[] as reasons_for,
              (select array_agg(ch.age_months) from app.survey_children ch where ch.response_id = a.response_id) as ages,
              (select count(*)::int from app.survey_contacts k where k.response_id = a.response_id) as legacy_phones
       from app.survey_answers a join app.survey_responses r on r.id = a.response_id
       left join app.survey_answer_contacts c on c.response_id = a.response_id where a.response_id = $1`,
      [p.id],
    );
    const { phone: _phone, phone_consent: _consent, ...stored } = wantsCare();
    expect(rows).toEqual([
      {
        reference: ref,
        form_version: '2026-12',
        form_date: today(),
        answers: stored,
        channel: 'online',
        phone: '13800138000',
        fee: '2001_3000',
        provider: 'employer_point',
        care_form: 'occasional',
        reasons_for: ['early_learning'],
        ages: [14],
        legacy_phones: 0,
      },
    ]);
    const again = await call(ctx.db, from('198.51.100.1'), submitSql, [JSON.stringify(p)]);
    expect(again).toEqual({ ok: true, value: { reference: ref, duplicate: true } });
  });

  test('households outside the typed columns (expecting, older children only, undecided) are stored as versioned rows only', async () => {
    const answers = [
      { household: 'expecting', due_month: monthFrom(today(), 3), relation: 'mother', township: '341702002' },
      { household: 'older_only' },
      {
        household: 'under3',
        relation: 'father',
        children: [{ birth_month: monthFrom(today(), -2) }],
        carer: 'parents',
        in_care: 'not_enrolled',
        wants_care: 'undecided',
        township: '341702003',
      },
    ];
    for (const [i, a] of answers.entries()) {
      const p = { ...envelope(), answers: a, start_token: await token(ctx.db) };
      const r = await call(ctx.db, from(`198.51.100.${10 + i}`), submitSql, [JSON.stringify(p)]);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const { rows } = await ctx.db.query<{ n: number; answers: unknown }>(
        `select (select count(*)::int from app.survey_responses r where r.id = $1) as n, a.answers
         from app.survey_answers a where a.response_id = $1`,
        [p.id],
      );
      expect(rows).toEqual([{ n: 0, answers: a }]);
    }
  });

  test('a broken answer is refused with the issues validateAnswers names; the envelope rules still hold', async () => {
    const bad = {
      ...wantsCare(),
      fee: '1000_2000',
      children: [{ birth_month: monthFrom(today(), -37) }],
      extra: 'x',
    };
    const r = await call(ctx.db, from('198.51.100.20'), submitSql, [
      JSON.stringify({ ...envelope(), answers: bad, start_token: await token(ctx.db) }),
    ]);
    expect(r.ok === false && r.refusal).toBe('PT400 survey_invalid_answer');
    const issues = validateAnswers(guichi as FormDefinition, bad, today());
    expect(issues.map((i) => i.path)).toEqual(['children.0.birth_month', 'fee', 'extra']);
    const hint = r.ok === false ? JSON.parse(r.hint ?? '[]') : [];
    expect(hint.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual(
      issues.map((i) => [i.path, i.code]),
    );
    const cases: [object, string][] = [
      [{ ...envelope(), answers: wantsCare() }, 'PT400 survey_start_token_invalid'],
      [
        { ...envelope(), answers: wantsCare(), consent: false, start_token: await token(ctx.db) },
        'PT400 survey_consent_required',
      ],
      [
        { ...envelope(), form_version: 'nope', answers: wantsCare(), start_token: await token(ctx.db) },
        'PT400 survey_unknown_form_version',
      ],
      [
        { ...envelope(), answers: wantsCare(), website: 'x', start_token: await token(ctx.db) },
        'PT400 survey_honeypot',
      ],
    ];
    for (const [p, want] of cases) {
      const got = await call(ctx.db, from('198.51.100.21'), submitSql, [JSON.stringify(p)]);
      expect(got.ok === false && got.refusal).toBe(want);
    }
  });

  test("paper: today() is the form's date — a child 36 months old then is accepted later, stored with that date", async () => {
    const formDate = `${monthFrom(today(), -1)}-15`;
    const a = {
      household: 'under3',
      relation: 'mother',
      children: [{ birth_month: monthFrom(formDate, -36) }],
      carer: 'parents',
      in_care: 'enrolled',
      wants_care: 'no',
      reasons_against: ['cost'],
      township: '341702001',
    };
    const sql = `select public.enter_paper_survey($1::jsonb, 'paper') as r`;
    const p = { ...envelope(), answers: a, form_date: formDate };
    const r = await call(ctx.db, outreach.actor, sql, [JSON.stringify(p)]);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const { rows } = await ctx.db.query<{ d: string; channel: string; typed: number }>(
      `select to_char(a.form_date, 'YYYY-MM-DD') as d, a.channel,
              (select count(*)::int from app.survey_responses r where r.id = a.response_id) as typed
       from app.survey_answers a where a.response_id = $1`,
      [p.id],
    );
    // 37 months old today: too old for the typed columns (0–36 at entry), kept as a versioned row.
    expect(rows).toEqual([{ d: formDate, channel: 'paper', typed: 0 }]);
    // The same answers dated today are refused: the child is 37 months old at that date.
    const late = await call(ctx.db, outreach.actor, sql, [
      JSON.stringify({ ...envelope(), answers: a, form_date: today() }),
    ]);
    expect(late.ok === false && late.refusal).toBe('PT400 survey_invalid_answer');
    for (const form_date of [undefined, '2026-13-01', '1999-01-01', `${monthFrom(today(), 1)}-01`]) {
      const got = await call(ctx.db, outreach.actor, sql, [
        JSON.stringify({ ...envelope(), answers: a, form_date }),
      ]);
      expect(got.ok === false && got.refusal).toBe('PT400 survey_bad_form_date');
    }
  });

  test('double entry of a versioned paper form: differences named by answer path, stored once both agree', async () => {
    const second = await createStaff(ctx.db, 'second', 'outreach');
    const formDate = `${monthFrom(today(), -1)}-03`;
    const a = {
      household: 'under3',
      relation: 'mother',
      children: [{ birth_month: monthFrom(formDate, -10) }, { birth_month: monthFrom(formDate, -30) }],
      carer: 'parents',
      in_care: 'enrolled',
      wants_care: 'no',
      reasons_against: ['cost', 'safety'],
      township: '341702001',
      community: '',
    };
    const p = { ...envelope(), answers: a, form_date: formDate };
    const sql = `select public.enter_paper_survey_twice('P-77', $1::jsonb, 'paper') as r`;
    const first = await call(ctx.db, outreach.actor, sql, [JSON.stringify(p)]);
    expect(first).toMatchObject({ ok: true, value: { status: 'first_entry_saved' } });
    const typo = {
      ...p,
      answers: {
        ...a,
        children: [a.children[0], { birth_month: monthFrom(formDate, -31) }],
        reasons_against: ['safety', 'cost'],
        township: '341702002',
      },
    };
    const mismatch = await call(ctx.db, second.actor, sql, [JSON.stringify(typo)]);
    expect(mismatch).toEqual({
      ok: true,
      value: { status: 'mismatch', form_no: 'P-77', fields: ['children.1.birth_month', 'township'] },
    });
    // The same answers in another order of the multiple choice, a blank community left out: they agree.
    const { community: _blank, ...same } = { ...a, reasons_against: ['safety', 'cost'] };
    const agreed = await call(ctx.db, second.actor, sql, [JSON.stringify({ ...p, answers: same })]);
    expect(agreed).toMatchObject({ ok: true, value: { status: 'accepted', form_no: 'P-77' } });
    const { rows } = await ctx.db.query<{ d: string; channel: string }>(
      `select to_char(a.form_date, 'YYYY-MM-DD') as d, a.channel from app.survey_answers a where a.response_id = $1`,
      [p.id],
    );
    expect(rows).toEqual([{ d: formDate, channel: 'paper' }]);
  });

  test('answers of the pre-definition form become version 2026-11 rows', async () => {
    const legacy = LEGACY;
    const r = await call(ctx.db, from('198.51.100.30'), submitSql, [
      JSON.stringify({ ...legacy, start_token: await token(ctx.db) }),
    ]);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const { rows } = await ctx.db.query<{ v: string; answers: Record<string, unknown>; ref: boolean }>(
      `select a.form_version as v, a.answers, a.reference = r.reference as ref
       from app.survey_answers a join app.survey_responses r on r.id = a.response_id where a.response_id = $1`,
      [legacy.id],
    );
    expect(rows).toEqual([
      {
        v: '2026-11',
        ref: true,
        answers: {
          household: 'under3',
          relation: legacy.relation,
          children: legacy.children,
          carer: legacy.carer,
          in_care: legacy.in_care,
          wants_care: 'yes',
          reasons_for: ['no_one_at_home'],
          provider: 'community_point',
          care_form: 'full_day',
          fee: '1000_2000',
          distance: 'within_1km',
          dropoff: '0730_0830',
          pickup: '1730_1830',
          priorities: (legacy as { priorities: string[] }).priorities,
          township: legacy.township,
          community: legacy.community,
        },
      },
    ]);
  });

  test("the planning rows (app_private.survey_planning): one row per child, age in months at the form's date, for every version", async () => {
    const { rows } = await ctx.db.query<Record<string, unknown>>(
      `select p.form_version, p.household, p.wants_care, p.township, p.child, p.age_months, p.fee, p.care_form,
              to_char(p.form_date, 'YYYY-MM-DD') as form_date
       from app_private.survey_planning() p order by p.submitted_at, p.child`,
    );
    const formDate = `${monthFrom(today(), -1)}-15`;
    expect(rows).toEqual([
      {
        form_version: '2026-12',
        household: 'under3',
        wants_care: 'yes',
        township: '341702001',
        child: 1,
        age_months: 14,
        fee: '2000_2999',
        care_form: 'temporary',
        form_date: today(),
      },
      {
        form_version: '2026-12',
        household: 'expecting',
        wants_care: null,
        township: '341702002',
        child: null,
        age_months: null,
        fee: null,
        care_form: null,
        form_date: today(),
      },
      {
        form_version: '2026-12',
        household: 'older_only',
        wants_care: null,
        township: null,
        child: null,
        age_months: null,
        fee: null,
        care_form: null,
        form_date: today(),
      },
      {
        form_version: '2026-12',
        household: 'under3',
        wants_care: 'undecided',
        township: '341702003',
        child: 1,
        age_months: 2,
        fee: null,
        care_form: null,
        form_date: today(),
      },
      // the paper form: 36 months at its date (37 today)
      {
        form_version: '2026-12',
        household: 'under3',
        wants_care: 'no',
        township: '341702001',
        child: 1,
        age_months: 36,
        fee: null,
        care_form: null,
        form_date: formDate,
      },
      // the double-entered paper form: 10 and 30 months at its date
      ...[10, 30].map((age, i) => ({
        form_version: '2026-12',
        household: 'under3',
        wants_care: 'no',
        township: '341702001',
        child: i + 1,
        age_months: age,
        fee: null,
        care_form: null,
        form_date: `${monthFrom(today(), -1)}-03`,
      })),
      ...[0, 1].map((i) => ({
        form_version: '2026-11',
        household: 'under3',
        wants_care: 'yes',
        township: LEGACY.township,
        child: i + 1,
        age_months: LEGACY_AGES[i],
        fee: '1000_2000',
        care_form: 'full_day',
        form_date: today(),
      })),
    ]);
  });

  test('phones of versioned answers are purged after 180 days; a closed version is refused', async () => {
    const before = await ctx.db.query<{ n: number }>(
      'select count(*)::int as n from app.survey_answer_contacts',
    );
    expect(before.rows[0].n).toBe(1);
    await ctx.db.query(`update app.survey_answers set submitted_at = now() - interval '181 days'`);
    await ctx.db.query('select app_private.purge_survey_phones()');
    const after = await ctx.db.query<{ n: number }>(
      'select count(*)::int as n from app.survey_answer_contacts',
    );
    expect(after.rows[0].n).toBe(0);

    await ctx.db.query(`select app_private.publish_survey_form($1::jsonb, 'test', 0)`, [
      JSON.stringify(short),
    ]);
    const closed = await call(ctx.db, from('198.51.100.40'), submitSql, [
      JSON.stringify({ ...envelope(), answers: wantsCare(), start_token: await token(ctx.db) }),
    ]);
    expect(closed.ok === false && closed.refusal).toBe('PT409 survey_form_closed');
    const current = await call(ctx.db, from('198.51.100.41'), submitSql, [
      JSON.stringify({
        ...envelope(),
        form_version: '2027-01',
        answers: {
          household: 'under3',
          children: [{ birth_month: monthFrom(today(), -5) }],
          children_total: 1,
          wants_care: 'yes',
          care_form: 'full_day',
          fee: 'under_1000',
          township: '341702001',
        },
        start_token: await token(ctx.db),
      }),
    ]);
    expect(current.ok, JSON.stringify(current)).toBe(true);
  });

  test('one export holds both versions (and the converted answers) in the same columns', async () => {
    const versions = await call(ctx.db, outreach.actor, 'select public.survey_form_versions() as r', []);
    const defs = (versions.ok ? (versions.value as unknown as { definition: FormDefinition }[]) : []).map(
      (v) => v.definition,
    );
    expect(defs.map((d) => d.version)).toEqual(['2027-01', '2026-12']);
    const { rows } = await ctx.db.transaction(async (tx) => {
      await tx.exec('set local role authenticated');
      await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ role: 'authenticated', sub: outreach.id, aud: 'authenticated' }),
      ]);
      return tx.query<{ reference: string; form_version: string; answers: Record<string, unknown> }>(
        'select reference, form_version, answers from public.export_survey_answers()',
      );
    });
    const cols = exportColumns(defs);
    const table = rows.map((r) => exportRow(cols, r));
    const col = (key: string) => cols.findIndex((c) => c.key === key);
    const byVersion = (v: string) => table.filter((_, i) => rows[i].form_version === v);
    expect(rows.map((r) => r.form_version).sort()).toEqual([
      '2026-11',
      ...Array(6).fill('2026-12'),
      '2027-01',
    ]);
    // The short form's answer: children_total a number; no provider column value.
    const [s2027] = byVersion('2027-01');
    expect([s2027[col('children_total')], s2027[col('care_form')], s2027[col('provider')]]).toEqual([
      1,
      'full_day',
      null,
    ]);
    // The main-path 2026-12 answer: its fee band and a blank children_total.
    const main = byVersion('2026-12').find((r) => r[col('provider')] === 'employer_site')!;
    expect([main[col('fee')], main[col('children_total')], main[col('children.count')]]).toEqual([
      '2000_2999',
      null,
      1,
    ]);
    expect(byVersion('2026-11')[0][col('fee')]).toBe('1000_2000');
    const audit = await ctx.db.query<{ n: number }>(
      `select count(*)::int as n from app.audit_log where action = 'survey.export_answers' and (details ->> 'rows')::int = 8`,
    );
    expect(audit.rows[0].n).toBe(1);
  });
});
