/**
 * Published survey results give nobody away (issue 15, item 7). For fixture data sets with small cells, the test
 * counts the true figures itself, takes what `public.survey_results()` publishes, and attacks it: every sum the
 * published tables obey (total = Σ townships, a township's answers = wanting + not wanting, W = Σ care forms = Σ fee
 * bands, the age-band columns, …) is solved again and again for a single unknown term, and then the whole system is
 * solved by Gaussian elimination. No count of 1–4 people — published or one of the figures never published, such as
 * "families in township X who do not want care" — may come out. And one new answer changes nothing public until
 * the next daily batch. The figures count every answer of every questionnaire version (issue 16): answers of both
 * shipped forms (households expecting or with older children only, "not decided yet", the new care forms and fee
 * bands) beside converted pre-definition ones, each counted once; the sums grow by the household figures.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { anon, rowsAs, serviceRole } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';
import { birthMonthAgo, FIXTURE_AGES, surveyFixture } from '../fixtures/survey.ts';
import { seededRandom } from '../../scripts/lib/seeded-random.ts';
import { CARE_FORMS, FEES, AGE_BANDS } from '../../src/lib/schemas/survey.ts';
import { TOWNSHIPS } from '../../src/data/district.ts';
import guichi from '../fixtures/survey-form/guichi.json' with { type: 'json' };
import short from '../fixtures/survey-form/short.json' with { type: 'json' };
import {
  beijingToday,
  envelope,
  type Facts,
  type Household,
  type VersionedAnswer,
  versionedAnswer,
  type Wants,
} from '../fixtures/survey-answers.ts';

const TOWNSHIP_CODES = TOWNSHIPS.map((t) => t.code);
/** Value lists: the pre-definition form's, then the shipped forms' (each value once). */
const choices = (list: 'care_form' | 'fee') =>
  ([...(list === 'fee' ? FEES : CARE_FORMS)] as string[]).concat(
    [guichi, short].flatMap((f) => f.choices[list].map((c) => c.name)),
  );
const FORM_VALUES = [...new Set(choices('care_form'))];
const FEE_VALUES = [...new Set(choices('fee'))];
const HOUSEHOLDS = ['under3', 'expecting', 'older_only'];

type Answer = ReturnType<typeof surveyFixture>;
type Cell = number | null;
interface Published {
  responses: Cell;
  wants_care: Cell;
  refreshed_at: string;
  by_township: { township: string; responses: Cell; wants_care: Cell }[];
  demand_by_age_band: { band: string; children: Cell; wants_care: Cell }[];
  care_forms: { value: string; responses: Cell }[];
  fees: { value: string; responses: Cell }[];
  undecided: Cell;
  households: { value: string; responses: Cell }[];
}
/** A data set: answers of the pre-definition form and versioned ones. */
interface DataSet {
  legacy: Answer[];
  versioned: VersionedAnswer[];
}

/** An answer in `township` that wants care or not (fixture 0–2 want care, 3, 7, 11 do not). */
function answer(i: number, township: string, wants: boolean): Answer {
  return {
    ...surveyFixture(wants ? i % 3 : 3 + 4 * (i % 3), randomUUID(), ''),
    township: township as Answer['township'],
  };
}

/** A data set from (township, wanting, not wanting) triples. */
function dataSet(spec: [string, number, number][]): Answer[] {
  let i = 0;
  return spec.flatMap(([t, yes, no]) => [
    ...Array.from({ length: yes }, () => answer(i++, t, true)),
    ...Array.from({ length: no }, () => answer(i++, t, false)),
  ]);
}

/** Random data sets: a few big townships, a long tail of small ones (many cells of 1–4). */
function randomSet(seed: number): Answer[] {
  const rnd = seededRandom(seed);
  const spec: [string, number, number][] = TOWNSHIP_CODES.map((t, k) => {
    const size = k < 3 ? 20 + Math.floor(rnd() * 60) : Math.floor(rnd() * rnd() * 14);
    const yes = Math.round(size * (0.6 + rnd() * 0.4));
    return [t, yes, size - yes];
  });
  return dataSet(spec);
}

/** Versioned answers: for each (version, household, wants care, township, how many). */
function versionedSet(
  spec: [VersionedAnswer['version'], Household, Wants, string, number][],
): VersionedAnswer[] {
  let i = 0;
  return spec.flatMap(([version, household, wants, township, count]) =>
    Array.from({ length: count }, () =>
      versionedAnswer(version, i++, household, wants, township, beijingToday()),
    ),
  );
}

