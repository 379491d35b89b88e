/**
 * The shape of the database as the API roles meet it: RLS on every table, no tables in public, and exactly which
 * functions each API role may execute (explicit allow-lists), search_path pinned, nothing executable by PUBLIC.
 */
import { expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { describeEachDatabase } from './harness.ts';

const SCHEMAS = `('public', 'app', 'app_private')`;

/** Functions of our schemas that `role` can execute (EXECUTE on the function and USAGE on its schema). */
async function executable(db: Db, role: string): Promise<string[]> {
  const { rows } = await db.query<{ fn: string }>(
    `select n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')' as fn
     from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ${SCHEMAS}
       and has_function_privilege($1, p.oid, 'EXECUTE') and has_schema_privilege($1, n.oid, 'USAGE')
     order by 1`,
    [role],
  );
  return rows.map((r) => r.fn);
}

const SURVEY_AND_STAFF_FUNCTIONS = [
  'public.create_distribution_point(text, text, text, date)',
  'public.enter_paper_survey(jsonb, text)',
  'public.enter_paper_survey_twice(text, jsonb, text)',
  'public.export_survey_answers(date, date, text, boolean)',
  'public.export_survey_responses(boolean, date, date, text)',
  'public.list_audit_log(integer)',
  'public.list_distribution_points()',
  'public.list_staff()',
  'public.publish_survey_form(jsonb, integer)',
  'public.start_survey()',
  'public.submit_survey(jsonb)',
  'public.survey_dashboard(date, date, text)',
  'public.survey_form()',
  'public.survey_form_versions()',
  'public.survey_results()',
  'public.upsert_staff(text, text, text, boolean)',
  'public.whoami()',
];

/** Lectures (20261130000200_lectures.sql): what parents (anon) may call, and the outreach staff's functions. */
const LECTURE_PARENT_DEFINERS = [
  'app_private.cancel_lecture_registration(text, text)',
  'app_private.get_lecture_event(uuid)',
  'app_private.list_lecture_events(text, text)',
  'app_private.lookup_lecture_registration(text, text)',
  'app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean, integer)',
];
const LECTURE_PARENT_FUNCTIONS = [
  'public.cancel_lecture_registration(text, text)',
  'public.get_lecture_event(uuid)',
  'public.list_lecture_events(text, text)',
  'public.lookup_lecture_registration(text, text)',
  'public.sign_up_for_lecture(uuid, text, text, integer, text, boolean, integer)',
];
const LECTURE_STAFF_DEFINERS = [
  'app_private.check_in_lecture(uuid, text)',
  'app_private.export_lecture_roster(uuid, boolean, text)',
  'app_private.lecture_roster(uuid, integer, integer)',
  'app_private.reveal_lecture_mobile(bigint)',
  'app_private.save_lecture_event(uuid, jsonb)',
  'app_private.set_lecture_capacity(uuid, integer)',
  'app_private.set_lecture_event_status(uuid, text, text)',
  'app_private.set_lecture_waitlist_limit(uuid, integer)',
  'app_private.staff_list_lecture_events()',
];
const LECTURE_STAFF_FUNCTIONS = [
  'public.check_in_lecture(uuid, text)',
  'public.export_lecture_roster(uuid, boolean, text)',
  'public.lecture_roster(uuid, integer, integer)',
  'public.reveal_lecture_mobile(bigint)',
  'public.save_lecture_event(uuid, jsonb)',
  'public.set_lecture_capacity(uuid, integer)',
  'public.set_lecture_event_status(uuid, text, text)',
  'public.set_lecture_waitlist_limit(uuid, integer)',
  'public.staff_list_lecture_events()',
];
/** Facilities (20261207017001/2): what anyone may read, and the provider and staff functions. */
const FACILITY_ANON_FUNCTIONS = [
  'public.facilities_changed_since()',
  'public.facility_catalogue()',
  'public.facility_vacancies()',
];
const FACILITY_FUNCTIONS = [
  ...FACILITY_ANON_FUNCTIONS,
  'public.facility_review_queue()',
  'public.list_providers()',
  'public.my_facilities()',
  'public.propose_facility_change(text, text, jsonb, text)',
  'public.review_facility_change(bigint, boolean, text)',
  'public.set_facility_closure(text, date, date, text)',
  'public.stale_facilities()',
  'public.staff_update_facility(text, jsonb, text)',
  'public.update_facility_hours(text, text)',
  'public.update_vacancies(text, jsonb, integer)',
  'public.upsert_provider(text, text, text, text[], boolean)',
];
const PUBLIC_FUNCTIONS = [
  ...SURVEY_AND_STAFF_FUNCTIONS,
  ...FACILITY_FUNCTIONS,
  ...LECTURE_PARENT_FUNCTIONS,
  ...LECTURE_STAFF_FUNCTIONS,
].sort();

describeEachDatabase('schema', (ctx) => {
  test('every table in app and app_private has row level security enabled', async () => {
    const { rows } = await ctx.db.query<{ t: string; rls: boolean }>(
      `select n.nspname || '.' || c.relname as t, c.relrowsecurity as rls
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('app', 'app_private') and c.relkind in ('r', 'p') order by 1`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.rls).map((r) => r.t)).toEqual([]);
  });

  test('public holds no tables, views or sequences (only functions)', async () => {
    const { rows } = await ctx.db.query(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')`,
    );
    expect(rows).toEqual([]);
  });

  test("anon can execute exactly the allow-list: whoami, the survey (submit, suppressed summary) and the parents' lecture functions", async () => {
    expect(await executable(ctx.db, 'anon')).toEqual(
      [
        'app_private.start_survey()',
        'app_private.submit_online_survey(jsonb)',
        'app_private.survey_form()',
        'app_private.survey_public_summary()',
        'public.start_survey()',
        'public.submit_survey(jsonb)',
        'public.survey_form()',
        'public.survey_results()',
        'public.whoami()',
        ...LECTURE_PARENT_DEFINERS,
        ...LECTURE_PARENT_FUNCTIONS,
        ...FACILITY_ANON_FUNCTIONS,
      ].sort(),
    );
  });

  test('authenticated can execute exactly the allow-list', async () => {
    expect(await executable(ctx.db, 'authenticated')).toEqual([
      ...[
        'app_private.age_band(integer)',
        'app_private.create_distribution_point(text, text, text, date)',
        'app_private.enter_paper_survey(jsonb, text)',
        'app_private.enter_paper_survey_twice(text, jsonb, text)',
        'app_private.export_survey(boolean, date, date, text)',
        'app_private.export_survey_answers(date, date, text, boolean)',
        'app_private.has_staff_role(text)',
        'app_private.require_staff_role(text)',
        'app_private.staff_role()',
        'app_private.start_survey()',
        'app_private.submit_online_survey(jsonb)',
        'app_private.survey_form()',
        'app_private.survey_form_versions()',
        'app_private.survey_public_summary()',
        ...LECTURE_PARENT_DEFINERS,
        ...LECTURE_STAFF_DEFINERS,
      ].sort(),
      ...PUBLIC_FUNCTIONS,
    ]);
  });

  test('service_role can execute public functions (Supabase default), the sign-in limiter and the retention job', async () => {
    expect(await executable(ctx.db, 'service_role')).toEqual([
      'app_private.hit_rate_limit(text, integer, interval)',
      'app_private.purge_lecture_contacts()',
      'app_private.purge_survey_phones()',
      'app_private.rate_limit_exhausted(text, integer)',
      'app_private.record_sign_in(text, boolean, integer, interval, integer, interval, interval)',
      'app_private.refresh_survey_results()',
      'app_private.sign_in_wait(text)',
      ...[...PUBLIC_FUNCTIONS, 'public.refresh_survey_results()'].sort(),
    ]);
  });

  test('every function pins search_path to empty and is not executable by PUBLIC', async () => {
    const { rows } = await ctx.db.query<{ fn: string; config: string[] | null; public_exec: boolean }>(
      `select n.nspname || '.' || p.proname as fn, p.proconfig as config,
              exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0) as public_exec
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname in ${SCHEMAS} order by 1`,
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((r) => !r.config?.includes('search_path=""')).map((r) => r.fn)).toEqual([]);
    expect(rows.filter((r) => r.public_exec).map((r) => r.fn)).toEqual([]);
  });

  test('every table and function says why it exists (has a comment)', async () => {
    const { rows } = await ctx.db.query<{ obj: string }>(
      `select n.nspname || '.' || c.relname as obj from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ${SCHEMAS} and c.relkind in ('r', 'p') and obj_description(c.oid, 'pg_class') is null
       union all
       select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ${SCHEMAS} and obj_description(p.oid, 'pg_proc') is null`,
    );
    expect(rows).toEqual([]);
  });

  test('table privileges: API roles hold only SELECT, for authenticated, on app tables that policies guard', async () => {
    const { rows } = await ctx.db.query<{ g: string }>(
      `select n.nspname || '.' || c.relname || ' ' || r.rolname || ' ' || a.privilege_type as g
       from pg_class c join pg_namespace n on n.oid = c.relnamespace,
            aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a join pg_roles r on r.oid = a.grantee
       where n.nspname in ${SCHEMAS} and r.rolname in ('anon', 'authenticated', 'service_role') order by 1`,
    );
    expect(rows.map((r) => r.g)).toEqual([
      'app.audit_log authenticated SELECT',
      'app.staff authenticated SELECT',
      'app.survey_children authenticated SELECT',
      'app.survey_contacts authenticated SELECT',
      'app.survey_distribution_points authenticated SELECT',
      'app.survey_responses authenticated SELECT',
    ]);
  });

  test('policies are for authenticated only, never anon, and named as sentences', async () => {
    const { rows } = await ctx.db.query<{ name: string; roles: string[] }>(
      `select schemaname || '.' || tablename || ': ' || policyname as name, roles::text[] as roles from pg_policies
       where schemaname in ${SCHEMAS} order by 1`,
    );
    expect(rows.map((r) => r.name)).toEqual([
      'app.audit_log: admins can read the audit log',
      'app.staff: admins can read every staff row',
      'app.staff: staff members can read their own staff row',
      'app.survey_children: outreach staff can read surveyed children',
      'app.survey_contacts: admins can read survey contacts',
      'app.survey_distribution_points: outreach staff can read distribution points',
      'app.survey_responses: outreach staff can read survey responses',
    ]);
    for (const r of rows) expect(r.roles).toEqual(['authenticated']);
  });

  test('default privileges: what the owner creates next is not granted to PUBLIC, anon or authenticated', async () => {
    const probe = await ctx.db
      .transaction(async (tx) => {
        await tx.exec(`set local role tuoyu_owner;
          create function public.probe_fn() returns int language sql set search_path = '' as 'select 1';
          create function app_private.probe_fn() returns int language sql set search_path = '' as 'select 1';
          create table public.probe_table (id int);`);
        const { rows } = await tx.query(
          `select r as role, has_function_privilege(r, 'public.probe_fn()', 'EXECUTE') as public_fn,
                  has_function_privilege(r, 'app_private.probe_fn()', 'EXECUTE') as private_fn,
                  has_table_privilege(r, 'public.probe_table', 'SELECT, INSERT, UPDATE, DELETE') as public_table,
                  exists (select 1 from pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                          where p.proname = 'probe_fn' and a.grantee = 0) as to_public
           from unnest(array['anon', 'authenticated']) r`,
        );
        throw Object.assign(new Error('rollback'), { rows });
      })
      .catch((e: { rows?: unknown }) => e.rows);
    expect(probe).toEqual([
      { role: 'anon', public_fn: false, private_fn: false, public_table: false, to_public: false },
      { role: 'authenticated', public_fn: false, private_fn: false, public_table: false, to_public: false },
    ]);
  });
});
