/**
 * `npm start` on a fresh database publishes the district's shipped questionnaire once
 * (scripts/lib/survey-first-publish.ts), so the survey page's answers are taken at once; a database that already has
 * a version (an admin published one) is left alone. The expected definition is the Guichi fixture. On PGlite and
 * PostgreSQL 15.
 */
import { expect, test } from 'vitest';
import { publishShippedFormIfNone } from '../../scripts/lib/survey-first-publish.ts';
import guichi from '../fixtures/survey-form/guichi.json' with { type: 'json' };
import { anon, asRole } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

type FormRpc = { version: string | null; definition: { version: string; body: unknown[] } | null };

describeEachDatabase('publishing the shipped questionnaire on a fresh database', (ctx) => {
  const form = async (): Promise<FormRpc> => {
    const got = await asRole<{ f: FormRpc | string }>(ctx.db, anon, 'select public.survey_form() as f');
    if (!got.ok) throw new Error(JSON.stringify(got));
    const f = got.rows[0].f;
    return typeof f === 'string' ? JSON.parse(f) : f;
  };

  test('nothing published: the district workbook is published (the Guichi definition); then never again', async () => {
    expect((await form()).version).toBeNull();
    expect(await publishShippedFormIfNone(ctx.db)).toBe(guichi.version);
    const f = await form();
    expect(f.version).toBe(guichi.version);
    expect(f.definition?.body).toEqual(guichi.body);
    expect(await publishShippedFormIfNone(ctx.db)).toBeNull();
    const { rows } = await ctx.db.query<{ n: number }>('select count(*)::int as n from app.survey_forms');
    expect(rows[0]!.n).toBe(1);
  });
});
