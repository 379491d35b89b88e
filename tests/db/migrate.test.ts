/**
 * prepareDatabase: applies bootstrap + migrations as the unprivileged owner, records them as the Supabase CLI does,
 * applies nothing the second time, refuses a Supabase database, and (PGlite on disk) keeps everything across restarts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listMigrations, prepareDatabase } from '../../supabase/embedded/db/migrate.ts';
import { openDb } from '../../supabase/embedded/db/open.ts';
import { poolSize } from '../../supabase/embedded/db/postgres.ts';
import { asRole, createStaff, serviceRole } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';
import { openTestPglite } from './pglite-template.ts';

const versions = listMigrations().map((m) => m.version);

describeEachDatabase('migrations', (ctx) => {
  test('a new database gets every migration, in order, recorded in supabase_migrations.schema_migrations', async () => {
    expect(ctx.applied).toEqual(versions);
    const { rows } = await ctx.db.query<{ version: string; name: string; statements: string[] }>(
      'select version, name, statements from supabase_migrations.schema_migrations order by version',
    );
    expect(rows.map((r) => [r.version, r.name])).toEqual(listMigrations().map((m) => [m.version, m.name]));
    for (const [i, m] of listMigrations().entries())
      expect(rows[i].statements).toEqual([readFileSync(m.path, 'utf8')]);
  });

  test('running again applies nothing; the seed runs once and is recorded by hash', async () => {
    expect(await prepareDatabase(ctx.db)).toEqual({ applied: [] });
    expect(await prepareDatabase(ctx.db, { seed: true })).toEqual({ applied: [] });
    expect(await prepareDatabase(ctx.db, { seed: true })).toEqual({ applied: [] });
    const seeds = await ctx.db.query('select path, hash from supabase_migrations.seed_files');
    expect(seeds.rows).toEqual([
      { path: 'supabase/seed.sql', hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  test('the bootstrap refuses to run where a supabase_admin role exists (a Supabase database)', async () => {
    await ctx.db.exec('create role supabase_admin nologin');
    try {
      await expect(prepareDatabase(ctx.db)).rejects.toThrow(/refuses to run: role supabase_admin exists/);
    } finally {
      await ctx.db.exec('drop role supabase_admin');
    }
  });

  test('migrations ran as tuoyu_owner (NOLOGIN NOSUPERUSER BYPASSRLS), which owns every schema, table and function', async () => {
    const role = await ctx.db.query(
      `select rolcanlogin, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = 'tuoyu_owner'`,
    );
    expect(role.rows).toEqual([
      { rolcanlogin: false, rolsuper: false, rolbypassrls: true, rolcreaterole: false, rolcreatedb: false },
    ]);
    const { rows } = await ctx.db.query<{ obj: string; owner: string }>(
      `select 'schema ' || nspname as obj, pg_get_userbyid(nspowner) as owner from pg_namespace where nspname in ('app', 'app_private')
       union all
       select 'relation ' || n.nspname || '.' || c.relname, pg_get_userbyid(c.relowner) from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('app', 'app_private', 'public')
       union all
       select 'function ' || n.nspname || '.' || p.proname, pg_get_userbyid(p.proowner) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('app', 'app_private', 'public')`,
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.owner !== 'tuoyu_owner')).toEqual([]);
  });
});

describe('migration files', () => {
  test('rely on nothing only the local bootstrap provides, and leave transactions to the runner', () => {
    for (const m of listMigrations()) {
      const sql = readFileSync(m.path, 'utf8').replace(/--.*$/gm, '');
      expect(sql, m.path).not.toMatch(
        /tuoyu_owner|supabase_admin|\b(set|reset)\s+role\b|^\s*(begin|commit)\s*;/im,
      );
    }
  });

  test('listMigrations rejects a file not named <timestamp>_<subject>.sql', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuoyu-migrations-'));
    try {
      writeFileSync(join(dir, '20260101000000_ok.sql'), '');
      expect(listMigrations(dir).map((m) => m.name)).toEqual(['ok']);
      writeFileSync(join(dir, 'add staff.sql'), '');
      expect(() => listMigrations(dir)).toThrow(/name it <14-digit timestamp>_<subject>\.sql/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('DB_POOL_SIZE sets the pool size (default 10)', () => {
    expect([
      poolSize({}),
      poolSize({ DB_POOL_SIZE: '3' }),
      poolSize({ DB_POOL_SIZE: 'lots' }),
      poolSize({ DB_POOL_SIZE: '0' }),
    ]).toEqual([10, 3, 10, 10]);
  });
});

describe('PGlite on disk', () => {
  test('keeps migrations and data across close and reopen', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuoyu-pglite-'));
    const dataDir = join(dir, 'nested', 'pglite');
    try {
      // First open from the initdb template (PGlite's own initdb would add 5–15 s); the reopen is the app's path.
      const first = await openTestPglite(dataDir);
      expect((await prepareDatabase(first, { seed: true })).applied).toEqual(versions);
      const admin = await createStaff(first, 'persisted', 'admin');
      await asRole(
        first,
        { ...serviceRole, headers: { 'x-real-ip': '192.0.2.1' } },
        `select app_private.hit_rate_limit('disk', 1, '1 hour')`,
      );
      await first.close();

      const again = await openDb({ dataDir, databaseUrl: '' });
      try {
        expect(again.kind).toBe('pglite');
        expect(await prepareDatabase(again, { seed: true })).toEqual({ applied: [] });
        const me = await asRole(again, admin.actor, 'select public.whoami() as me');
        expect(me).toEqual({
          ok: true,
          rows: [{ me: { user_id: admin.id, email: admin.email, display_name: 'persisted', role: 'admin' } }],
        });
        const hit = await asRole(
          again,
          { ...serviceRole, headers: { 'x-real-ip': '192.0.2.1' } },
          `select app_private.hit_rate_limit('disk', 1, '1 hour') as ok`,
        );
        expect(hit).toEqual({ ok: true, rows: [{ ok: false }] });
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
