/**
 * An embedded API for a test file: a prepared database (PGlite in a temp folder, or a database in a PostgreSQL 15
 * cluster), the test-only functions of fixtures/test-functions.sql, three accounts (admin, outreach, a signed-up
 * non-staff user), the API on 127.0.0.1:<ephemeral>, and supabase-js clients. `close()` stops everything.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApiServer, type ApiOptions, type EffectiveAuthSettings } from '../../supabase/embedded/api/server.ts';
import type { ApiKeys } from '../../supabase/embedded/api/keys.ts';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { prepareDatabase } from '../../supabase/embedded/db/migrate.ts';
import { openPglite } from '../../supabase/embedded/db/pglite.ts';
import { addStaff } from '../../scripts/lib/staff-accounts.ts';
import { copyOfTemplate } from './template.ts';

export const TEST_FUNCTIONS_SQL = readFileSync(new URL('./fixtures/test-functions.sql', import.meta.url), 'utf8');
export const SECRET = 'tests-only-secret-tests-only-secret-0123456789';
export const SITE_ORIGIN = 'http://localhost:4321';

export const ACCOUNTS = {
  admin: { email: 'admin@test.local', password: 'Admin-password-123' },
  outreach: { email: 'outreach@test.local', password: 'Outreach-password-123' },
  visitor: { email: 'visitor@test.local', password: 'Visitor-password-123' },
};

export interface TestApi {
  url: string;
  keys: ApiKeys;
  /** The auth settings the server runs with. */
  auth: EffectiveAuthSettings;
  db: Db;
  /** A fresh supabase-js client (no persisted session) with the anon key, or `key`, and extra headers. */
  client(key?: string, headers?: Record<string, string>): SupabaseClient;
  /** A client signed in as one of ACCOUNTS. */
  signedIn(who: keyof typeof ACCOUNTS): Promise<SupabaseClient>;
  close(): Promise<void>;
}

/** Prepares `db` for API tests: migrations, test functions and the three accounts. */
export async function prepareTestDatabase(db: Db): Promise<void> {
  await prepareDatabase(db, { seed: true });
  await db.exec(TEST_FUNCTIONS_SQL);
  await addStaff(db, { ...ACCOUNTS.admin, role: 'admin', displayName: 'Admin' });
  // (addStaff hashes with bcrypt cost 10 as production does; the visitor uses cost 4 to save time.)
  await addStaff(db, { ...ACCOUNTS.outreach, role: 'outreach', displayName: 'Outreach' });
  // A user who is not staff: an auth user with no app.staff row.
  await db.query(`insert into auth.users (email, encrypted_password, email_confirmed_at) values ($1, extensions.crypt($2, extensions.gen_salt('bf', 4)), now())`, [ACCOUNTS.visitor.email, ACCOUNTS.visitor.password]);
}

/** A new folder whose `pglite/` holds a prepared test database (a copy of a cached template). */
export function preparedDataDir(): Promise<string> {
  // The template's fingerprint: what prepareTestDatabase does (this file, the account code, the test SQL).
  const code = ['./harness.ts', '../../scripts/lib/staff-accounts.ts'].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'));
  return copyOfTemplate(code.join('\n') + TEST_FUNCTIONS_SQL, prepareTestDatabase);
}

/** Starts the API over `db` (or a new PGlite in a temp folder) on an ephemeral port. */
export async function startTestApi(options: { db?: Db; server?: Partial<ApiOptions> } = {}): Promise<TestApi> {
  let dir: string | undefined;
  let db = options.db;
  if (!db) {
    dir = await preparedDataDir();
    db = await openPglite(join(dir, 'pglite'));
  }
  const api = await createApiServer({ db, secret: SECRET, siteOrigins: [SITE_ORIGIN], ...options.server });
  await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  const client = (key = api.keys.anon, headers: Record<string, string> = {}) =>
    createClient(url, key, { auth: { persistSession: false, autoRefreshToken: false }, global: { headers } });
  const ownDb = db;
  return {
    url,
    keys: api.keys,
    auth: api.auth,
    db,
    client,
    async signedIn(who) {
      const c = client();
      const { error } = await c.auth.signInWithPassword(ACCOUNTS[who]);
      if (error) throw error;
      return c;
    },
    async close() {
      await api.close();
      if (dir) {
        await ownDb.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
