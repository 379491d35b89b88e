/**
 * What GoTrue answers with: the user object and the session (`access_token`, `refresh_token`, `expires_in`,
 * `expires_at`, `user`). Access tokens are HS256 JWTs (signed by jose, jwt.ts) with GoTrue's claims, including
 * `aud: authenticated` and `session_id`.
 */
import type { UserRow } from './auth-store.ts';
import { signJwt } from './jwt.ts';

export interface TokenOptions {
  secret: string;
  /** Lifetime of an access token in seconds (GoTrue's JWT_EXP; default 3600). */
  expiresIn: number;
  /** The `iss` claim: `<api url>/auth/v1`, as GoTrue sets it. */
  issuer: string;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function appMetadata(user: UserRow): Record<string, unknown> {
  return { provider: 'email', providers: ['email'], ...(user.raw_app_meta_data ?? {}) };
}

export function userJson(user: UserRow): Record<string, unknown> {
  return {
    id: user.id,
    aud: user.aud || 'authenticated',
    role: user.role || 'authenticated',
    email: user.email ?? '',
    email_confirmed_at: iso(user.email_confirmed_at),
    phone: '',
    confirmed_at: iso(user.email_confirmed_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: appMetadata(user),
    user_metadata: user.raw_user_meta_data ?? {},
    identities: [],
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    is_anonymous: false,
  };
}

export async function sessionJson(
  user: UserRow,
  sessionId: string,
  refreshToken: string,
  opts: TokenOptions,
  now = Math.floor(Date.now() / 1000),
): Promise<Record<string, unknown>> {
  const exp = now + opts.expiresIn;
  const claims = {
    aud: user.aud || 'authenticated',
    exp,
    iat: now,
    iss: opts.issuer,
    sub: user.id,
    email: user.email ?? '',
    phone: '',
    app_metadata: appMetadata(user),
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role || 'authenticated',
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: now }],
    session_id: sessionId,
    is_anonymous: false,
  };
  return {
    access_token: await signJwt(claims, opts.secret),
    token_type: 'bearer',
    expires_in: opts.expiresIn,
    expires_at: exp,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}
