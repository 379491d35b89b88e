/**
 * Acting as users, the way the API does it: one transaction that switches role and sets the JWT claims and the
 * request headers locally, then runs the statement. Plus fixtures: auth users and staff, inserted as superuser.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../supabase/embedded/db/adapter.ts';

export interface Actor {
  role: 'anon' | 'authenticated' | 'service_role';
  /** auth.uid() — the user's id, for authenticated. */
  sub?: string;
  email?: string;
  /** request.headers (lower-case names), e.g. { 'x-forwarded-for': '203.0.113.7' }. */
  headers?: Record<string, string>;
}

/**
 * Either the rows, or the refusal: the error the database raised (SQLSTATE and message), or — as PostgREST answers
 * it — a body returned with `response.status` >= 400 (app_private.refusal: the transaction commits).
 */
export type Outcome<T> = { ok: true; rows: T[] } | { ok: false; code: string; message: string };

const ROLLBACK = Symbol('rollback');

/** Runs `sql` as `actor` in its own transaction. `rollback: true` undoes it even when it succeeds. */
export async function asRole<T = Record<string, unknown>>(
  db: Db,
  actor: Actor,
  sql: string,
  params: unknown[] = [],
  opts: { rollback?: boolean } = {},
): Promise<Outcome<T>> {
  if (!['anon', 'authenticated', 'service_role'].includes(actor.role))
    throw new Error(`bad role ${actor.role}`);
  const claims = {
    role: actor.role,
    ...(actor.sub ? { sub: actor.sub, aud: 'authenticated' } : {}),
    ...(actor.email ? { email: actor.email } : {}),
  };
  let rows: T[] = [];
  let returned: { code: string; message: string } | null = null;
  try {
    await db.transaction(async (tx) => {
      await tx.exec(`set local role ${actor.role}`);
      await tx.query(
        `select set_config('request.jwt.claims', $1, true), set_config('request.headers', $2, true)`,
        [JSON.stringify(claims), JSON.stringify(actor.headers ?? {})],
      );
      rows = (await tx.query<T>(sql, params)).rows;
      const { rows: set } = await tx.query<{ s: string | null }>(
        `select current_setting('response.status', true) as s`,
      );
      if (Number(set[0]?.s) >= 400) {
        const body = Object.values((rows[0] ?? {}) as Record<string, unknown>)[0] as {
          code?: string;
          message?: string;
        } | null;
        returned = { code: body?.code ?? `PT${set[0]!.s}`, message: body?.message ?? '' };
      }
      if (opts.rollback) throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) {
      const e = error as { code?: string; message?: string };
      if (!e.code) throw error;
      return { ok: false, code: e.code, message: e.message ?? '' };
    }
  }
  if (returned) return { ok: false, ...(returned as { code: string; message: string }) };
  return { ok: true, rows };
}

/** Like `asRole`, but throws when the database refused. */
export async function rowsAs<T = Record<string, unknown>>(
  db: Db,
  actor: Actor,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const r = await asRole<T>(db, actor, sql, params);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.rows;
}

export interface User {
  id: string;
  email: string;
  /** This user as an API actor (role authenticated). */
  actor: Actor;
}

/** Inserts an auth user (as superuser) with a unique email built from `label`. */
export async function createUser(db: Db, label: string): Promise<User> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  const { rows } = await db.query<{ id: string }>('insert into auth.users (email) values ($1) returning id', [
    email,
  ]);
  const id = rows[0].id;
  return { id, email, actor: { role: 'authenticated', sub: id, email } };
}

/** Inserts an auth user and makes them staff directly (as superuser, bypassing upsert_staff). */
export async function createStaff(
  db: Db,
  label: string,
  role: 'outreach' | 'admin',
  active = true,
): Promise<User> {
  const user = await createUser(db, label);
  await db.query('insert into app.staff (user_id, display_name, role, active) values ($1, $2, $3, $4)', [
    user.id,
    label,
    role,
    active,
  ]);
  return user;
}

export const anon: Actor = { role: 'anon' };
export const serviceRole: Actor = { role: 'service_role' };
