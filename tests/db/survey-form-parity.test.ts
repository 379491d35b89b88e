/**
 * PARITY: the browser's checker (validateAnswers, src/lib/survey-form/evaluate.ts) and the database's
 * (app_private.check_survey_answers) give the same verdicts, case by case — for answers generated from every
 * question and expression of both shipped forms (tests/fixtures/survey-form/*.json) and of a synthetic form that
 * uses the constructs they do not (choice_filter, date, integer arithmetic, required as an expression): each path,
 * each question missing, each choice, a choice not in the list, wrong JSON types, boundary values, repeats of 0–7
 * blocks, keys the form does not have, and seeded random mixes; at three form dates. Expression values are
 * compared too. On PGlite and PostgreSQL 15.
 */
import { expect, test } from 'vitest';
import type { Answers, Expr, FormDefinition, QuestionNode } from '../../src/lib/survey-form/definition.ts';
import { evaluate, localNames, questionsOf, validateAnswers } from '../../src/lib/survey-form/evaluate.ts';
import { parseExpr } from '../../src/lib/survey-form/expr.ts';
import guichi from '../fixtures/survey-form/guichi.json' with { type: 'json' };
import short from '../fixtures/survey-form/short.json' with { type: 'json' };
import { describeEachDatabase } from './harness.ts';

const DATES = ['2027-01-10', '2026-11-20', '2024-02-29'];

/** A small seeded generator (mulberry32), so a failure names a case that comes back. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const monthAt = (date: string, offset: number) => {
  const [y, m] = date.split('-').map(Number);
  const t = y * 12 + (m - 1) + offset;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

/** Values worth trying for one question: each choice, off-list, wrong types, boundaries. */
function candidates(q: QuestionNode, def: FormDefinition, date: string): unknown[] {
  const names = (def.choices[q.list ?? ''] ?? []).map((c) => c.name);
  const common = [undefined, null, '', 1, true, { x: 1 }];
  switch (q.type) {
    case 'select_one':
      return [...names, 'zzz', ['a'], ...common];
    case 'select_multiple':
      return [
        ...names.map((n) => [n]),
        names.slice(0, 2),
        names.slice(0, 3),
        names.slice(0, 4),
        names,
        [names[0], names[0]],
        [names[0], 'zzz'],
        ['other'],
        [1],
        [],
        'a',
        ...common,
      ];
    case 'integer':
      return [-1, 0, 1, 2, 10, 11, 2.5, '2', 1e10, 1e301, ...common];
    case 'month':
      return [
        ...[-37, -36, -35, -1, 0, 1, 9, 10, 11].map((o) => monthAt(date, o)),
        '2025-13',
        '2025-1',
        '1899-12',
        `${date}`,
        ...common,
      ];
    case 'date':
      return [date, '2024-02-29', '2023-02-29', '2025-04-31', '2025-4-01', '2100-01-01', ...common];
    case 'text':
      return [
        'x',
        '13800138000',
        '12800138000',
        '1380013800',
        ' 13800138000',
        '社'.repeat(60),
        '社'.repeat(61),
        'a'.repeat(501),
        ...common,
      ];
  }
}

/** Complete, valid answers for each path of a form (found by walking with the first choice that keeps going). */
function paths(def: FormDefinition, date: string): Answers[] {
  if (def.version === '2026-12') {
    const base = {
      household: 'under3',
      relation: 'mother',
      children: [{ birth_month: monthAt(date, -14) }],
      carer: 'grandparents',
      in_care: 'not_enrolled',
      wants_care: 'yes',
      reasons_for: ['early_learning', 'other'],
      reasons_for_other: '上班',
      provider: 'community_point',
      care_form: 'full_day',
      fee: '1000_1999',
      distance: 'within_1km',
      dropoff: '0730_0830',
      pickup: '1630_1730',
      priorities: ['safety', 'cost'],
      township: '341702001',
      community: '秋浦社区',
      phone: '13800138000',
      phone_consent: ['yes'],
    };
    return [
      base,
      {
        household: 'under3',
        relation: 'father',
        children: [{ birth_month: monthAt(date, -36) }, { birth_month: monthAt(date, 0) }],
        carer: 'parents',
        in_care: 'enrolled',
        wants_care: 'no',
        reasons_against: ['cost', 'other'],
        reasons_against_other: '没名额',
        township: '341702002',
      },
      {
        household: 'under3',
        relation: 'grandparent',
        children: [{ birth_month: monthAt(date, -3) }],
        carer: 'nanny',
        in_care: 'registered',
        wants_care: 'undecided',
        township: '341702003',
      },
      { household: 'expecting', due_month: monthAt(date, 4), relation: 'mother', township: '341702001' },
      { household: 'older_only' },
    ];
  }
  if (def.version === '2027-01') {
    return [
      {
        household: 'under3',
        children: [{ birth_month: monthAt(date, -5) }],
        children_total: 2,
        wants_care: 'yes',
        care_form: 'temporary',
        fee: '3000_plus',
        township: '341702001',
      },
      {
        household: 'under3',
        children: [{ birth_month: monthAt(date, -30) }],
        children_total: 1,
        wants_care: 'no',
        township: '341702004',
      },
      { household: 'expecting' },
      { household: 'older_only' },
    ];
  }
  return [
    { kind: 'b', when: date, n: 3, pick: 'b1', tags: ['x'] },
    { kind: 'a', n: 0 },
  ];
}

