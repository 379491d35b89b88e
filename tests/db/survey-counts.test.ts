/**
 * The staff dashboard and the planning view count every answer of every questionnaire version (issue 16): answers
 * of both shipped forms (2026-12 and the short 2027-01) — households expecting or with older children only, "not
 * decided yet", reasons that are only "other", the new care forms and fee bands, a paper form dated two months ago
 * whose child was 35 months old then — beside pre-definition answers (converted to 2026-11), each counted once.
 * Expected figures are counted here from the facts the fixtures state (tests/fixtures/survey-answers.ts and
 * tests/fixtures/survey.ts), never read back from the database. Admin exports carry the phones of versioned
 * answers. PGlite and PostgreSQL 15.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { planningRows } from '../../src/islands/staff/survey/Planning.tsx';
import { FIXTURE_AGES, birthMonthAgo, surveyFixture } from '../fixtures/survey.ts';
import {
  beijingToday,
  envelope,
  type Facts,
  monthFrom,
  type VersionedAnswer,
  versionedAnswer,
} from '../fixtures/survey-answers.ts';
import guichi from '../fixtures/survey-form/guichi.json' with { type: 'json' };
import short from '../fixtures/survey-form/short.json' with { type: 'json' };
import { createStaff, rowsAs, type User } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

const band = (m: number) => (m <= 12 ? '0_12' : m <= 24 ? '13_24' : '25_36');
const AGE_OF = new Map(FIXTURE_AGES.map((a) => [birthMonthAgo(a), a]));
const T = ['341702001', '341702002', '341702003', '341702004'];

/** 2026-12 and 2027-01 answers of every household kind and wish over four townships. */
function versioned(): VersionedAnswer[] {
  const out: VersionedAnswer[] = [];
  let i = 0;
  for (const version of ['2026-12', '2027-01'] as const)
    for (const [k, t] of T.entries())
      for (const [household, wants, n] of [
        ['under3', 'yes', 3 + k],
        ['under3', 'no', 1 + (k % 2)],
        ['under3', 'undecided', 2],
        ['expecting', 'yes', 1 + k],
        ['older_only', 'yes', k % 3],
      ] as const)
        for (let j = 0; j < n; j++)
          out.push(versionedAnswer(version, i++, household, wants, t, beijingToday()));
  return out;
}

/** A paper form (2026-12) dated about two months ago: its child was 35 months old on the form's date. */
function oldPaperForm(): { answer: VersionedAnswer; formDate: string } {
  const d = new Date(Date.now() + 8 * 3600_000 - 62 * 86400_000).toISOString().slice(0, 10);
  const a = versionedAnswer('2026-12', 1, 'under3', 'yes', T[2], d);
  return {
    formDate: d,
    answer: {
      ...a,
      answers: { ...a.answers, children: [{ birth_month: monthFrom(d, -35) }] },
      facts: { ...a.facts, ages: [35] },
    },
  };
}

