/**
 * Daily maintenance for `npm start`: runs the retention purges once at start and then every 24 hours, each in its
 * own transaction as `service_role` on the API's own connection (`authenticator`, which may become it; the purges
 * are definers granted to service_role only). On Supabase the same functions are scheduled with pg_cron
 * (docs/deploy.md). Each job returns how many rows it changed; failures are logged and do not stop the others.
 */
import type { Db } from '../../supabase/embedded/db/adapter.ts';

/** The SQL functions run daily: `schema.name` of a function without arguments returning an integer count. */
const DAILY_JOBS = [
  'app_private.purge_survey_phones', // survey follow-up phone numbers, 180 days after the answer
  'app_private.purge_lecture_contacts', // names and phones of lecture sign-ups, 30 days after the event
  'app_private.refresh_survey_results', // the published survey figures: one batch a day, never per answer
];

const DAY_MS = 24 * 60 * 60 * 1000;
const NAME = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

export interface JobResult {
  job: string;
  count?: number;
  error?: string;
}

/** Runs every job once; returns what each did. */
export async function runDailyJobs(db: Db, jobs: readonly string[] = DAILY_JOBS): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of jobs) {
    if (!NAME.test(job)) throw new Error(`not a function name: ${job}`);
    try {
      const n = await db.transaction(async (tx) => {
        await tx.exec('set local role service_role');
        return (await tx.query<{ n: number }>(`select ${job}() as n`)).rows[0]!.n;
      });
      results.push({ job, count: Number(n) });
    } catch (error) {
      results.push({ job, error: (error as Error).message });
    }
  }
  return results;
}

/** Runs the jobs now and every `everyMs` (default a day); `stop()` clears the timer. Logs one line per run. */
export function scheduleDailyJobs(
  db: Db,
  opts: { jobs?: readonly string[]; everyMs?: number; log?: (line: string) => void } = {},
): { stop(): void; ran: Promise<JobResult[]> } {
  const log = opts.log ?? ((line: string) => console.log(line));
  const run = async () => {
    const results = await runDailyJobs(db, opts.jobs ?? DAILY_JOBS);
    log(
      `Daily maintenance: ${results.map((r) => (r.error ? `${r.job} FAILED (${r.error})` : `${r.job} ${r.count}`)).join(', ')}`,
    );
    return results;
  };
  const ran = run();
  const timer = setInterval(() => void run(), opts.everyMs ?? DAY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), ran };
}