/** Uses what the shipped forms do not: choice_filter with columns, date, arithmetic, required as an expression. */
const synthetic: FormDefinition = {
  form_id: 'synthetic',
  version: 'synthetic-1',
  title: { 'zh-CN': '合成' },
  languages: ['zh-CN'],
  choices: {
    kinds: [
      { name: 'a', label: { 'zh-CN': '甲' } },
      { name: 'b', label: { 'zh-CN': '乙' } },
    ],
    picks: [
      { name: 'a1', label: { 'zh-CN': 'a1' }, kind: 'a' },
      { name: 'b1', label: { 'zh-CN': 'b1' }, kind: 'b' },
      { name: 'b2', label: { 'zh-CN': 'b2' }, kind: 'b', n: '2' },
    ],
    tags: [
      { name: 'x', label: { 'zh-CN': 'x' } },
      { name: 'y', label: { 'zh-CN': 'y' } },
    ],
  },
  body: [
    {
      kind: 'question',
      type: 'select_one',
      name: 'kind',
      number: 1,
      label: { 'zh-CN': '类' },
      list: 'kinds',
      required: true,
    },
    {
      kind: 'question',
      type: 'date',
      name: 'when',
      number: 2,
      label: { 'zh-CN': '日' },
      required: parseExpr("${kind} = 'b'"),
      constraint: parseExpr('months(.) <= months(today()) and string-length(.) = 10'),
    },
    {
      kind: 'question',
      type: 'integer',
      name: 'n',
      number: 3,
      label: { 'zh-CN': '数' },
      required: true,
      constraint: parseExpr('-. * 2 + 10 >= 0 or . = 100'),
    },
    {
      kind: 'question',
      type: 'select_one',
      name: 'pick',
      number: 4,
      label: { 'zh-CN': '选' },
      list: 'picks',
      relevant: parseExpr('${n} > 0'),
      choice_filter: parseExpr('kind = ${kind} and (n = ${n} or not(n))', { columns: true }),
    },
    {
      kind: 'group',
      name: 'g',
      relevant: parseExpr("not(selected(${tags}, 'y')) or count-selected(${tags}) > 1"),
      children: [
        {
          kind: 'question',
          type: 'select_multiple',
          name: 'tags',
          number: 5,
          label: { 'zh-CN': '标' },
          list: 'tags',
          constraint: parseExpr("regex(${kind}, '^(a|b)$') and . != 'y x'"),
        },
      ],
    },
  ],
};

function cases(def: FormDefinition, seed: number): { answers: unknown; date: string }[] {
  const out: { answers: unknown; date: string }[] = [];
  const random = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const all = questionsOf(def.body);
  const repeats = def.body.filter((n) => n.kind === 'repeat');
  for (const date of DATES) {
    const bases = paths(def, date);
    for (const base of bases) {
      out.push({ answers: base, date });
      // Each question × each candidate value on the first date; the other dates get the base answers, the
      // repeat variants and random mixes (the age rule is what the date changes).
      if (date !== DATES[0]) continue;
      for (const { q, repeat } of all) {
        for (const v of candidates(q, def, date)) {
          const a = structuredClone(base) as Record<string, unknown>;
          if (repeat) {
            const blocks = (Array.isArray(a[repeat]) ? a[repeat] : [{}]) as Record<string, unknown>[];
            const b = { ...blocks[0] };
            if (v === undefined) delete b[q.name];
            else b[q.name] = v;
            a[repeat] = [b, ...blocks.slice(1)];
          } else if (v === undefined) delete a[q.name];
          else a[q.name] = v;
          out.push({ answers: a, date });
        }
      }
    }
    for (const base of bases) {
      for (const r of repeats) {
        const block = (base[r.name] as unknown[] | undefined)?.[0] ?? { birth_month: monthAt(date, -2) };
        for (const n of [0, 1, 6, 7])
          out.push({ answers: { ...base, [r.name]: Array.from({ length: n }, () => block) }, date });
        out.push({ answers: { ...base, [r.name]: [block, 'x'] }, date });
        out.push({ answers: { ...base, [r.name]: [{ ...(block as object), extra: 'x', empty: '' }] }, date });
        out.push({ answers: { ...base, [r.name]: block }, date });
      }
      out.push({ answers: { ...base, unknown_key: 'x', blank_key: '', zz: [1] }, date });
    }
    // Random mixes: each question answered with probability ½ by a random candidate.
    for (let i = 0; i < 100; i++) {
      const a: Record<string, unknown> = {};
      for (const { q, repeat } of all) {
        if (random() < 0.5) continue;
        const v = pick(candidates(q, def, date));
        if (v === undefined) continue;
        if (repeat) {
          if (!a[repeat]) a[repeat] = [{}, {}].slice(0, 1 + Math.floor(random() * 2));
          const blocks = a[repeat] as Record<string, unknown>[];
          for (const b of blocks) b[q.name] = random() < 0.7 ? v : pick(candidates(q, def, date));
        } else a[q.name] = v;
      }
      out.push({ answers: a, date });
    }
  }
  out.push(
    { answers: 'not an object', date: DATES[0] },
    { answers: [1, 2], date: DATES[0] },
    { answers: null, date: DATES[0] },
  );
  return out;
}