/** A random mix of both forms, every household kind and every wish, over the townships (many small cells). */
function randomVersioned(seed: number): VersionedAnswer[] {
  const rnd = seededRandom(seed);
  const kinds: [Household, Wants][] = [
    ['under3', 'yes'],
    ['under3', 'no'],
    ['under3', 'undecided'],
    ['expecting', 'yes'],
    ['older_only', 'yes'],
  ];
  return versionedSet(
    TOWNSHIP_CODES.slice(0, 6).flatMap((t, k) =>
      kinds.flatMap(([h, w]): [VersionedAnswer['version'], Household, Wants, string, number][] => [
        ['2026-12', h, w, t, Math.floor(rnd() * (k < 2 ? 9 : 4))],
        ['2027-01', h, w, t, Math.floor(rnd() * 3)],
      ]),
    ),
  );
}

const AGE_OF = new Map(FIXTURE_AGES.map((a) => [birthMonthAgo(a), a]));
/** The planning facts of a pre-definition answer, counted from the fixture. */
function factsOf(a: Answer): Facts {
  return {
    township: a.township,
    household: 'under3',
    wants: a.wants_care,
    care_form: 'care_form' in a ? a.care_form : null,
    fee: 'fee' in a ? a.fee : null,
    ages: a.children.map((c) => {
      const age = AGE_OF.get(c.birth_month);
      if (age === undefined) throw new Error(`unexpected birth month ${c.birth_month}`);
      return age;
    }),
  };
}
const band = (m: number) => (m <= 12 ? '0_12' : m <= 24 ? '13_24' : '25_36');

/** Named figures: the true value of every published and every derivable figure, counted here. */
function truth(set: DataSet): Map<string, number> {
  const m = new Map<string, number>();
  const add = (k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
  for (const k of ['R', 'W', 'N', 'U', 'NO', 'r.none', 'C', 'CW', 'CN']) m.set(k, 0);
  for (const h of HOUSEHOLDS) m.set(`hh.${h}`, 0);
  for (const t of TOWNSHIP_CODES) for (const x of ['r', 'w', 'n']) m.set(`${x}.${t}`, 0);
  for (const b of AGE_BANDS) for (const x of ['c', 'cw', 'cn']) m.set(`${x}.${b}`, 0);
  for (const f of FORM_VALUES) m.set(`form.${f}`, 0);
  for (const f of FEE_VALUES) m.set(`fee.${f}`, 0);
  for (const a of [...set.legacy.map(factsOf), ...set.versioned.map((v) => v.facts)]) {
    const wants = a.wants === 'yes';
    add('R');
    add(wants ? 'W' : 'N');
    add(`hh.${a.household}`);
    if (a.wants === 'undecided') add('U');
    if (a.wants === 'no') add('NO');
    add(a.township === null ? 'r.none' : `r.${a.township}`);
    if (a.township !== null) add(`${wants ? 'w' : 'n'}.${a.township}`);
    if (a.care_form) add(`form.${a.care_form}`);
    if (a.fee) add(`fee.${a.fee}`);
    for (const age of a.ages) {
      add(`c.${band(age)}`);
      add(`${wants ? 'cw' : 'cn'}.${band(age)}`);
      add('C');
      add(wants ? 'CW' : 'CN');
    }
  }
  return m;
}

/** The sums the published tables obey: [total, ...parts]. Written from what the figures mean. */
const SUMS: string[][] = [
  ['R', ...TOWNSHIP_CODES.map((t) => `r.${t}`), 'r.none'],
  ['W', ...TOWNSHIP_CODES.map((t) => `w.${t}`)],
  ['N', ...TOWNSHIP_CODES.map((t) => `n.${t}`), 'r.none'],
  ['R', 'W', 'N'],
  ['R', ...HOUSEHOLDS.map((h) => `hh.${h}`)],
  ['hh.under3', 'W', 'U', 'NO'],
  ['N', 'hh.expecting', 'hh.older_only', 'U', 'NO'],
  ...TOWNSHIP_CODES.map((t) => [`r.${t}`, `w.${t}`, `n.${t}`]),
  ...AGE_BANDS.map((b) => [`c.${b}`, `cw.${b}`, `cn.${b}`]),
  ['C', ...AGE_BANDS.map((b) => `c.${b}`)],
  ['CW', ...AGE_BANDS.map((b) => `cw.${b}`)],
  ['CN', ...AGE_BANDS.map((b) => `cn.${b}`)],
  ['C', 'CW', 'CN'],
  ['W', ...FORM_VALUES.map((f) => `form.${f}`)],
  ['W', ...FEE_VALUES.map((f) => `fee.${f}`)],
];

/** The published figures by name (null = withheld). */
function published(p: Published): Map<string, Cell> {
  const m = new Map<string, Cell>([
    ['R', p.responses],
    ['W', p.wants_care],
    ['U', p.undecided],
  ]);
  for (const h of p.households) m.set(`hh.${h.value}`, h.responses);
  for (const t of p.by_township) {
    m.set(`r.${t.township}`, t.responses);
    m.set(`w.${t.township}`, t.wants_care);
  }
  for (const b of p.demand_by_age_band) {
    m.set(`c.${b.band}`, b.children);
    m.set(`cw.${b.band}`, b.wants_care);
  }
  for (const f of p.care_forms) m.set(`form.${f.value}`, f.responses);
  for (const f of p.fees) m.set(`fee.${f.value}`, f.responses);
  return m;
}

/** Attack 1: solve any sum with exactly one unknown term, repeatedly. Returns every figure learned and its value. */
function subtractionAttack(pub: Map<string, Cell>): Map<string, number> {
  const known = new Map<string, number>();
  for (const [k, v] of pub) if (v !== null) known.set(k, v);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [total, ...parts] of SUMS) {
      const unknown = [total, ...parts].filter((k) => !known.has(k));
      if (unknown.length !== 1) continue;
      const [u] = unknown;
      const partsSum = parts.filter((k) => k !== u).reduce((s, k) => s + known.get(k)!, 0);
      known.set(u, u === total ? partsSum : known.get(total)! - partsSum);
      changed = true;
    }
  }
  return known;
}

