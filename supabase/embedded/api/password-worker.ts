/**
 * Worker thread of password-checker.ts: compares a password with a bcrypt hash (as pgcrypto's crypt() and GoTrue
 * write them, `$2a$`/`$2b$`) off the main thread, so a check never blocks the API's event loop — with PGlite that
 * loop is also the database.
 */
import { parentPort } from 'node:worker_threads';
import bcrypt from 'bcryptjs';

parentPort!.on('message', ({ id, password, hash }: { id: number; password: string; hash: string }) => {
  let ok = false;
  try {
    ok = bcrypt.compareSync(password, hash);
  } catch {
    ok = false; // a malformed stored hash matches nothing
  }
  parentPort!.postMessage({ id, ok });
});