/** Issues as [path, code, question] (jsonb orders an object's keys its own way). */
const tuples = (issues: { path: string; code: string; question: string }[]) =>
  issues.map((i) => [i.path, i.code, i.question]);

const FORMS: [string, FormDefinition, number][] = [
  ['Guichi 2026-12', guichi as FormDefinition, 1],
  ['short 2027-01', short as FormDefinition, 2],
  ['synthetic', synthetic, 3],
];

/** Every expression of a definition, with the repeat it is in (if any). */
function expressionsOf(nodes: FormDefinition['body'], repeat?: { name: string; local: Set<string> }) {
  const out: { e: Expr; repeat?: { name: string; local: Set<string> }; self: boolean; col: boolean }[] = [];
  for (const n of nodes) {
    if (n.relevant) out.push({ e: n.relevant, repeat, self: false, col: false });
    if (n.kind === 'question') {
      if (typeof n.required === 'object') out.push({ e: n.required, repeat, self: false, col: false });
      if (n.constraint) out.push({ e: n.constraint, repeat, self: true, col: false });
      if (n.choice_filter) out.push({ e: n.choice_filter, repeat, self: false, col: true });
    }
    if (n.kind === 'group') out.push(...expressionsOf(n.children, repeat));
    if (n.kind === 'repeat')
      out.push(...expressionsOf(n.children, { name: n.name, local: localNames(n.children) }));
  }
  return out;
}

