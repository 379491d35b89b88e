/** The server implementation of `Db`: a `pg.Pool` on a PostgreSQL URL. */
import pg from 'pg';
import type { Db, Tx } from './adapter.ts';
import { parserFor } from './parsers.ts';

/** Our parsers first, then pg's defaults; set on this pool only (never on pg's global `types`). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format === 'text' || format === undefined ? parserFor(oid) : undefined) ??
    pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Pool size: `DB_POOL_SIZE` when it is a positive integer, else 10. */
export function poolSize(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.DB_POOL_SIZE);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

/** Opens a pool on `connectionString`. Every session runs with TimeZone = UTC. */
export function openPostgres(connectionString: string, max = poolSize()): Db & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max, types, options: '-c TimeZone=UTC' });
  // An idle client that errors (e.g. the server restarts) must not crash the process; the pool drops it.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    pool,
    query: async <T>(sql: string, params?: unknown[]) => ({
      rows: (await pool.query(sql, params)).rows as T[],
    }),
    exec: async (sql: string) => void (await pool.query(sql)),
    async transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
      const client = await pool.connect();
      let broken = false;
      // Checked out, the client has no pool listener: a server error between statements must not go uncaught.
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query('begin');
        const result = await fn({
          query: async <T>(sql: string, params?: unknown[]) => ({
            rows: (await client.query(sql, params)).rows as T[],
          }),
          exec: async (sql: string) => void (await client.query(sql)),
        });
        await client.query('commit');
        return result;
      } catch (error) {
        try {
          await client.query('rollback');
        } catch {
          broken = true; // the connection itself failed: do not hand it out again
        }
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