describeEachDatabase('survey counts of every version', (ctx) => {
  let outreach: User;
  let admin: User;
  const legacy = Array.from({ length: 24 }, (_, i) => surveyFixture(i, randomUUID(), 'direct'));
  const fresh = versioned();
  const paper = oldPaperForm();
  // A fitting 2026-12 answer (into the typed columns too) and a household outside them, both with a phone.
  const withPhone = [
    { ...versionedAnswer('2026-12', 3, 'under3', 'yes', T[0], beijingToday()), phone: '13900000001' },
    { ...versionedAnswer('2026-12', 4, 'expecting', 'yes', T[1], beijingToday()), phone: '13900000002' },
  ];
  const all: Facts[] = [
    ...legacy.map(
      (a): Facts => ({
        township: a.township,
        household: 'under3',
        wants: a.wants_care,
        care_form: 'care_form' in a ? a.care_form : null,
        fee: 'fee' in a ? a.fee : null,
        ages: a.children.map((c) => AGE_OF.get(c.birth_month) as number),
      }),
    ),
    ...fresh.map((a) => a.facts),
    paper.answer.facts,
    ...withPhone.map((a) => a.facts),
  ];
  const envelopes = new Map<string, string>();

  beforeAll(async () => {
    for (const form of [guichi, short])
      await ctx.db.query(`select app_private.publish_survey_form($1::jsonb, 'test', 30)`, [
        JSON.stringify(form),
      ]);
    outreach = await createStaff(ctx.db, 'outreach', 'outreach');
    admin = await createStaff(ctx.db, 'admin', 'admin');
    for (const a of legacy)
      await ctx.db.query(`select app_private.insert_survey_response($1::jsonb, 'online', 'direct', null)`, [
        JSON.stringify(a),
      ]);
    for (const a of fresh)
      await ctx.db.query(
        `select app_private.insert_versioned_survey_response($1::jsonb, 'online', 'direct', null, $2::date)`,
        [JSON.stringify(envelope(a)), beijingToday()],
      );
    await ctx.db.query(
      `select app_private.insert_versioned_survey_response($1::jsonb, 'paper', 'paper', null, $2::date)`,
      [JSON.stringify(envelope(paper.answer)), paper.formDate],
    );
    for (const a of withPhone) {
      const e = envelope(a);
      envelopes.set(a.phone, e.id);
      await ctx.db.query(
        `select app_private.insert_versioned_survey_response($1::jsonb, 'online', 'direct', null, $2::date)`,
        [
          JSON.stringify({ ...e, answers: { ...e.answers, phone: a.phone, phone_consent: ['yes'] } }),
          beijingToday(),
        ],
      );
    }
  });

  test('the fixtures reach both tables as the engine promises (some answers only in app.survey_answers)', async () => {
    const { rows } = await ctx.db.query<{ answers: number; typed: number }>(
      `select (select count(*)::int from app.survey_answers) as answers, (select count(*)::int from app.survey_responses) as typed`,
    );
    expect(rows[0].answers).toBe(all.length);
    // Not every answer fits the typed columns: what they hold alone would undercount.
    expect(rows[0].typed).toBeLessThan(all.length);
    expect(rows[0].typed).toBeGreaterThan(legacy.length);
  });

  test('the dashboard counts every answer once: totals, households, wishes, townships, age bands at the form date, cross-tab', async () => {
    const [{ d }] = await rowsAs<{ d: any }>(ctx.db, outreach.actor, 'select public.survey_dashboard() as d');
    const count = (p: (f: Facts) => boolean) => all.filter(p).length;
    expect(d.responses).toBe(all.length);
    expect(d.wants_care).toBe(count((f) => f.wants === 'yes'));
    expect(d.undecided).toBe(count((f) => f.wants === 'undecided'));
    expect(d.without_township).toBe(count((f) => f.township === null));
    expect(d.children).toBe(all.reduce((n, f) => n + f.ages.length, 0));
    expect(d.households).toEqual(
      ['expecting', 'older_only', 'under3'].map((h) => ({
        household: h,
        responses: count((f) => f.household === h),
      })),
    );
    expect(d.versions).toEqual([
      { version: '2026-11', responses: legacy.length },
      { version: '2026-12', responses: fresh.filter((a) => a.version === '2026-12').length + 3 },
      { version: '2027-01', responses: fresh.filter((a) => a.version === '2027-01').length },
    ]);
    const townships = [...new Set(all.map((f) => f.township).filter((t) => t !== null))].sort();
    expect(d.by_township).toEqual(
      townships.map((t) => ({
        township: t,
        responses: count((f) => f.township === t),
        wants_care: count((f) => f.township === t && f.wants === 'yes'),
        undecided: count((f) => f.township === t && f.wants === 'undecided'),
        expecting: count((f) => f.township === t && f.household === 'expecting'),
      })),
    );
    const children = all.flatMap((f) => f.ages.map((age) => ({ ...f, band: band(age) })));
    expect(d.age_bands).toEqual(
      ['0_12', '13_24', '25_36'].map((b) => ({
        band: b,
        children: children.filter((c) => c.band === b).length,
        wants_care: children.filter((c) => c.band === b && c.wants === 'yes').length,
        undecided: children.filter((c) => c.band === b && c.wants === 'undecided').length,
      })),
    );
    const cells = new Map<string, number>();
    for (const c of children) {
      const k = `${c.township}|${c.band}|${c.wants}`;
      cells.set(k, (cells.get(k) ?? 0) + 1);
    }
    expect(
      new Map(d.crosstab.map((x: any) => [`${x.township}|${x.band}|${x.wants_care}`, x.children])),
    ).toEqual(cells);
    // Each care form and fee band under its own value (old and new bands never merged).
    const tally = (key: 'care_form' | 'fee') => {
      const m: Record<string, number> = {};
      for (const f of all) if (f[key]) m[f[key]] = (m[f[key]] ?? 0) + 1;
      return m;
    };
    expect(d.answers.care_form).toEqual(tally('care_form'));
    expect(d.answers.fee).toEqual(tally('fee'));
    expect(d.answers.wants_care).toEqual({
      no: count((f) => f.wants === 'no'),
      undecided: count((f) => f.wants === 'undecided'),
      yes: count((f) => f.wants === 'yes'),
    });
    // Labels of the new categories come from the published definitions.
    expect(d.choices.household.map((c: any) => c.name)).toEqual(guichi.choices.household.map((c) => c.name));
    expect(d.choices.fee.find((c: any) => c.name === '3000_plus').label['zh-CN']).toBe(
      short.choices.fee.find((c) => c.name === '3000_plus')?.label['zh-CN'],
    );
  });

  test('planning: demand per township and band (wants care), undecided children and expecting families apart', async () => {
    const [{ d }] = await rowsAs<{ d: any }>(ctx.db, outreach.actor, 'select public.survey_dashboard() as d');
    const rows = planningRows(
      T.map((code) => ({ code, name: code, places: 0, inclusive: 0 })),
      d.crosstab,
      d.by_township,
    );
    const kids = (t: string, p: (f: Facts, age: number) => boolean) =>
      all.filter((f) => f.township === t).reduce((n, f) => n + f.ages.filter((a) => p(f, a)).length, 0);
    expect(rows).toEqual(
      T.map((t) => {
        const demand = Object.fromEntries(
          ['0_12', '13_24', '25_36'].map((b) => [b, kids(t, (f, a) => f.wants === 'yes' && band(a) === b)]),
        );
        return {
          name: t,
          places: 0,
          inclusive: 0,
          ...demand,
          total: kids(t, (f) => f.wants === 'yes'),
          undecided: kids(t, (f) => f.wants === 'undecided'),
          expecting: all.filter((f) => f.township === t && f.household === 'expecting').length,
        };
      }),
    );
    // The paper form's child (35 months on its date, older today) is demand in township 3's 25–36 band.
    expect((rows[2] as Record<string, unknown>)['25_36']).toBeGreaterThanOrEqual(1);
  });

  test('filters: by source and by date of submission', async () => {
    const [{ d }] = await rowsAs<{ d: any }>(
      ctx.db,
      outreach.actor,
      `select public.survey_dashboard(null, null, 'paper') as d`,
    );
    expect(d.responses).toBe(1);
    expect(d.age_bands.find((b: any) => b.band === '25_36').children).toBe(1);
    const [{ none }] = await rowsAs<{ none: any }>(
      ctx.db,
      outreach.actor,
      `select public.survey_dashboard('2000-01-01', '2000-01-31') as none`,
    );
    expect(none.responses).toBe(0);
  });

  test('a distribution point counts every answer given with its code, of every version', async () => {
    await rowsAs(
      ctx.db,
      outreach.actor,
      `select public.create_distribution_point('clinic-9', '社区卫生服务中心', '341702001', current_date)`,
    );
    for (const household of ['older_only', 'expecting'] as const)
      await ctx.db.query(
        `select app_private.insert_versioned_survey_response($1::jsonb, 'online', 'clinic-9', null, $2::date)`,
        [
          JSON.stringify(envelope(versionedAnswer('2027-01', 0, household, 'yes', T[0], beijingToday()))),
          beijingToday(),
        ],
      );
    await ctx.db.query(`select app_private.insert_survey_response($1::jsonb, 'online', 'clinic-9', null)`, [
      JSON.stringify(surveyFixture(5, randomUUID(), 'clinic-9')),
    ]);
    const rows = await rowsAs<{ code: string; responses: number }>(
      ctx.db,
      outreach.actor,
      `select code, responses from public.list_distribution_points() where code = 'clinic-9'`,
    );
    expect(rows).toEqual([{ code: 'clinic-9', responses: 3 }]);
  });

  test('admin exports carry the phones of versioned answers (typed export: those that fit; export_survey_answers: all)', async () => {
    const typed = await rowsAs<{ reference: string; phone: string | null }>(
      ctx.db,
      admin.actor,
      'select reference, phone from public.export_survey_responses(true) where phone is not null',
    );
    const refs = await ctx.db.query<{ id: string; reference: string }>(
      'select response_id as id, reference from app.survey_answers where response_id = any($1::uuid[])',
      [[...envelopes.values()]],
    );
    const refOf = (phone: string) => refs.rows.find((r) => r.id === envelopes.get(phone))?.reference;
    expect(typed.map((r) => r.reference)).toContain(refOf('13900000001'));
    const versionedRows = await rowsAs<{ reference: string; phone: string | null }>(
      ctx.db,
      admin.actor,
      'select reference, phone from public.export_survey_answers(null, null, null, true) where phone is not null order by phone',
    );
    // The two versioned answers' phones, and the pre-definition answers' consented ones (fixture: every sixth).
    expect(versionedRows.filter((r) => r.phone?.startsWith('139'))).toEqual([
      { reference: refOf('13900000001'), phone: '13900000001' },
      { reference: refOf('13900000002'), phone: '13900000002' },
    ]);
    expect(versionedRows.map((r) => r.phone).sort()).toEqual(
      [...legacy.filter((a) => a.phone_consent).map((a) => a.phone), '13900000001', '13900000002'].sort(),
    );
    const outreachAsks = await rowsAs<{ n: number }>(
      ctx.db,
      outreach.actor,
      'select count(phone)::int as n from public.export_survey_answers(null, null, null, false)',
    );
    expect(outreachAsks).toEqual([{ n: 0 }]);
  });
});
