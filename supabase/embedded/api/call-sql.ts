/**
 * The SQL for one function call, the way PostgREST builds it: named arguments taken from a JSON object through
 * `json_to_record` (so each value is converted by its parameter's type), and the result serialised by the
 * database as the JSON PostgREST answers with — scalar → value, set → array, row → object.
 */
import type { FunctionInfo } from './catalogue.ts';

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const cache = new WeakMap<FunctionInfo, Map<string, [string, string]>>();

/**
 * `select … as body` for calling `fn` with the arguments named in `given` (a subset of its parameters that
 * includes every required one); `args` is the SQL expression of the JSON object of argument values (`$1` or a
 * literal). `body` is JSON text, or NULL for void.
 */
export function callSql(fn: FunctionInfo, given: string[], args = '$1'): string {
  const [before, after] = callSqlParts(fn, given);
  return given.length ? before + args + after : before;
}

/** The call's SQL split around the place of the arguments expression (cached per function and argument set). */
function callSqlParts(fn: FunctionInfo, given: string[]): [string, string] {
  const key = given.join('\u0000');
  let perFn = cache.get(fn);
  const hit = perFn?.get(key);
  if (hit) return hit;
  const args = fn.args.filter((a) => given.includes(a.name));
  const call = `${ident(fn.schema)}.${ident(fn.name)}(${args.map((a) => `${ident(a.name)} := _a.${ident(a.name)}`).join(', ')})`;
  // NUL marks where the arguments expression goes: PostgreSQL names cannot contain it, so it occurs only there.
  const record = args.length
    ? `pg_catalog.json_to_record(\0::pg_catalog.json) as _a(${args.map((a) => `${ident(a.name)} ${a.type}`).join(', ')})`
    : '';
  // FROM list: the argument record (if any), then the call, lateral so it can read the arguments.
  const from = (source: string) =>
    record ? `from ${record} cross join lateral ${source}` : `from ${source}`;
  let sql: string;
  if (fn.returnsVoid) sql = `select ${call}, null::text as body ${record ? `from ${record}` : ''}`;
  else if (fn.returnsRow && fn.returnsSet)
    sql = `select coalesce(pg_catalog.json_agg(_r), '[]')::text as body ${from(`(select * from ${call}) as _r`)}`;
  else if (fn.returnsRow)
    sql = `select pg_catalog.to_json(_r)::text as body ${from(`(select * from ${call}) as _r`)}`;
  else if (fn.returnsSet)
    sql = `select coalesce(pg_catalog.json_agg(_r.v), '[]')::text as body ${from(`${call} as _r(v)`)}`;
  else sql = `select pg_catalog.to_json(${call})::text as body ${record ? `from ${record}` : ''}`;
  const at = sql.indexOf('\0');
  const parts: [string, string] = at < 0 ? [sql, ''] : [sql.slice(0, at), sql.slice(at + 1)];
  if (!perFn) {
    perFn = new Map();
    cache.set(fn, perFn);
  }
  perFn.set(key, parts);
  return parts;
}

/** The overload PostgREST would pick for these argument names, or why none fits. */
export function chooseOverload(
  overloads: FunctionInfo[],
  given: string[],
): FunctionInfo | 'none' | 'ambiguous' {
  const fits = overloads.filter(
    (fn) =>
      given.every((g) => fn.args.some((a) => a.name === g)) &&
      fn.args.every((a) => !a.required || given.includes(a.name)),
  );
  if (fits.length === 0) return 'none';
  if (fits.length === 1) return fits[0]!;
  // Prefer the overload whose parameters are exactly the given ones.
  const exact = fits.filter((fn) => fn.args.length === given.length);
  return exact.length === 1 ? exact[0]! : 'ambiguous';
}
