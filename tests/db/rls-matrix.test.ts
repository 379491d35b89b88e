/**
 * The privilege matrix: every table × {anon, signed-in non-staff, outreach, admin, service_role} × {select, insert,
 * update, delete}, and every function × the same roles — allowed where meant, and otherwise the exact error (or no
 * rows). Generated from the expectation tables below; a table or function missing from them fails the suite.
 */
import { beforeAll, expect, test } from 'vitest';
import { anon, asRole, createStaff, createUser, rowsAs, serviceRole, type Actor, type User } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

type Who = 'anon' | 'user' | 'outreach' | 'admin' | 'service_role';
type Op = 'select' | 'insert' | 'update' | 'delete';
/** select: how many rows come back ('all' = every row a superuser sees). Else the 42501 message. */
type Expect = { rows: 'all' | number } | { ok: true; value?: unknown } | { denied: string };

const WHO: Who[] = ['anon', 'user', 'outreach', 'admin', 'service_role'];
const OPS: Op[] = ['select', 'insert', 'update', 'delete'];
const schemaDenied = (s: string): Expect => ({ denied: `permission denied for schema ${s}` });
const tableDenied = (t: string): Expect => ({ denied: `permission denied for table ${t}` });
const fnDenied = (f: string): Expect => ({ denied: `permission denied for function ${f}` });
const ok: Expect = { ok: true };

/** Per table: the write statements ($1 = a fresh user's id) and what each role gets for each operation. */
const TABLES: Record<string, { writes: Record<Exclude<Op, 'select'>, string>; expect: (who: Who) => Record<Op, Expect> }> = {
  'app.staff': {
    writes: {
      insert: `insert into app.staff (user_id, display_name, role) values ($1, 'x', 'admin')`,
      update: `update app.staff set role = 'admin' where $1::uuid is not null`,
      delete: `delete from app.staff where $1::uuid is not null`,
    },
    expect: (who) =>
      who === 'anon' || who === 'service_role'
        ? all(schemaDenied('app'))
        : { ...all(tableDenied('staff')), select: { rows: { user: 0, outreach: 1, admin: 'all' as const }[who] } },
  },
  'app.audit_log': {
    writes: {
      insert: `insert into app.audit_log (action, target_id) values ('forged', $1)`,
      update: `update app.audit_log set action = 'forged' where $1::uuid is not null`,
      delete: `delete from app.audit_log where $1::uuid is not null`,
    },
    expect: (who) =>
      who === 'anon' || who === 'service_role'
        ? all(schemaDenied('app'))
        : { ...all(tableDenied('audit_log')), select: { rows: who === 'admin' ? 'all' : 0 } },
  },
  'app_private.rate_limit_buckets': {
    writes: {
      insert: `insert into app_private.rate_limit_buckets values ('x', $1, 1, now())`,
      update: `update app_private.rate_limit_buckets set hits = 1 where $1::uuid is not null`,
      delete: `delete from app_private.rate_limit_buckets where $1::uuid is not null`,
    },
    expect: (who) => all(who === 'anon' ? schemaDenied('app_private') : tableDenied('rate_limit_buckets')),
  },
  'app_private.rate_limit_secret': {
    writes: {
      insert: `insert into app_private.rate_limit_secret (id, salt) values (true, decode(md5($1), 'hex'))`,
      update: `update app_private.rate_limit_secret set salt = decode(md5($1), 'hex')`,
      delete: `delete from app_private.rate_limit_secret where $1::uuid is not null`,
    },
    expect: (who) => all(who === 'anon' ? schemaDenied('app_private') : tableDenied('rate_limit_secret')),
  },
  'app_private.sign_in_failures': {
    writes: {
      insert: `insert into app_private.sign_in_failures values ($1, 1, now())`,
      update: `update app_private.sign_in_failures set failures = 1 where $1::uuid is not null`,
      delete: `delete from app_private.sign_in_failures where $1::uuid is not null`,
    },
    expect: (who) => all(who === 'anon' ? schemaDenied('app_private') : tableDenied('sign_in_failures')),
  },
};

function all(e: Expect): Record<Op, Expect> {
  return { select: e, insert: e, update: e, delete: e };
}

/** Every function: a call ($1 = a signed-in non-staff user's email) and what each role gets. */
const FUNCTIONS: Record<string, { call: string; expect: Record<Who, Expect> }> = {
  'public.whoami()': {
    call: 'select public.whoami()',
    expect: { anon: { denied: 'sign in required' }, user: ok, outreach: ok, admin: ok, service_role: { denied: 'sign in required' } },
  },
  'public.list_staff()': adminOnly('list_staff', 'select * from public.list_staff()'),
  'public.list_audit_log(integer)': {
    ...adminOnly('list_audit_log', 'select * from public.list_audit_log(10)'),
    // An invoker function: service_role reaches the staff check but may not run it.
    expect: { ...adminOnly('list_audit_log', '').expect, service_role: fnDenied('require_staff_role') },
  },
  'public.upsert_staff(text, text, text, boolean)': adminOnly('upsert_staff', `select public.upsert_staff($1, 'New', 'outreach', true)`),
  'app_private.staff_role()': signedIn('staff_role', 'select app_private.staff_role()', { user: { ok: true, value: null }, outreach: { ok: true, value: 'outreach' }, admin: { ok: true, value: 'admin' } }),
  'app_private.has_staff_role(text)': signedIn('has_staff_role', `select app_private.has_staff_role('outreach')`, { user: { ok: true, value: false }, outreach: { ok: true, value: true }, admin: { ok: true, value: true } }),
  'app_private.require_staff_role(text)': signedIn('require_staff_role', `select app_private.require_staff_role('outreach')`, { user: { denied: 'outreach role required' }, outreach: ok, admin: ok }),
  'app_private.hit_rate_limit(text, integer, interval)': ownerOnly('hit_rate_limit', `select app_private.hit_rate_limit('matrix', 5, '1 minute')`, ok),
  'app_private.log_audit(text, text, text, jsonb)': ownerOnly('log_audit', `select app_private.log_audit('forged', null, null)`),
  'app_private.client_address()': ownerOnly('client_address', 'select app_private.client_address()'),
  'app_private.prune_rate_limit_buckets()': ownerOnly('prune_rate_limit_buckets', 'select app_private.prune_rate_limit_buckets()'),
  'app_private.touch_updated_at()': ownerOnly('touch_updated_at', 'select app_private.touch_updated_at()'),
  'app_private.rate_limit_exhausted(text, integer)': ownerOnly('rate_limit_exhausted', `select app_private.rate_limit_exhausted('matrix', 5)`, { ok: true, value: false }),
  'app_private.account_hash(text)': ownerOnly('account_hash', `select app_private.account_hash($1)`),
  'app_private.sign_in_wait(text)': ownerOnly('sign_in_wait', `select app_private.sign_in_wait($1)`, { ok: true, value: 0 }),
  'app_private.record_sign_in(text, boolean, integer, interval, integer, interval, interval)': ownerOnly(
    'record_sign_in',
    `select app_private.record_sign_in($1, true, 30, '5 minutes', 5, '30 seconds', '15 minutes')`,
    { ok: true, value: 0 },
  ),
};

