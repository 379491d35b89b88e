/**
 * Restarts that always work (issue 15, item 10): the PGlite data-folder lock names its holder by process id and
 * start time, so a reused id does not hold it — shown with pid 1 (always alive) and, where we are root, by running
 * the API as PID 1 of a fresh PID namespace, killing it with SIGKILL and starting it again as PID 1 of another.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DataDirLocked, lockDataDir, processStartTime } from '../../supabase/embedded/api/lock.ts';
import { preparedDataDir } from './harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tuoyu-restarts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the data-folder lock', () => {
  const lockWith = (name: string, text: string) => {
    const dir = join(scratch, name);
    lockDataDir(dir)(); // creates the folder
    writeFileSync(join(dir, 'pglite.pid'), text);
    return dir;
  };

  test('a live pid whose start time differs (a reused id) does not hold it', () => {
    const start = processStartTime(1);
    expect(start).toMatch(/^\d+$/);
    const dir = lockWith('reused', `1 ${Number(start) + 12345}`);
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'pglite.pid'), 'utf8')).toBe(
      `${process.pid} ${processStartTime(process.pid)}`,
    );
    release();
  });

  test('the same process (pid and start time) holds it', () => {
    const dir = lockWith('held', `${process.ppid} ${processStartTime(process.ppid)}`);
    expect(() => lockDataDir(dir)).toThrow(DataDirLocked);
  });

  test('a dead pid does not hold it; an old pid-only file of a live process still does', () => {
    const dead = spawnSync('true').pid!;
    expect(() => lockDataDir(lockWith('dead', `${dead} 1`))()).not.toThrow();
    expect(() => lockDataDir(lockWith('old', `${process.ppid}`))).toThrow(DataDirLocked);
  });
});

/** `unshare` can make a PID namespace here (root, util-linux). */
const canUnshare =
  process.getuid?.() === 0 && spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;
if (!canUnshare) console.warn('\n!!! PID-namespace restart test SKIPPED: needs root and unshare\n');

/** main.ts as PID 1 of a new PID namespace; resolves once ready. */
function apiAsPid1(dir: string) {
  const child = spawn(
    'unshare',
    ['--pid', '--fork', '--kill-child', '--mount-proc', process.execPath, 'supabase/embedded/api/main.ts'],
    {
      env: { ...process.env, TUOYU_DATA_DIR: dir, SUPABASE_API_PORT: '0', DATABASE_URL: '', JWT_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`API exited (${code}):\n${out}`)));
  });
  return { child, ready };
}

test.skipIf(!canUnshare)(
  'kill -9 of the API running as PID 1, then a restart as PID 1 of a new namespace starts',
  { timeout: 180_000 },
  async () => {
    const dir = await preparedDataDir();
    try {
      const first = apiAsPid1(dir);
      await first.ready;
      const lock = readFileSync(join(dir, 'pglite.pid'), 'utf8');
      expect(lock).toMatch(/^1 \d+$/); // PID 1 in its namespace, with its start time
      first.child.kill('SIGKILL'); // unshare --kill-child takes PID 1 (and so the namespace) with it
      await new Promise((r) => first.child.once('exit', r));
      expect(readFileSync(join(dir, 'pglite.pid'), 'utf8')).toBe(lock); // left behind by kill -9
      const second = apiAsPid1(dir);
      const url = await second.ready;
      const res = await fetch(`${url}/rest/v1/rpc/list_lecture_events`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(200);
      second.child.kill('SIGKILL'); // (unshare ignores SIGTERM while it waits for its child)
      await new Promise((r) => second.child.once('exit', r));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
