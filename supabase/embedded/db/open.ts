/** Opens the database the embedded API uses: PGlite in `.data/pglite` by default, or PostgreSQL at `DATABASE_URL`. */
import type { Db } from './adapter.ts';
import { normalizeConnectionString } from './connection-string.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface OpenDbOptions {
  /** PGlite's folder (created if missing); `memory://` for a throwaway database. Default `.data/pglite`. */
  dataDir?: string;
  /** A PostgreSQL URL; when set (default `process.env.DATABASE_URL`), a pool replaces PGlite. `''` forces PGlite. */
  databaseUrl?: string;
}

export async function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  // Any form libpq accepts (keyword/value too); a bad one throws a one-line BadConnectionString.
  if (url) return openPostgres(normalizeConnectionString(url, 'The database URL'));
  return openPglite(opts.dataDir ?? '.data/pglite');
}
