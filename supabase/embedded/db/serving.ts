/**
 * The connection the API serves requests through: the login role `authenticator` (supabase/bootstrap/
 * 30_authenticator.sql), never a superuser. On PostgreSQL that is the login itself; on PGlite, whose one session
 * always belongs to its bootstrap superuser, the session runs as `authenticator` (PGlite's `username` option) and
 * every request goes through the gateway functions, which forbid changing role.
 */
import pg from 'pg';
import type { Db } from './adapter.ts';

export const AUTHENTICATOR = 'authenticator';

export class NotAuthenticator extends Error {}

/** `url` with its user replaced by `authenticator` (and the password by `password`, or none: trust/peer/.pgpass). */
export function authenticatorUrl(url: string, password?: string): string {
  const u = new URL(url);
  u.username = AUTHENTICATOR;
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}

/** `url` with `password` when it has none of its own. */
export function withPassword(url: string, password?: string): string {
  const u = new URL(url);
  if (!password || u.password) return url;
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** Who `url` logs in as, and whether that role is a superuser. */
export async function loginRole(url: string): Promise<{ user: string; superuser: boolean }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ user: string; superuser: boolean }>(
      'select session_user::text as "user", rolsuper as superuser from pg_catalog.pg_roles where rolname = session_user',
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

/** Sets authenticator's password (PostgreSQL with password authentication), without putting it in the SQL text. */
export async function setAuthenticatorPassword(db: Db, password: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`select pg_catalog.set_config('tuoyu.authenticator_password', $1, true)`, [password]);
    await tx.exec(`do $$ begin
      execute pg_catalog.format('alter role authenticator password %L', pg_catalog.current_setting('tuoyu.authenticator_password'));
    end $$`);
  });
}

export interface ServingIdentity {
  currentUser: string;
  sessionUser: string;
  /** Whether the session's own user is a superuser (always true on PGlite 0.5, see above). */
  sessionSuperuser: boolean;
}

export async function servingIdentity(db: Db): Promise<ServingIdentity> {
  const { rows } = await db.query<ServingIdentity>(
    `select current_user::text as "currentUser", session_user::text as "sessionUser",
            (select rolsuper from pg_catalog.pg_roles where rolname = session_user) as "sessionSuperuser"`,
  );
  return rows[0]!;
}

/**
 * Refuses to serve through anything but authenticator: on PostgreSQL the login must be authenticator (not a
 * superuser); on PGlite the session must run as authenticator.
 */
export async function assertServesAsAuthenticator(db: Db): Promise<void> {
  const who = await servingIdentity(db);
  const ok =
    db.kind === 'postgres'
      ? who.sessionUser === AUTHENTICATOR && !who.sessionSuperuser
      : who.currentUser === AUTHENTICATOR;
  if (!ok) {
    throw new NotAuthenticator(
      `The API serves requests only as ${AUTHENTICATOR}, but this connection logs in as ${who.sessionUser}${who.sessionSuperuser ? ' (a superuser)' : ''}. ` +
        'Set DATABASE_URL to a superuser URL (the API migrates through it, then logs in as authenticator with AUTHENTICATOR_PASSWORD) ' +
        'or to an authenticator URL (with DATABASE_ADMIN_URL for the migrations); see docs/deploy.md.',
    );
  }
}
