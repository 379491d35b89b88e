/**
 * Issue 7 §2 through the real client: the API serves as `authenticator`, and SQL running inside an anon or a
 * signed-in call (here `test_exec`, a function that executes whatever it is given) cannot `set role postgres`,
 * `set role tuoyu_owner`, `reset role` or `set session authorization` — on PGlite and on PostgreSQL 15. On PostgreSQL
 * the connection's own user is authenticator and no superuser; startApi refuses to serve through anything else.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApi } from '../../supabase/embedded/api/start.ts';
import { openPostgres } from '../../supabase/embedded/db/postgres.ts';
import { authenticatorUrl, NotAuthenticator, servingIdentity } from '../../supabase/embedded/db/serving.ts';
import { findPostgres, startCluster, type Cluster } from '../db/pg-cluster.ts';
import { prepareTestDatabase, startTestApi, type TestApi } from './harness.ts';

const ESCAPES = [
  'set role postgres',
  'set role tuoyu_owner',
  'reset role',
  'set session authorization postgres',
  'set session authorization default',
  "select set_config('role', 'postgres', false)",
];

/** The checks both databases must pass, given the running test API. */
function escapeSuite(getApi: () => TestApi) {
  const callers: [string, () => Promise<SupabaseClient>, number][] = [
    ['anon', async () => getApi().client(), 401],
    ['a signed-in user', () => getApi().signedIn('visitor'), 403],
    ['an admin', () => getApi().signedIn('admin'), 403],
  ];

  test.each(callers)(
    'inside a call by %s, no way back to a privileged role works',
    async (_who, client, status) => {
      const sb = await client();
      for (const sql of ESCAPES) {
        const { error, status: got } = await sb.rpc('test_exec', {
          p_sql: `${sql}; create table public.escaped (id int)`,
        });
        expect({ sql, got, code: error?.code, message: error?.message }).toEqual({
          sql,
          got: status,
          code: '42501',
          message: expect.stringMatching(
            /cannot set parameter "(role|session_authorization)" within security-definer function/,
          ),
        });
      }
      // Nothing got through: the table the escapes would have created does not exist.
      const { rows } = await getApi().db.query(`select to_regclass('public.escaped') is null as absent`);
      expect(rows).toEqual([{ absent: true }]);
    },
  );

  test('a call runs as its role, which is no superuser', async () => {
    const anon = await getApi().client().rpc('test_exec', { p_sql: 'select 1' });
    expect(anon.data).toMatchObject({ current_user: 'anon', superuser: false });
    const user = await (await getApi().signedIn('visitor')).rpc('test_exec', { p_sql: 'select 1' });
    expect(user.data).toMatchObject({ current_user: 'authenticated', superuser: false });
  });

  test('the API itself runs as authenticator', async () => {
    expect(await servingIdentity(getApi().serving)).toMatchObject({ currentUser: 'authenticator' });
  });
}

