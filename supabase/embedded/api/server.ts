/**
 * The embedded Supabase-compatible API: `createApiServer()` returns a bare node:http server (not listening)
 * that routes `/rest/v1/rpc/*` to PostgREST-style RPC and `/auth/v1/*` to GoTrue-style password auth, with CORS
 * for the site, a 64 KB body limit, JSON nested at most 64 levels and JSON errors. Tables are never served. A
 * user's token is honoured only while its session lives (signed out, reused refresh token, disabled staff,
 * lifetime or idle limit → 401 on every call). It reads no environment (start.ts does); its auth defaults come
 * from supabase/config.toml (auth-config.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { JSONWebKeySet } from 'jose';
import type { Db } from '../db/adapter.ts';
import { authSettings } from './auth-config.ts';
import { sessionActive, type AccountBackoff, type SessionPolicy } from './auth-store.ts';
import { AuthError, handleAuth, requireJsonBody, sendAuthError, type RateLimit } from './auth.ts';
import { callerFrom, createTokenVerifier } from './caller.ts';
import { createCatalogue, type Catalogue } from './catalogue.ts';
import {
  databaseUnavailable,
  internalError,
  isDatabaseUnavailable,
  logError,
  logUnavailable,
  RestError,
  restError,
  sessionEnded,
} from './errors.ts';
import {
  applyCors,
  BODY_LIMIT,
  BodyTooLarge,
  clientAddress,
  headersForSql,
  MalformedJson,
  parseJson,
  readBody,
  sendJson,
} from './http.ts';
import { apiKeys, type ApiKeys } from './keys.ts';
import { createPasswordChecker } from './password-checker.ts';
import { handleRpc } from './rpc.ts';
import { assertUsableSecret } from './secret.ts';

export interface ApiOptions {
  db: Db;
  secret: string;
  /** Browser origins allowed by CORS (the site), e.g. ['http://localhost:4321']. */
  siteOrigins: string[];
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you control). Default false. */
  trustProxy?: boolean;
  /** Public keys (JWKS) whose ES256/RS256 tokens are accepted besides HS256 ones signed with `secret`. */
  jwks?: JSONWebKeySet;
  /** Access-token lifetime in seconds. Default: config.toml's auth.jwt_expiry. */
  jwtExpiry?: number;
  /** Failed sign-ins per address and refreshes per address. Default: config.toml's [auth.rate_limit] per 5 minutes. */
  rateLimits?: { signIn?: RateLimit; refresh?: RateLimit };
  /** Per-account back-off after failed sign-ins. Default: 5 free failures, then 30 s doubling up to 15 min. */
  backoff?: AccountBackoff;
  /** Session lifetime, idle limit and refresh-token reuse interval (seconds). Default: config.toml's. */
  sessions?: Partial<SessionPolicy>;
  /** Password checks at once (worker threads) and how many may wait beyond them. Default: 1 and 64. */
  passwordChecks?: { workers: number; queue: number };
  /** Per-role statement_timeout on PostgreSQL. Default: anon 3s, authenticated 8s (Supabase's defaults). */
  statementTimeouts?: Partial<Record<string, string>>;
  bodyLimit?: number;
}

/** The auth settings a server runs with (supabase/config.toml's unless overridden). */
export interface EffectiveAuthSettings {
  jwtExpiry: number;
  rateLimits: { signIn: RateLimit; refresh: RateLimit };
  sessions: SessionPolicy;
}

export interface ApiServer {
  server: Server;
  keys: ApiKeys;
  auth: EffectiveAuthSettings;
  catalogue: Catalogue;
  /** Stops accepting connections and waits for requests in flight (the database stays open: it is the caller's). */
  close(): Promise<void>;
}

const SCHEMA = 'public';

