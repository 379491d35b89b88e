/**
 * `/auth/v1/*`: the part of GoTrue that supabase-js uses for password sign-in. `POST /token?grant_type=password`
 * and `?grant_type=refresh_token`, `GET /user`, `POST /logout?scope=`. Errors are GoTrue's (API version
 * 2024-01-01): `{code, msg}` with the status GoTrue uses, so auth-js raises the same AuthApiError codes.
 *
 * Sign-in limits (SQL, migration sign_in_limits): an address is refused after `rateLimits.signIn.max` FAILED
 * sign-ins per window (successes do not count: a whole office behind one NAT can sign in); an account backs off
 * (`backoff`) after repeated failures from anywhere; and bcrypt runs in a bounded pool of worker threads
 * (`passwords`), never in the database, so a crowd of sign-ins cannot stall the requests of everyone else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/adapter.ts';
import {
  checkPassword,
  createSession,
  endSessions,
  recordSignIn,
  rotateRefreshToken,
  sessionActive,
  signInBlocked,
  userById,
  withinRateLimit,
  type AccountBackoff,
  type SessionPolicy,
} from './auth-store.ts';
import { sessionJson, userJson, type TokenOptions } from './auth-tokens.ts';
import { bearerToken } from './caller.ts';
import { JwtError, type Claims } from './jwt.ts';
import { sendJson } from './http.ts';
import { CheckersBusy, type PasswordChecker } from './password-checker.ts';

export interface RateLimit {
  max: number;
  /** A PostgreSQL interval, e.g. '5 minutes'. */
  per: string;
}

export interface AuthContext {
  db: Db;
  tokens: Omit<TokenOptions, 'issuer'>;
  verify: (token: string) => Promise<Claims>;
  rateLimits: { signIn: RateLimit; refresh: RateLimit };
  backoff: AccountBackoff;
  sessions: SessionPolicy;
  passwords: PasswordChecker;
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
  session_expired: ['session_expired', 'Invalid Refresh Token: Session Expired'],
  banned: ['user_banned', 'User is banned'],
  user_gone: ['user_not_found', 'User not found'],
} as const;

const VERSION_HEADER = { 'x-supabase-api-version': '2024-01-01' };

/** GoTrue's limits: an email address of at most 255 characters; bcrypt reads at most 72 bytes of a password. */
const MAX_EMAIL_LENGTH = 255;
const MAX_PASSWORD_BYTES = 72;

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

/**
 * POSTs to /auth/v1 must say `Content-Type: application/json` (supabase-js always does). A cross-site form can
 * only send text/plain, urlencoded or multipart without a preflight: refusing those keeps another site from
 * spending a visitor's browser on guessing passwords (and burning their address's attempts).
 */
export function requireJsonBody(req: IncomingMessage): void {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'application/json')
    throw new AuthError(415, 'validation_failed', 'Content-Type must be application/json');
}

function field(body: unknown, name: string): string | undefined {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** Email and password of a password grant, refused with 400 before they reach the database when malformed. */
function credentials(body: unknown): { email: string; password: string } {
  const email = field(body, 'email')?.trim();
  const password = field(body, 'password');
  if (!email || !password) throw new AuthError(400, 'validation_failed', 'Email and password are required');
  if (email.includes('\0') || password.includes('\0'))
    throw new AuthError(400, 'validation_failed', 'Email and password cannot contain NUL characters');
  if (email.length > MAX_EMAIL_LENGTH)
    throw new AuthError(
      400,
      'validation_failed',
      `Email cannot be longer than ${MAX_EMAIL_LENGTH} characters`,
    );
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES)
    throw new AuthError(
      400,
      'validation_failed',
      `Password cannot be longer than ${MAX_PASSWORD_BYTES} bytes`,
    );
  return { email, password };
}

/** The claims of the caller's access token; GoTrue's 401/403 answers otherwise. */
async function sessionClaims(
  req: IncomingMessage,
  verify: AuthContext['verify'],
): Promise<Claims & { sub: string; session_id: string }> {
  const token = bearerToken(req);
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  let claims: Claims;
  try {
    claims = await verify(token);
  } catch (error) {
    if (error instanceof JwtError)
      throw new AuthError(
        403,
        'bad_jwt',
        `invalid JWT: unable to parse or verify signature, ${error.message}`,
      );
    throw error;
  }
  if (typeof claims.sub !== 'string' || typeof claims.session_id !== 'string')
    throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub or session_id claim');
  return claims as Claims & { sub: string; session_id: string };
}

