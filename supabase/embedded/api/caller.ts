/**
 * Who is calling: the role and claims from `Authorization: Bearer <jwt>`, as PostgREST derives them. No token,
 * or an opaque (non-JWT) key, means anon; a JWT must verify (jwt.ts) or the call is refused with 401 PGRST301.
 * Only the three Supabase API roles can be assumed, and a user's token (role `authenticated`) must name its
 * session, so that signing out really ends it (see server.ts).
 */
import type { IncomingMessage } from 'node:http';
import { jwtError } from './errors.ts';
import { JwtError, looksLikeJwt, verifyJwt, type Claims, type VerifyKeys } from './jwt.ts';

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
 * Verifies tokens, remembering verified ones so the anon key and a signed-in user's token are not re-verified on
 * every call (`exp` is still checked on every use). Bounded: cleared when full.
 */
export function createTokenVerifier(keys: VerifyKeys): (token: string) => Promise<Claims> {
  const verified = new Map<string, Claims>();
  const MAX = 1000;
  return async (token) => {
    const hit = verified.get(token);
    if (hit && typeof hit.exp === 'number' && hit.exp > Date.now() / 1000) return hit;
    const claims = await verifyJwt(token, keys);
    if (verified.size >= MAX) verified.clear();
    verified.set(token, claims);
    return claims;
  };
}

export async function callerFrom(
  req: IncomingMessage,
  verify: (token: string) => Promise<Claims>,
): Promise<Caller> {
  const token = bearerToken(req);
  if (!token || !looksLikeJwt(token)) return { role: 'anon', claims: { role: 'anon' } };
  let claims: Claims;
  try {
    claims = await verify(token);
  } catch (error) {
    if (error instanceof JwtError) throw jwtError(error.message);
    throw error;
  }
  const role = claims.role ?? 'anon';
  if (!(API_ROLES as readonly string[]).includes(role))
    throw jwtError(`JWT role "${role}" is not one of ${API_ROLES.join(', ')}`);
  if (role === 'authenticated' && (typeof claims.sub !== 'string' || typeof claims.session_id !== 'string'))
    throw jwtError('JWT for the authenticated role has no sub or session_id claim');
  return { role: role as ApiRole, claims };
}
