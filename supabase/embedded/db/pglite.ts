/** The embedded implementation of `Db`: PGlite (PostgreSQL 18 in WebAssembly) with pgcrypto, on disk or in memory. */
import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { Db, Tx } from './adapter.ts';
import { parsers } from './parsers.ts';

/** Wraps PGlite's transaction handle in our `Tx`. */
function wrapTx(tx: Transaction): Tx {
  return {
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<T>(sql, params)).rows }),
    exec: async (sql: string) => void (await tx.exec(sql)),
  };
}

/**
 * Opens (creating if needed) a PGlite database in `dataDir` (`memory://` for one that vanishes on close).
 * `loadDataDir` starts from a tarball made by `dumpDataDir` instead of running initdb. `username` (the API:
 * `authenticator`) is the role the session then runs as — in PGlite 0.5 a session-level `SET ROLE`: the session
 * itself still belongs to the bootstrap superuser, so requests must go through the gateway functions of
 * supabase/bootstrap/30_authenticator.sql, which forbid changing role.
 */
export async function openPglite(
  dataDir: string,
  opts: { loadDataDir?: Blob; username?: string } = {},
): Promise<Db & { pglite: PGlite }> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({
    dataDir,
    extensions: { pgcrypto },
    parsers,
    loadDataDir: opts.loadDataDir,
    username: opts.username,
  });
  // One session for the life of the database: fix the time zone so timestamptz text is always UTC.
  await pg.exec(`set timezone to 'UTC'`);
  return {
    kind: 'pglite',
    pglite: pg,
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await pg.query<T>(sql, params)).rows }),
    exec: async (sql: string) => void (await pg.exec(sql)),
    transaction: <R>(fn: (tx: Tx) => Promise<R>) => pg.transaction((tx) => fn(wrapTx(tx))),
    close: () => pg.close(),
  };
}