describe('on PGlite', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api?.close());
  escapeSuite(() => api);

  test('startApi reopens the migrated folder as authenticator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuoyu-authn-'));
    const running = await startApi({
      env: { TUOYU_DATA_DIR: dir, SUPABASE_API_PORT: '0', DATABASE_URL: '', JWT_SECRET: '' },
    });
    try {
      // PGlite 0.5's session always belongs to its bootstrap superuser (its `username` is a SET ROLE); the gateway
      // is what holds there (suite above).
      expect(await servingIdentity(running.db)).toEqual({
        currentUser: 'authenticator',
        sessionUser: 'postgres',
        sessionSuperuser: true,
      });
    } finally {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const binaries = findPostgres();
const missing = 'missing' in binaries ? binaries.missing : undefined;
if (missing && process.env.CI !== 'true')
  console.warn(`\n!!! authenticator on PostgreSQL 15 SKIPPED: ${missing}\n`);

describe.skipIf(missing !== undefined && process.env.CI !== 'true')('on PostgreSQL 15', () => {
  let cluster: Cluster;
  let url: string;
  let api: TestApi;
  beforeAll(async () => {
    if ('missing' in binaries) throw new Error(binaries.missing);
    cluster = await startCluster(binaries);
    url = await cluster.createDatabase('tuoyu_authn');
    const db = openPostgres(url, 4);
    await prepareTestDatabase(db);
    api = await startTestApi({ db, serving: openPostgres(authenticatorUrl(url), 4) });
  });
  afterAll(async () => {
    await api?.close();
    await api?.db.close();
    await api?.serving.close();
    cluster?.stop();
  });
  escapeSuite(() => api);

  test("the call's connection logs in as authenticator, no superuser", async () => {
    const { data } = await api.client().rpc('test_exec', { p_sql: 'select 1' });
    expect(data).toEqual({ current_user: 'anon', session_user: 'authenticator', superuser: false });
  });

  test('startApi migrates through a superuser DATABASE_URL, then serves as authenticator with AUTHENTICATOR_PASSWORD set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuoyu-authn-pg-'));
    const running = await startApi({
      env: {
        DATABASE_URL: url,
        AUTHENTICATOR_PASSWORD: 'a-test-password-0123',
        TUOYU_DATA_DIR: dir,
        SUPABASE_API_PORT: '0',
      },
    });
    try {
      expect(await servingIdentity(running.db)).toEqual({
        currentUser: 'authenticator',
        sessionUser: 'authenticator',
        sessionSuperuser: false,
      });
      const { rows } = await api.db.query(
        `select rolpassword like 'SCRAM-SHA-256$%' as scram from pg_authid where rolname = 'authenticator'`,
      );
      expect(rows).toEqual([{ scram: true }]);
    } finally {
      await running.close();
      await api.db.exec('alter role authenticator password null');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('startApi serves through an authenticator DATABASE_URL as it is, and refuses any other login', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuoyu-authn-pg-'));
    try {
      const running = await startApi({
        env: { DATABASE_URL: authenticatorUrl(url), TUOYU_DATA_DIR: dir, SUPABASE_API_PORT: '0' },
      });
      try {
        expect(running.applied).toEqual([]);
        expect((await servingIdentity(running.db)).sessionUser).toBe('authenticator');
      } finally {
        await running.close();
      }
      // The deployment split: migrations through DATABASE_ADMIN_URL (here the release step, npm run db:migrate),
      // requests through the authenticator URL; a superuser DATABASE_URL beside an admin URL is refused.
      const migrate = spawnSync(process.execPath, ['scripts/migrate.ts'], {
        env: {
          ...process.env,
          DATABASE_URL: '',
          DATABASE_ADMIN_URL: url,
          AUTHENTICATOR_PASSWORD: 'another-test-password-1',
        },
        encoding: 'utf8',
      });
      expect({ status: migrate.status, out: migrate.stdout.trim() }).toEqual({
        status: 0,
        out: 'The database is up to date.',
      });
      const { rows } = await api.db.query(
        `select rolpassword like 'SCRAM-SHA-256$%' as scram from pg_authid where rolname = 'authenticator'`,
      );
      expect(rows).toEqual([{ scram: true }]);
      await api.db.exec('alter role authenticator password null');
      const split = await startApi({
        env: {
          DATABASE_ADMIN_URL: url,
          DATABASE_URL: authenticatorUrl(url),
          TUOYU_DATA_DIR: dir,
          SUPABASE_API_PORT: '0',
        },
      });
      await split.close();
      await expect(
        startApi({
          env: { DATABASE_ADMIN_URL: url, DATABASE_URL: url, TUOYU_DATA_DIR: dir, SUPABASE_API_PORT: '0' },
        }),
      ).rejects.toThrow(/logs in as postgres \(a superuser\)/);
      await api.db.exec(
        `do $$ begin if not exists (select from pg_roles where rolname = 'someone_else') then create role someone_else login; end if; end $$`,
      );
      const other = new URL(url);
      other.username = 'someone_else';
      await expect(
        startApi({ env: { DATABASE_URL: other.toString(), TUOYU_DATA_DIR: dir, SUPABASE_API_PORT: '0' } }),
      ).rejects.toThrow(NotAuthenticator);
      await expect(
        startApi({ env: { DATABASE_URL: other.toString(), TUOYU_DATA_DIR: dir, SUPABASE_API_PORT: '0' } }),
      ).rejects.toThrow(/serves requests only as authenticator, but this connection logs in as someone_else/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
