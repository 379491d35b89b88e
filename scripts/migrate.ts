/**
 * `npm run db:migrate`: applies supabase/bootstrap + migrations (and, with --seed, seed.sql) as the database's
 * superuser, without starting the API — the release step of a deployment that serves through `authenticator`.
 * PostgreSQL: DATABASE_ADMIN_URL, else DATABASE_URL (a superuser URL either way); else the embedded database in
 * TUOYU_DATA_DIR (stop `npm start` first). AUTHENTICATOR_PASSWORD, when set, becomes authenticator's password.
 */
import { join } from 'node:path';
import { secureDataDir, tightenDataDir } from '../supabase/embedded/api/data-dir.ts';
import { lockDataDir } from '../supabase/embedded/api/lock.ts';
import { prepareDatabase } from '../supabase/embedded/db/migrate.ts';
import { openDb } from '../supabase/embedded/db/open.ts';
import { setAuthenticatorPassword } from '../supabase/embedded/db/serving.ts';

const databaseUrl = process.env.DATABASE_ADMIN_URL || process.env.DATABASE_URL || undefined;
const dataDir = process.env.TUOYU_DATA_DIR || '.data';
try {
  if (!databaseUrl) secureDataDir(dataDir);
  const release = databaseUrl ? () => {} : lockDataDir(dataDir);
  const db = await openDb({ dataDir: join(dataDir, 'pglite'), databaseUrl: databaseUrl ?? '' });
  try {
    const { applied } = await prepareDatabase(db, { seed: process.argv.includes('--seed') });
    if (process.env.AUTHENTICATOR_PASSWORD)
      await setAuthenticatorPassword(db, process.env.AUTHENTICATOR_PASSWORD);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(', ')}.`
        : 'The database is up to date.',
    );
  } finally {
    await db.close();
    release();
    if (!databaseUrl) tightenDataDir(dataDir);
  }
} catch (error) {
  console.error(`db:migrate: ${(error as Error).message}`);
  process.exit(1);
}
