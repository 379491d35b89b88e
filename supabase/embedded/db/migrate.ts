/**
 * Applies `supabase/bootstrap/*.sql` (local stand-in for what Supabase provides), then every migration in
 * `supabase/migrations/` not yet recorded, then (optionally) `supabase/seed.sql` and the district's first
 * questionnaire (survey-form-seed.ts) — the way `supabase db push` records them, so a database prepared here and
 * one prepared by the CLI agree on what has been applied.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db, Tx } from './adapter.ts';
import { DISTRICT } from '../../../src/districts/index.ts';
import { loadFacilityFiles } from '../../../src/lib/facilities/load.ts';
import { seedSurveyForm } from './survey-form-seed.ts';

/** The `supabase/` folder, found from this file so it works from any working directory. */
export const supabaseDir = fileURLToPath(new URL('../../', import.meta.url));

/** The role that owns the app's schemas and applies migrations (created by the bootstrap). */
const OWNER_ROLE = 'tuoyu_owner';

/** Serialises concurrent `prepareDatabase` calls on one database (pg_advisory_xact_lock key). */
const LOCK_KEY = 7_432_001;

export interface Migration {
  /** The timestamp prefix, e.g. `20261129000100`. */
  version: string;
  /** The subject after the underscore, e.g. `staff`. */
  name: string;
  /** Absolute path of the file. */
  path: string;
}

/** Every migration file, in version order. A `.sql` file not named `<digits>_<subject>.sql` is an error. */
export function listMigrations(dir = `${supabaseDir}migrations`): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const m = /^(\d{14})_([a-z0-9_]+)\.sql$/.exec(f);
      if (!m) throw new Error(`supabase/migrations/${f}: name it <14-digit timestamp>_<subject>.sql`);
      return { version: m[1], name: m[2], path: `${dir}/${f}` };
    });
}

/** Every bootstrap file (`supabase/bootstrap/NN_*.sql`) in name order. */
function listBootstrap(dir = `${supabaseDir}bootstrap`): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** The Supabase CLI's history tables (created by the CLI on Supabase; here by us, as the superuser). */
const HISTORY_SQL = `
  create schema if not exists supabase_migrations;
  create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
  create table if not exists supabase_migrations.seed_files (path text primary key, hash text not null);
`;

const lock = (tx: Tx) => tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);

/** Runs `sql` as the owner role inside `tx`, then returns to the connecting role. */
async function execAsOwner(tx: Tx, sql: string): Promise<void> {
  await tx.exec(`set local role ${OWNER_ROLE}`);
  await tx.exec(sql);
  await tx.exec('reset role');
}

/** Applies what is missing; returns the versions applied now (empty when the database was up to date). */
export async function prepareDatabase(
  db: Db,
  /** `until`: apply only the migrations before this version (an upgrade test starts from an older database). */
  opts: {
    seed?: boolean;
    until?: string;
    /** false: leave app.facilities alone (default: bring the district's facility files in, see seedFacilities) */
    facilities?: boolean;
    /** the facility files' folder (default: src/lib/facilities/load.ts FACILITY_DIR) */
    facilitiesDir?: string;
  } = {},
): Promise<{ applied: string[] }> {
  for (const file of listBootstrap()) {
    const sql = readFileSync(file, 'utf8');
    await db.transaction(async (tx) => {
      await lock(tx);
      await tx.exec(sql);
    });
  }
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(HISTORY_SQL);
  });

  const applied: string[] = [];
  for (const m of listMigrations().filter((m) => !opts.until || m.version < opts.until)) {
    const sql = readFileSync(m.path, 'utf8');
    const done = await db.transaction(async (tx) => {
      await lock(tx);
      const seen = await tx.query('select 1 from supabase_migrations.schema_migrations where version = $1', [
        m.version,
      ]);
      if (seen.rows.length) return false;
      await execAsOwner(tx, sql);
      await tx.query(
        'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
        [m.version, m.name, [sql]],
      );
      return true;
    });
    if (done) applied.push(m.version);
  }

  if (!opts.until) {
    await syncTownships(db);
    await syncFacilitySettings(db);
    if (opts.facilities !== false) await seedFacilities(db, opts.facilitiesDir);
  }
  if (opts.seed) {
    await seed(db);
    if (!opts.until) await seedSurveyForm(db);
  }
  return { applied };
}

