/**
 * Publishing questionnaire versions (scripts/lib/survey-publish.ts → app_private.publish_survey_form) and the form
 * the survey page fetches (public.survey_form, as anon): the shipped workbooks publish; the township list comes
 * from app.townships; a version is published once; older versions keep taking answers for the stated days; a
 * broken workbook is refused with Chinese messages naming sheet, row and column. On PGlite and PostgreSQL 15.
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { xlsxOf } from '../../scripts/make-survey-forms.ts';
import { formatError, publishXlsForm } from '../../scripts/lib/survey-publish.ts';
import { shortForm } from '../../scripts/survey-forms/guichi.ts';
import { DISTRICTS } from '../../src/districts/index.ts';
import { anon, asRole } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';
import guichi from '../fixtures/survey-form/guichi.json' with { type: 'json' };
import short from '../fixtures/survey-form/short.json' with { type: 'json' };

const GUICHI_XLSX = 'src/districts/guichi/survey/childcare-demand-2026-12.xlsx';
const SHORT_XLSX = 'src/districts/guichi/survey/childcare-demand-2027-01.xlsx';
type FormRpc = { version: string | null; definition: unknown; accepting: string[] };

describeEachDatabase('survey form publishing', (ctx) => {
  const form = async (): Promise<FormRpc> => {
    const got = await asRole<{ f: FormRpc | string }>(ctx.db, anon, 'select public.survey_form() as f');
    if (!got.ok) throw new Error(JSON.stringify(got));
    const f = got.rows[0].f;
    return typeof f === 'string' ? JSON.parse(f) : f;
  };

  test('before any version: nulls, nothing accepting', async () => {
    expect(await form()).toEqual({ version: null, definition: null, accepting: [] });
  });

  test('the Guichi workbook publishes; anon gets it with the township list from app.townships, under 10 KB gzip', async () => {
    const r = await publishXlsForm(ctx.db, await readFile(GUICHI_XLSX), { by: 'test', acceptDays: 30 });
    expect(r).toMatchObject({ ok: true, version: '2026-12', accepting: ['2026-12'] });
    const f = await form();
    expect(f.version).toBe('2026-12');
    expect(f.accepting).toEqual(['2026-12']);
    // The district's townships (the database was synced from src/districts/guichi) — the fixture holds the same.
    const def = f.definition as typeof guichi;
    expect(def.choices.townships.map((c) => c.name)).toEqual(DISTRICTS.guichi.townships.map((t) => t.code));
    expect(def).toEqual(guichi);
    expect(gzipSync(JSON.stringify(f)).length).toBeLessThanOrEqual(10 * 1024);
  });

  test('the same version twice is refused in Chinese; so is a broken workbook, by sheet, row and column', async () => {
    const again = await publishXlsForm(ctx.db, await readFile(GUICHI_XLSX), { by: 'test', acceptDays: 30 });
    expect(again.ok === false && again.errors.map(formatError)).toEqual([
      '这个问卷版本已经发布过了。请在 settings 工作表里改一个新的 version，再发布。',
    ]);
    const broken = structuredClone(shortForm);
    broken.settings.version = '2027-02';
    broken.survey[4] = { ...broken.survey[4], constraint: 'months(.) >' };
    broken.survey[6] = { ...broken.survey[6], relevant: "${nope} = 'x'" };
    const bad = await publishXlsForm(ctx.db, await xlsxOf(broken), { by: 'test', acceptDays: 30 });
    expect(bad.ok === false && bad.errors.map(formatError)).toEqual([
      '工作表“survey”第 6 行 I 列：constraint：第 12 个字符：这里缺少一个值',
      '工作表“survey”第 8 行 H 列：${nope} 不是本问卷的题目',
    ]);
    expect((await form()).version).toBe('2026-12');
  });

  test('a newer version: both take answers for the stated days, then only the newer', async () => {
    const r = await publishXlsForm(ctx.db, await readFile(SHORT_XLSX), { by: 'test', acceptDays: 30 });
    expect(r).toMatchObject({ ok: true, version: '2027-01', accepting: ['2027-01', '2026-12'] });
    const f = await form();
    expect(f).toMatchObject({ version: '2027-01', accepting: ['2027-01', '2026-12'] });
    expect(f.definition).toEqual(short);
    const { rows } = await ctx.db.query<{ days: number; by: string }>(
      `select round(extract(epoch from accept_until - now()) / 86400)::int as days, published_by as by
       from app.survey_forms where version = '2026-12'`,
    );
    expect(rows).toEqual([{ days: 30, by: 'test' }]);
    // 31 days later (moved back instead of waiting): the old version no longer takes answers; the newest always does.
    await ctx.db.query(
      `update app.survey_forms set accept_until = now() - interval '1 day' where version = '2026-12'`,
    );
    expect((await form()).accepting).toEqual(['2027-01']);
    const accepting = await ctx.db.query<{ a: boolean; b: boolean; c: boolean }>(
      `select app_private.survey_form_accepting('2026-12') as a, app_private.survey_form_accepting('2027-01') as b,
              app_private.survey_form_accepting('nope') as c`,
    );
    expect(accepting.rows[0]).toEqual({ a: false, b: true, c: false });
  });

  test('the stored definition checks answers in the database', async () => {
    const { rows } = await ctx.db.query<{ ok: unknown; bad: unknown }>(
      `select app_private.check_survey_answers(f.definition, $1::jsonb, '2027-01-10') as ok,
              app_private.check_survey_answers(f.definition, $2::jsonb, '2027-01-10') as bad
       from app.survey_forms f where f.version = '2027-01'`,
      [
        JSON.stringify({
          household: 'under3',
          children: [{ birth_month: '2025-06' }],
          children_total: 1,
          wants_care: 'no',
          township: '341702001',
        }),
        JSON.stringify({
          household: 'under3',
          children: [{ birth_month: '2023-06' }],
          children_total: 1,
          wants_care: 'no',
          township: '999999999',
        }),
      ],
    );
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(parse(rows[0].ok)).toEqual([]);
    expect(parse(rows[0].bad)).toEqual([
      { path: 'children.0.birth_month', code: 'constraint', question: 'birth_month' },
      { path: 'township', code: 'choice', question: 'township' },
    ]);
  });
});
