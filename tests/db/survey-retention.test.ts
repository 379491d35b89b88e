/** The daily retention job npm start runs, for survey phone numbers: it purges expired ones at once, and reports failures. */
import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { scheduleDailyJobs } from '../../scripts/lib/daily-maintenance.ts';
import { rowsAs } from './act-as.ts';
import { describeEachDatabase, openEmpty } from './harness.ts';
import { surveyFixture } from '../fixtures/survey.ts';

const SURVEY_JOB = ['app_private.purge_survey_phones'];

describeEachDatabase('survey retention job', (ctx) => {
  test('deletes phone numbers older than 180 days on start, keeps newer ones and every answer', async () => {
    const [old, recent] = [surveyFixture(0, randomUUID(), ''), surveyFixture(6, randomUUID(), '')];
    for (const [i, a] of [old, recent].entries()) {
      await rowsAs(
        ctx.db,
        { role: 'anon', headers: { 'x-forwarded-for': `192.0.2.${i + 1}` } },
        `select public.submit_survey($1::jsonb || jsonb_build_object('start_token', $2::text))`,
        [
          JSON.stringify(a),
          // a start token as the form gets it, issued a minute ago (signed by the owner's function)
          (
            await ctx.db.query<{ t: string }>(
              `select app_private.sign_survey_start(now() - interval '1 minute') as t`,
            )
          ).rows[0].t,
        ],
      );
    }
    await ctx.db.query(
      `update app.survey_responses set submitted_at = now() - interval '200 days' where id = $1`,
      [old.id],
    );
    const lines: string[] = [];
    const job = scheduleDailyJobs(ctx.db, { jobs: SURVEY_JOB, everyMs: 60_000, log: (l) => lines.push(l) });
    expect(await job.ran).toEqual([{ job: 'app_private.purge_survey_phones', count: 1 }]);
    job.stop();
    expect(lines).toEqual(['Daily maintenance: app_private.purge_survey_phones 1']);
    const { rows } = await ctx.db.query<{ id: string }>(
      'select response_id as id from app.survey_contacts order by 1',
    );
    expect(rows.map((r) => r.id)).toEqual([recent.id]);
    expect((await ctx.db.query('select 1 from app.survey_responses')).rows).toHaveLength(2);
  });

  test('a failure (here: a database without the migrations) is logged, not thrown', async () => {
    const { db } = await openEmpty(ctx.kind);
    try {
      const lines: string[] = [];
      const job = scheduleDailyJobs(db, { jobs: SURVEY_JOB, log: (l) => lines.push(l) });
      const [result] = await job.ran;
      job.stop();
      // The job first becomes service_role: a fresh PGlite lacks the role, a PostgreSQL cluster has it (roles are
      // cluster-wide) but this database lacks the schema.
      expect(result!.error).toMatch(/^(role "service_role"|schema "app_private") does not exist$/);
      expect(lines).toEqual([`Daily maintenance: app_private.purge_survey_phones FAILED (${result!.error})`]);
    } finally {
      await db.close();
    }
  });
});
