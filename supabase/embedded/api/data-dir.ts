/**
 * The data folder (`.data/`: the PGlite database, the JWT secret, the lock, the first admin's password) is for
 * this user's eyes only, as PostgreSQL treats its data directory: created `0700` with files `0600`; an existing one
 * is tightened to that; one that another user owns, or that other users can write, is refused (anyone who can write
 * it could swap the database or the secret), with the command that fixes it.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class UnsafeDataDir extends Error {}

/** Group- or world-writable bits. */
const WRITABLE_BY_OTHERS = 0o022;

/** Creates `dir` (0700) or checks and tightens an existing one; throws UnsafeDataDir when it cannot be trusted. */
export function secureDataDir(dir: string): void {
  const path = resolve(dir);
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(path, { recursive: true, mode: 0o700 });
    chmodSync(path, 0o700); // mkdir's mode is filtered by the umask; make it exact
    return;
  }
  if (!st.isDirectory()) throw new UnsafeDataDir(`The data folder ${path} is not a folder.`);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    throw new UnsafeDataDir(
      `The data folder ${path} belongs to another user (uid ${st.uid}); run as that user, or: chown -R ${uid} ${path}`,
    );
  }
  if (st.mode & WRITABLE_BY_OTHERS) {
    throw new UnsafeDataDir(
      `The data folder ${path} can be written by other users (mode ${(st.mode & 0o777).toString(8)}), so its database and secret cannot be trusted. Check it, then: chmod -R go-rwx ${path}`,
    );
  }
  tighten(path);
}

/** Folders 0700 and files 0600 in `dir` (after a run: PGlite creates its files with the umask's modes). */
export function tightenDataDir(dir: string): void {
  tighten(resolve(dir));
}

/** Folders 0700, files 0600, all the way down (symbolic links are left alone: chmod would follow them). */
function tighten(path: string): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    if ((st.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const name of readdirSync(path)) tighten(join(path, name));
  } else if ((st.mode & 0o777) !== 0o600) chmodSync(path, 0o600);
}