describeEachDatabase('survey form parity (TypeScript ↔ SQL)', (ctx) => {
  for (const [label, def, seed] of FORMS) {
    test(`${label}: check_survey_answers agrees with validateAnswers on every generated case`, async () => {
      const all = cases(def, seed);
      expect(all.length).toBeGreaterThan(400);
      const rows: { issues: unknown }[] = [];
      for (let i = 0; i < all.length; i += 500) {
        const chunk = await ctx.db.query<{ issues: unknown }>(
          `select app_private.check_survey_answers($1::jsonb, x.c -> 'answers', (x.c ->> 'date')::date) as issues
           from jsonb_array_elements($2::jsonb) with ordinality x (c, n) order by x.n`,
          [JSON.stringify(def), JSON.stringify(all.slice(i, i + 500))],
        );
        rows.push(...chunk.rows);
      }
      expect(rows.length).toBe(all.length);
      let disagreements = 0;
      const seen = new Set<string>();
      for (const [i, c] of all.entries()) {
        const ts = validateAnswers(def, c.answers as Answers, c.date);
        for (const issue of ts) seen.add(`${issue.question}:${issue.code}`);
        const sql =
          typeof rows[i].issues === 'string' ? JSON.parse(rows[i].issues as string) : rows[i].issues;
        if (JSON.stringify(tuples(sql)) !== JSON.stringify(tuples(ts))) {
          disagreements++;
          if (disagreements <= 3) expect({ case: c, sql: tuples(sql) }).toEqual({ case: c, sql: tuples(ts) });
        }
      }
      expect(disagreements).toBe(0);
      console.log(`${label}: ${all.length} cases agree`);
      // The cases reach every question with every issue it can have (each code appears for the form).
      for (const code of ['required', 'type', 'choice', 'constraint', 'not_relevant']) {
        expect(
          [...seen].some((s) => s.endsWith(`:${code}`)),
          code,
        ).toBe(true);
      }
      // Some cases pass: the generator is not only making broken answers.
      expect(
        all.filter((c) => validateAnswers(def, c.answers as Answers, c.date).length === 0).length,
      ).toBeGreaterThan(10);
    }, 240_000);

    test(`${label}: every expression has the same value in SQL`, async () => {
      const random = rng(seed + 100);
      const exprs = expressionsOf(def.body);
      const rowsIn: {
        e: Expr;
        top: unknown;
        at: string;
        instance: unknown;
        local: string[] | null;
        self: unknown;
        choice: unknown;
      }[] = [];
      for (const c of cases(def, seed).filter(() => random() < 0.05)) {
        const top = (
          c.answers && typeof c.answers === 'object' && !Array.isArray(c.answers) ? c.answers : {}
        ) as Answers;
        for (const { e, repeat, self, col } of exprs) {
          const blocks = repeat && Array.isArray(top[repeat.name]) ? (top[repeat.name] as unknown[]) : [];
          const instance = repeat ? ((blocks[0] as Record<string, unknown>) ?? {}) : undefined;
          const choices = col ? Object.values(def.choices).flat() : [undefined];
          for (const choice of choices) {
            const selfValue = self ? Object.values(instance ?? top)[Math.floor(random() * 5)] : undefined;
            rowsIn.push({
              e,
              top,
              at: c.date,
              instance: instance ?? null,
              local: repeat ? [...repeat.local] : null,
              self: selfValue ?? null,
              choice: choice ?? null,
            });
          }
        }
      }
      expect(rowsIn.length).toBeGreaterThan(100);
      const { rows } = await ctx.db.query<{ v: unknown }>(
        `select app_private.survey_eval(r -> 'e', r -> 'top', (r ->> 'at')::date,
           case when r -> 'instance' = 'null' then null else r -> 'instance' end,
           case when r -> 'local' = 'null' then null else array(select jsonb_array_elements_text(r -> 'local')) end,
           r -> 'self', r -> 'choice') as v
         from jsonb_array_elements($1::jsonb) with ordinality x (r, n) order by n`,
        [JSON.stringify(rowsIn)],
      );
      expect(rows.length).toBe(rowsIn.length);
      const mismatches = rowsIn
        .map((r, i) => {
          const ts = evaluate(r.e, {
            answers: r.top as Answers,
            at: r.at,
            instance: (r.instance as Record<string, unknown>) ?? undefined,
            local: r.local ? new Set(r.local) : undefined,
            self: r.self,
            choice: (r.choice as never) ?? undefined,
          });
          const sql = typeof rows[i].v === 'string' ? JSON.parse(rows[i].v as string) : rows[i].v;
          return JSON.stringify(ts) === JSON.stringify(sql) ? null : { r, ts, sql };
        })
        .filter(Boolean);
      expect(mismatches.slice(0, 3)).toEqual([]);
    });
  }

  test('hand-picked expression values agree (the unit test table)', async () => {
    const answers = {
      one: 'a',
      many: ['x', 'y'],
      n: 4,
      text: '',
      word: '12',
      b: true,
      sp: ' 7 ',
      neg: -3,
      f: 2.5,
    };
    const sources = [
      "${one} = 'a'",
      "${missing} = ''",
      "${missing} != 'a'",
      '${n} = 4',
      "${n} = '4'",
      '${word} = 12',
      "${word} = '12.0'",
      '${missing} = 0',
      '${missing} != 0',
      '${missing} < 1',
      "selected(${many}, 'y')",
      "selected(${one}, 'a')",
      "${many} = 'x y'",
      'count-selected(${many})',
      'count-selected(${missing})',
      'months(today())',
      "months('2024-13')",
      'months(${missing}) - 1',
      '${missing} + 1',
      '-(${n} - 4)',
      '${n} * 2 + 1',
      "string-length('托育服务')",
      "regex('13800138000', '^1[3-9][0-9]{9}$')",
      '${b} = 1',
      "${b} = ''",
      'not(${text})',
      '${one} or ${missing}',
      '${sp} = 7',
      '${sp} + 1',
      '${neg} * ${f}',
      '${f} = 2.5',
      'selected(${n}, 4)',
      '${many} = ${many}',
      '${b} + ${b}',
      '${f} * 0',
      '-${missing}',
      'string-length(${many})',
      "${one} < 'b'",
      '${word} > 11',
      "months('2024-02-30')",
      "count-selected('a  b ')",
      '${n} - 4',
    ];
    const trees = sources.map((s) => parseExpr(s));
    const { rows } = await ctx.db.query<{ v: unknown }>(
      `select app_private.survey_eval(e, $2::jsonb, '2027-01-15', null, null, null, null) as v
       from jsonb_array_elements($1::jsonb) with ordinality x (e, n) order by n`,
      [JSON.stringify(trees), JSON.stringify(answers)],
    );
    const sql = rows.map((r) => (typeof r.v === 'string' ? JSON.parse(r.v) : r.v));
    const ts = trees.map((e) => evaluate(e, { answers, at: '2027-01-15' }));
    expect(sql.map((v, i) => [sources[i], v])).toEqual(ts.map((v, i) => [sources[i], v]));
  });
});
