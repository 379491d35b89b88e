/**
 * Who is calling: the role and claims from `Authorization: Bearer <jwt>`, as PostgREST derives them. No token,
 * or an opaque (non-JWT) key, means anon; a JWT must verify against the project secret or the call is refused
 * with 401 PGRST301. Only the three Supabase API roles can be assumed.
 */
import type { IncomingMessage } from 'node:http';
import { jwtError } from './errors.ts';
import { JwtError, looksLikeJwt, verifyJwt, type Claims } from './jwt.ts';

export const API_ROLES = ['anon', 'authenticated', 'service_role'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export interface Caller {
  role: ApiRole;
  claims: Claims;
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Verified tokens, so the anon key and a signed-in user's token are not re-verified on every call. Keyed by
 * secret + token; `exp` is still checked on every use. Bounded: cleared when full.
 */
const verified = new Map<string, Claims>();
const VERIFIED_MAX = 1000;

function verifyCached(token: string, secret: string): Claims {
  const key = `${secret}\n${token}`;
  const hit = verified.get(key);
  if (hit && (hit.exp === undefined || hit.exp > Date.now() / 1000)) return hit;
  const claims = verifyJwt(token, secret);
  if (verified.size >= VERIFIED_MAX) verified.clear();
  verified.set(key, claims);
  return claims;
}

export function callerFrom(req: IncomingMessage, secret: string): Caller {
  const token = bearerToken(req);
  if (!token || !looksLikeJwt(token)) return { role: 'anon', claims: { role: 'anon' } };
  let claims: Claims;
  try {
    claims = verifyCached(token, secret);
  } catch (error) {
    if (error instanceof JwtError) throw jwtError(error.message);
    throw error;
  }
  const role = claims.role ?? 'anon';
  if (!(API_ROLES as readonly string[]).includes(role)) throw jwtError(`JWT role "${role}" is not one of ${API_ROLES.join(', ')}`);
  return { role: role as ApiRole, claims };
}