async function passwordGrant(ctx: AuthContext, r: AuthRequest, tokens: TokenOptions): Promise<void> {
  const { email, password } = credentials(r.body);
  const blocked = await signInBlocked(ctx.db, r.address, email, ctx.rateLimits.signIn.max);
  if (blocked === 'address')
    throw new AuthError(
      429,
      'over_request_rate_limit',
      'Too many failed sign-ins from this address; try again later',
    );
  if (blocked === 'account')
    throw new AuthError(
      429,
      'over_request_rate_limit',
      'Too many failed sign-ins for this account; try again in a few minutes',
    );
  let user: Awaited<ReturnType<typeof checkPassword>>;
  try {
    user = await checkPassword(ctx.db, ctx.passwords, email, password);
  } catch (error) {
    if (error instanceof CheckersBusy)
      throw new AuthError(
        429,
        'over_request_rate_limit',
        'Too many sign-ins in progress; try again in a moment',
      );
    throw error;
  }
  await recordSignIn(ctx.db, r.address, email, user !== null, ctx.rateLimits.signIn, ctx.backoff);
  if (!user) throw new AuthError(400, 'invalid_credentials', 'Invalid login credentials');
  if (user.banned) throw new AuthError(400, 'user_banned', 'User is banned');
  const s = await createSession(ctx.db, user, {
    ip: r.address,
    userAgent: String(r.req.headers['user-agent'] ?? ''),
  });
  return sendJson(r.res, 200, await sessionJson(s.user, s.sessionId, s.refreshToken, tokens), VERSION_HEADER);
}

async function refreshGrant(ctx: AuthContext, r: AuthRequest, tokens: TokenOptions): Promise<void> {
  const token = field(r.body, 'refresh_token');
  if (!token) throw new AuthError(400, 'validation_failed', 'refresh_token is required');
  if (token.length > 255 || token.includes('\0'))
    throw new AuthError(400, 'validation_failed', 'refresh_token is not valid');
  if (!(await withinRateLimit(ctx.db, 'auth.refresh', r.address, ctx.rateLimits.refresh))) {
    throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
  }
  const result = await rotateRefreshToken(ctx.db, token, ctx.sessions);
  if (result.kind !== 'ok') {
    const [code, message] = REFRESH_ERRORS[result.kind];
    throw new AuthError(400, code, message);
  }
  return sendJson(
    r.res,
    200,
    await sessionJson(result.user, result.sessionId, result.refreshToken, tokens),
    VERSION_HEADER,
  );
}

export async function handleAuth(ctx: AuthContext, r: AuthRequest): Promise<void> {
  const { req, res } = r;
  const issuer = `http://${req.headers.host ?? '127.0.0.1'}/auth/v1`;
  const tokens = { ...ctx.tokens, issuer };
  const route = `${req.method} ${r.path}`;
  if (route === 'POST /token') {
    const grant = r.query.get('grant_type');
    if (grant === 'password') return passwordGrant(ctx, r, tokens);
    if (grant === 'refresh_token') return refreshGrant(ctx, r, tokens);
    throw new AuthError(
      400,
      'unsupported_grant_type',
      'Unsupported grant type: only password and refresh_token are available here',
    );
  }
  if (route === 'GET /user') {
    const claims = await sessionClaims(req, ctx.verify);
    if (!(await sessionActive(ctx.db, claims.session_id, ctx.sessions)))
      throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    const user = await userById(ctx.db, claims.sub);
    if (!user) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return sendJson(res, 200, userJson(user), VERSION_HEADER);
  }
  if (route === 'POST /logout') {
    const claims = await sessionClaims(req, ctx.verify);
    const scope = r.query.get('scope') ?? 'global';
    if (scope !== 'global' && scope !== 'local' && scope !== 'others')
      throw new AuthError(400, 'validation_failed', 'scope must be global, local or others');
    await endSessions(ctx.db, claims.sub, claims.session_id, scope);
    res.writeHead(204, VERSION_HEADER).end();
    return;
  }
  if (route === 'GET /health')
    return sendJson(
      res,
      200,
      { name: 'GoTrue (embedded)', description: 'tuoyu embedded auth' },
      VERSION_HEADER,
    );
  throw new AuthError(
    404,
    'not_found',
    `${route} is not available in the embedded API (only password sign-in)`,
  );
}
