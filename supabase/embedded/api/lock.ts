/**
 * PGlite is one process's database: two processes opening the same data directory would corrupt it. The API
 * (and the staff command) hold `<dataDir>/pglite.pid` while the embedded database is open. The file names the
 * holder by process id AND the process's start time (field 22 of /proc/<pid>/stat, clock ticks since boot), so a
 * process id that was reused — after a reboot, or PID 1 again in a restarted container — is not mistaken for the
 * holder: the lock is held only while that very process runs. A lock whose process is gone (e.g. after `kill -9`)
 * is taken over. Where /proc is missing (macOS), only the process id can be checked.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The start time of process `pid` (clock ticks after boot), or undefined without /proc or without that process. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command) is in parentheses and may contain spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19]; // field 22 overall: 3 + 19
  } catch {
    return undefined;
  }
}

/** The lock file's text for this process: "<pid> <start time>". */
function ownLine(): string {
  const start = processStartTime(process.pid);
  return start ? `${process.pid} ${start}` : String(process.pid);
}

/** The holder named by a lock file's text, if that very process is still running. */
function holderOf(text: string): number | null {
  const [pidText, start] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  if (start === undefined) return pid; // an old lock file (pid only): trust the id, as before
  const now = processStartTime(pid);
  if (now === undefined) return pid; // no /proc to compare with
  return now === start ? pid : null; // the id was reused by another process
}

/** Takes the lock or throws DataDirLocked. Returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'pglite.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, ownLine(), { flag: 'wx', mode: 0o600 });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(readFileSync(file, 'utf8'));
      if (holder !== null) throw new DataDirLocked(holder, dataDir);
      rmSync(file, { force: true }); // stale: its process is gone, or its id now belongs to another process
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