function adminOnly(name: string, call: string): { call: string; expect: Record<Who, Expect> } {
  const notAdmin: Expect = { denied: 'admin role required' };
  return { call, expect: { anon: fnDenied(name), user: notAdmin, outreach: notAdmin, admin: ok, service_role: { denied: 'sign in required' } } };
}
function signedIn(name: string, call: string, staff: Record<'user' | 'outreach' | 'admin', Expect>) {
  return { call, expect: { anon: schemaDenied('app_private'), ...staff, service_role: fnDenied(name) } };
}
function ownerOnly(name: string, call: string, service: Expect = fnDenied(name)) {
  const no = fnDenied(name);
  return { call, expect: { anon: schemaDenied('app_private'), user: no, outreach: no, admin: no, service_role: service } };
}

describeEachDatabase('privilege matrix', (ctx) => {
  const actors = {} as Record<Who, Actor>;
  let stranger: User;
  beforeAll(async () => {
    const [user, outreach, admin] = [await createUser(ctx.db, 'user'), await createStaff(ctx.db, 'outreach', 'outreach'), await createStaff(ctx.db, 'admin', 'admin')];
    Object.assign(actors, { anon, user: user.actor, outreach: outreach.actor, admin: admin.actor, service_role: serviceRole });
    stranger = await createUser(ctx.db, 'stranger');
    // Something in every table, so "all rows" and "no rows" differ.
    for (const name of ['Outreach', 'Outreach worker']) {
      await rowsAs(ctx.db, admin.actor, `select public.upsert_staff($1, $2, 'outreach', true)`, [outreach.email, name]);
    }
    await rowsAs(ctx.db, serviceRole, `select app_private.hit_rate_limit('matrix', 5, '1 minute')`);
  });

  test('the expectations cover every table and function in app, app_private and public', async () => {
    const tables = await ctx.db.query<{ t: string }>(`select n.nspname || '.' || c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('public', 'app', 'app_private') and c.relkind in ('r', 'p', 'v', 'm', 'f') order by 1`);
    expect(tables.rows.map((r) => r.t)).toEqual(Object.keys(TABLES).sort());
    const fns = await ctx.db.query<{ f: string }>(`select n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')' as f
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname in ('public', 'app', 'app_private') order by 1`);
    expect(fns.rows.map((r) => r.f)).toEqual(Object.keys(FUNCTIONS).sort());
  });

  for (const [table, spec] of Object.entries(TABLES)) {
    for (const who of WHO) {
      for (const op of OPS) {
        const want = spec.expect(who)[op];
        test(`${table}: ${who} ${op} → ${describeExpect(want)}`, async () => {
          const sql = op === 'select' ? `select * from ${table}` : spec.writes[op];
          const got = await asRole(ctx.db, actors[who], sql, op === 'select' ? [] : [stranger.id], { rollback: true });
          if ('denied' in want) return expect(got).toEqual({ ok: false, code: '42501', message: want.denied });
          expect(got.ok, JSON.stringify(got)).toBe(true);
          if (got.ok && 'rows' in want) {
            const total = (await ctx.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0].n;
            expect(total).toBeGreaterThan(1);
            expect(got.rows.length).toBe(want.rows === 'all' ? total : want.rows);
          }
        });
      }
    }
  }

  for (const [fn, spec] of Object.entries(FUNCTIONS)) {
    for (const who of WHO) {
      const want = spec.expect[who];
      test(`${fn}: ${who} → ${describeExpect(want)}`, async () => {
        const params = spec.call.includes('$1') ? [stranger.email] : [];
        const got = await asRole(ctx.db, actors[who], spec.call, params, { rollback: true });
        if ('denied' in want) return expect(got).toEqual({ ok: false, code: '42501', message: want.denied });
        expect(got.ok, JSON.stringify(got)).toBe(true);
        if (got.ok && 'value' in want) expect(Object.values(got.rows[0])[0]).toEqual(want.value);
      });
    }
  }
});

function describeExpect(e: Expect): string {
  if ('denied' in e) return `denied (${e.denied})`;
  if ('rows' in e) return e.rows === 'all' ? 'all rows' : `${e.rows} rows`;
  return 'allowed';
}
