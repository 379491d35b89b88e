/**
 * The API's login role and gateway (supabase/bootstrap/30_authenticator.sql), on PGlite and PostgreSQL 15:
 * `authenticator` can log in, is no superuser, owns nothing, can become exactly anon, authenticated and
 * service_role, and holds only the sign-in rights on auth's tables. A call through the gateway runs as the caller's
 * role and can neither switch role nor return to the connection's user. On PostgreSQL, a real login as
 * authenticator cannot `set role` or `set session authorization` to anything privileged either.
 */
import pg from 'pg';
import { beforeAll, expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { authenticatorUrl } from '../../supabase/embedded/db/serving.ts';
import { describeEachDatabase } from './harness.ts';

/** What request SQL would try in order to escape its role. */
const ESCAPES = [
  'set role postgres',
  'set role tuoyu_owner',
  'set role service_role',
  'reset role',
  'set role none',
  'set session authorization postgres',
  'set session authorization default',
  'reset session authorization',
  "select pg_catalog.set_config('role', 'postgres', false)",
  "select pg_catalog.set_config('session_authorization', 'postgres', false)",
];

/**
 * Runs `sql` inside a gateway call as `role`, on a session switched to authenticator (as the API's is), through an
 * invoker function that executes whatever it is given (the careless function). Answers the call's current_user.
 */
async function throughGateway(
  db: Db,
  role: string,
  sql: string,
): Promise<{ ok: true; user: string } | { ok: false; code: string; message: string }> {
  try {
    const user = await db.transaction(async (tx) => {
      await tx.exec('set local role authenticator');
      const call = `select test_probe.exec($1::pg_catalog.json ->> 'sql') as body`;
      const { rows } = await tx.query<{ body: string }>(
        `select embedded_api."call_as_${role}"($1, $2::json) as body`,
        [call, JSON.stringify({ sql })],
      );
      return rows[0]!.body;
    });
    return { ok: true, user };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (!e.code) throw error;
    return { ok: false, code: e.code, message: e.message ?? '' };
  }
}

/** The careless function, in a schema of its own so the suite's allow-lists elsewhere are not concerned. */
const PROBE_SQL = `
  create schema if not exists test_probe;
  grant usage on schema test_probe to anon, authenticated, service_role;
  create or replace function test_probe.exec(p_sql text) returns text language plpgsql set search_path = '' as $$
  begin
    execute p_sql;
    return current_user::text;
  end $$;
  grant execute on function test_probe.exec(text) to anon, authenticated, service_role;`;

describeEachDatabase('authenticator', (ctx) => {
  beforeAll(async () => ctx.db.exec(PROBE_SQL));

  test('is a NOINHERIT login with no superuser, bypass, create or replication rights', async () => {
    const { rows } = await ctx.db.query(
      `select rolcanlogin, rolinherit, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication from pg_roles where rolname = 'authenticator'`,
    );
    expect(rows).toEqual([
      {
        rolcanlogin: true,
        rolinherit: false,
        rolsuper: false,
        rolbypassrls: false,
        rolcreaterole: false,
        rolcreatedb: false,
        rolreplication: false,
      },
    ]);
  });

  test('is a member of exactly anon, authenticated and service_role, and of nothing else through them', async () => {
    const { rows } = await ctx.db.query<{ role: string }>(
      `select r.rolname as role from pg_roles r where r.rolname <> 'authenticator' and pg_has_role('authenticator', r.oid, 'MEMBER') order by 1`,
    );
    expect(rows.map((r) => r.role)).toEqual(['anon', 'authenticated', 'service_role']);
  });

  test('re-running the bootstrap revokes a membership granted by hand', async () => {
    const { prepareDatabase } = await import('../../supabase/embedded/db/migrate.ts');
    await ctx.db.exec('grant tuoyu_owner to authenticator');
    await prepareDatabase(ctx.db);
    const { rows } = await ctx.db.query(
      `select pg_has_role('authenticator', 'tuoyu_owner', 'MEMBER') as member`,
    );
    expect(rows).toEqual([{ member: false }]);
  });

  test('owns nothing, and its own table rights are only the sign-in ones on auth', async () => {
    const owned = await ctx.db.query(
      `select c.relname from pg_class c where c.relowner = 'authenticator'::regrole
       union all select p.proname from pg_proc p where p.proowner = 'authenticator'::regrole
       union all select n.nspname from pg_namespace n where n.nspowner = 'authenticator'::regrole`,
    );
    expect(owned.rows).toEqual([]);
    const { rows } = await ctx.db.query<{ g: string }>(
      `select n.nspname || '.' || c.relname || ' ' || a.privilege_type as g
       from pg_class c join pg_namespace n on n.oid = c.relnamespace, aclexplode(c.relacl) a
       where a.grantee = 'authenticator'::regrole order by 1`,
    );
    expect(rows.map((r) => r.g)).toEqual([
      'auth.refresh_tokens DELETE',
      'auth.refresh_tokens INSERT',
      'auth.refresh_tokens SELECT',
      'auth.refresh_tokens UPDATE',
      'auth.refresh_tokens_id_seq USAGE',
      'auth.sessions DELETE',
      'auth.sessions INSERT',
      'auth.sessions SELECT',
      'auth.sessions UPDATE',
      'auth.users SELECT',
    ]);
    const columns = await ctx.db.query<{ c: string }>(
      `select column_name || ' ' || privilege_type as c from information_schema.column_privileges
       where grantee = 'authenticator' and table_schema = 'auth' and table_name = 'users' and privilege_type <> 'SELECT' order by 1`,
    );
    expect(columns.rows.map((r) => r.c)).toEqual(['last_sign_in_at UPDATE', 'updated_at UPDATE']);
  });

  test('only authenticator can execute the gateway, and only it can see its schema', async () => {
    const { rows } = await ctx.db.query<{ role: string; usage: boolean; exec: boolean }>(
      `select r as role, has_schema_privilege(r, 'embedded_api', 'USAGE') as usage,
              has_function_privilege(r, 'embedded_api.call_as_service_role(text, json)', 'EXECUTE') as exec
       from unnest(array['anon', 'authenticated', 'service_role', 'tuoyu_owner', 'authenticator']) r order by 1`,
    );
    expect(rows).toEqual([
      { role: 'anon', usage: false, exec: false },
      { role: 'authenticated', usage: false, exec: false },
      { role: 'authenticator', usage: true, exec: true },
      { role: 'service_role', usage: false, exec: false },
      { role: 'tuoyu_owner', usage: false, exec: false },
    ]);
  });

  test.each(['anon', 'authenticated', 'service_role'])(
    'a call through the gateway runs as %s',
    async (role) => {
      expect(await throughGateway(ctx.db, role, 'select 1')).toEqual({ ok: true, user: role });
    },
  );

  test.each(['anon', 'authenticated'])(
    'inside a %s call, every way back to a privileged role fails',
    async (role) => {
      for (const sql of ESCAPES) {
        const outcome = await throughGateway(ctx.db, role, sql);
        expect({ sql, outcome }).toMatchObject({
          sql,
          outcome: {
            ok: false,
            code: '42501',
            message: expect.stringMatching(
              /cannot set parameter "(role|session_authorization)" within security-definer function/,
            ),
          },
        });
      }
    },
  );

  test('logged in as authenticator (PostgreSQL): not a superuser, and cannot become one', async () => {
    if (ctx.kind !== 'postgres') {
      // PGlite's one session belongs to its bootstrap superuser whatever `username` says; its protection is the
      // gateway (tests above). Pin that fact, so a PGlite that logs in for real shows up here.
      const { rows } = await ctx.db.query(
        `select session_user::text as s, (select rolsuper from pg_roles where rolname = session_user) as su`,
      );
      expect(rows).toEqual([{ s: 'postgres', su: true }]);
      return;
    }
    const client = new pg.Client({ connectionString: authenticatorUrl(ctx.url!) });
    await client.connect();
    try {
      const who = await client.query(
        `select session_user::text as s, current_user::text as c, (select rolsuper from pg_roles where rolname = session_user) as su`,
      );
      expect(who.rows).toEqual([{ s: 'authenticator', c: 'authenticator', su: false }]);
      for (const sql of [
        'set role postgres',
        'set role tuoyu_owner',
        'set session authorization postgres',
        'set session authorization tuoyu_owner',
      ]) {
        await expect(client.query(sql), sql).rejects.toMatchObject({ code: '42501' });
      }
      await expect(client.query(`select pg_catalog.pg_read_file('PG_VERSION')`)).rejects.toMatchObject({
        code: '42501',
      });
      await expect(client.query(`select count(*) from app.staff`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.end();
    }
  });
});
