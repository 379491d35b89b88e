/**
 * `node scripts/sync-facilities.ts [<PostgreSQL URL> | <PGlite folder>]`: brings the district's facility files
 * (src/districts/<id>/facilities/*.yaml, TUOYU_DISTRICT) into app.facilities, as `npm start` does at every start:
 * new records are inserted, and a field a provider or staff member changed after the file was written keeps their
 * value. For a Supabase project (whose migrations `supabase db push` applied), give its database URL (the
 * `postgres` user); without an argument: DATABASE_ADMIN_URL, DATABASE_URL, else the embedded `.data/pglite`
 * (stop `npm start` first).
 */
import { openDb } from '../supabase/embedded/db/open.ts';
import { prepareDatabase, seedFacilities } from '../supabase/embedded/db/migrate.ts';

const target =
  process.argv[2] ||
  process.env.DATABASE_ADMIN_URL ||
  process.env.DATABASE_URL ||
  `${process.env.TUOYU_DATA_DIR || '.data'}/pglite`;
const postgres = /^postgres(ql)?:/.test(target);
const db = await openDb(postgres ? { databaseUrl: target } : { dataDir: target, databaseUrl: '' });
try {
  if (!postgres) await prepareDatabase(db, { facilities: false });
  const r = await seedFacilities(db);
  console.log(
    `Facilities: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged` +
      (Object.keys(r.kept).length
        ? `; kept newer edits: ${Object.entries(r.kept)
            .map(([id, f]) => `${id} (${f.join(', ')})`)
            .join('; ')}`
        : '') +
      (r.refused.length ? `; refused: ${r.refused.map((x) => `${x.id}: ${x.message}`).join('; ')}` : ''),
  );
  process.exitCode = r.refused.length ? 1 : 0;
} finally {
  await db.close();
}
