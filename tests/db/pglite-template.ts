/**
 * Fresh in-memory PGlite databases for tests, fast: PGlite's own initdb takes 5–15 s on two busy cores, loading a
 * tarball of a just-initialised data folder takes 2–3 s. The tarball is made once per PGlite version (from a real
 * `PGlite.create`, before anything of ours touches it) and kept in the OS temp folder.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../../supabase/embedded/db/pglite.ts';

const version: string = JSON.parse(
  readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
).version;
const templateFile = join(tmpdir(), `tuoyu-pglite-${version}-initdb.tgz`);

/** A new, empty (not prepared) PGlite database: in memory, or in `dataDir` (which must not hold one yet). */
export async function openTestPglite(dataDir = 'memory://'): ReturnType<typeof openPglite> {
  let tarball: Buffer | undefined;
  try {
    tarball = readFileSync(templateFile);
  } catch {
    // no template yet: make one below
  }
  if (tarball) {
    try {
      return await openPglite(dataDir, { loadDataDir: new Blob([new Uint8Array(tarball)]) });
    } catch {
      rmSync(templateFile, { force: true }); // unreadable template: start over
    }
  }
  const db = await openPglite(dataDir);
  const dump = await db.pglite.dumpDataDir('gzip');
  const partial = `${templateFile}.${process.pid}`;
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
  renameSync(partial, templateFile); // atomic: a concurrent reader sees all of it or none
  return db;
}
