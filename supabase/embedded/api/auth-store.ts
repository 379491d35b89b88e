/**
 * GoTrue's data: users in auth.users (bcrypt hashes, as pgcrypto's crypt() and GoTrue write them), sessions in auth.sessions and refresh
 * tokens in auth.refresh_tokens (supabase/bootstrap/20_auth_sessions.sql; only a SHA-256 of each token is
 * stored). Runs as the API's own database user, like GoTrue's supabase_auth_admin — never as a caller's role.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/adapter.ts';
import type { PasswordChecker } from './password-checker.ts';

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  email_confirmed_at: Date | string | null;
  last_sign_in_at: Date | string | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date | string | null;
  updated_at: Date | string | null;
  banned: boolean;
}

const USER_COLUMNS = `u.id::text as id, u.aud, u.role, u.email, u.email_confirmed_at, u.last_sign_in_at,
  u.raw_app_meta_data, u.raw_user_meta_data, u.created_at, u.updated_at,
  coalesce(u.banned_until > pg_catalog.now(), false) as banned`;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The user with this email and password, or null. The database hands over the stored bcrypt hash; the comparison
 * runs in `checker`'s worker threads (an unknown email is compared too, so timing does not reveal emails).
 */
export async function checkPassword(
  db: Db,
  checker: PasswordChecker,
  email: string,
  password: string,
): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow & { hash: string | null }>(
    `select ${USER_COLUMNS}, u.encrypted_password as hash
     from auth.users u where pg_catalog.lower(u.email) = pg_catalog.lower($1) and u.deleted_at is null`,
    [email],
  );
  const found = rows[0];
  const ok = await checker.verify(password, found?.hash ?? null);
  if (!found || !ok) return null;
  const { hash: _, ...user } = found;
  return user;
}

