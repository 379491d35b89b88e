/**
 * Several statements with bound parameters in ONE round trip and one implicit transaction: the extended query
 * protocol's Parse/Bind/Execute for each statement, then a single Sync (PostgreSQL runs everything before a Sync as
 * one implicit transaction: `set_config(…, true)` in the first statement holds for the next, an error rolls all back).
 *
 * Why not a simple-protocol query with the values written in as literals (what this replaced): the server logs the
 * text of a failing statement (`log_min_error_statement = error`, PostgreSQL's default), so a name, phone number or
 * code written into the SQL ended up in the server's log. With bound parameters the log holds only `$1`, `$2`; the
 * values are never logged on error (`log_parameter_max_length_on_error = 0`, the default). See docs/deploy.md.
 *
 * PGlite: the messages go in one `execProtocol` call, under both of PGlite's locks (so no other query or transaction
 * can interleave). PostgreSQL: a pg "submittable" that writes the messages on a pooled client's connection.
 * Parameters and results are text.
 */
import type { Db } from '../db/adapter.ts';

export interface Statement {
  text: string;
  /** Parameter type OIDs (0: let the server infer). */
  types: number[];
  values: (string | null)[];
}

/** Each statement's rows, each row its fields as text. */
export type PipelineResult = (string | null)[][][];
export type Pipeline = (statements: Statement[]) => Promise<PipelineResult>;

export const OID = { text: 25, json: 114 } as const;

// ---- The frontend messages (https://www.postgresql.org/docs/current/protocol-message-formats.html) -----------

class Writer {
  private chunks: Buffer[] = [];
  message(type: string, body: Buffer[]): void {
    const length = body.reduce((n, b) => n + b.length, 4);
    const head = Buffer.alloc(5);
    head.write(type, 0, 'latin1');
    head.writeInt32BE(length, 1);
    this.chunks.push(head, ...body);
  }
  bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }
}

const cstring = (s: string) => Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);
const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/** Parse/Bind/Execute per statement (unnamed statement and portal, text formats), then Sync. */
function pipelineMessages(statements: Statement[]): Uint8Array {
  const w = new Writer();
  for (const st of statements) {
    if (st.text.includes('\0')) throw new Error('NUL in SQL text');
    w.message('P', [cstring(''), cstring(st.text), int16(st.types.length), ...st.types.map(int32)]);
    const values = st.values.flatMap((v) => {
      if (v === null) return [int32(-1)];
      const b = Buffer.from(v, 'utf8');
      return [int32(b.length), b];
    });
    w.message('B', [cstring(''), cstring(''), int16(0), int16(st.values.length), ...values, int16(0)]);
    w.message('E', [cstring(''), int32(0)]);
  }
  w.message('S', []);
  return w.bytes();
}

// ---- PGlite -----------------------------------------------------------------------------------------------

interface PgliteLike {
  execProtocol(
    message: Uint8Array,
    options?: { throwOnError?: boolean },
  ): Promise<{ messages: { name: string; fields?: (string | null)[] }[] }>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
}

function pglitePipeline(pg: PgliteLike): Pipeline {
  return (statements) =>
    pg._runExclusiveTransaction(() =>
      pg._runExclusiveQuery(async () => {
        // Throws the server's error (a DatabaseError with code, detail…) after reading up to ReadyForQuery.
        const { messages } = await pg.execProtocol(pipelineMessages(statements));
        const result: PipelineResult = [[]];
        for (const m of messages) {
          if (m.name === 'dataRow') result.at(-1)!.push(m.fields ?? []);
          else if (m.name === 'commandComplete') result.push([]);
        }
        result.pop();
        return result;
      }),
    );
}

// ---- node-postgres ----------------------------------------------------------------------------------------

interface PgConnection {
  parse(q: { text: string; types: number[] }): void;
  bind(c: { values: (string | null)[] }): void;
  execute(c: object): void;
  sync(): void;
  stream: { cork?: () => void; uncork?: () => void };
}

/** A pg "submittable" (the interface pg-cursor uses): pg calls submit() when the client is free, then the handlers. */
class PipelinedQuery {
  private rows: PipelineResult = [[]];
  private error: unknown;
  private settled = false;
  readonly done: Promise<PipelineResult>;
  private resolve!: (r: PipelineResult) => void;
  private reject!: (e: unknown) => void;
  private statements: Statement[];
  constructor(statements: Statement[]) {
    this.statements = statements;
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
  submit(connection: PgConnection): null {
    connection.stream.cork?.();
    try {
      for (const st of this.statements) {
        connection.parse({ text: st.text, types: st.types });
        connection.bind({ values: st.values });
        connection.execute({});
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }
  handleRowDescription(): void {}
  handleDataRow(msg: { fields: (string | null)[] }): void {
    this.rows.at(-1)!.push(msg.fields);
  }
  handleCommandComplete(): void {
    this.rows.push([]);
  }
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
  handleCopyData(): void {}
  handleError(error: unknown): void {
    // The server skips to the Sync and answers ReadyForQuery; pg forgets this query at the error, so settle now.
    this.error = error;
    this.finish();
  }
  handleReadyForQuery(): void {
    this.finish();
  }
  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.error !== undefined) this.reject(this.error);
    else {
      this.rows.pop();
      this.resolve(this.rows);
    }
  }
}

interface PoolLike {
  connect(): Promise<{
    query(q: unknown): unknown;
    release(destroy?: boolean | Error): void;
    on(event: 'error', fn: (error: unknown) => void): unknown;
    off(event: 'error', fn: (error: unknown) => void): unknown;
  }>;
}

function pgPipeline(pool: PoolLike): Pipeline {
  return async (statements) => {
    const client = await pool.connect();
    const q = new PipelinedQuery(statements);
    let broken = false;
    // While checked out, the pool does not listen: an error the server sends outside the query (it shuts down
    // between two calls) must not become an uncaught exception. The connection is then dropped, not reused.
    let lost: unknown;
    const onError = (error: unknown) => {
      lost = error;
    };
    client.on('error', onError);
    try {
      client.query(q);
      const rows = await q.done;
      if (lost !== undefined) throw lost;
      return rows;
    } catch (error) {
      // A server error leaves the connection usable; anything else (the connection failed) does not.
      // (A FATAL one — the server shutting down — ends the connection too.)
      const severity = (error as { severity?: unknown }).severity;
      broken =
        !(typeof (error as { code?: unknown }).code === 'string' && typeof severity === 'string') ||
        severity === 'FATAL' ||
        severity === 'PANIC';
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken || lost !== undefined);
    }
  };
}

/** The pipeline of `db`'s driver (`pglite` or `pool`), or undefined for any other Db. */
export function pipelineOf(db: Db): Pipeline | undefined {
  const { pglite, pool } = db as Db & { pglite?: PgliteLike; pool?: PoolLike };
  if (db.kind === 'pglite' && pglite) return pglitePipeline(pglite);
  if (db.kind === 'postgres' && pool) return pgPipeline(pool);
  return undefined;
}
