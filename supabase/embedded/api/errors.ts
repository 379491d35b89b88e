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

export function restError(status: number, code: string, message: string, details: string | null = null, hint: string | null = null): RestError {
  return new RestError(status, { code, message, details, hint });
}

/** HTTP status for a SQLSTATE, as PostgREST maps it. `authenticated`: the caller's role is not anon. */
export function statusForSqlState(code: string, authenticated: boolean): number {
  switch (code) {
    case '23503':
    case '23505':
      return 409;
    case '25006':
      return 405;
    case '42883':
    case '42P01':
      return 404;
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
    case '54':
      return 413;
    case '09':
    case '25':
    case '2D':
    case '38':
    case '39':
    case '3B':
    case '40':
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
export function isPgError(error: unknown): error is PgErrorLike & { code: string } {
  return typeof error === 'object' && error !== null && typeof (error as PgErrorLike).code === 'string' && /^[0-9A-Z]{5}$/.test((error as PgErrorLike).code as string);
}

/** Turns a database error into PostgREST's response; anything else becomes a 500 without internals. */
export function fromDatabaseError(error: unknown, authenticated: boolean): RestError {
  if (!isPgError(error)) return restError(500, 'PGRST000', 'Internal server error');
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const status = statusForSqlState(error.code, authenticated);
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
  return new RestError(status, { code: error.code, message: String(error.message ?? ''), details: text(error.detail), hint: text(error.hint) }, headers);
}

/** The JWT could not be verified (bad signature, expired, malformed): 401 PGRST301 as PostgREST answers. */
export function jwtError(reason: string): RestError {
  return new RestError(401, { code: 'PGRST301', message: reason, details: null, hint: null }, { 'www-authenticate': `Bearer error="invalid_token", error_description="${reason.replace(/"/g, "'")}"` });
}
