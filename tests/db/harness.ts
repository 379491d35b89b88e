/**
 * Runs a database suite on every target: a fresh PGlite (PostgreSQL 18, in memory; see pglite-template.ts) and a fresh database in a
 * PostgreSQL 15 cluster this file starts (once per test file, stopped in afterAll). Each suite's database gets the
 * bootstrap + migrations through `prepareDatabase`, exactly as the app does. Tests then act as users with `asRole`.
 *
 * Without PostgreSQL 15 binaries the PG suites are skipped with a loud banner — except under CI=true, where a
 * failing test says so instead.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { prepareDatabase } from '../../supabase/embedded/db/migrate.ts';
import { openPostgres } from '../../supabase/embedded/db/postgres.ts';
import { findPostgres, startCluster, type Cluster } from './pg-cluster.ts';
import { openTestPglite } from './pglite-template.ts';

export type TargetKind = 'pglite' | 'postgres';

/** What a suite sees: its target and (after beforeAll) its prepared database. */
export interface DbContext {
  readonly kind: TargetKind;
  /** The suite's database, connected as the superuser. Available inside tests and hooks. */
  readonly db: Db;
  /** Migration versions `prepareDatabase` applied when the suite's database was created. */
  readonly applied: string[];
  /** PostgreSQL only: the URL of the suite's database. */
  readonly url: string | undefined;
}

const postgres = findPostgres();
const missing = 'missing' in postgres ? postgres.missing : undefined;

/** The targets, and whether each can run here. */
export const targets: { kind: TargetKind; label: string; missing?: string }[] = [
  { kind: 'pglite', label: 'PGlite (PostgreSQL 18)' },
  { kind: 'postgres', label: 'PostgreSQL 15', missing },
];

let cluster: Promise<Cluster> | undefined;
let clusterDbs = 0;
let stopRegistered = false;

/** A new empty database in this file's cluster (started on first use, stopped after the file). */
async function createPgDatabase(): Promise<string> {
  if ('missing' in postgres) throw new Error(postgres.missing);
  cluster ??= startCluster(postgres);
  const c = await cluster;
  return c.createDatabase(`tuoyu_test_${++clusterDbs}`);
}

/** Opens a new, empty database of `kind` (not prepared). PGlite in memory; PostgreSQL in this file's cluster. */
export async function openEmpty(kind: TargetKind): Promise<{ db: Db; url?: string }> {
  if (kind === 'pglite') return { db: await openTestPglite() };
  const url = await createPgDatabase();
  return { db: openPostgres(url, 4), url };
}

let warned = false;
function warnSkipped(reason: string): void {
  if (warned) return;
  warned = true;
  const bar = '!'.repeat(100);
  console.warn(
    `\n${bar}\n!!  PostgreSQL 15 database suites SKIPPED: ${reason}\n!!  Only PGlite was tested; the same SQL may still fail on PostgreSQL 15. Under CI=true this is a failure.\n${bar}\n`,
  );
}

/** Declares `fn`'s tests once per target. Call at the top level of a test file. */
export function describeEachDatabase(name: string, fn: (ctx: DbContext) => void): void {
  // A file-level hook, registered while collecting (hooks cannot be added once tests run): stops the cluster
  // after every suite of the file has closed its pools.
  if (!stopRegistered && !missing) {
    stopRegistered = true;
    afterAll(async () => (await cluster)?.stop());
  }
  for (const target of targets) {
    const title = `${name} [${target.label}]`;
    if (target.missing) {
      if (process.env.CI === 'true') {
        describe(title, () =>
          test('PostgreSQL 15 is available (required when CI=true)', () => {
            throw new Error(`${target.missing}`);
          }),
        );
      } else {
        warnSkipped(target.missing);
        describe.skip(title, () => fn(unavailable(target.kind)));
      }
      continue;
    }
    describe(title, () => {
      let state: { db: Db; url?: string; applied: string[] } | undefined;
      beforeAll(async () => {
        const { db, url } = await openEmpty(target.kind);
        state = { db, url, applied: [] };
        state.applied = (await prepareDatabase(db)).applied;
      });
      afterAll(async () => state?.db.close());
      fn({
        kind: target.kind,
        get db() {
          if (!state) throw new Error('the database is ready only inside tests and hooks');
          return state.db;
        },
        get applied() {
          return state?.applied ?? [];
        },
        get url() {
          return state?.url;
        },
      });
    });
  }
}

function unavailable(kind: TargetKind): DbContext {
  const no = (): never => {
    throw new Error('skipped target');
  };
  return {
    kind,
    get db() {
      return no();
    },
    applied: [],
    url: undefined,
  };
}
