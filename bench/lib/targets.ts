/**
 * The two databases a benchmark runs against, prepared and served as `startApi` does (supabase/embedded/api/
 * start.ts, docs/database.md "Roles and connections"): prepared as the superuser, served as `authenticator`.
 *   pglite      a temp folder: opened as its superuser, prepared, closed, reopened with `username: authenticator`
 *   postgres15  the throwaway cluster of tests/db/pg-cluster.ts: a database created, prepared as the superuser
 *               (its owner), served through `authenticatorUrl(...)`; `{ skipped: reason }` without PostgreSQL 15
 * Checks that need rights the API does not have (counting stored rows) run after serving, on the superuser's
 * connection again. The serving connection is checked with `assertServesAsAuthenticator`, as startApi checks it. Temp folder and cluster are removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { openPglite } from '../../supabase/embedded/db/pglite.ts';
import { openPostgres } from '../../supabase/embedded/db/postgres.ts';
import {
  assertServesAsAuthenticator,
  AUTHENTICATOR,
  authenticatorUrl,
} from '../../supabase/embedded/db/serving.ts';
import { findPostgres, startCluster } from '../../tests/db/pg-cluster.ts';

export type TargetName = 'pglite' | 'postgres15';

export interface BenchPlan<R> {
  /** On the superuser's connection, before serving: migrations, fixtures, settings. */
  prepare(admin: Db): Promise<void>;
  /** On the serving connection (authenticator). */
  bench(label: string, db: Db): Promise<R>;
  /** On the superuser's connection once serving has ended; returns the result completed. */
  check?(label: string, admin: Db, result: R): Promise<R>;
}

const LABELS: Record<TargetName, string> = { pglite: 'PGlite', postgres15: 'PostgreSQL 15' };

/** Serves `serving`, then hands the superuser's connection (opened by `openAdmin`) to `check`. */
async function run<R>(
  plan: BenchPlan<R>,
  label: string,
  openAdmin: () => Promise<Db>,
  openServing: () => Promise<Db>,
): Promise<R> {
  const admin = await openAdmin();
  try {
    await plan.prepare(admin);
  } finally {
    await admin.close();
  }
  const db = await openServing();
  let result: R;
  try {
    await assertServesAsAuthenticator(db);
    result = await plan.bench(label, db);
  } finally {
    await db.close();
  }
  if (!plan.check) return result;
  const again = await openAdmin();
  try {
    return await plan.check(label, again, result);
  } finally {
    await again.close();
  }
}

/** Runs `plan` on each target in `order`; `name` tags the temp folder and the database. */
export async function benchTargets<R>(
  name: string,
  plan: BenchPlan<R>,
  order: TargetName[] = ['pglite', 'postgres15'],
): Promise<Record<TargetName, R | { skipped: string }>> {
  const results = {} as Record<TargetName, R | { skipped: string }>;
  const scratch = mkdtempSync(join(tmpdir(), `tuoyu-bench-${name}-`));
  try {
    for (const target of order) {
      if (target === 'pglite') {
        const dir = join(scratch, 'pglite');
        results.pglite = await run(
          plan,
          LABELS.pglite,
          () => openPglite(dir),
          () => openPglite(dir, { username: AUTHENTICATOR }),
        );
        continue;
      }
      const binaries = findPostgres();
      if ('missing' in binaries) {
        console.warn(`PostgreSQL 15 skipped: ${binaries.missing}`);
        results.postgres15 = { skipped: binaries.missing };
        continue;
      }
      const cluster = await startCluster(binaries);
      try {
        const url = await cluster.createDatabase(`tuoyu_bench_${name.replace(/\W/g, '_')}`);
        results.postgres15 = await run(
          plan,
          LABELS.postgres15,
          async () => openPostgres(url, 2),
          async () => openPostgres(authenticatorUrl(url)),
        );
      } finally {
        cluster.stop();
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return results;
}