/**
 * Makes app.townships the selected district's townships (src/districts/, TUOYU_DISTRICT), every time: a changed
 * configuration reaches the database at the next start or `npm run db:migrate`.
 */
async function syncTownships(db: Db): Promise<void> {
  const townships = DISTRICT.townships.map(({ code, name, name_en, type }) => ({
    code,
    name,
    name_en,
    type,
  }));
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(`set local role ${OWNER_ROLE}`);
    await tx.query('select app_private.sync_townships($1::jsonb)', [JSON.stringify(townships)]);
    await tx.exec('reset role');
  });
}

/** The district module's facility settings (vacancy_stale_after_days, default 14) into app.facility_settings. */
async function syncFacilitySettings(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(`set local role ${OWNER_ROLE}`);
    await tx.query('select app_private.sync_facility_settings($1::jsonb)', [
      JSON.stringify({ vacancy_stale_after_days: DISTRICT.vacancy_stale_after_days }),
    ]);
    await tx.exec('reset role');
  });
}

/** What `app_private.sync_facilities` reports. */
export interface FacilitySyncResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** facility id → the fields kept because a person changed them after the file */
  kept: Record<string, string[]>;
  refused: { id: string; message: string }[];
}

/**
 * Brings the district's facility files (the demo seed, or the imported list) into app.facilities, every start:
 * new records are inserted, and each field of an existing one takes the file's value unless a provider or staff
 * member changed it after the file was last written (their edit is newer and stays). Idempotent.
 */
export async function seedFacilities(db: Db, dir?: string): Promise<FacilitySyncResult> {
  const files = loadFacilityFiles(dir);
  const records = files.map((f) => ({ record: f.facility, file_time: f.modified.toISOString() }));
  return syncFacilityRecords(db, records, 'seed');
}

/** Runs app_private.sync_facilities as the owner (records: [{record, file_time, force?}]). */
export async function syncFacilityRecords(
  db: Db,
  records: { record: unknown; file_time: string; force?: string[] }[],
  via: 'seed' | 'import',
): Promise<FacilitySyncResult> {
  return db.transaction(async (tx) => {
    await lock(tx);
    await actAsOwner(tx);
    const { rows } = await tx.query<{ r: FacilitySyncResult }>(
      'select app_private.sync_facilities($1::jsonb, $2) as r',
      [JSON.stringify(records), via],
    );
    await tx.exec('reset role');
    return rows[0]!.r;
  });
}

/**
 * Switches `tx` to the owner role where the bootstrap made one (PGlite, a PostgreSQL we own). On a Supabase
 * project there is none: the connection is already its `postgres`, which owns what the migrations created.
 */
export async function actAsOwner(tx: Tx): Promise<void> {
  const { rows } = await tx.query('select 1 from pg_catalog.pg_roles where rolname = $1', [OWNER_ROLE]);
  if (rows.length) await tx.exec(`set local role ${OWNER_ROLE}`);
}

/** Runs `supabase/seed.sql` as the owner when it has not run yet or has changed since (so it must be idempotent). */
async function seed(db: Db): Promise<void> {
  const path = 'supabase/seed.sql';
  const sql = readFileSync(`${supabaseDir}seed.sql`, 'utf8');
  const hash = createHash('sha256').update(sql).digest('hex');
  await db.transaction(async (tx) => {
    await lock(tx);
    const seen = await tx.query<{ hash: string }>(
      'select hash from supabase_migrations.seed_files where path = $1',
      [path],
    );
    if (seen.rows[0]?.hash === hash) return;
    await execAsOwner(tx, sql);
    await tx.query(
      'insert into supabase_migrations.seed_files (path, hash) values ($1, $2) on conflict (path) do update set hash = excluded.hash',
      [path, hash],
    );
  });
}
