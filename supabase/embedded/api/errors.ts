/**
 * PostgREST's error responses: a `{code, message, details, hint}` body, with the HTTP status PostgREST derives
 * from the SQLSTATE (https://postgrest.org/en/stable/references/errors.html) — so site code handles errors from
 * the embedded API and from Supabase the same way.
 */

export interface RestErrorBody {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

/** An error the API answers with as is: a status, a PostgREST-shaped body and optional extra headers. */
export class RestError extends Error {
  status: number;
  body: RestErrorBody;
  headers: Record<string, string>;
  constructor(status: number, body: RestErrorBody, headers: Record<string, string> = {}) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export function restError(
  status: number,
  code: string,
  message: string,
  details: string | null = null,
  hint: string | null = null,
): RestError {
  return new RestError(status, { code, message, details, hint });
}

/**
 * HTTP status for a SQLSTATE, as PostgREST's table maps it (docs: references/errors, "HTTP Status Codes").
 * `authenticated`: the caller's role is not anon.
 */
export function statusForSqlState(code: string, authenticated: boolean): number {
  // A custom SQLSTATE PTnnn asks for HTTP nnn (PostgREST reads the digits; anything unreadable is 500). The
  // functions raise these for every refusal a request can cause (docs/database.md, "Errors").
  if (code.startsWith('PT')) {
    const digits = code.slice(2);
    const status = /^[0-9]{3}$/.test(digits) ? Number(digits) : Number.NaN;
    return status >= 100 && status <= 599 ? status : 500;
  }
  switch (code) {
    case '23503':
    case '23505':
      return 409;
    case '25006':
      return 405;
    case '42883':
    case '42P01':
      return 404;
    case '42P17':
    case '53400':
      return 500;
    case '42501':
      return authenticated ? 403 : 401;
    case 'P0001':
      return 400;
  }
  const prefix = code.slice(0, 2);
  switch (prefix) {
    case '08':
    case '53':
      return 503;
    case '0L':
    case '0P':
    case '28':
      return 403;
    case '09':
    case '25':
    case '2D':
    case '38':
    case '39':
    case '3B':
    case '40':
    case '54':
    case '55':
    case '57':
    case '58':
    case 'F0':
    case 'HV':
    case 'P0':
    case 'XX':
      return 500;
  }
  return 400;
}

interface PgErrorLike {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  hint?: unknown;
}

/** True for errors raised by the database (both pg and PGlite expose `code` as a five-character SQLSTATE). */
function isPgError(error: unknown): error is PgErrorLike & { code: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as PgErrorLike).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as PgErrorLike).code as string) &&
    // A Node system error (EPIPE, EBADF: five capitals, like a SQLSTATE) names its syscall; a database error never does.
    !('syscall' in error)
  );
}

/**
 * Logs an error without the data that came with it. A database error is logged as its SQLSTATE and message only:
 * drivers attach the statement and its parameters (a password, a phone number) to their errors. Anything else is
 * a bug of ours and is logged with its stack.
 */
export function logError(
  context: string,
  error: unknown,
  log: (line: string) => void = (line) => console.error(line),
): void {
  if (isPgError(error))
    log(`embedded API: ${context}: database error ${error.code}: ${String(error.message ?? '')}`);
  else
    log(
      `embedded API: ${context}: ${error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : typeof error}`,
    );
}

/** Socket errors of a connection attempt or a connection that broke (errno code, syscall). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down). */
const DOWN_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/**
 * True when the database is down, restarting or unreachable — not a bug and not the caller's doing: a connection
 * refused or broken, a server shutting down or starting up (57P01–57P03), a connection exception (class 08), or
 * pg's own "Connection terminated" / connect timeout.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (isPgError(error)) return DOWN_SQLSTATES.has(error.code) || error.code.startsWith('08');
  const e = error as { code?: unknown; syscall?: unknown; message?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code) && typeof e.syscall === 'string') return true;
  return /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(
    String(e.message ?? ''),
  );
}

let unavailableLoggedAt = 0;
let unavailableSince = 0;
/**
 * One line (no stack) when the database is unavailable; while it stays down, at most one line per 10 s, counting
 * the calls answered 503 in between.
 */
export function logUnavailable(
  error: unknown,
  log: (line: string) => void = (line) => console.error(line),
  now = Date.now(),
): void {
  if (now - unavailableLoggedAt < 10_000) {
    unavailableSince++;
    return;
  }
  const e = error as { code?: unknown; message?: unknown };
  const more = unavailableSince ? ` (${unavailableSince} more calls answered 503 since the last line)` : '';
  log(
    `embedded API: database unavailable, answering 503: ${String(e.code ?? '')} ${String(e.message ?? '')}`.trim() +
      more,
  );
  unavailableLoggedAt = now;
  unavailableSince = 0;
}

/** PostgREST's answer while it cannot reach the database: 503 PGRST000. */
export function databaseUnavailable(): RestError {
  return restError(
    503,
    'PGRST000',
    'Could not connect with the database due to an incorrect db-uri or due to the PostgreSQL service not running.',
  );
}

/** The answer to an error that is not the caller's: 500 without details (the log has them). */
export function internalError(): RestError {
  return restError(500, 'PGRST000', 'Internal server error');
}

/**
 * Turns a database error into PostgREST's response; anything else is logged (with its stack) and becomes a 500
 * without internals. Server-side database failures (5xx) are logged as SQLSTATE and message.
 */
export function fromDatabaseError(error: unknown, authenticated: boolean): RestError {
  if (isDatabaseUnavailable(error)) {
    logUnavailable(error);
    return databaseUnavailable();
  }
  if (!isPgError(error)) {
    logError('unexpected error', error);
    return internalError();
  }
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const status = statusForSqlState(error.code, authenticated);
  if (status >= 500) logError('function call failed', error);
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
  return new RestError(
    status,
    {
      code: error.code,
      message: String(error.message ?? ''),
      details: text(error.detail),
      hint: text(error.hint),
    },
    headers,
  );
}

/** The token verified, but its session was signed out, expired or revoked (server.ts checks on every call). */
export function sessionEnded(): RestError {
  return new RestError(
    401,
    {
      code: 'PGRST303',
      message: 'JWT session has ended (signed out, expired or revoked)',
      details: null,
      hint: 'Sign in again.',
    },
    { 'www-authenticate': 'Bearer error="invalid_token", error_description="session ended"' },
  );
}

/** The JWT could not be verified (bad signature, expired, malformed): 401 PGRST301 as PostgREST answers. */
export function jwtError(reason: string): RestError {
  return new RestError(
    401,
    { code: 'PGRST301', message: reason, details: null, hint: null },
    { 'www-authenticate': `Bearer error="invalid_token", error_description="${reason.replace(/"/g, "'")}"` },
  );
}
