/**
 * `/auth/v1/*`: the part of GoTrue that supabase-js uses for password sign-in. `POST /token?grant_type=password`
 * and `?grant_type=refresh_token`, `GET /user`, `POST /logout?scope=`. Errors are GoTrue's (API version
 * 2024-01-01): `{code, msg}` with the status GoTrue uses, so auth-js raises the same AuthApiError codes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/adapter.ts';
import { checkPassword, createSession, endSessions, rotateRefreshToken, sessionExists, userById, withinRateLimit } from './auth-store.ts';
import { sessionJson, userJson, type TokenOptions } from './auth-tokens.ts';
import { bearerToken } from './caller.ts';
import { JwtError, verifyJwt, type Claims } from './jwt.ts';
import { sendJson } from './http.ts';

export interface RateLimit {
  max: number;
  /** A PostgreSQL interval, e.g. '5 minutes'. */
  per: string;
}

export interface AuthContext {
  db: Db;
  tokens: Omit<TokenOptions, 'issuer'>;
  rateLimits: { signIn: RateLimit; refresh: RateLimit };
}

export interface AuthRequest {
  req: IncomingMessage;
  res: ServerResponse;
  /** Path after /auth/v1, e.g. `/token`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  address: string;
}

/** GoTrue's answers when a refresh token cannot be exchanged. */
const REFRESH_ERRORS = {
  not_found: ['refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found'],
  reused: ['refresh_token_already_used', 'Invalid Refresh Token: Already Used'],
  banned: ['user_banned', 'User is banned'],
  user_gone: ['user_not_found', 'User not found'],
} as const;

const VERSION_HEADER = { 'x-supabase-api-version': '2024-01-01' };

export class AuthError extends Error {
  status: number;
  code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function sendAuthError(res: ServerResponse, error: AuthError): void {
  sendJson(res, error.status, { code: error.code, msg: error.message }, VERSION_HEADER);
}

function field(body: unknown, name: string): string | undefined {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** The claims of the caller's access token; GoTrue's 401/403 answers otherwise. */
function sessionClaims(req: IncomingMessage, secret: string): Claims & { sub: string; session_id: string } {
  const token = bearerToken(req);
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  let claims: Claims;
  try {
    claims = verifyJwt(token, secret);
  } catch (error) {
    if (error instanceof JwtError) throw new AuthError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${error.message}`);
    throw error;
  }
  if (typeof claims.sub !== 'string' || typeof claims.session_id !== 'string') throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub or session_id claim');
  return claims as Claims & { sub: string; session_id: string };
}

export async function handleAuth(ctx: AuthContext, r: AuthRequest): Promise<void> {
  const { req, res } = r;
  const issuer = `http://${req.headers.host ?? '127.0.0.1'}/auth/v1`;
  const tokens = { ...ctx.tokens, issuer };
  const route = `${req.method} ${r.path}`;
  if (route === 'POST /token') {
    const grant = r.query.get('grant_type');
    if (grant === 'password') {
      const email = field(r.body, 'email')?.trim();
      const password = field(r.body, 'password');
      if (!email || !password) throw new AuthError(400, 'validation_failed', 'Email and password are required');
      if (!(await withinRateLimit(ctx.db, 'auth.sign_in', r.address, ctx.rateLimits.signIn))) {
        throw new AuthError(429, 'over_request_rate_limit', 'Too many sign-in attempts from this address; try again later');
      }
      const user = await checkPassword(ctx.db, email, password);
      if (!user) throw new AuthError(400, 'invalid_credentials', 'Invalid login credentials');
      if (user.banned) throw new AuthError(400, 'user_banned', 'User is banned');
      const s = await createSession(ctx.db, user, { ip: r.address, userAgent: String(req.headers['user-agent'] ?? '') });
      return sendJson(res, 200, sessionJson(s.user, s.sessionId, s.refreshToken, tokens), VERSION_HEADER);
    }
    if (grant === 'refresh_token') {
      const token = field(r.body, 'refresh_token');
      if (!token) throw new AuthError(400, 'validation_failed', 'refresh_token is required');
      if (!(await withinRateLimit(ctx.db, 'auth.refresh', r.address, ctx.rateLimits.refresh))) {
        throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
      }
      const result = await rotateRefreshToken(ctx.db, token);
      if (result.kind !== 'ok') {
        const [code, message] = REFRESH_ERRORS[result.kind];
        throw new AuthError(400, code, message);
      }
      return sendJson(res, 200, sessionJson(result.user, result.sessionId, result.refreshToken, tokens), VERSION_HEADER);
    }
    throw new AuthError(400, 'unsupported_grant_type', 'Unsupported grant type: only password and refresh_token are available here');
  }
  if (route === 'GET /user') {
    const claims = sessionClaims(req, ctx.tokens.secret);
    if (!(await sessionExists(ctx.db, claims.session_id))) throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    const user = await userById(ctx.db, claims.sub);
    if (!user) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return sendJson(res, 200, userJson(user), VERSION_HEADER);
  }
  if (route === 'POST /logout') {
    const claims = sessionClaims(req, ctx.tokens.secret);
    const scope = r.query.get('scope') ?? 'global';
    if (scope !== 'global' && scope !== 'local' && scope !== 'others') throw new AuthError(400, 'validation_failed', 'scope must be global, local or others');
    await endSessions(ctx.db, claims.sub, claims.session_id, scope);
    res.writeHead(204, VERSION_HEADER).end();
    return;
  }
  if (route === 'GET /health') return sendJson(res, 200, { name: 'GoTrue (embedded)', description: 'tuoyu embedded auth' }, VERSION_HEADER);
  throw new AuthError(404, 'not_found', `${route} is not available in the embedded API (only password sign-in)`);
}
