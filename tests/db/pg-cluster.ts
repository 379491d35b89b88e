/**
 * A throwaway PostgreSQL 15 cluster for the database tests: initdb (once, then copied) + pg_ctl from Debian's postgresql-15, in a temp
 * folder, run by an unprivileged user (when we are root: the `postgres` system user), listening only on a unix
 * socket inside that folder and on 127.0.0.1 at a free port. `stop()` shuts it down (`pg_ctl stop -m fast`) and
 * deletes the folder.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pgLib from 'pg';

export interface PgBinaries {
  /** Folder with initdb, pg_ctl and postgres. */
  bin: string;
  /** The command prefix that runs them as an unprivileged user ([] when we are not root). */
  runAs: string[];
  /** uid/gid that must own the cluster folder (undefined when we are not root). */
  owner?: { uid: number; gid: number };
}

export interface Cluster {
  port: number;
  /** A connection URL (unix socket, trust auth, user postgres) for `database`. */
  url(database: string): string;
  /** Creates an empty database `name` (as the superuser) and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** The server's log (stderr, as `pg_ctl -l` writes it). */
  logFile: string;
  /** The folder of the server's unix socket. */
  socketDir: string;
  /** Stops the server (`pg_ctl stop -m fast`) without deleting it; `start()` starts it again on the same port. */
  pause(): void;
  start(): void;
  stop(): void;
}

const FALLBACK_BIN = '/usr/lib/postgresql/15/bin';

/** Where postgresql-15's binaries are: $PG_BIN, else `dpkg -L postgresql-15`, else the Debian path. */
function findBin(): string | undefined {
  const dpkg = spawnSync('dpkg', ['-L', 'postgresql-15'], { encoding: 'utf8' });
  const fromDpkg =
    dpkg.status === 0 ? dpkg.stdout.split('\n').find((l) => l.endsWith('/bin/initdb')) : undefined;
  const candidates = [process.env.PG_BIN, fromDpkg?.replace(/\/initdb$/, ''), FALLBACK_BIN];
  return candidates.find(
    (dir) => dir && ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b))),
  );
}

/** The binaries and how to run them, or the reason they cannot be used here. */
export function findPostgres(): PgBinaries | { missing: string } {
  const bin = findBin();
  if (!bin)
    return {
      missing: `no PostgreSQL 15 binaries (looked in $PG_BIN, dpkg -L postgresql-15, ${FALLBACK_BIN}); apt-get install postgresql-15`,
    };
  if (process.getuid?.() !== 0) return { bin, runAs: [] };
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const [uid, gid] = [id('-u'), id('-g')];
  if (uid.status !== 0)
    return { missing: 'running as root and there is no unprivileged `postgres` user to run initdb/postgres' };
  return {
    bin,
    runAs: ['runuser', '-u', 'postgres', '--'],
    owner: { uid: Number(uid.stdout), gid: Number(gid.stdout) },
  };
}

/** A TCP port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function run(pg: PgBinaries, tool: string, args: string[]): void {
  const [cmd, ...prefix] = [...pg.runAs, join(pg.bin, tool)];
  const r = spawnSync(cmd, [...prefix, ...args], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${tool} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** A temp folder the cluster's user owns. */
function ownedTempDir(pg: PgBinaries, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (pg.owner) chownSync(dir, pg.owner.uid, pg.owner.gid);
  return dir;
}

/**
 * A freshly initdb'd data folder, made once and kept in the temp folder: copying it (~0.2 s) is ten times faster
 * than initdb, and every test file starts its own cluster.
 */
function initdbTemplate(pg: PgBinaries): string {
  const template = join(tmpdir(), `tuoyu-pg15-initdb-${process.getuid?.() ?? 'user'}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const staging = ownedTempDir(pg, 'tuoyu-pg15-staging-');
  try {
    run(pg, 'initdb', [
      '-D',
      join(staging, 'data'),
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    if (!existsSync(template)) renameSync(join(staging, 'data'), template); // atomic; a concurrent maker may win
  } catch (error) {
    if (!existsSync(join(template, 'PG_VERSION'))) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return template;
}

/** Copy of the initdb template + start. Fast settings (no fsync): the cluster is thrown away. */
export async function startCluster(pg: PgBinaries): Promise<Cluster> {
  const template = initdbTemplate(pg);
  const dir = ownedTempDir(pg, 'tuoyu-pg15-');
  const data = join(dir, 'data');
  const port = await freePort();
  const copy = spawnSync('cp', ['-a', template, data], { encoding: 'utf8' });
  if (copy.status !== 0) throw new Error(`copying the initdb template failed: ${copy.stderr}`);
  const opts = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const logFile = join(dir, 'server.log');
  const start = () => run(pg, 'pg_ctl', ['-D', data, '-l', logFile, '-o', opts, '-w', 'start']);
  start();

  let stopped = false;
  const stop = (mode: 'fast' | 'immediate') => {
    if (stopped) return;
    stopped = true;
    try {
      run(pg, 'pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // If the test process dies without afterAll, do not leave a server behind.
  process.once('exit', () => stop('immediate'));
  const url = (database: string) =>
    `postgresql://postgres@localhost:${port}/${database}?host=${encodeURIComponent(dir)}`;
  async function createDatabase(name: string): Promise<string> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
    const admin = new pgLib.Client({ connectionString: url('postgres') });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    return url(name);
  }
  return {
    port,
    url,
    createDatabase,
    logFile,
    socketDir: dir,
    pause: () => run(pg, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    start,
    stop: () => stop('fast'),
  };
}
