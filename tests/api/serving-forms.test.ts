/**
 * Private files and connection strings (issue 15, item 9): once `node supabase/embedded/api/main.ts` is ready on a
 * new PGlite data folder under umask 022, every file and folder in it is 0600 / 0700 (not only after shutdown), and
 * the folder was 0700 before PGlite wrote anything, so another user cannot read a file in it; the API serves through a socket URL (`postgresql://authenticator@/db?host=<socket dir>`) and a
 * keyword/value string on the PostgreSQL 15 test cluster; a bad DATABASE_URL stops it with one line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApi } from '../../supabase/embedded/api/start.ts';
import { openPostgres } from '../../supabase/embedded/db/postgres.ts';
import { findPostgres, startCluster, type Cluster } from '../db/pg-cluster.ts';
import { prepareTestDatabase, SECRET } from './harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tuoyu-forms-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('.data is private while the API runs (started under umask 022)', { timeout: 180_000 }, async () => {
  const dir = join(scratch, 'data');
  const child = spawn(
    '/bin/sh',
    ['-c', `umask 022; exec "${process.execPath}" supabase/embedded/api/main.ts`],
    {
      env: { ...process.env, TUOYU_DATA_DIR: dir, SUPABASE_API_PORT: '0', DATABASE_URL: '', JWT_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /ready on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
      child.once('exit', (code) => reject(new Error(`API exited (${code}):\n${out}`)));
    });
    const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
      (e) => !e.isSymbolicLink(),
    );
    expect(entries.length).toBeGreaterThan(100); // the whole PGlite cluster, the secret, the lock
    const loose = entries
      .map((e) => {
        const path = join(e.parentPath, e.name);
        return { path, mode: statSync(path).mode & 0o777, dir: e.isDirectory() };
      })
      .filter((e) => e.mode & 0o077);
    expect(loose).toEqual([]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    // And another user really cannot read it (when we are root, as the unprivileged `postgres` user).
    if (process.getuid?.() === 0) {
      const other = spawnSync('runuser', ['-u', 'postgres', '--', 'cat', join(dir, 'pglite', 'PG_VERSION')], {
        encoding: 'utf8',
      });
      expect(other.status).not.toBe(0);
      expect(other.stderr).toMatch(/Permission denied/);
    }
    const res = await fetch(`${url}/rest/v1/rpc/list_lecture_events`, { method: 'POST', body: '{}' });
    expect(res.status).toBeLessThan(500);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});

test('a bad DATABASE_URL stops the API with one line, no stack trace, no password', () => {
  const r = spawnSync(process.execPath, ['supabase/embedded/api/main.ts'], {
    env: {
      ...process.env,
      TUOYU_DATA_DIR: join(scratch, 'bad'),
      DATABASE_URL: 'postgresql://authenticator:pw-secret@db:notaport/tuoyu',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status).toBe(1);
  expect(r.stderr.trim().split('\n')).toEqual([
    'embedded API: DATABASE_URL is not a valid postgresql:// URL (check its user, host, port and %-escapes).',
  ]);
});

const binaries = findPostgres();
const missing = 'missing' in binaries ? binaries.missing : undefined;
if (missing) console.warn(`\n!!! Connection-string forms on PostgreSQL 15 SKIPPED: ${missing}\n`);

describe.skipIf(missing !== undefined)('serving through every connection-string form (PostgreSQL 15)', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    if ('missing' in binaries) throw new Error(binaries.missing);
    cluster = await startCluster(binaries);
    const db = openPostgres(await cluster.createDatabase('tuoyu_forms'), 2);
    await prepareTestDatabase(db);
    await db.close();
  }, 120_000);
  afterAll(() => cluster?.stop());

  test.each([
    [
      'socket URL, port as a parameter',
      () =>
        `postgresql://authenticator@/tuoyu_forms?host=${encodeURIComponent(cluster.socketDir)}&port=${cluster.port}`,
    ],
    [
      'socket URL, port given',
      () => `postgresql://authenticator@:${cluster.port}/tuoyu_forms?host=${cluster.socketDir}`,
    ],
    [
      'keyword/value',
      () => `host=${cluster.socketDir} port=${cluster.port} dbname=tuoyu_forms user=authenticator`,
    ],
    ['TCP URL', () => `postgresql://authenticator@127.0.0.1:${cluster.port}/tuoyu_forms`],
  ])('%s', async (_label, url) => {
    const api = await startApi({
      env: { DATABASE_URL: url(), JWT_SECRET: SECRET, TUOYU_DATA_DIR: join(scratch, 'pg') },
      port: 0,
    });
    try {
      const res = await fetch(`${api.url}/rest/v1/rpc/list_lecture_events`, {
        method: 'POST',
        headers: { apikey: api.keys.anon, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
