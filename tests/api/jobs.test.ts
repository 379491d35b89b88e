/**
 * The daily jobs npm start schedules run on the API's own serving connection (authenticator, never a superuser):
 * they must really work there, by becoming service_role.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { expect, test } from 'vitest';
import { startApi } from '../../supabase/embedded/api/start.ts';
import { runDailyJobs } from '../../scripts/lib/daily-maintenance.ts';
import { surveyFixture } from '../fixtures/survey.ts';
import { preparedDataDir } from './harness.ts';

test('the daily jobs (retention, the published survey batch) run on the serving (authenticator) connection: an expired survey phone number goes', async () => {
  const dir = await preparedDataDir();
  const api = await startApi({
    env: { TUOYU_DATA_DIR: dir, SUPABASE_API_PORT: '0', DATABASE_URL: '', JWT_SECRET: '' },
  });
  try {
    const { rows: who } = await api.db.query<{ u: string }>('select current_user as u');
    expect(who[0]!.u).toBe('authenticator');
    const answer = surveyFixture(0, randomUUID(), '');
    // Stored as the superuser (`role none`), as if sent through the form (which needs a 20 s old start token).
    await api.db.transaction(async (tx) => {
      await tx.exec('set local role none');
      await tx.query(`select app_private.insert_survey_response($1::jsonb, 'online', 'direct', null)`, [
        JSON.stringify(answer),
      ]);
    });
    const counts = async () =>
      Object.fromEntries((await runDailyJobs(api.db)).map((r) => [r.job, r.error ?? r.count]));
    expect(await counts()).toEqual({
      'app_private.purge_survey_phones': 0,
      'app_private.purge_lecture_contacts': 0,
      'app_private.refresh_survey_results': 1, // the published survey figures: one batch covering the answer
    }); // a fresh number stays
    // Age the answer past 180 days as PGlite's bootstrap superuser (a test fixture: `role none` returns to it).
    await api.db.transaction(async (tx) => {
      await tx.exec('set local role none');
      await tx.query(
        `update app.survey_responses set submitted_at = now() - interval '200 days' where id = $1`,
        [answer.id],
      );
    });
    expect(await counts()).toEqual({
      'app_private.purge_survey_phones': 1,
      'app_private.purge_lecture_contacts': 0,
      'app_private.refresh_survey_results': 1,
    });
    // and the serving connection itself cannot run the purge without becoming service_role
    await expect(api.db.query('select app_private.purge_survey_phones()')).rejects.toThrow(
      /permission denied/,
    );
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
