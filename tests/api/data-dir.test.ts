/**
 * The data folder is private, as PostgreSQL keeps its data directory: a new one is created 0700 with files 0600, an
 * existing looser one is tightened, and one that other users can write is refused — by startApi and by `npm start`
 * itself — without touching anything in it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { secureDataDir, UnsafeDataDir } from '../../supabase/embedded/api/data-dir.ts';
import { startApi } from '../../supabase/embedded/api/start.ts';
import { preparedDataDir } from './harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tuoyu-datadir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every entry under `dir` (not following links) with its permission bits. */
function modes(dir: string): { path: string; dir: boolean; mode: number }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => {
    const path = join(e.parentPath, e.name);
    return { path, dir: e.isDirectory(), mode: mode(path) };
  });
}

describe('secureDataDir', () => {
  test('creates a missing folder 0700, whatever the umask', () => {
    const dir = join(scratch, 'new', 'data');
    const old = process.umask(0o022);
    try {
      secureDataDir(dir);
    } finally {
      process.umask(old);
    }
    expect(mode(dir)).toBe(0o700);
  });

  test('tightens an existing folder to 0700 and everything in it to 0700 / 0600', () => {
    const dir = join(scratch, 'loose');
    mkdirSync(join(dir, 'pglite', 'base'), { recursive: true });
    writeFileSync(join(dir, 'jwt-secret'), 'x'.repeat(40), { mode: 0o644 });
    writeFileSync(join(dir, 'pglite', 'base', '1'), 'data', { mode: 0o640 });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'pglite'), 0o750);
    secureDataDir(dir);
    expect(mode(dir)).toBe(0o700);
    const entries = modes(dir);
    expect(entries.length).toBe(4);
    for (const e of entries)
      expect({ path: e.path, mode: e.mode }).toEqual({ path: e.path, mode: e.dir ? 0o700 : 0o600 });
  });

  test.each([0o777, 0o775, 0o757, 0o1777])(
    'refuses a folder with mode %o and leaves it as it was',
    (bits) => {
      const dir = join(scratch, `open-${bits.toString(8)}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'jwt-secret'), 'x'.repeat(40), { mode: 0o644 });
      chmodSync(dir, bits);
      expect(() => secureDataDir(dir)).toThrow(UnsafeDataDir);
      expect(() => secureDataDir(dir)).toThrow(/can be written by other users.*chmod -R go-rwx/);
      expect(statSync(dir).mode & 0o7777).toBe(bits);
      expect(mode(join(dir, 'jwt-secret'))).toBe(0o644);
    },
  );

  test('refuses a file in place of the folder', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    expect(() => secureDataDir(file)).toThrow(/is not a folder/);
  });
});

describe('startApi and npm start', () => {
  test('a started and stopped API leaves the folder 0700 and every file in it 0600', async () => {
    const dir = await preparedDataDir();
    try {
      chmodSync(dir, 0o755);
      const api = await startApi({
        env: { TUOYU_DATA_DIR: dir, SUPABASE_API_PORT: '0', DATABASE_URL: '', JWT_SECRET: '' },
      });
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, 'pglite.pid'))).toBe(0o600);
      await api.close();
      const entries = modes(dir);
      expect(entries.filter((e) => !e.dir).length).toBeGreaterThan(100); // the PGlite files and the secret
      expect(entries.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('npm start refuses a data folder others can write, before starting anything', () => {
    const dir = join(scratch, 'shared');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const run = spawnSync(process.execPath, ['scripts/start.ts'], {
      env: { ...process.env, TUOYU_DATA_DIR: dir, SUPABASE_API_PORT: '0', PORT: '0', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/can be written by other users[\s\S]*npm start refuses to run on it/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
