/**
 * `GET|POST /rest/v1/rpc/<fn>`: PostgREST's RPC. Each call is one transaction that first sets, locally,
 * `request.jwt.claims`, `request.headers`, the search path and the role's statement timeout (READ ONLY for
 * STABLE/IMMUTABLE functions and for GET), then calls the function with named arguments through the gateway
 * `embedded_api.call_as_<role>` (supabase/bootstrap/30_authenticator.sql): a security definer function owned by the
 * caller's role, so the call runs as that role and cannot `set role`, `reset role` or `set session authorization`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/adapter.ts';
import { callSql, chooseOverload } from './call-sql.ts';
import { API_ROLES, type Caller } from './caller.ts';
import type { Catalogue, FunctionInfo } from './catalogue.ts';
import { fromDatabaseError, restError, RestError } from './errors.ts';
import { sendJsonText } from './http.ts';
import { literal, simpleQueryOf } from './simple-query.ts';

export interface RpcContext {
  db: Db;
  catalogue: Catalogue;
  /** Per-role `statement_timeout` (PostgreSQL only: PGlite cannot interrupt a running statement). */
  statementTimeouts: Partial<Record<string, string>>;
  /** The schema supabase-js asks for (Content-Profile / Accept-Profile); the only one exposed. */
  schema: string;
}

export interface RpcRequest {
  req: IncomingMessage;
  res: ServerResponse;
  name: string;
  caller: Caller;
  /** Named arguments: the JSON body (POST) or the query string (GET). */
  args: Record<string, unknown>;
  /** The client address, already placed in `headers['x-forwarded-for']`. */
  headers: Record<string, string>;
}

const SETUP_SQL = `select pg_catalog.set_config('transaction_read_only', $1, true),
  pg_catalog.set_config('request.jwt.claims', $2, true),
  pg_catalog.set_config('request.headers', $3, true),
  pg_catalog.set_config('request.method', $4, true),
  pg_catalog.set_config('request.path', $5, true),
  pg_catalog.set_config('search_path', $6, true)`;
/** The settings of SETUP_SQL, in order (the simple path writes the same ones as literals). */
const SETTINGS = [
  'transaction_read_only',
  'request.jwt.claims',
  'request.headers',
  'request.method',
  'request.path',
  'search_path',
  'statement_timeout',
];
const SETUP_TIMEOUT_SQL = `${SETUP_SQL}, pg_catalog.set_config('statement_timeout', $7, true)`;

/** The gateway function that runs a call as `role` (one of API_ROLES, so the name is known and safe). */
function gateway(role: string): string {
  if (!(API_ROLES as readonly string[]).includes(role)) throw new Error(`not an API role: ${role}`);
  return `embedded_api."call_as_${role}"`;
}

/** What one call needs besides the function: who calls, with what, and how. */
export interface CallInput {
  caller: Caller;
  args: Record<string, unknown>;
  /** The argument names, sorted (a subset of the function's parameters). */
  given: string[];
  headers: Record<string, string>;
  method: string;
  readOnly: boolean;
}

/** What a call answered: the JSON text of its result (null for void) and the status it asked for, if any. */
export interface CallResult {
  body: string | null;
  /**
   * `response.status` as the function left it (PostgREST's way for a function to choose the HTTP status without
   * raising, so what it wrote commits — e.g. the attempt a refusal counted); null when not set or not a status.
   */
  status: number | null;
}

const RESPONSE_STATUS_SQL = `select pg_catalog.current_setting('response.status', true) as status`;

function responseStatus(value: unknown): number | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!/^[0-9]{3}$/.test(text)) return null;
  const status = Number(text);
  return status >= 100 && status <= 599 ? status : null;
}

/**
 * The database side of a call, in one transaction: the local settings, then the function, then `response.status`.
 * Database errors propagate as thrown.
 */