export async function userById(db: Db, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users u where u.id = $1::uuid and u.deleted_at is null`,
    [id],
  );
  return rows[0] ?? null;
}

/** Opens a session for a user who just proved their password; returns its id and first refresh token. */
export async function createSession(
  db: Db,
  user: UserRow,
  meta: { ip: string; userAgent: string },
): Promise<{ sessionId: string; refreshToken: string; user: UserRow }> {
  const sessionId = randomUUID();
  const refreshToken = newRefreshToken();
  const signedIn = await db.transaction(async (tx) => {
    await tx.query(
      `insert into auth.sessions (id, user_id, ip, user_agent) values ($1::uuid, $2::uuid, nullif($3, '')::inet, $4)`,
      [sessionId, user.id, meta.ip, meta.userAgent.slice(0, 500)],
    );
    await tx.query(`insert into auth.refresh_tokens (token, user_id, session_id) values ($1, $2, $3::uuid)`, [
      hashToken(refreshToken),
      user.id,
      sessionId,
    ]);
    const { rows } = await tx.query<{ at: Date | string }>(
      `update auth.users set last_sign_in_at = pg_catalog.now() where id = $1::uuid returning last_sign_in_at as at`,
      [user.id],
    );
    return rows[0]?.at ?? null;
  });
  return { sessionId, refreshToken, user: { ...user, last_sign_in_at: signedIn } };
}

export type RotateResult =
  | { kind: 'ok'; sessionId: string; refreshToken: string; user: UserRow }
  | { kind: 'not_found' | 'reused' | 'user_gone' | 'banned' | 'session_expired' };

/** How long a session may live: since sign-in (timebox) and since its last refresh (inactivity), in seconds. */
export interface SessionPolicy {
  timebox: number | null;
  inactivity: number | null;
  /** Seconds after an exchange during which the old refresh token may be presented again. */
  reuseInterval: number;
}

/** SQL condition: session `s` is within its lifetime and idle limit ($2 timebox, $3 inactivity, seconds or null). */
const SESSION_LIVE = `(s.not_after is null or s.not_after > pg_catalog.now())
  and ($2::integer is null or s.created_at + pg_catalog.make_interval(secs => $2::integer) > pg_catalog.now())
  and ($3::integer is null or coalesce(s.refreshed_at, s.created_at) + pg_catalog.make_interval(secs => $3::integer) > pg_catalog.now())`;

/**
 * Exchanges a refresh token for a new one (single use). Presenting a token that was already exchanged is
 * treated as theft, as GoTrue does: the whole session is revoked — unless it was exchanged less than
 * `reuseInterval` seconds ago (two tabs refreshing at once), when it gets a new token of the same session. A
 * session past its lifetime or idle limit ends instead.
 */
export async function rotateRefreshToken(
  db: Db,
  token: string,
  policy: SessionPolicy,
): Promise<RotateResult> {
  return db.transaction(async (tx): Promise<RotateResult> => {
    const { rows } = await tx.query<{
      id: string;
      revoked: boolean;
      session_id: string;
      user_id: string;
      live: boolean;
      recent: boolean;
    }>(
      `select rt.id::text as id, rt.revoked, rt.session_id::text as session_id, rt.user_id, ${SESSION_LIVE} as live,
         rt.updated_at > pg_catalog.now() - pg_catalog.make_interval(secs => $4::integer) as recent
       from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id
       where rt.token = $1 for update of rt, s`,
      [hashToken(token), policy.timebox, policy.inactivity, policy.reuseInterval],
    );
    const old = rows[0];
    if (!old) return { kind: 'not_found' };
    if (old.revoked && !old.recent) {
      await tx.query(`delete from auth.sessions where id = $1::uuid`, [old.session_id]);
      return { kind: 'reused' };
    }
    if (!old.live) {
      await tx.query(`delete from auth.sessions where id = $1::uuid`, [old.session_id]);
      return { kind: 'session_expired' };
    }
    const users = await tx.query<UserRow>(
      `select ${USER_COLUMNS} from auth.users u where u.id = $1::uuid and u.deleted_at is null`,
      [old.user_id],
    );
    const user = users.rows[0];
    if (!user || user.banned) {
      await tx.query(`delete from auth.sessions where id = $1::uuid`, [old.session_id]);
      return { kind: user ? 'banned' : 'user_gone' };
    }
    const next = newRefreshToken();
    // A token presented again within the reuse interval keeps its revoked state and its first exchange time.
    if (!old.revoked)
      await tx.query(
        `update auth.refresh_tokens set revoked = true, updated_at = pg_catalog.now() where id = $1::bigint`,
        [old.id],
      );
    await tx.query(
      `insert into auth.refresh_tokens (token, user_id, session_id, parent) values ($1, $2, $3::uuid, $4)`,
      [hashToken(next), old.user_id, old.session_id, hashToken(token)],
    );
    await tx.query(
      `update auth.sessions set refreshed_at = pg_catalog.now(), updated_at = pg_catalog.now() where id = $1::uuid`,
      [old.session_id],
    );
    return { kind: 'ok', sessionId: old.session_id, refreshToken: next, user };
  });
}

/** True while the session exists and is within its lifetime and idle limit. */
export async function sessionActive(
  db: Db,
  sessionId: string,
  policy: Pick<SessionPolicy, 'timebox' | 'inactivity'>,
): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId)) return false;
  const { rows } = await db.query<{ found: boolean }>(
    `select exists (select from auth.sessions s where s.id = $1::uuid and ${SESSION_LIVE}) as found`,
    [sessionId, policy.timebox, policy.inactivity],
  );
  return rows[0]?.found === true;
}

/** Ends sessions: `local` this one, `others` the user's other ones, `global` all of the user's. */
export async function endSessions(
  db: Db,
  userId: string,
  sessionId: string,
  scope: 'global' | 'local' | 'others',
): Promise<void> {
  if (scope === 'local') await db.query(`delete from auth.sessions where id = $1::uuid`, [sessionId]);
  else if (scope === 'others')
    await db.query(`delete from auth.sessions where user_id = $1::uuid and id <> $2::uuid`, [
      userId,
      sessionId,
    ]);
  else await db.query(`delete from auth.sessions where user_id = $1::uuid`, [userId]);
}

/** Runs `fn` as service_role with the client address in request.headers — the way a Supabase deployment calls SQL. */
function asService<R>(db: Db, address: string, fn: (tx: Tx) => Promise<R>): Promise<R> {
  return db.transaction(async (tx) => {
    await tx.query(
      `select pg_catalog.set_config('role', 'service_role', true), pg_catalog.set_config('request.headers', $1, true)`,
      [JSON.stringify({ 'x-forwarded-for': address })],
    );
    return fn(tx);
  });
}

/**
 * Counts one hit of `action` for the client address through app_private.hit_rate_limit. False when over the limit.
 */
export async function withinRateLimit(
  db: Db,
  action: string,
  address: string,
  limit: { max: number; per: string },
): Promise<boolean> {
  return asService(db, address, async (tx) => {
    const { rows } = await tx.query<{ allowed: boolean }>(
      `select app_private.hit_rate_limit($1, $2, $3::interval) as allowed`,
      [action, limit.max, limit.per],
    );
    return rows[0]?.allowed === true;
  });
}

/** Per-account back-off: from the `freeFailures`-th consecutive failure on, wait base, 2 x base … up to `longest`. */
export interface AccountBackoff {
  freeFailures: number;
  /** PostgreSQL intervals, e.g. '30 seconds', '15 minutes'. */
  base: string;
  longest: string;
}

/**
 * Before a password check: seconds the caller must wait, because its address has used up its failed sign-ins
 * (`kind: 'address'`) or the account is backing off (`kind: 'account'`); null when the check may run.
 */
export async function signInBlocked(
  db: Db,
  address: string,
  email: string,
  maxFailuresPerAddress: number,
): Promise<'address' | 'account' | null> {
  return asService(db, address, async (tx) => {
    const { rows } = await tx.query<{ address: boolean; wait: number }>(
      `select app_private.rate_limit_exhausted('auth.sign_in', $1) as address, app_private.sign_in_wait($2) as wait`,
      [maxFailuresPerAddress, email],
    );
    if (rows[0]?.address) return 'address';
    return (rows[0]?.wait ?? 0) > 0 ? 'account' : null;
  });
}

/** After a password check: a failure counts against the address and the account; a success clears the account. */
export async function recordSignIn(
  db: Db,
  address: string,
  email: string,
  succeeded: boolean,
  perAddress: { max: number; per: string },
  backoff: AccountBackoff,
): Promise<void> {
  await asService(db, address, (tx) =>
    tx.query(`select app_private.record_sign_in($1, $2, $3, $4::interval, $5, $6::interval, $7::interval)`, [
      email,
      succeeded,
      perAddress.max,
      perAddress.per,
      backoff.freeFailures,
      backoff.base,
      backoff.longest,
    ]),
  );
}
