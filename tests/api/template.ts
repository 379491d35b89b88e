/**
 * A prepared PGlite data folder, built once and copied per test: creating a PGlite database (initdb) costs seconds
 * of CPU, opening a copy a fraction of one. The template (bootstrap + migrations + seed + test functions + test
 * accounts) lives in the temp folder under a hash of every SQL file that shapes it, so a change rebuilds it.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { supabaseDir } from '../../supabase/embedded/db/migrate.ts';
import { openPglite } from '../../supabase/embedded/db/pglite.ts';

function sqlFingerprint(extra: string[]): string {
  const hash = createHash('sha256');
  for (const sub of ['bootstrap', 'migrations']) {
    for (const f of readdirSync(join(supabaseDir, sub)).sort())
      hash.update(f).update(readFileSync(join(supabaseDir, sub, f)));
  }
  hash.update(readFileSync(join(supabaseDir, 'seed.sql')));
  for (const e of extra) hash.update(e);
  return hash.digest('hex').slice(0, 16);
}

/**
 * A new folder holding a copy of the template, built with `prepare` on first use; `key` names what `prepare`
 * does beyond the SQL files (its own fingerprint).
 */
export async function copyOfTemplate(
  key: string,
  prepare: (db: Awaited<ReturnType<typeof openPglite>>) => Promise<void>,
): Promise<string> {
  const template = join(tmpdir(), `tuoyu-pglite-template-${sqlFingerprint([key])}`);
  if (!existsSync(join(template, 'PG_VERSION'))) {
    const building = mkdtempSync(join(tmpdir(), 'tuoyu-pglite-building-'));
    const db = await openPglite(building);
    try {
      await prepare(db);
    } finally {
      await db.close();
    }
    try {
      renameSync(building, template);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another worker finished first: use theirs
    }
  }
  const copy = mkdtempSync(join(tmpdir(), 'tuoyu-api-'));
  cpSync(template, join(copy, 'pglite'), { recursive: true });
  return copy;
}
