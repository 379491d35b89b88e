/** The Db adapter behaves the same on PGlite and PostgreSQL: value types, transactions, errors, concurrency. */
import { readdirSync } from 'node:fs';
import { beforeAll, expect, test, vi } from 'vitest';
import { openDb } from '../../supabase/embedded/db/open.ts';
import { describeEachDatabase } from './harness.ts';

/** Every migration file in supabase/migrations/ is one row in schema_migrations. */
const MIGRATION_FILES = readdirSync('supabase/migrations').filter((f) => f.endsWith('.sql')).length;

describeEachDatabase('adapter', (ctx) => {
  beforeAll(async () => {
    await ctx.db.exec(
      'create schema adapter_test; create table adapter_test.counter (n int not null); insert into adapter_test.counter values (0);',
    );
  });

  test('returns the same JS values from both databases', async () => {
    const { rows } = await ctx.db.query(
      `select
      '2026-06-01 08:00:00.5+08'::timestamptz as tstz, '2026-06-01 08:00'::timestamp as ts, '2026-06-01'::date as d,
      9007199254740993::int8 as big, 42::int8 as small, 7::int4 as i, 1.50::numeric as n, true as b, null::text as nothing,
      '{"a": [1]}'::json as j, '{"b": true}'::jsonb as jb,
      array['2026-01-01 00:00+00'::timestamptz] as tstz_list, array[1::int8] as int8_list, array['{"c":1}'::jsonb] as jsonb_list,
      $1::text as param, $2::jsonb as json_param`,
      ['文字', JSON.stringify({ k: ['v'] })],
    );
    expect(rows).toEqual([
      {
        tstz: '2026-06-01T00:00:00.5+00:00',
        ts: '2026-06-01T08:00:00',
        d: '2026-06-01',
        big: '9007199254740993',
        small: 42,
        i: 7,
        n: '1.50',
        b: true,
        nothing: null,
        j: { a: [1] },
        jb: { b: true },
        tstz_list: ['2026-01-01T00:00:00+00:00'],
        int8_list: [1],
        jsonb_list: [{ c: 1 }],
        param: '文字',
        json_param: { k: ['v'] },
      },
    ]);
  });

  test('transaction commits what resolves and rolls back what throws, rethrowing the error', async () => {
    await ctx.db.transaction((tx) => tx.exec('update adapter_test.counter set n = 10'));
    const error = await ctx.db
      .transaction(async (tx) => {
        await tx.query('update adapter_test.counter set n = $1', [99]);
        await tx.query('select 1 / 0');
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '22012', message: 'division by zero' });
    expect((await ctx.db.query('select n from adapter_test.counter')).rows).toEqual([{ n: 10 }]);
  });

  test('errors carry SQLSTATE, message, detail and hint', async () => {
    const error = await ctx.db
      .query(`do $$ begin raise exception 'nope' using errcode = 'P0001', detail = 'd', hint = 'h'; end $$`)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'P0001', message: 'nope', detail: 'd', hint: 'h' });
  });

  test('concurrent transactions do not lose updates (PGlite runs them one at a time; PostgreSQL locks rows)', async () => {
    await ctx.db.exec('update adapter_test.counter set n = 0');
    await Promise.all(
      Array.from({ length: 8 }, () =>
        ctx.db.transaction(async (tx) => {
          const { rows } = await tx.query<{ n: number }>('select n from adapter_test.counter for update');
          await tx.query('update adapter_test.counter set n = $1', [rows[0].n + 1]);
        }),
      ),
    );
    expect((await ctx.db.query('select n from adapter_test.counter')).rows).toEqual([{ n: 8 }]);
  });

  // Declared per target, so neither half has a test that passes without checking anything.
  if (ctx.kind === 'postgres') {
    test('openDb with a database URL opens a pool on it', async () => {
      expect(ctx.url).toMatch(/^postgres(ql)?:\/\//);
      const db = await openDb({ databaseUrl: ctx.url });
      try {
        expect(db.kind).toBe('postgres');
        expect(
          (await db.query('select count(*)::int as n from supabase_migrations.schema_migrations')).rows[0].n,
        ).toBe(MIGRATION_FILES);
      } finally {
        await db.close();
      }
    });
  } else {
    test('openDb with an empty database URL opens PGlite, whatever DATABASE_URL says', async () => {
      vi.stubEnv('DATABASE_URL', 'postgresql://nobody@127.0.0.1:1/nothing');
      const db = await openDb({ databaseUrl: '', dataDir: 'memory://' });
      try {
        expect(db.kind).toBe('pglite');
        expect((await db.query('select 6 * 7 as n')).rows).toEqual([{ n: 42 }]);
      } finally {
        await db.close();
        vi.unstubAllEnvs();
      }
    });
  }
});
