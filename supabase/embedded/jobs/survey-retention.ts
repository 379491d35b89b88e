/**
 * Retention for the embedded database: deletes survey follow-up phone numbers older than the published 180 days
 * (app_private.purge_survey_phones) once at start and then every day. On Supabase, pg_cron runs the same function
 * (docs/deploy.md). Runs as `service_role` on the API's own connection (authenticator may become it); the function
 * is a definer, granted to service_role only.
 */
import type { Db } from '../db/adapter.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs the purge once; returns how many phone numbers were deleted. */
export async function purgeSurveyPhones(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.exec('set local role service_role');
    const { rows } = await tx.query<{ n: number }>('select app_private.purge_survey_phones() as n');
    return rows[0].n;
  });
}

/** Purges now and every `everyMs`; errors are reported, never thrown (the site keeps running). */
export function scheduleSurveyRetention(db: Db, opts: { everyMs?: number; log?: (line: string) => void } = {}): { stop(): void; first: Promise<number | null> } {
  const log = opts.log ?? ((line: string) => console.log(line));
  const run = () =>
    purgeSurveyPhones(db).then(
      (n) => {
        if (n) log(`Survey retention: deleted ${n} phone number(s) older than 180 days.`);
        return n;
      },
      (error: unknown) => {
        log(`Survey retention failed: ${(error as Error).message}`);
        return null;
      },
    );
  const first = run();
  const timer = setInterval(run, opts.everyMs ?? DAY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), first };
}