export async function runCall(
  ctx: Pick<RpcContext, 'db' | 'schema' | 'statementTimeouts'>,
  fn: FunctionInfo,
  input: CallInput,
): Promise<CallResult> {
  const timeout = ctx.db.kind === 'postgres' ? ctx.statementTimeouts[input.caller.role] : undefined;
  const setup = [
    input.readOnly ? 'on' : 'off',
    JSON.stringify(input.caller.claims),
    JSON.stringify(input.headers),
    input.method,
    `/rpc/${fn.name}`,
    `${ctx.schema}, extensions`,
  ];
  if (timeout) setup.push(timeout);
  const args = JSON.stringify(input.args);
  // The call's SQL reads its arguments from $1, which the gateway binds to `args`.
  const call = callSql(fn, input.given);
  const simple = simpleQueryOf(ctx.db);
  if (simple) {
    // One message, one implicit transaction: the settings, then the call (see simple-query.ts).
    const settings = SETTINGS.slice(0, setup.length).map(
      (name, i) => `pg_catalog.set_config('${name}', ${literal(setup[i]!)}, true)`,
    );
    // concat() makes the first statement answer one small value instead of echoing every setting back.
    const results = await simple(
      `select pg_catalog.length(pg_catalog.concat(${settings.join(', ')})); select ${gateway(input.caller.role)}(${literal(call)}, ${literal(args)}) as body; ${RESPONSE_STATUS_SQL}`,
    );
    return {
      body: (results.at(-2)?.rows[0]?.body as string | null | undefined) ?? null,
      status: responseStatus(results.at(-1)?.rows[0]?.status),
    };
  }
  return ctx.db.transaction(async (tx) => {
    await tx.query(timeout ? SETUP_TIMEOUT_SQL : SETUP_SQL, setup);
    const { rows } = await tx.query<{ body: string | null }>(
      `select ${gateway(input.caller.role)}($1, $2::pg_catalog.json) as body`,
      [call, args],
    );
    const set = await tx.query<{ status: string | null }>(RESPONSE_STATUS_SQL);
    return { body: rows[0]?.body ?? null, status: responseStatus(set.rows[0]?.status) };
  });
}

export async function handleRpc(ctx: RpcContext, call: RpcRequest): Promise<void> {
  const { req, res, name, caller } = call;
  const method = req.method ?? 'GET';
  const overloads = await ctx.catalogue.lookup(name);
  const given = Object.keys(call.args).sort();
  const fn = chooseOverload(overloads, given);
  if (fn === 'none') {
    const shown = given.length ? `with parameters ${given.join(', ')}` : 'without parameters';
    throw restError(
      404,
      'PGRST202',
      `Could not find the function ${ctx.schema}.${name}(${given.join(', ')}) in the schema cache`,
      `Searched for the function ${ctx.schema}.${name} ${shown}, but no matches were found in the schema cache.`,
      'If a new function was created in the database with this name and parameters, try reloading the schema cache.',
    );
  }
  if (fn === 'ambiguous')
    throw restError(
      300,
      'PGRST203',
      `Could not choose the best candidate function between overloads of ${ctx.schema}.${name}`,
      null,
      'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    );
  const readOnly = fn.readOnly || method === 'GET' || method === 'HEAD';
  if (method !== 'POST') queryStringJson(fn.args, call.args);
  let result: CallResult;
  try {
    result = await runCall(ctx, fn, {
      caller,
      args: call.args,
      given,
      headers: call.headers,
      method,
      readOnly,
    });
  } catch (error) {
    throw fromDatabaseError(error, caller.role !== 'anon');
  }
  if (result.status !== null) {
    // The function chose the status (response.status), as PostgREST answers it: that status, its body as is.
    if (method === 'HEAD' || fn.returnsVoid) res.writeHead(result.status).end();
    else sendJsonText(res, result.status, result.body ?? 'null');
    return;
  }
  if (fn.returnsVoid) {
    res.writeHead(204).end();
    return;
  }
  const body = singular(req, result.body ?? 'null');
  if (method === 'HEAD') res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end();
  else sendJsonText(res, 200, body);
}

/** Query-string values are text; a json/jsonb parameter's text is JSON itself, as PostgREST reads it. */
function queryStringJson(params: { name: string; type: string }[], args: Record<string, unknown>): void {
  for (const p of params) {
    const value = args[p.name];
    if ((p.type === 'json' || p.type === 'jsonb') && typeof value === 'string') {
      try {
        args[p.name] = JSON.parse(value);
      } catch {
        /* not JSON: left as a string, the database reports it */
      }
    }
  }
}

/** `Accept: application/vnd.pgrst.object+json` (supabase-js `.single()`): exactly one row, as an object. */
function singular(req: IncomingMessage, body: string): string {
  if (
    !String(req.headers.accept ?? '').includes('application/vnd.pgrst.object+json') ||
    !body.startsWith('[')
  )
    return body;
  const rows = JSON.parse(body) as unknown[];
  if (rows.length !== 1)
    throw new RestError(406, {
      code: 'PGRST116',
      message: 'JSON object requested, multiple (or no) rows returned',
      details: `The result contains ${rows.length} rows`,
      hint: null,
    });
  return JSON.stringify(rows[0]);
}