export async function createApiServer(options: ApiOptions): Promise<ApiServer> {
  const { db, secret } = options;
  assertUsableSecret(secret, 'The JWT secret');
  const settings = authSettings();
  const catalogue = createCatalogue(db, SCHEMA);
  const bodyLimit = options.bodyLimit ?? BODY_LIMIT;
  const verify = createTokenVerifier({ secret, jwks: options.jwks });
  const sessions: SessionPolicy = {
    timebox: settings.sessions.timebox,
    inactivity: settings.sessions.inactivity,
    reuseInterval: settings.refreshTokenReuseInterval,
    ...options.sessions,
  };
  const rpcContext = {
    db,
    catalogue,
    schema: SCHEMA,
    statementTimeouts: options.statementTimeouts ?? { anon: '3s', authenticated: '8s' },
  };
  const authContext = {
    db,
    tokens: { secret, expiresIn: options.jwtExpiry ?? settings.jwtExpiry },
    verify,
    rateLimits: {
      signIn: options.rateLimits?.signIn ?? { max: settings.rateLimits.signIn, per: '5 minutes' },
      refresh: options.rateLimits?.refresh ?? { max: settings.rateLimits.tokenRefresh, per: '5 minutes' },
    },
    backoff: options.backoff ?? { freeFailures: 5, base: '30 seconds', longest: '15 minutes' },
    sessions,
    passwords: createPasswordChecker(options.passwordChecks ?? { workers: 1, queue: 64 }),
  };
  const keys = await apiKeys(secret);

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const address = clientAddress(req, options.trustProxy ?? false);
    if (path.startsWith('/auth/v1/')) {
      if (req.method === 'POST') requireJsonBody(req);
      const body = req.method === 'POST' ? await bodyOf(req, bodyLimit, 'auth') : undefined;
      return handleAuth(authContext, {
        req,
        res,
        path: path.slice('/auth/v1'.length),
        query: url.searchParams,
        body,
        address,
      });
    }
    if (path.startsWith('/rest/v1/rpc/')) {
      let name: string;
      try {
        name = decodeURIComponent(path.slice('/rest/v1/rpc/'.length));
      } catch {
        throw restError(400, 'PGRST100', 'The function name in the path is not valid percent-encoding');
      }
      if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'HEAD')
        throw restError(405, 'PGRST101', 'Only GET and POST verbs are allowed for functions');
      const profile = req.headers['content-profile'] ?? req.headers['accept-profile'];
      if (profile !== undefined && profile !== SCHEMA)
        throw restError(406, 'PGRST106', `The schema must be one of the following: ${SCHEMA}`);
      const caller = await callerFrom(req, verify);
      // Revocation: a user's token counts only while its session lives (PostgREST alone cannot know this).
      if (
        caller.role === 'authenticated' &&
        !(await sessionActive(db, String(caller.claims.session_id), sessions))
      )
        throw sessionEnded();
      const args =
        req.method === 'POST' ? await bodyOf(req, bodyLimit, 'rest') : Object.fromEntries(url.searchParams);
      if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
        throw restError(400, 'PGRST102', 'The request body must be a JSON object of named arguments');
      }
      return handleRpc(rpcContext, {
        req,
        res,
        name,
        caller,
        args: (args ?? {}) as Record<string, unknown>,
        headers: headersForSql(req, address),
      });
    }
    if (path.startsWith('/rest/v1/')) {
      const table = path.slice('/rest/v1/'.length).split('/')[0] ?? '';
      // The browser has no table access: tables live outside the exposed schema, so PostgREST would not find them.
      throw restError(
        404,
        'PGRST205',
        `Could not find the table '${SCHEMA}.${table}' in the schema cache`,
        null,
        'Only functions are exposed: call /rest/v1/rpc/<function>.',
      );
    }
    sendJson(res, 404, { message: 'no Route matched with those values' });
  }

  const server = createServer((req, res) => {
    if (applyCors(req, res, { origins: options.siteOrigins })) return;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://api.invalid');
    } catch {
      return sendJson(res, 400, { message: 'Bad request' });
    }
    route(req, res, url).catch((error: unknown) => answerError(req, res, error));
  });
  server.keepAliveTimeout = 5000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;

  return {
    server,
    keys,
    auth: { jwtExpiry: authContext.tokens.expiresIn, rateLimits: authContext.rateLimits, sessions },
    catalogue,
    close: () =>
      new Promise<void>((resolve) => {
        const done = () => void authContext.passwords.close().then(resolve, resolve);
        if (!server.listening) return done();
        server.close(done);
        server.closeIdleConnections();
        // Requests in flight get a few seconds to finish; then the sockets go.
        setTimeout(() => server.closeAllConnections(), 3000).unref();
      }),
  };
}

/** Reads a JSON body, mapping the limit and malformed JSON to the right surface's errors. */
async function bodyOf(req: IncomingMessage, limit: number, surface: 'rest' | 'auth'): Promise<unknown> {
  try {
    return parseJson(await readBody(req, limit));
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      if (surface === 'auth') throw new AuthError(413, 'request_too_large', error.message);
      throw new RestError(
        413,
        { code: 'PGRST413', message: error.message, details: null, hint: null },
        { connection: 'close' },
      );
    }
    if (error instanceof MalformedJson) {
      if (surface === 'auth')
        throw new AuthError(400, 'bad_json', `Could not parse request body as JSON: ${error.message}`);
      throw restError(400, 'PGRST102', 'Empty or invalid json', error.message);
    }
    throw error;
  }
}

function answerError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Stop reading a body we refused; the connection closes after the answer.
  if (!req.complete) res.setHeader('connection', 'close');
  if (error instanceof RestError) {
    sendJson(res, error.status, error.body, error.headers);
    return;
  }
  if (error instanceof AuthError) {
    sendAuthError(res, error);
    return;
  }
  // The database is down or restarting (a session check, the catalogue, sign-in): 503, one log line, no stack.
  if (isDatabaseUnavailable(error)) {
    logUnavailable(error);
    if (req.url?.startsWith('/auth/v1/'))
      sendAuthError(
        res,
        new AuthError(503, 'unexpected_failure', 'The database is unavailable; try again shortly.'),
      );
    else {
      const { status, body } = databaseUnavailable();
      sendJson(res, status, body);
    }
    return;
  }
  logError(`${req.method} ${(req.url ?? '').split('?')[0]}`, error);
  if (req.url?.startsWith('/auth/v1/')) {
    const message = 'Unexpected failure, please check server logs for more information';
    sendAuthError(res, new AuthError(500, 'unexpected_failure', message));
    return;
  }
  const { status, body } = internalError();
  sendJson(res, status, body);
}