/** Attack 2: Gaussian elimination over all sums; returns the unknowns the system pins down, with their values. */
function eliminationAttack(pub: Map<string, Cell>): Map<string, number> {
  const unknowns = [...new Set(SUMS.flat())].filter((k) => pub.get(k) == null);
  const col = new Map(unknowns.map((k, i) => [k, i]));
  // Each sum: total − Σ parts = 0 → coefficients on unknowns, known terms moved to the right-hand side.
  const rows: number[][] = SUMS.map(([total, ...parts]) => {
    const r = new Array(unknowns.length + 1).fill(0);
    const term = (k: string, sign: number) => {
      if (col.has(k)) r[col.get(k)!] += sign;
      else r[unknowns.length] -= sign * (pub.get(k) as number);
    };
    term(total, 1);
    for (const p of parts) term(p, -1);
    return r;
  });
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let c = 0; c < unknowns.length && pivotRow < rows.length; c++) {
    const p = rows.findIndex((r, i) => i >= pivotRow && Math.abs(r[c]) > 1e-9);
    if (p < 0) continue;
    [rows[pivotRow], rows[p]] = [rows[p], rows[pivotRow]];
    const pr = rows[pivotRow];
    const f = pr[c];
    for (let j = 0; j < pr.length; j++) pr[j] /= f;
    for (const [i, r] of rows.entries()) {
      if (i === pivotRow || Math.abs(r[c]) < 1e-9) continue;
      const g = r[c];
      for (let j = 0; j < r.length; j++) r[j] -= g * pr[j];
    }
    pivots.push(c);
    pivotRow++;
  }
  const solved = new Map<string, number>();
  for (const [i, c] of pivots.entries()) {
    const r = rows[i];
    const others = r.slice(0, unknowns.length).filter((x, j) => j !== c && Math.abs(x) > 1e-9);
    if (others.length === 0) solved.set(unknowns[c], Math.round(r[unknowns.length]) + 0);
  }
  return solved;
}

async function load(db: Db, answers: Answer[], versioned: VersionedAnswer[] = []): Promise<void> {
  // Every answer is a row of app.survey_answers (the old table's rows too, by its trigger): empty both.
  await db.query('truncate app.survey_responses, app.survey_answers cascade');
  for (const a of answers)
    await db.query(`select app_private.insert_survey_response($1::jsonb, 'online', 'direct', null)`, [
      JSON.stringify(a),
    ]);
  for (const v of versioned)
    await db.query(
      `select app_private.insert_versioned_survey_response($1::jsonb, 'online', 'direct', null, $2::date)`,
      [JSON.stringify(envelope(v)), beijingToday()],
    );
}
async function refresh(db: Db): Promise<number> {
  const [{ n }] = await rowsAs<{ n: number }>(
    db,
    serviceRole,
    'select app_private.refresh_survey_results() as n',
  );
  return n;
}
async function results(db: Db): Promise<Published> {
  const [{ r }] = await rowsAs<{ r: Published }>(db, anon, 'select public.survey_results() as r');
  return r;
}

