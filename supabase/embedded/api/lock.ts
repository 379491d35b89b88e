/**
 * PGlite is one process's database: two processes opening the same data directory would corrupt it. The API
 * (and the staff command) hold `<dataDir>/pglite.pid` while the embedded database is open; a lock whose process
 * is gone (e.g. after `kill -9`) is taken over.
 */
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLocked extends Error {
  pid: number;
  constructor(pid: number, dataDir: string) {
    super(`The embedded database in ${dataDir} is in use by process ${pid} (npm start?).`);
    this.pid = pid;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws DataDirLocked. Returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'pglite.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid && alive(pid)) throw new DataDirLocked(pid, dataDir);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/** The pid holding the lock, if that process is alive. */
export function lockHolder(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'pglite.pid'), 'utf8').trim());
    return pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}
