/**
 * The API as `npm start` runs it (startApi / main.ts on PGlite in a data folder): binding, restart, the data-folder
 * lock, clean shutdown, and no acknowledged write lost to `kill -9` under load.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { afterAll, describe, expect, test } from 'vitest';
import { DataDirLocked } from '../../supabase/embedded/api/lock.ts';
import { startApi } from '../../supabase/embedded/api/start.ts';
import { ACCOUNTS, preparedDataDir } from './harness.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await preparedDataDir();
  dirs.push(dir);
  return dir;
}

const envFor = (dir: string) => ({
  TUOYU_DATA_DIR: dir,
  SUPABASE_API_PORT: '0',
  DATABASE_URL: '',
  JWT_SECRET: '',
});
const client = (url: string, key: string) =>
  createClient(url, key, { auth: { persistSession: false, autoRefreshToken: false } });

describe('startApi', () => {
  test('binds to 127.0.0.1 by default and keeps its secret in a 0600 file', async () => {
    const dir = await dataDir();
    const api = await startApi({ env: envFor(dir) });
    try {
      expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    } finally {
      await api.close();
    }
  });

  test('keeps data, keys and sessions across a restart, and locks the data folder while running', async () => {
    const dir = await dataDir();
    let api = await startApi({ env: envFor(dir) });
    const anonKey = api.keys.anon;
    let refreshToken: string;
    try {
      expect((await client(api.url, anonKey).rpc('test_write', { p_n: 41 })).data).toBe(41);
      const sb = client(api.url, anonKey);
      await sb.auth.signInWithPassword(ACCOUNTS.admin);
      refreshToken = (await sb.auth.getSession()).data.session!.refresh_token;
      // A second opener of the same PGlite folder is refused, in process and from the staff command.
      await expect(startApi({ env: envFor(dir) })).rejects.toBeInstanceOf(DataDirLocked);
      const staff = spawnSync(process.execPath, ['scripts/staff.ts', 'list'], {
        env: { ...process.env, ...envFor(dir) },
        encoding: 'utf8',
      });
      expect(staff.status).toBe(1);
      expect(staff.stderr).toMatch(/in use by process .*Stop npm start/s);
    } finally {
      await api.close();
    }
    expect(existsSync(join(dir, 'pglite.pid'))).toBe(false);
    api = await startApi({ env: envFor(dir) });
    try {
      expect(api.keys.anon).toBe(anonKey);
      expect((await client(api.url, anonKey).rpc('test_written')).data).toContain(41);
      const { error } = await client(api.url, anonKey).auth.refreshSession({ refresh_token: refreshToken });
      expect(error).toBeNull();
    } finally {
      await api.close();
    }
  });
});

/** Starts main.ts as a child process and resolves with its URL once it prints the ready line. */
function spawnApi(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['supabase/embedded/api/main.ts'], {
    env: { ...process.env, ...envFor(dir) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ready on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`API exited (${code}) before it was ready:\n${out}`)));
  });
}

describe('kill -9 under load', () => {
  test('loses no acknowledged write, and a restarted API shuts down cleanly', {
    timeout: 120_000,
  }, async () => {
    const dir = await dataDir();
    const first = await spawnApi(dir);
    const anon = (await startKeys(dir)).anon;
    const acknowledged: number[] = [];
    let next = 1000;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const n = next++;
        try {
          const res = await fetch(`${first.url}/rest/v1/rpc/test_write`, {
            method: 'POST',
            headers: { apikey: anon, authorization: `Bearer ${anon}`, 'content-type': 'application/json' },
            body: JSON.stringify({ p_n: n }),
          });
          if (res.status === 200 && (await res.json()) === n) acknowledged.push(n);
        } catch {
          /* the connection died with the process: not acknowledged */
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    // Kill once a good number of writes are acknowledged, mid-stream.
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(workers);
    await new Promise((r) =>
      first.child.exitCode !== null || first.child.signalCode ? r(null) : first.child.once('exit', r),
    );

    const second = await spawnApi(dir);
    try {
      const { data, error } = await client(second.url, anon).rpc('test_written');
      expect(error).toBeNull();
      const stored = new Set(data as number[]);
      const lost = acknowledged.filter((n) => !stored.has(n));
      expect({ acknowledged: acknowledged.length, lost }).toEqual({
        acknowledged: acknowledged.length,
        lost: [],
      });
    } finally {
      second.child.kill('SIGTERM');
      const code = await new Promise((r) => second.child.once('exit', (c) => r(c)));
      expect(code).toBe(0);
    }
    expect(existsSync(join(dir, 'pglite.pid'))).toBe(false);
  });
});

/** The keys the child derived from the secret it wrote into `dir`. */
async function startKeys(dir: string) {
  const { loadSecret } = await import('../../supabase/embedded/api/secret.ts');
  const { apiKeys } = await import('../../supabase/embedded/api/keys.ts');
  return apiKeys(loadSecret(dir, {}));
}
