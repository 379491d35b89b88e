/**
 * An embedded API for a test file: a prepared database (PGlite in a temp folder, or a database in a PostgreSQL 15
 * cluster), the test-only functions of fixtures/test-functions.sql, three accounts (admin, outreach, a signed-up
 * non-staff user), the API on 127.0.0.1:<ephemeral> serving as `authenticator`, and supabase-js clients.
 * `close()` stops everything.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  createApiServer,
  type ApiOptions,
  type EffectiveAuthSettings,
} from '../../supabase/embedded/api/server.ts';
import type { ApiKeys } from '../../supabase/embedded/api/keys.ts';
import type { Db, Tx } from '../../supabase/embedded/db/adapter.ts';
import { prepareDatabase } from '../../supabase/embedded/db/migrate.ts';
import { openPglite } from '../../supabase/embedded/db/pglite.ts';
import { AUTHENTICATOR } from '../../supabase/embedded/db/serving.ts';
import { addStaff } from '../../scripts/lib/staff-accounts.ts';
import { copyOfTemplate } from './template.ts';

export const TEST_FUNCTIONS_SQL = readFileSync(
  new URL('./fixtures/test-functions.sql', import.meta.url),
  'utf8',
);
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
  /** The database as its superuser, for fixtures (addStaff, disableStaff…). */
  db: Db;
  /** What the API serves through: the `authenticator` session. */
  serving: Db;
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
  await db.query(
    `insert into auth.users (email, encrypted_password, email_confirmed_at) values ($1, extensions.crypt($2, extensions.gen_salt('bf', 4)), now())`,
    [ACCOUNTS.visitor.email, ACCOUNTS.visitor.password],
  );
}

/** A new folder whose `pglite/` holds a prepared test database (a copy of a cached template). */
export function preparedDataDir(): Promise<string> {
  // The template's fingerprint: what prepareTestDatabase does (this file, the account code, the test SQL).
  const code = ['./harness.ts', '../../scripts/lib/staff-accounts.ts'].map((f) =>
    readFileSync(new URL(f, import.meta.url), 'utf8'),
  );
  return copyOfTemplate(code.join('\n') + TEST_FUNCTIONS_SQL, prepareTestDatabase);
}

/**
 * The superuser's view of a PGlite session opened as authenticator: each transaction first `set local role none`,
 * which returns to the session's own user — PGlite's bootstrap superuser (see serving.ts). Test fixtures only.
 */
function superuserView(db: Db): Db {
  const transaction = <R>(fn: (tx: Tx) => Promise<R>) =>
    db.transaction(async (tx) => {
      await tx.exec('set local role none');
      return fn(tx);
    });
  return {
    kind: db.kind,
    query: (sql, params) => transaction((tx) => tx.query(sql, params)),
    exec: (sql) => transaction((tx) => tx.exec(sql)),
    transaction,
    close: () => db.close(),
  };
}

/**
 * Starts the API on an ephemeral port, serving through `serving` (default: `db`); without `db`, over a new PGlite
 * in a temp folder opened as authenticator, with `db` its superuser view.
 */
export async function startTestApi(
  options: { db?: Db; serving?: Db; server?: Partial<ApiOptions> } = {},
): Promise<TestApi> {
  let dir: string | undefined;
  let db = options.db;
  let serving = options.serving ?? db;
  if (!db || !serving) {
    dir = await preparedDataDir();
    serving = await openPglite(join(dir, 'pglite'), { username: AUTHENTICATOR });
    db = superuserView(serving);
  }
  const api = await createApiServer({
    db: serving,
    secret: SECRET,
    siteOrigins: [SITE_ORIGIN],
    ...options.server,
  });
  await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  const client = (key = api.keys.anon, headers: Record<string, string> = {}) =>
    createClient(url, key, { auth: { persistSession: false, autoRefreshToken: false }, global: { headers } });
  const ownDb = serving;
  return {
    url,
    keys: api.keys,
    auth: api.auth,
    db,
    serving,
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
