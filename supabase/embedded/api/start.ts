/**
 * `startApi()`: the embedded API as `npm start` runs it, and the only place that reads its environment.
 * Opens the database (PGlite in `<dataDir>/pglite`, or `DATABASE_URL`), applies bootstrap + migrations (+ seed on
 * a fresh database), loads the JWT secret and listens — on 127.0.0.1:54321 unless told otherwise.
 *
 *   SUPABASE_API_PORT (54321)   SUPABASE_API_HOST (127.0.0.1)   TUOYU_DATA_DIR (.data)   DATABASE_URL
 *   JWT_SECRET (else <dataDir>/jwt-secret)   TUOYU_SITE_ORIGINS (http://localhost:4321,http://127.0.0.1:4321)
 *   TUOYU_TRUST_PROXY=1 (take the client address from X-Forwarded-For)
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Db } from '../db/adapter.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { openDb } from '../db/open.ts';
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
}

export async function startApi(options: StartOptions = {}): Promise<RunningApi> {
  const env = options.env ?? process.env;
  const dataDir = env.TUOYU_DATA_DIR || '.data';
  const databaseUrl = env.DATABASE_URL || undefined;
  const release = databaseUrl ? () => {} : lockDataDir(dataDir);
  let db: Db | undefined;
  try {
    db = await openDb({ dataDir: join(dataDir, 'pglite'), databaseUrl: databaseUrl ?? '' });
    const { applied } = await prepareDatabase(db, { seed: true });
    const secret = loadSecret(dataDir, env);
    const siteOrigins = (env.TUOYU_SITE_ORIGINS || 'http://localhost:4321,http://127.0.0.1:4321').split(',').map((s) => s.trim());
    const api = await createApiServer({ db, secret, siteOrigins, trustProxy: env.TUOYU_TRUST_PROXY === '1', ...options.server });
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
          await api.close();
          await openDbHandle.close();
          release();
        })()),
    };
  } catch (error) {
    await db?.close().catch(() => {});
    release();
    throw error;
  }
}
