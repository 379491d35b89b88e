/**
 * The function catalogue (PostgREST's "schema cache" for RPC): the signature of every function in the exposed
 * schema, read from pg_catalog once and kept in memory, so a call never queries pg_proc. `reload()` after
 * migrations; a call to an unknown name triggers at most one reload per second before answering 404.
 */
import type { Db } from '../db/adapter.ts';

export interface FunctionArg {
  name: string;
  /** Fully qualified type, e.g. `integer`, `text[]`, `app.lecture_status`. */
  type: string;
  required: boolean;
}

export interface FunctionInfo {
  schema: string;
  name: string;
  args: FunctionArg[];
  /** STABLE or IMMUTABLE: run in a READ ONLY transaction. */
  readOnly: boolean;
  returnsSet: boolean;
  /** The result is a row (composite type, OUT parameters or RETURNS TABLE): answered as an object. */
  returnsRow: boolean;
  returnsVoid: boolean;
}

// search_path is '' while this runs, so regtype::text qualifies every type outside pg_catalog.
const CATALOGUE_SQL = `
select p.proname as name,
       p.provolatile in ('s', 'i') as read_only,
       p.proretset as returns_set,
       p.prorettype = 'pg_catalog.void'::pg_catalog.regtype as returns_void,
       (t.typtype = 'c' or p.prorettype = 'pg_catalog.record'::pg_catalog.regtype
         or coalesce('t' = any (p.proargmodes), false)) as returns_row,
       p.pronargdefaults as n_defaults,
       coalesce((
         select pg_catalog.json_agg(pg_catalog.json_build_object('name', a.name, 'type', a.typ::pg_catalog.regtype::text) order by a.ord)
         from rows from (pg_catalog.unnest(coalesce(p.proallargtypes, p.proargtypes::pg_catalog.oid[])),
                         pg_catalog.unnest(coalesce(p.proargmodes, pg_catalog.array_fill('i'::"char", array[p.pronargs::int]))),
                         pg_catalog.unnest(p.proargnames))
              with ordinality as a(typ, mode, name, ord)
         where a.mode in ('i', 'b', 'v')
       ), '[]'::pg_catalog.json) as args
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
join pg_catalog.pg_type t on t.oid = p.prorettype
where n.nspname = $1 and p.prokind = 'f'`;

interface CatalogueRow {
  name: string;
  read_only: boolean;
  returns_set: boolean;
  returns_void: boolean;
  returns_row: boolean;
  n_defaults: number;
  args: RawArg[] | string;
}

interface RawArg {
  name: string | null;
  type: string;
}

export interface Catalogue {
  /** Every overload of `name`, from the cache (reloading once if the name is unknown). */
  lookup(name: string): Promise<FunctionInfo[]>;
  reload(): Promise<void>;
}

async function loadFunctions(db: Db, schema: string): Promise<Map<string, FunctionInfo[]>> {
  const rows = await db.transaction(async (tx) => {
    await tx.exec(`set local search_path = ''`);
    return (await tx.query<CatalogueRow>(CATALOGUE_SQL, [schema])).rows;
  });
  const byName = new Map<string, FunctionInfo[]>();
  for (const row of rows) {
    const raw: RawArg[] = typeof row.args === 'string' ? (JSON.parse(row.args) as RawArg[]) : row.args;
    const firstOptional = raw.length - Number(row.n_defaults);
    // Unnamed arguments cannot be passed by name; PostgREST cannot call such functions either.
    if (raw.some((a) => !a.name)) continue;
    const info: FunctionInfo = {
      schema,
      name: row.name,
      args: raw.map((a, i) => ({ name: a.name as string, type: a.type, required: i < firstOptional })),
      readOnly: row.read_only,
      returnsSet: row.returns_set,
      returnsRow: row.returns_row,
      returnsVoid: row.returns_void,
    };
    byName.set(row.name, [...(byName.get(row.name) ?? []), info]);
  }
  return byName;
}

export function createCatalogue(db: Db, schema = 'public'): Catalogue {
  let functions: Map<string, FunctionInfo[]> | undefined;
  let loading: Promise<void> | undefined;
  let loadedAt = 0;
  // Concurrent reloads share one query; a failed one leaves the previous catalogue in place.
  const reload = () =>
    (loading ??= loadFunctions(db, schema)
      .then((loaded) => {
        functions = loaded;
        loadedAt = Date.now();
      })
      .finally(() => {
        loading = undefined;
      }));
  return {
    reload,
    async lookup(name) {
      if (!functions) await reload();
      let found = functions?.get(name);
      if (!found && Date.now() - loadedAt > 1000) {
        await reload();
        found = functions?.get(name);
      }
      return found ?? [];
    },
  };
}
