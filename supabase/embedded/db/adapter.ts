/**
 * The one database interface the embedded API and the tests use. Two implementations: PGlite (embedded, on disk,
 * `pglite.ts`) and a real PostgreSQL through a pool (`postgres.ts`); `open.ts` picks one.
 *
 * Rows come back the same from both (see `parsers.ts`): json/jsonb parsed; timestamptz as ISO 8601 strings in UTC
 * (`2026-06-01T08:00:00.123456+00:00`, as `to_json` writes them); timestamp and date as strings; int8 as a number
 * when it is a safe integer, else a string; numeric as a string. Errors are thrown as they come from the server,
 * with `code` (SQLSTATE), `message`, `detail` and `hint`.
 */

/** What one statement returns. */
export interface QueryResult<T> {
  rows: T[];
}

/** A transaction: every statement runs on the same connection, between BEGIN and COMMIT. */
export interface Tx {
  /** One statement, with `$1…` parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Several statements separated by `;`, no parameters. */
  exec(sql: string): Promise<void>;
}

export interface Db extends Tx {
  kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK (and rethrow) when it throws.
   * PGlite runs one transaction at a time; PostgreSQL holds one pooled client for the duration.
   */
  transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R>;
  /** Closes PGlite (flushing it to disk) or ends the pool. */
  close(): Promise<void>;
}
