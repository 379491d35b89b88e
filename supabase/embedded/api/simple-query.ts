/**
 * One round trip per call. A simple-protocol query holding several statements runs them as ONE implicit
 * transaction (committed together, rolled back together on error), so `set_config(…, true)` in the first statement
 * holds for the call in the second — and each statement is parsed, checked and planned only after the previous one
 * ran, so EXECUTE is checked as the role just set. PGlite answers such a query ~4× cheaper than BEGIN + two
 * extended-protocol queries + COMMIT, PostgreSQL in one round trip instead of four.
 *
 * Both Db implementations expose their driver (`pglite`, `pool`); any other Db gets `undefined` and the caller
 * falls back to `db.transaction`. Values go in as escaped literals: `literal()` is the only way in.
 */
import type { Db } from '../db/adapter.ts';

export type SimpleQuery = (sql: string) => Promise<{ rows: Record<string, unknown>[] }[]>;

interface WithDrivers {
  pglite?: { exec(sql: string): Promise<{ rows: Record<string, unknown>[] }[]> };
  pool?: {
    query(sql: string): Promise<{ rows: Record<string, unknown>[] } | { rows: Record<string, unknown>[] }[]>;
  };
}

export function simpleQueryOf(db: Db): SimpleQuery | undefined {
  const { pglite, pool } = db as Db & WithDrivers;
  if (db.kind === 'pglite' && pglite) return (sql) => pglite.exec(sql);
  if (db.kind === 'postgres' && pool) {
    return async (sql) => {
      const result = await pool.query(sql);
      return Array.isArray(result) ? result : [result];
    };
  }
  return undefined;
}

/**
 * A string literal that means `text` whatever standard_conforming_strings says: E'…' with backslashes and quotes
 * escaped. Refuses NUL, which PostgreSQL text cannot hold.
 */
export function literal(text: string): string {
  if (text.includes('\0')) throw new Error('NUL in a SQL literal');
  return `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
