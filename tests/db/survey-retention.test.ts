/** The daily retention job npm start runs: it purges expired survey phone numbers at once, and reports failures. */
import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { scheduleSurveyRetention } from '../../supabase/embedded/jobs/survey-retention.ts';
import { rowsAs } from './act-as.ts';
import { describeEachDatabase, openEmpty } from './harness.ts';
import { surveyFixture } from '../fixtures/survey.ts';

describeEachDatabase('survey retention job', (ctx) => {
  test('deletes phone numbers older than 180 days on start, keeps newer ones and every answer', async () => {
    const [old, recent] = [surveyFixture(0, randomUUID(), ''), surveyFixture(6, randomUUID(), '')];
    for (const [i, a] of [old, recent].entries()) {
      await rowsAs(ctx.db, { role: 'anon', headers: { 'x-forwarded-for': `192.0.2.${i + 1}` } }, 'select public.submit_survey($1::jsonb)', [JSON.stringify(a)]);
    }
    await ctx.db.query(`update app.survey_responses set submitted_at = now() - interval '200 days' where id = $1`, [old.id]);
    const lines: string[] = [];
    const job = scheduleSurveyRetention(ctx.db, { everyMs: 60_000, log: (l) => lines.push(l) });
    expect(await job.first).toBe(1);
    job.stop();
    expect(lines).toEqual(['Survey retention: deleted 1 phone number(s) older than 180 days.']);
    const { rows } = await ctx.db.query<{ id: string }>('select response_id as id from app.survey_contacts order by 1');
    expect(rows.map((r) => r.id)).toEqual([recent.id]);
    expect((await ctx.db.query('select 1 from app.survey_responses')).rows).toHaveLength(2);
  });

  test('a failure (here: a database without the migrations) is logged, not thrown', async () => {
    const { db } = await openEmpty(ctx.kind);
    try {
      const lines: string[] = [];
      const job = scheduleSurveyRetention(db, { log: (l) => lines.push(l) });
      expect(await job.first).toBeNull();
      job.stop();
      // The job first becomes service_role: a fresh PGlite lacks the role, a PostgreSQL cluster has it (roles are
      // cluster-wide) but this database lacks the schema.
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Survey retention failed: (role "service_role"|schema "app_private") does not exist$/);
    } finally {
      await db.close();
    }
  });
});
