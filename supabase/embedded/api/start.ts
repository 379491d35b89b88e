/**
 * `startApi()`: the embedded API as `npm start` runs it, and the only place that reads its environment.
 * Applies bootstrap + migrations (+ seed) as the database's superuser, then serves every request through the login
 * role `authenticator` (see supabase/embedded/db/serving.ts): PGlite in `<dataDir>/pglite` is closed and reopened
 * as authenticator; on PostgreSQL the superuser pool is closed and an authenticator pool opened. Loads the JWT
 * secret and listens — on 127.0.0.1:54321 unless told otherwise.
 *
 *   SUPABASE_API_PORT (54321)   SUPABASE_API_HOST (127.0.0.1)   TUOYU_DATA_DIR (.data)
 *   DATABASE_URL: an authenticator URL (serve through it; migrate through DATABASE_ADMIN_URL when given, else not
 *     at all) or a superuser URL (migrate through it, then serve as authenticator on the same server and database)
 *   AUTHENTICATOR_PASSWORD: set on the role when migrating; the login password when the URL has none
 *   JWT_SECRET (else <dataDir>/jwt-secret)   TUOYU_SITE_ORIGINS (http://localhost:4321,http://127.0.0.1:4321)
 *   TUOYU_TRUST_PROXY=1 (take the client address from X-Forwarded-For)
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Db } from '../db/adapter.ts';
import { normalizeConnectionString } from '../db/connection-string.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import {
  assertServesAsAuthenticator,
  AUTHENTICATOR,
  authenticatorUrl,
  loginRole,
  setAuthenticatorPassword,
  withPassword,
} from '../db/serving.ts';
import { secureDataDir, tightenDataDir } from './data-dir.ts';
import type { ApiKeys } from './keys.ts';
import { lockDataDir } from './lock.ts';
import { loadSecret } from './secret.ts';
import { createApiServer, type ApiOptions } from './server.ts';

export interface RunningApi {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  keys: ApiKeys;
  db: Db;
  secret: string;
  /** Migrations applied by this start (empty when the database was up to date). */
  applied: string[];
  close(): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides SUPABASE_API_PORT; 0 picks a free port. */
  port?: number;
  /** Extra server options (tests: short rate-limit windows…). */
  server?: Partial<Omit<ApiOptions, 'db' | 'secret'>>;
  /**
   * Runs once the database is migrated, on the superuser's connection, before the API switches to authenticator
   * (npm start: the first admin account). Not called when there is no superuser URL to migrate through.
   */
  afterMigrate?: (db: Db) => Promise<void>;
}

/**
 * Migrates as the superuser, then opens the serving connection as authenticator and checks it. Returns the serving
 * Db and the migrations applied.
 */
async function openServingDb(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  afterMigrate?: (db: Db) => Promise<void>,
): Promise<{ db: Db; applied: string[] }> {
  const migrate = async (admin: Db) => {
    const { applied } = await prepareDatabase(admin, { seed: true });
    if (env.AUTHENTICATOR_PASSWORD) await setAuthenticatorPassword(admin, env.AUTHENTICATOR_PASSWORD);
    await afterMigrate?.(admin);
    return applied;
  };
  const withAdmin = async (admin: Db) => {
    try {
      return await migrate(admin);
    } finally {
      await admin.close();
    }
  };
  let db: Db;
  let applied: string[] = [];
  const url = env.DATABASE_URL || undefined;
  if (!url) {
    // PGlite is one session: migrate as its superuser, close, reopen the same folder as authenticator.
    const dir = join(dataDir, 'pglite');
    applied = await withAdmin(await openPglite(dir));
    db = await openPglite(dir, { username: AUTHENTICATOR });
  } else if (env.DATABASE_ADMIN_URL) {
    // Migrate first (this may create authenticator or set its password), then log in through DATABASE_URL.
    applied = await withAdmin(openPostgres(env.DATABASE_ADMIN_URL, 2));
    db = openPostgres(withPassword(url, env.AUTHENTICATOR_PASSWORD));
  } else if ((await loginRole(withPassword(url, env.AUTHENTICATOR_PASSWORD))).superuser) {
    applied = await withAdmin(openPostgres(url, 2));
    db = openPostgres(authenticatorUrl(url, env.AUTHENTICATOR_PASSWORD));
  } else {
    db = openPostgres(withPassword(url, env.AUTHENTICATOR_PASSWORD));
  }
  try {
    await assertServesAsAuthenticator(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return { db, applied };
}

export async function startApi(options: StartOptions = {}): Promise<RunningApi> {
  const given = options.env ?? process.env;
  // Every form libpq accepts (socket `host=`, keyword/value) as one URL; a bad one is a one-line BadConnectionString.
  const env: NodeJS.ProcessEnv = {
    ...given,
    DATABASE_URL: given.DATABASE_URL ? normalizeConnectionString(given.DATABASE_URL, 'DATABASE_URL') : '',
    DATABASE_ADMIN_URL: given.DATABASE_ADMIN_URL
      ? normalizeConnectionString(given.DATABASE_ADMIN_URL, 'DATABASE_ADMIN_URL')
      : '',
  };
  const dataDir = env.TUOYU_DATA_DIR || '.data';
  const databaseUrl = env.DATABASE_URL || undefined;
  // Private from the moment they are created: PGlite, the secret and the lock write with this umask (0600 / 0700),
  // not only when tightenDataDir runs at shutdown. Restored when the API closes.
  const oldUmask = process.umask(0o077);
  try {
    secureDataDir(dataDir);
  } catch (error) {
    process.umask(oldUmask);
    throw error;
  }
  let release: () => void;
  try {
    release = databaseUrl ? () => {} : lockDataDir(dataDir);
  } catch (error) {
    process.umask(oldUmask);
    throw error;
  }
  let db: Db | undefined;
  try {
    const opened = await openServingDb(
      { ...env, DATABASE_URL: databaseUrl ?? '' },
      dataDir,
      options.afterMigrate,
    );
    db = opened.db;
    const { applied } = opened;
    // PGlite's file system layer creates files 0666 whatever the umask: the folder is 0700 from the start (nobody
    // else can open anything in it), and the files are tightened now and every minute while it runs.
    tightenDataDir(dataDir);
    const tightener = setInterval(() => {
      try {
        tightenDataDir(dataDir);
      } catch {
        /* a file vanished mid-walk: the next round gets it */
      }
    }, 60_000);
    tightener.unref();
    const secret = loadSecret(dataDir, env);
    const siteOrigins = (env.TUOYU_SITE_ORIGINS || 'http://localhost:4321,http://127.0.0.1:4321')
      .split(',')
      .map((s) => s.trim());
    const api = await createApiServer({
      db,
      secret,
      siteOrigins,
      trustProxy: env.TUOYU_TRUST_PROXY === '1',
      ...options.server,
    });
    await api.catalogue.reload();
    const port = options.port ?? Number(env.SUPABASE_API_PORT || 54321);
    const host = env.SUPABASE_API_HOST || '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      api.server.once('error', reject);
      api.server.listen(port, host, () => resolve());
    });
    const bound = (api.server.address() as AddressInfo).port;
    const openDbHandle = db;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
      keys: api.keys,
      db,
      secret,
      applied,
      close: () =>
        (closing ??= (async () => {
          clearInterval(tightener);
          await api.close();
          await openDbHandle.close();
          release();
          tightenDataDir(dataDir);
          process.umask(oldUmask);
        })()),
    };
  } catch (error) {
    await db?.close().catch(() => {});
    release();
    process.umask(oldUmask);
    throw error;
  }
}