const legacyOnly = (legacy: Answer[]): DataSet => ({ legacy, versioned: [] });
const SETS: [string, () => DataSet][] = [
  [
    'the 24 fixture answers (townships of 12, 8 and 4)',
    () => legacyOnly(Array.from({ length: 24 }, (_, i) => surveyFixture(i, randomUUID(), ''))),
  ],
  [
    "the issue's case: one township of 3 beside big ones, and townships where only 1–2 families do not want care",
    () =>
      legacyOnly(
        dataSet([
          ['341702001', 40, 8],
          ['341702002', 30, 1],
          ['341702003', 20, 2],
          ['341702004', 2, 1],
          ['341702005', 9, 6],
        ]),
      ),
  ],
  ...[11, 23, 37, 41, 59, 73].map((seed): [string, () => DataSet] => [
    `random set (seed ${seed})`,
    () => legacyOnly(randomSet(seed)),
  ]),
  [
    'both shipped forms beside converted answers: a few expecting, older-only and undecided households',
    () => ({
      legacy: dataSet([
        ['341702001', 30, 6],
        ['341702002', 12, 3],
      ]),
      versioned: versionedSet([
        ['2026-12', 'under3', 'yes', '341702001', 9],
        ['2026-12', 'under3', 'undecided', '341702001', 6],
        ['2026-12', 'under3', 'undecided', '341702002', 2],
        ['2026-12', 'under3', 'no', '341702003', 3],
        ['2026-12', 'expecting', 'yes', '341702001', 5],
        ['2026-12', 'expecting', 'yes', '341702003', 1],
        ['2026-12', 'older_only', 'yes', '341702001', 3],
        ['2027-01', 'under3', 'yes', '341702002', 7],
        ['2027-01', 'under3', 'undecided', '341702002', 1],
        ['2027-01', 'expecting', 'yes', '341702001', 2],
      ]),
    }),
  ],
  ...[5, 17, 29, 61].map((seed): [string, () => DataSet] => [
    `random mix of both forms and converted answers (seed ${seed})`,
    () => ({ legacy: randomSet(seed).slice(0, 60), versioned: randomVersioned(seed) }),
  ]),
];

describeEachDatabase('survey published results', (ctx) => {
  for (const [what, make] of SETS) {
    test(`${what}: published figures are true, and no count of 1–4 can be derived`, async () => {
      const set = make();
      await load(ctx.db, set.legacy, set.versioned);
      const answers = [...set.legacy, ...set.versioned];
      expect(await refresh(ctx.db)).toBe(answers.length);
      const truthByName = truth(set);
      const pub = published(await results(ctx.db));
      // Every figure published is the true one; every count under 5 is withheld.
      for (const [k, v] of pub) {
        if (v !== null) expect(v, k).toBe(truthByName.get(k));
        if (truthByName.get(k)! < 5) expect(v, k).toBeNull();
      }
      const sensitive = [...truthByName].filter(([, v]) => v >= 1 && v <= 4).map(([k]) => k);
      const bySubtraction = subtractionAttack(pub);
      const byElimination = eliminationAttack(pub);
      for (const [k, v] of [...bySubtraction, ...byElimination])
        expect(v, `derived ${k}`).toBe(truthByName.get(k));
      expect(sensitive.filter((k) => bySubtraction.has(k))).toEqual([]);
      expect(sensitive.filter((k) => byElimination.has(k))).toEqual([]);
      // Not everything is withheld once there are enough answers.
      if (answers.length >= 50) expect(pub.get('R')).toBe(answers.length);
    });
  }

  test('without complementary suppression the attack works (the test can fail)', () => {
    const answers = dataSet([
      ['341702001', 40, 8],
      ['341702002', 30, 1],
      ['341702004', 2, 1],
    ]);
    const t = truth(legacyOnly(answers));
    const naive = new Map<string, Cell>();
    for (const [k, v] of t) if (!/^(N|n\.|cn\.|C|CW|CN)/.test(k)) naive.set(k, v >= 5 ? v : null);
    const learned = subtractionAttack(naive);
    expect(learned.get('n.341702002')).toBe(1);
    expect(eliminationAttack(naive).get('n.341702002')).toBe(1);
  });

  beforeAll(async () => {
    await load(ctx.db, []);
    // Both shipped forms, the older one still taking answers.
    for (const form of [guichi, short])
      await ctx.db.query(`select app_private.publish_survey_form($1::jsonb, 'test', 30)`, [
        JSON.stringify(form),
      ]);
  });

  test('one new answer changes nothing public until the next batch; the batch says when it was made', async () => {
    const answers = dataSet([
      ['341702001', 30, 10],
      ['341702002', 20, 6],
    ]);
    await load(ctx.db, answers);
    await refresh(ctx.db);
    const before = await results(ctx.db);
    expect(before.responses).toBe(66);
    expect(Date.now() - Date.parse(before.refreshed_at)).toBeLessThan(60_000);
    await ctx.db.query(`select app_private.insert_survey_response($1::jsonb, 'online', 'direct', null)`, [
      JSON.stringify(answer(0, '341702001', true)),
    ]);
    expect(await results(ctx.db)).toEqual(before);
    await refresh(ctx.db);
    const after = await results(ctx.db);
    expect(after.responses).toBe(67);
    expect(after.by_township.find((t) => t.township === '341702001')?.responses).toBe(41);
  });
});
