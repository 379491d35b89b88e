/**
 * The privilege matrix: every table × {anon, signed-in non-staff, outreach, admin, service_role} × {select, insert,
 * update, delete}, and every function × the same roles — allowed where meant, and otherwise the exact error (or no
 * rows). Generated from the expectation tables below; a table or function missing from them fails the suite.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import {
  anon,
  asRole,
  createStaff,
  createUser,
  rowsAs,
  serviceRole,
  type Actor,
  type User,
} from './act-as.ts';
import { describeEachDatabase } from './harness.ts';
import { surveyFixture } from '../fixtures/survey.ts';

type Who = 'anon' | 'user' | 'outreach' | 'admin' | 'service_role';
/** Every role above plus a provider account (bound to FACILITY): where a spec says nothing for it, it is a plain user. */
type Actorship = Who | 'provider';
type Op = 'select' | 'insert' | 'update' | 'delete';
/**
 * select: how many rows come back ('all' = every row a superuser sees). `denied`: PostgreSQL's own 42501 message.
 * `refused`: a function's own refusal (PTnnn and message: require_staff_role's PT401 / PT403).
 */
type Expect =
  | { rows: 'all' | number }
  | { ok: true; value?: unknown }
  | { denied: string }
  | { refused: string; message: string };

const WHO: Actorship[] = ['anon', 'user', 'provider', 'outreach', 'admin', 'service_role'];
const OPS: Op[] = ['select', 'insert', 'update', 'delete'];
const schemaDenied = (s: string): Expect => ({ denied: `permission denied for schema ${s}` });
const tableDenied = (t: string): Expect => ({ denied: `permission denied for table ${t}` });
const fnDenied = (f: string): Expect => ({ denied: `permission denied for function ${f}` });
const ok: Expect = { ok: true };
const signInRequired: Expect = { refused: 'PT401', message: 'sign in required' };
const roleRequired = (role: string): Expect => ({ refused: 'PT403', message: `${role} role required` });

/** The (seeded demo) facility the provider account keeps; the staff and provider calls below change it. */
const FACILITY = 'demo-chiyang-dawn';

/** The lecture event and registration every lecture call below refers to (inserted as superuser in beforeAll). */
const EVENT = 'a0000000-0000-4000-8000-00000000000e';
const REG = { mobile: '13912345678', code: '34679A' };

/** Per table: the write statements ($1 = a fresh user's id) and what each role gets for each operation. */
const TABLES: Record<
  string,
  { writes: Record<Exclude<Op, 'select'>, string>; expect: (who: Who) => Record<Op, Expect> }
> = {
  'app.staff': {
    writes: {
      insert: `insert into app.staff (user_id, display_name, role) values ($1, 'x', 'admin')`,
      update: `update app.staff set role = 'admin' where $1::uuid is not null`,
      delete: `delete from app.staff where $1::uuid is not null`,
    },
    expect: (who) =>
      who === 'anon' || who === 'service_role'
        ? all(schemaDenied('app'))
        : {
            ...all(tableDenied('staff')),
            select: { rows: { user: 0, outreach: 1, admin: 'all' as const }[who] },
          },
  },
  'app.audit_log': {
    writes: {
      insert: `insert into app.audit_log (action, target_id) values ('forged', $1)`,
      update: `update app.audit_log set action = 'forged' where $1::uuid is not null`,
      delete: `delete from app.audit_log where $1::uuid is not null`,
    },
    expect: (who) =>
      who === 'anon' || who === 'service_role'
        ? all(schemaDenied('app'))
        : { ...all(tableDenied('audit_log')), select: { rows: who === 'admin' ? 'all' : 0 } },
  },
  'app_private.rate_limit_buckets': {
    writes: {
      insert: `insert into app_private.rate_limit_buckets values ('x', $1, 1, now())`,
      update: `update app_private.rate_limit_buckets set hits = 1 where $1::uuid is not null`,
      delete: `delete from app_private.rate_limit_buckets where $1::uuid is not null`,
    },
    expect: () => all(tableDenied('rate_limit_buckets')),
  },
  'app_private.rate_limit_secret': {
    writes: {
      insert: `insert into app_private.rate_limit_secret (id, salt) values (true, decode(md5($1), 'hex'))`,
      update: `update app_private.rate_limit_secret set salt = decode(md5($1), 'hex')`,
      delete: `delete from app_private.rate_limit_secret where $1::uuid is not null`,
    },
    expect: () => all(tableDenied('rate_limit_secret')),
  },
  'app_private.survey_settings': {
    writes: {
      insert: `insert into app_private.survey_settings (id, min_fill_seconds) values (true, length($1::text))`,
      update: `update app_private.survey_settings set max_submissions_per_hour = 100000 where $1::uuid is not null`,
      delete: `delete from app_private.survey_settings where $1::uuid is not null`,
    },
    expect: () => all(tableDenied('survey_settings')),
  },
  'app_private.survey_results_snapshot': {
    writes: {
      insert: `insert into app_private.survey_results_snapshot values (true, '{}', length($1::text), now())`,
      update: `update app_private.survey_results_snapshot set figures = '{}' where $1::uuid is not null`,
      delete: `delete from app_private.survey_results_snapshot where $1::uuid is not null`,
    },
    expect: () => all(tableDenied('survey_results_snapshot')),
  },
  'app_private.survey_token_secret': {
    writes: {
      insert: `insert into app_private.survey_token_secret (id, key) values (true, decode(md5($1), 'hex'))`,
      update: `update app_private.survey_token_secret set key = decode(md5($1), 'hex')`,
      delete: `delete from app_private.survey_token_secret where $1::uuid is not null`,
    },
    expect: () => all(tableDenied('survey_token_secret')),
  },
  'app_private.survey_start_tokens_used': {
    writes: {
      insert: `insert into app_private.survey_start_tokens_used (nonce, response_id) values ('n', $1)`,
      update: `update app_private.survey_start_tokens_used set used_at = now() where $1::uuid is not null`,
      delete: `delete from app_private.survey_start_tokens_used where $1::uuid is not null`,
    },
    expect: () => all(tableDenied('survey_start_tokens_used')),
  },
  'app.survey_responses': {
    writes: {
      insert: `insert into app.survey_responses (id, channel, source_code, consent_version, relation, children_count, carer, in_care, wants_care, reasons_against, township)
        values ($1, 'online', 'direct', '2026-11', 'mother', 1, 'parents', 'enrolled', false, '{cost}', '341702001')`,
      update: `update app.survey_responses set community = 'forged' where $1::uuid is not null`,
      delete: `delete from app.survey_responses where $1::uuid is not null`,
    },
    expect: staffReadable('survey_responses', { user: 0, outreach: 'all', admin: 'all' }),
  },
  'app.survey_children': {
    writes: {
      insert: `insert into app.survey_children (response_id, ordinal, birth_month, age_months) values ($1, 1, '2025-01-01', 10)`,
      update: `update app.survey_children set age_months = 1 where $1::uuid is not null`,
      delete: `delete from app.survey_children where $1::uuid is not null`,
    },
    expect: staffReadable('survey_children', { user: 0, outreach: 'all', admin: 'all' }),
  },
  'app.survey_contacts': {
    writes: {
      insert: `insert into app.survey_contacts (response_id, phone, phone_consent) values ($1, '13800138000', true)`,
      update: `update app.survey_contacts set phone = '13900139000' where $1::uuid is not null`,
      delete: `delete from app.survey_contacts where $1::uuid is not null`,
    },
    // Only admins read phone numbers.
    expect: staffReadable('survey_contacts', { user: 0, outreach: 0, admin: 'all' }),
  },
  'app.survey_paper_entries': {
    writes: {
      insert: `insert into app.survey_paper_entries (form_no, response, source_code, entered_by) values ('F1', '{}', 'paper', $1)`,
      update: `update app.survey_paper_entries set response = '{}' where $1::uuid is not null`,
      delete: `delete from app.survey_paper_entries where $1::uuid is not null`,
    },
    // No grants at all: only the double-entry function reads and writes it.
    expect: (who) =>
      who === 'anon' || who === 'service_role'
        ? all(schemaDenied('app'))
        : all(tableDenied('survey_paper_entries')),
  },
  'app.survey_distribution_points': {
    writes: {
      insert: `insert into app.survey_distribution_points (code, name, township, distributed_on) values ('p' || left($1::text, 8), 'x', '341702001', '2026-01-01')`,
      update: `update app.survey_distribution_points set name = 'forged' where $1::uuid is not null`,
      delete: `delete from app.survey_distribution_points where $1::uuid is not null`,
    },
    expect: staffReadable('survey_distribution_points', { user: 0, outreach: 'all', admin: 'all' }),
  },
  // The district's townships (filled by the migration runner): no API role reads or writes them directly.
  'app.townships': {
    writes: {
      insert: `insert into app.townships (code, name, name_en, kind) values ('341702999', 'x', $1::text, '镇')`,
      update: `update app.townships set name = 'forged' where $1::uuid is not null`,
      delete: `delete from app.townships where $1::uuid is not null`,
    },
    expect: (who) =>
      all(who === 'anon' || who === 'service_role' ? schemaDenied('app') : tableDenied('townships')),
  },
  'app.survey_answers': {
    writes: {
      insert: `insert into app.survey_answers (response_id, reference, form_version, form_date, answers, channel, source_code, consent_version) values ($1, 'GC-FORGED', 'x', '2027-01-01', '{}', 'online', 'direct', '2026-11')`,
      update: `update app.survey_answers set answers = '{}' where $1::uuid is not null`,
      delete: `delete from app.survey_answers where $1::uuid is not null`,
    },
    expect: (who) =>
      all(who === 'anon' || who === 'service_role' ? schemaDenied('app') : tableDenied('survey_answers')),
  },
  'app.survey_answer_contacts': {
    writes: {
      insert: `insert into app.survey_answer_contacts (response_id, phone) values ($1, '13800138000')`,
      update: `update app.survey_answer_contacts set phone = '13900139000' where $1::uuid is not null`,
      delete: `delete from app.survey_answer_contacts where $1::uuid is not null`,
    },
    expect: (who) =>
      all(
        who === 'anon' || who === 'service_role'
          ? schemaDenied('app')
          : tableDenied('survey_answer_contacts'),
      ),
  },
  'app.survey_forms': {
    writes: {
      insert: `insert into app.survey_forms (version, form_id, definition, published_by) values ('forged', 'f', jsonb_build_object('version', 'forged', 'form_id', 'f', 'body', '[]'::jsonb, 'choices', '{}'::jsonb), $1::text)`,
      update: `update app.survey_forms set accept_until = now() where $1::uuid is not null`,
      delete: `delete from app.survey_forms where $1::uuid is not null`,
    },
    expect: (who) =>
      all(who === 'anon' || who === 'service_role' ? schemaDenied('app') : tableDenied('survey_forms')),
  },
  // Lectures: no API role touches the tables; everything goes through the functions below.
  'app.lecture_events': {
    writes: {
      insert: `insert into app.lecture_events (title, kind, venue, township, starts_at, ends_at, capacity, created_by) values ('x', 'training', 'v', 't', now(), now() + interval '1 hour', 1, $1)`,
      update: `update app.lecture_events set capacity = 1 where $1::uuid is not null`,
      delete: `delete from app.lecture_events where $1::uuid is not null`,
    },
    expect: (who) =>
      all(who === 'anon' || who === 'service_role' ? schemaDenied('app') : tableDenied('lecture_events')),
  },
  'app.lecture_registrations': {
    writes: {
      insert: `insert into app.lecture_registrations (event_id, code, signup_no, name, mobile, adults, child_age_band, consent_at, status)
               values ('${EVENT}', '777777', 99, $1::text, '13700000000', 1, 'under_1', now(), 'confirmed')`,
      update: `update app.lecture_registrations set status = 'confirmed' where $1::uuid is not null`,
      delete: `delete from app.lecture_registrations where $1::uuid is not null`,
    },
    expect: (who) =>
      all(
        who === 'anon' || who === 'service_role' ? schemaDenied('app') : tableDenied('lecture_registrations'),
      ),
  },
  // Facilities and the provider role: no API role touches the tables; the definer functions below do.
  ...noApiRole('facilities', {
    insert: `insert into app.facilities (id, name, type, source, unverified) values ('m' || left($1::text, 8), 'x', 'community_point', 'x', '{ownership,inclusive,filing,township,address,ages,care_forms}')`,
    update: `update app.facilities set hours = 'forged' where $1::uuid is not null`,
    delete: `delete from app.facilities where $1::uuid is not null`,
  }),
  ...noApiRole('facility_history', {
    insert: `insert into app.facility_history (facility_id, via, field, actor) values ('x', 'sql', 'x', $1)`,
    update: `update app.facility_history set reason = 'forged' where $1::uuid is not null`,
    delete: `delete from app.facility_history where $1::uuid is not null`,
  }),
  ...noApiRole('facility_settings', {
    insert: `insert into app.facility_settings (id) values ($1::uuid is not null)`,
    update: `update app.facility_settings set vacancy_stale_after_days = 365 where $1::uuid is not null`,
    delete: `delete from app.facility_settings where $1::uuid is not null`,
  }),
  ...noApiRole('providers', {
    insert: `insert into app.providers (user_id, display_name) values ($1, 'x')`,
    update: `update app.providers set active = true where $1::uuid is not null`,
    delete: `delete from app.providers where $1::uuid is not null`,
  }),
  ...noApiRole('provider_facilities', {
    insert: `insert into app.provider_facilities (user_id, facility_id) values ($1, '${FACILITY}')`,
    update: `update app.provider_facilities set facility_id = 'demo-chiyang-sprout' where $1::uuid is not null`,
    delete: `delete from app.provider_facilities where $1::uuid is not null`,
  }),
  ...noApiRole('facility_change_requests', {
    insert: `insert into app.facility_change_requests (facility_id, field, requested_by) values ('${FACILITY}', 'phone', $1)`,
    update: `update app.facility_change_requests set status = 'approved' where $1::uuid is not null`,
    delete: `delete from app.facility_change_requests where $1::uuid is not null`,
  }),
  'app_private.sign_in_failures': {
    writes: {
      insert: `insert into app_private.sign_in_failures values ($1, 1, now())`,
      update: `update app_private.sign_in_failures set failures = 1 where $1::uuid is not null`,
      delete: `delete from app_private.sign_in_failures where $1::uuid is not null`,
    },
    expect: () => all(tableDenied('sign_in_failures')),
  },
};

/** An app table no API role may touch at all (definer functions only). */
function noApiRole(table: string, writes: Record<Exclude<Op, 'select'>, string>) {
  return {
    [`app.${table}`]: {
      writes,
      expect: (who: Who) =>
        all(who === 'anon' || who === 'service_role' ? schemaDenied('app') : tableDenied(table)),
    },
  };
}
/** An app table staff read through policies and nobody writes: anon and service_role are stopped at the schema. */
function staffReadable(table: string, rows: Record<'user' | 'outreach' | 'admin', 'all' | number>) {
  return (who: Who): Record<Op, Expect> =>
    who === 'anon' || who === 'service_role'
      ? all(schemaDenied('app'))
      : { ...all(tableDenied(table)), select: { rows: rows[who] } };
}

/** A valid online answer, its JSON safe inside a SQL string literal. */
const ANSWER = JSON.stringify(surveyFixture(1, '0b7a3c52-4f0e-4b8a-9d55-6c1e2f3a4b5c', 'matrix-a'));

function all(e: Expect): Record<Op, Expect> {
  return { select: e, insert: e, update: e, delete: e };
}

/** Every function: a call ($1 = a signed-in non-staff user's email) and what each role gets. */
type FnSpec = { call: string; expect: Record<Who, Expect> & { provider?: Expect } };
const FUNCTIONS: Record<string, FnSpec> = {
  'public.whoami()': {
    call: 'select public.whoami()',
    expect: {
      anon: signInRequired,
      user: ok,
      outreach: ok,
      admin: ok,
      service_role: signInRequired,
    },
  },
  // Facilities: anyone reads the catalogue and the live vacancies; a provider changes its own facility's live fields
  // and proposes fees/phone/prepayment; staff change any facility and review; admins manage provider accounts.
  'public.facility_vacancies()': anybody('select public.facility_vacancies()'),
  'public.facility_catalogue()': anybody('select public.facility_catalogue()'),
  'public.facilities_changed_since()': anybody('select public.facilities_changed_since()'),
  'public.my_facilities()': signedInAny('my_facilities', 'select public.my_facilities()'),
  'public.update_vacancies(text, jsonb, integer)': facilityEditor(
    'update_vacancies',
    `select public.update_vacancies('${FACILITY}', '{"m24_36": 1}')`,
  ),
  'public.update_facility_hours(text, text)': facilityEditor(
    'update_facility_hours',
    `select public.update_facility_hours('${FACILITY}', '周一至周六 7:30–18:00')`,
  ),
  'public.set_facility_closure(text, date, date, text)': facilityEditor(
    'set_facility_closure',
    `select public.set_facility_closure('${FACILITY}', '2026-12-24', '2026-12-26', '消毒')`,
  ),
  'public.propose_facility_change(text, text, jsonb, text)': facilityEditor(
    'propose_facility_change',
    `select public.propose_facility_change('${FACILITY}', 'fees', '{"full_day": 1600}', 'matrix')`,
  ),
  'public.facility_review_queue()': staffFunction(
    'facility_review_queue',
    'select public.facility_review_queue()',
  ),
  'public.review_facility_change(bigint, boolean, text)': {
    ...staffFunction('review_facility_change', `select public.review_facility_change(0, true, 'matrix')`),
    expect: {
      ...staffFunction('review_facility_change', '').expect,
      outreach: { refused: 'PT404', message: 'no proposal with that id' },
      admin: { refused: 'PT404', message: 'no proposal with that id' },
    },
  },
  'public.staff_update_facility(text, jsonb, text)': staffFunction(
    'staff_update_facility',
    `select public.staff_update_facility('${FACILITY}', '{"inclusive": true}', 'matrix')`,
  ),
  'public.stale_facilities()': staffFunction('stale_facilities', 'select public.stale_facilities()'),
  'public.upsert_provider(text, text, text, text[], boolean)': adminOnly(
    'upsert_provider',
    `select public.upsert_provider($1, 'New', null, array['${FACILITY}'], true)`,
  ),
  'public.list_providers()': adminOnly('list_providers', 'select public.list_providers()'),
  'app_private.facility_fees_ok(jsonb, text[])': ownerOnly(
    'facility_fees_ok',
    `select app_private.facility_fees_ok('{}', null)`,
  ),
  'app_private.text_array_unique(text[])': ownerOnly(
    'text_array_unique',
    `select app_private.text_array_unique('{a}')`,
  ),
  'app_private.facility_json(app.facilities)': ownerOnly(
    'facility_json',
    'select app_private.facility_json(null::app.facilities)',
    undefined,
    schemaDenied('app'),
  ),
  'app_private.facility_for_editor(app.facilities)': ownerOnly(
    'facility_for_editor',
    'select app_private.facility_for_editor(null::app.facilities)',
    undefined,
    schemaDenied('app'),
  ),
  'app_private.facility_write(app.facilities)': ownerOnly(
    'facility_write',
    'select app_private.facility_write(null::app.facilities)',
    undefined,
    schemaDenied('app'),
  ),
  'app_private.facility_value(jsonb, text[], text, text[])': ownerOnly(
    'facility_value',
    `select app_private.facility_value('{}', '{id}', 'string')`,
  ),
  'app_private.facility_from_json(jsonb)': ownerOnly(
    'facility_from_json',
    `select app_private.facility_from_json('{}')`,
  ),
  'app_private.facility_history_trigger()': ownerOnly(
    'facility_history_trigger',
    'select app_private.facility_history_trigger()',
  ),
  'app_private.facility_begin(text, text)': ownerOnly(
    'facility_begin',
    `select app_private.facility_begin('sql', null)`,
  ),
  'app_private.facility_field_group(text)': ownerOnly(
    'facility_field_group',
    `select app_private.facility_field_group('lat')`,
  ),
  'app_private.sync_facilities(jsonb, text)': ownerOnly(
    'sync_facilities',
    `select app_private.sync_facilities('[]', 'seed')`,
  ),
  'app_private.sync_facility_settings(jsonb)': ownerOnly(
    'sync_facility_settings',
    `select app_private.sync_facility_settings('{}')`,
  ),
  'app_private.require_facility_editor(text)': ownerOnly(
    'require_facility_editor',
    `select app_private.require_facility_editor('${FACILITY}')`,
  ),
  'app_private.beijing_today()': ownerOnly('beijing_today', 'select app_private.beijing_today()'),
  'public.list_staff()': adminOnly('list_staff', 'select * from public.list_staff()'),
  'public.list_audit_log(integer)': {
    ...adminOnly('list_audit_log', 'select * from public.list_audit_log(10)'),
    // An invoker function: service_role reaches the staff check but may not run it.
    expect: { ...adminOnly('list_audit_log', '').expect, service_role: fnDenied('require_staff_role') },
  },
  'public.upsert_staff(text, text, text, boolean)': adminOnly(
    'upsert_staff',
    `select public.upsert_staff($1, 'New', 'outreach', true)`,
  ),
  'app_private.staff_role()': signedIn('staff_role', 'select app_private.staff_role()', {
    user: { ok: true, value: null },
    outreach: { ok: true, value: 'outreach' },
    admin: { ok: true, value: 'admin' },
  }),
  'app_private.has_staff_role(text)': signedIn(
    'has_staff_role',
    `select app_private.has_staff_role('outreach')`,
    {
      user: { ok: true, value: false },
      outreach: { ok: true, value: true },
      admin: { ok: true, value: true },
    },
  ),
  'app_private.require_staff_role(text)': signedIn(
    'require_staff_role',
    `select app_private.require_staff_role('outreach')`,
    { user: roleRequired('outreach'), outreach: ok, admin: ok },
  ),
  'app_private.hit_rate_limit(text, integer, interval)': ownerOnly(
    'hit_rate_limit',
    `select app_private.hit_rate_limit('matrix', 5, '1 minute')`,
    ok,
  ),
  'app_private.log_audit(text, text, text, jsonb)': ownerOnly(
    'log_audit',
    `select app_private.log_audit('forged', null, null)`,
  ),
  'app_private.client_address()': ownerOnly('client_address', 'select app_private.client_address()'),
  'app_private.prune_rate_limit_buckets()': ownerOnly(
    'prune_rate_limit_buckets',
    'select app_private.prune_rate_limit_buckets()',
  ),
  'app_private.touch_updated_at()': ownerOnly('touch_updated_at', 'select app_private.touch_updated_at()'),
  'app_private.sync_townships(jsonb)': ownerOnly(
    'sync_townships',
    `select app_private.sync_townships('[{"code":"341702001","name":"x","name_en":"x","type":"街道"}]'::jsonb)`,
  ),
  'app_private.rate_limit_exhausted(text, integer)': ownerOnly(
    'rate_limit_exhausted',
    `select app_private.rate_limit_exhausted('matrix', 5)`,
    { ok: true, value: false },
  ),
  'app_private.account_hash(text)': ownerOnly('account_hash', `select app_private.account_hash($1)`),
  'app_private.sign_in_wait(text)': ownerOnly('sign_in_wait', `select app_private.sign_in_wait($1)`, {
    ok: true,
    value: 0,
  }),
  'app_private.record_sign_in(text, boolean, integer, interval, integer, interval, interval)': ownerOnly(
    'record_sign_in',
    `select app_private.record_sign_in($1, true, 30, '5 minutes', 5, '30 seconds', '15 minutes')`,
    { ok: true, value: 0 },
  ),
  // The survey: anon submits and reads the suppressed summary; outreach reads aggregates and enters paper forms;
  // only admins export phone numbers.
  'public.submit_survey(jsonb)': everyone(
    `select public.submit_survey('${ANSWER}'::jsonb)`,
    'submit_online_survey',
  ),
  'public.survey_results()': everyone('select public.survey_results()', 'survey_public_summary'),
  'public.start_survey()': everyone('select public.start_survey()', 'start_survey'),
  'app_private.start_survey()': everyone('select app_private.start_survey()', 'start_survey'),
  'app_private.survey_value(jsonb)': ownerOnly('survey_value', `select app_private.survey_value('1')`),
  'app_private.survey_text(jsonb)': ownerOnly('survey_text', `select app_private.survey_text('1')`),
  'app_private.survey_number(jsonb)': ownerOnly('survey_number', `select app_private.survey_number('1')`),
  'app_private.survey_truth(jsonb)': ownerOnly('survey_truth', `select app_private.survey_truth('1')`),
  'app_private.survey_items(jsonb)': ownerOnly('survey_items', `select app_private.survey_items('"a b"')`),
  'app_private.survey_number_value(double precision)': ownerOnly(
    'survey_number_value',
    'select app_private.survey_number_value(1)',
  ),
  'app_private.survey_eval(jsonb, jsonb, date, jsonb, text[], jsonb, jsonb)': ownerOnly(
    'survey_eval',
    `select app_private.survey_eval('{"op":"today"}', '{}', '2027-01-01', null, null, null, null)`,
  ),
  'app_private.survey_node_names(jsonb, boolean)': ownerOnly(
    'survey_node_names',
    `select app_private.survey_node_names('[]', true)`,
  ),
  'app_private.survey_answered(jsonb)': ownerOnly(
    'survey_answered',
    `select app_private.survey_answered('1')`,
  ),
  'app_private.survey_has_type(text, jsonb)': ownerOnly(
    'survey_has_type',
    `select app_private.survey_has_type('text', '"a"')`,
  ),
  'app_private.survey_check_nodes(jsonb, jsonb, boolean, jsonb, text, jsonb, date, jsonb, text[])': ownerOnly(
    'survey_check_nodes',
    `select app_private.survey_check_nodes('{}', '[]', true, '{}', '', '{}', '2027-01-01', null, null)`,
  ),
  'app_private.check_survey_answers(jsonb, jsonb, date)': ownerOnly(
    'check_survey_answers',
    `select app_private.check_survey_answers('{"body":[]}', '{}', '2027-01-01')`,
  ),
  'public.survey_form()': everyone('select public.survey_form()', 'survey_form'),
  'app_private.survey_form()': everyone('select app_private.survey_form()', 'survey_form'),
  'public.publish_survey_form(jsonb, integer)': adminOnly(
    'publish_survey_form',
    `select public.publish_survey_form('{"form_id": "matrix", "version": "matrix-upload", "title": {"zh-CN": "矩阵"}, "languages": ["zh-CN"], "choices": {}, "body": [{"kind": "question", "type": "text", "name": "q", "number": 1, "label": {"zh-CN": "问"}}]}', 30)`,
  ),
  'app_private.survey_definition_problem(jsonb)': ownerOnly(
    'survey_definition_problem',
    `select app_private.survey_definition_problem('{}')`,
  ),
  'app_private.survey_form_accepting(text)': ownerOnly(
    'survey_form_accepting',
    `select app_private.survey_form_accepting('x')`,
  ),
  'app_private.publish_survey_form(jsonb, text, integer)': ownerOnly(
    'publish_survey_form',
    `select app_private.publish_survey_form('{}', 'matrix', 30)`,
  ),
  'app_private.survey_questions(jsonb)': ownerOnly(
    'survey_questions',
    `select app_private.survey_questions('[]')`,
  ),
  'app_private.survey_legacy_answers(uuid)': ownerOnly(
    'survey_legacy_answers',
    `select app_private.survey_legacy_answers('00000000-0000-4000-8000-000000000000')`,
  ),
  'app_private.survey_legacy_payload(jsonb, jsonb)': ownerOnly(
    'survey_legacy_payload',
    `select app_private.survey_legacy_payload('{}', '{}')`,
  ),
  'app_private.insert_versioned_survey_response(jsonb, text, text, uuid, date)': ownerOnly(
    'insert_versioned_survey_response',
    `select app_private.insert_versioned_survey_response('{}', 'online', 'direct', null, '2027-01-01')`,
  ),
  'app_private.store_survey_response(jsonb, text, text, uuid)': ownerOnly(
    'store_survey_response',
    `select app_private.store_survey_response('{}', 'online', 'direct', null)`,
  ),
  'app_private.survey_answers_from_legacy()': ownerOnly(
    'survey_answers_from_legacy',
    'select app_private.survey_answers_from_legacy()',
  ),
  'app_private.survey_planning()': ownerOnly(
    'survey_planning',
    'select * from app_private.survey_planning()',
  ),
  'app_private.survey_choice_labels()': ownerOnly(
    'survey_choice_labels',
    'select app_private.survey_choice_labels()',
  ),
  'app_private.differing_versioned_answers(jsonb, jsonb)': ownerOnly(
    'differing_versioned_answers',
    `select app_private.differing_versioned_answers('{}', '{}')`,
  ),
  'app_private.survey_answer_key(jsonb)': ownerOnly(
    'survey_answer_key',
    `select app_private.survey_answer_key('1')`,
  ),
  ...staffPair(
    'export_survey_answers(date, date, text, boolean)',
    'select * from %s.export_survey_answers(null, null, null, false)',
  ),
  ...staffPair('survey_form_versions()', 'select %s.survey_form_versions()'),
  'app_private.random_survey_reference()': ownerOnly(
    'random_survey_reference',
    'select app_private.random_survey_reference()',
  ),
  'app_private.sign_survey_start(timestamp with time zone)': ownerOnly(
    'sign_survey_start',
    'select app_private.sign_survey_start(now())',
  ),
  'app_private.survey_start_issued_at(text)': ownerOnly(
    'survey_start_issued_at',
    `select app_private.survey_start_issued_at('x')`,
  ),
  'app_private.submit_online_survey(jsonb)': everyone(
    `select app_private.submit_online_survey('${ANSWER}'::jsonb)`,
    'submit_online_survey',
  ),
  'app_private.survey_public_summary()': everyone(
    'select app_private.survey_public_summary()',
    'survey_public_summary',
  ),
  'public.enter_paper_survey(jsonb, text)': outreachUp(
    'enter_paper_survey',
    `select public.enter_paper_survey('${ANSWER}'::jsonb, 'paper')`,
    'enter_paper_survey',
  ),
  'app_private.enter_paper_survey(jsonb, text)': outreachUp(
    'enter_paper_survey',
    `select app_private.enter_paper_survey('${ANSWER}'::jsonb, 'paper')`,
    'enter_paper_survey',
  ),
  'public.create_distribution_point(text, text, text, date)': outreachUp(
    'create_distribution_point',
    `select public.create_distribution_point('matrix-new', 'x', '341702001', '2026-06-01')`,
    'create_distribution_point',
  ),
  'app_private.create_distribution_point(text, text, text, date)': outreachUp(
    'create_distribution_point',
    `select app_private.create_distribution_point('matrix-new', 'x', '341702001', '2026-06-01')`,
    'create_distribution_point',
  ),
  // Definers since they read app.survey_answers (20261207316001): service_role reaches the role check, no user.
  'public.list_distribution_points()': {
    ...outreachUp(
      'list_distribution_points',
      'select * from public.list_distribution_points()',
      'require_staff_role',
    ),
    expect: {
      ...outreachUp('list_distribution_points', '', 'require_staff_role').expect,
      service_role: signInRequired,
    },
  },
  'public.survey_dashboard(date, date, text)': {
    ...outreachUp('survey_dashboard', 'select public.survey_dashboard()', 'require_staff_role'),
    expect: {
      ...outreachUp('survey_dashboard', '', 'require_staff_role').expect,
      service_role: signInRequired,
    },
  },
  'public.export_survey_responses(boolean, date, date, text)': {
    ...adminOnly('export_survey_responses', 'select * from public.export_survey_responses(true)'),
    expect: { ...adminOnly('export_survey_responses', '').expect, service_role: fnDenied('export_survey') },
  },
  'app_private.export_survey(boolean, date, date, text)': {
    call: 'select * from app_private.export_survey(true, null, null, null)',
    expect: { ...adminOnly('export_survey', '').expect, service_role: fnDenied('export_survey') },
  },
  'app_private.age_band(integer)': signedIn('age_band', 'select app_private.age_band(13)', {
    user: { ok: true, value: '13_24' },
    outreach: { ok: true, value: '13_24' },
    admin: { ok: true, value: '13_24' },
  }),
  'app_private.insert_survey_response(jsonb, text, text, uuid)': ownerOnly(
    'insert_survey_response',
    `select app_private.insert_survey_response('${ANSWER}'::jsonb, 'online', 'direct', null)`,
  ),
  'app_private.survey_reference(bigint)': ownerOnly(
    'survey_reference',
    'select app_private.survey_reference(1)',
  ),
  'app_private.all_distinct(text[])': ownerOnly('all_distinct', `select app_private.all_distinct('{a}')`),
  'app_private.suppress_small(bigint)': ownerOnly('suppress_small', 'select app_private.suppress_small(3)'),
  'app_private.purge_survey_phones()': ownerOnly(
    'purge_survey_phones',
    'select app_private.purge_survey_phones()',
    { ok: true, value: 0 },
  ),
  // The published figures: a daily batch (service_role's job, or the owner's pg_cron), read by everyone.
  'app_private.survey_protected_figures()': ownerOnly(
    'survey_protected_figures',
    'select app_private.survey_protected_figures()',
  ),
  'app_private.refresh_survey_results()': ownerOnly(
    'refresh_survey_results',
    'select app_private.refresh_survey_results()',
    ok,
  ),
  'public.refresh_survey_results()': ownerOnly(
    'refresh_survey_results',
    'select public.refresh_survey_results()',
    ok,
  ),
  'public.enter_paper_survey_twice(text, jsonb, text)': outreachUp(
    'enter_paper_survey_twice',
    `select public.enter_paper_survey_twice('M-1', '${ANSWER}'::jsonb, 'paper')`,
    'enter_paper_survey_twice',
  ),
  'app_private.enter_paper_survey_twice(text, jsonb, text)': outreachUp(
    'enter_paper_survey_twice',
    `select app_private.enter_paper_survey_twice('M-1', '${ANSWER}'::jsonb, 'paper')`,
    'enter_paper_survey_twice',
  ),
  'app_private.differing_answers(jsonb, jsonb)': ownerOnly(
    'differing_answers',
    `select app_private.differing_answers('{}', '{}')`,
  ),
  // Lectures: parents (anon) call five functions (public invokers over app_private definers); staff eight.
  ...parentPair(
    'list_lecture_events(text, text)',
    `select public.list_lecture_events()`,
    `select app_private.list_lecture_events(null, null)`,
  ),
  ...parentPair(
    'get_lecture_event(uuid)',
    `select public.get_lecture_event('${EVENT}')`,
    `select app_private.get_lecture_event('${EVENT}')`,
  ),
  ...parentPair(
    'sign_up_for_lecture(uuid, text, text, integer, text, boolean, integer)',
    `select public.sign_up_for_lecture('${EVENT}', 'Matrix', '13800000000', 1, 'under_1', true, 1)`,
    `select app_private.sign_up_for_lecture('${EVENT}', 'Matrix', '13800000000', 1, 'under_1', true, 1)`,
  ),
  ...parentPair(
    'lookup_lecture_registration(text, text)',
    `select public.lookup_lecture_registration('${REG.mobile}', '${REG.code}')`,
    `select app_private.lookup_lecture_registration('${REG.mobile}', '${REG.code}')`,
  ),
  ...parentPair(
    'cancel_lecture_registration(text, text)',
    `select public.cancel_lecture_registration('${REG.mobile}', '${REG.code}')`,
    `select app_private.cancel_lecture_registration('${REG.mobile}', '${REG.code}')`,
  ),
  ...staffPair('staff_list_lecture_events()', 'select %s.staff_list_lecture_events()'),
  ...staffPair(
    'save_lecture_event(uuid, jsonb)',
    `select %s.save_lecture_event('${EVENT}', '{"title": "t", "kind": "training", "venue": "v", "township": "t", "starts_at": "2030-01-01T01:00:00Z", "ends_at": "2030-01-01T02:00:00Z", "capacity": 5}')`,
  ),
  ...staffPair(
    'set_lecture_event_status(uuid, text, text)',
    `select %s.set_lecture_event_status('${EVENT}', 'cancelled', 'matrix')`,
  ),
  ...staffPair('set_lecture_capacity(uuid, integer)', `select %s.set_lecture_capacity('${EVENT}', 9)`),
  ...staffPair('lecture_roster(uuid, integer, integer)', `select %s.lecture_roster('${EVENT}', 50, 0)`),
  ...staffPair(
    'set_lecture_waitlist_limit(uuid, integer)',
    `select %s.set_lecture_waitlist_limit('${EVENT}', 150)`,
  ),
  ...staffPair('reveal_lecture_mobile(bigint)', `select %s.reveal_lecture_mobile((select 1::bigint))`),
  ...staffPair('check_in_lecture(uuid, text)', `select %s.check_in_lecture('${EVENT}', '${REG.code}')`),
  ...staffPair(
    'export_lecture_roster(uuid, boolean, text)',
    `select %s.export_lecture_roster('${EVENT}', false, null)`,
  ),
  'app_private.random_lecture_code()': ownerOnly(
    'random_lecture_code',
    'select app_private.random_lecture_code()',
  ),
  'app_private.normalize_lecture_code(text)': ownerOnly(
    'normalize_lecture_code',
    `select app_private.normalize_lecture_code('a')`,
  ),
  'app_private.normalize_mobile(text)': ownerOnly(
    'normalize_mobile',
    `select app_private.normalize_mobile('1')`,
  ),
  'app_private.mask_mobile(text)': ownerOnly('mask_mobile', `select app_private.mask_mobile('13800000000')`),
  'app_private.lecture_counts(uuid)': ownerOnly(
    'lecture_counts',
    `select app_private.lecture_counts('${EVENT}')`,
  ),
  'app_private.lecture_waitlist_position(uuid, integer)': ownerOnly(
    'lecture_waitlist_position',
    `select app_private.lecture_waitlist_position('${EVENT}', 1)`,
  ),
  'app_private.require_lecture_waitlist_room(app.lecture_events)': ownerOnly(
    'require_lecture_waitlist_room',
    `select app_private.require_lecture_waitlist_room(null::app.lecture_events)`,
    fnDenied('require_lecture_waitlist_room'),
    schemaDenied('app'),
  ),
  'app_private.promote_lecture_waitlist(uuid)': ownerOnly(
    'promote_lecture_waitlist',
    `select app_private.promote_lecture_waitlist('${EVENT}')`,
  ),
  'app_private.lecture_event_json(app.lecture_events)': ownerOnly(
    'lecture_event_json',
    `select app_private.lecture_event_json(null::app.lecture_events)`,
    fnDenied('lecture_event_json'),
    schemaDenied('app'),
  ),
  'app_private.staff_lecture_event_json(app.lecture_events)': ownerOnly(
    'staff_lecture_event_json',
    `select app_private.staff_lecture_event_json(null::app.lecture_events)`,
    fnDenied('staff_lecture_event_json'),
    schemaDenied('app'),
  ),
  'app_private.lecture_registration_json(app.lecture_registrations)': ownerOnly(
    'lecture_registration_json',
    `select app_private.lecture_registration_json(null::app.lecture_registrations)`,
    fnDenied('lecture_registration_json'),
    schemaDenied('app'),
  ),
  'app_private.apply_lecture_capacity(app.lecture_events, integer)': ownerOnly(
    'apply_lecture_capacity',
    `select app_private.apply_lecture_capacity(null::app.lecture_events, 1)`,
    fnDenied('apply_lecture_capacity'),
    schemaDenied('app'),
  ),
  'app_private.lecture_code_attempt(text, text, boolean)': ownerOnly(
    'lecture_code_attempt',
    `select app_private.lecture_code_attempt('1', '1', false)`,
  ),
  'app_private.lecture_party(text, integer, integer)': ownerOnly(
    'lecture_party',
    `select app_private.lecture_party('adults', 1, 1)`,
  ),
  'app_private.lecture_confirmed_people(uuid)': ownerOnly(
    'lecture_confirmed_people',
    `select app_private.lecture_confirmed_people('${EVENT}')`,
  ),
  'app_private.refusal(integer, text, text, text)': ownerOnly(
    'refusal',
    `select app_private.refusal(404, 'lecture:not_found', 'x')`,
  ),
  'app_private.hit_subject_limit(text, text, integer, interval)': ownerOnly(
    'hit_subject_limit',
    `select app_private.hit_subject_limit('matrix', 's', 5, '1 minute')`,
  ),
  'app_private.subject_limit_exhausted(text, text, integer)': ownerOnly(
    'subject_limit_exhausted',
    `select app_private.subject_limit_exhausted('matrix', 's', 5)`,
  ),
  'app_private.purge_lecture_contacts()': ownerOnly(
    'purge_lecture_contacts',
    'select app_private.purge_lecture_contacts()',
    { ok: true, value: 0 },
  ),
};

function everyone(call: string, definer: string) {
  return { call, expect: { anon: ok, user: ok, outreach: ok, admin: ok, service_role: fnDenied(definer) } };
}
function outreachUp(
  name: string,
  call: string,
  serviceDenied: string,
): { call: string; expect: Record<Who, Expect> } {
  return {
    call,
    expect: {
      anon: fnDenied(name),
      user: roleRequired('outreach'),
      outreach: ok,
      admin: ok,
      service_role: fnDenied(serviceDenied),
    },
  };
}
/** A parent function: the public invoker and its app_private definer, both callable by everyone but service_role's definer. */
function parentPair(
  sig: string,
  publicCall: string,
  privateCall: string,
): Record<string, { call: string; expect: Record<Who, Expect> }> {
  const name = sig.slice(0, sig.indexOf('('));
  const everyone = { anon: ok, user: ok, outreach: ok, admin: ok };
  return {
    [`public.${sig}`]: { call: publicCall, expect: { ...everyone, service_role: fnDenied(name) } },
    [`app_private.${sig}`]: { call: privateCall, expect: { ...everyone, service_role: fnDenied(name) } },
  };
}
/** A staff function: the public invoker and its definer; outreach and admin only. */
function staffPair(sig: string, call: string): Record<string, { call: string; expect: Record<Who, Expect> }> {
  const name = sig.slice(0, sig.indexOf('('));
  const expect: Record<Who, Expect> = {
    anon: fnDenied(name),
    user: roleRequired('outreach'),
    outreach: ok,
    admin: ok,
    service_role: fnDenied(name),
  };
  return {
    [`public.${sig}`]: { call: call.replace('%s', 'public'), expect },
    [`app_private.${sig}`]: { call: call.replace('%s', 'app_private'), expect },
  };
}

/** Anyone, signed in or not (service_role too: Supabase's default for public functions). */
function anybody(call: string): FnSpec {
  return { call, expect: { anon: ok, user: ok, outreach: ok, admin: ok, service_role: ok } };
}
/** Any signed-in user; service_role has EXECUTE but no user (PT401). */
function signedInAny(name: string, call: string): FnSpec {
  return {
    call,
    expect: {
      anon: fnDenied(name),
      user: ok,
      outreach: ok,
      admin: ok,
      service_role: { refused: 'PT401', message: 'sign in required' },
    },
  };
}
/** The provider's live fields: its own facility's provider and staff may; a plain user may not. */
function facilityEditor(name: string, call: string): FnSpec {
  return {
    call,
    expect: {
      anon: fnDenied(name),
      user: { refused: 'PT403', message: 'this account does not keep this facility' },
      provider: ok,
      outreach: ok,
      admin: ok,
      service_role: { refused: 'PT401', message: 'sign in required' },
    },
  };
}
/** A public definer for outreach and admin (service_role: no user, PT401). */
function staffFunction(name: string, call: string): FnSpec {
  return {
    call,
    expect: {
      anon: fnDenied(name),
      user: roleRequired('outreach'),
      outreach: ok,
      admin: ok,
      service_role: signInRequired,
    },
  };
}

function adminOnly(name: string, call: string): { call: string; expect: Record<Who, Expect> } {
  const notAdmin: Expect = roleRequired('admin');
  return {
    call,
    expect: {
      anon: fnDenied(name),
      user: notAdmin,
      outreach: notAdmin,
      admin: ok,
      service_role: signInRequired,
    },
  };
}
// anon has USAGE on app_private (to reach the lecture definers granted to it), so it meets each function's own EXECUTE.
function signedIn(name: string, call: string, staff: Record<'user' | 'outreach' | 'admin', Expect>) {
  return { call, expect: { anon: fnDenied(name), ...staff, service_role: fnDenied(name) } };
}
/** `typed`: the call names a type in schema app, which anon and service_role cannot even resolve. */
function ownerOnly(name: string, call: string, service: Expect = fnDenied(name), typed?: Expect) {
  const no = fnDenied(name);
  return {
    call,
    expect: { anon: typed ?? no, user: no, outreach: no, admin: no, service_role: typed ?? service },
  };
}

describeEachDatabase('privilege matrix', (ctx) => {
  const actors = {} as Record<Actorship, Actor>;
  let stranger: User;
  beforeAll(async () => {
    const [user, outreach, admin] = [
      await createUser(ctx.db, 'user'),
      await createStaff(ctx.db, 'outreach', 'outreach'),
      await createStaff(ctx.db, 'admin', 'admin'),
    ];
    Object.assign(actors, {
      anon,
      user: user.actor,
      outreach: outreach.actor,
      admin: admin.actor,
      service_role: serviceRole,
    });
    stranger = await createUser(ctx.db, 'stranger');
    const provider = await createUser(ctx.db, 'provider');
    await rowsAs(
      ctx.db,
      admin.actor,
      `select public.upsert_provider($1, 'Provider', null, array['${FACILITY}'])`,
      [provider.email],
    );
    actors.provider = provider.actor;
    // A pending proposal and a second provider, so "all rows" and "no rows" differ in the provider tables.
    await rowsAs(
      ctx.db,
      provider.actor,
      `select public.propose_facility_change('${FACILITY}', 'fees', '{"full_day": 1700}', null)`,
    );
    await rowsAs(
      ctx.db,
      provider.actor,
      `select public.propose_facility_change('${FACILITY}', 'prepayment', '{"max_months": 1, "refund": "x"}', null)`,
    );
    const second = await createUser(ctx.db, 'provider2');
    await rowsAs(
      ctx.db,
      admin.actor,
      `select public.upsert_provider($1, 'Second', null, array['${FACILITY}', 'demo-chiyang-sprout'])`,
      [second.email],
    );
    // Something in every table, so "all rows" and "no rows" differ.
    for (const name of ['Outreach', 'Outreach worker']) {
      await rowsAs(ctx.db, admin.actor, `select public.upsert_staff($1, $2, 'outreach', true)`, [
        outreach.email,
        name,
      ]);
    }
    await rowsAs(ctx.db, serviceRole, `select app_private.hit_rate_limit('matrix', 5, '1 minute')`);
    for (const code of ['matrix-a', 'matrix-b']) {
      await rowsAs(
        ctx.db,
        outreach.actor,
        `select public.create_distribution_point($1, 'Matrix', '341702001', '2026-06-01')`,
        [code],
      );
    }
    // Two answers with phone numbers (fixtures 0 and 6), from two addresses, each with a start token signed a
    // minute ago; and ANSWER, stored, so every role's submit of it reaches the definer (its resend path).
    for (const [i, answer] of [
      [0, surveyFixture(0, randomUUID())],
      [6, surveyFixture(6, randomUUID())],
      [1, JSON.parse(ANSWER)],
    ] as const) {
      const { rows } = await ctx.db.query<{ t: string }>(
        `select app_private.sign_survey_start(now() - interval '1 minute') as t`,
      );
      await rowsAs(
        ctx.db,
        { ...anon, headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } },
        'select public.submit_survey($1::jsonb)',
        [JSON.stringify({ ...answer, start_token: rows[0].t })],
      );
    }
    await ctx.db.query(
      `insert into app.lecture_events (id, title, kind, venue, township, starts_at, ends_at, capacity, status, published_at, signups)
      values ($1, 'Matrix', 'training', 'v', 't', now() + interval '2 days', now() + interval '2 days 1 hour', 5, 'published', now(), 2),
             (gen_random_uuid(), 'Second', 'training', 'v', 't', now() + interval '3 days', now() + interval '3 days 1 hour', 5, 'draft', null, 0)`,
      [EVENT],
    );
    await ctx.db.query(
      `insert into app.lecture_registrations (event_id, code, signup_no, name, mobile, adults, child_age_band, consent_at, status, confirmed_at)
      values ($1, $2, 1, 'Matrix', $3, 1, 'under_1', now(), 'confirmed', now()), ($1, '77777C', 2, 'Other', '13700000001', 1, 'under_1', now(), 'confirmed', now())`,
      [EVENT, REG.code, REG.mobile],
    );
  });

  test('the expectations cover every table and function in app, app_private and public', async () => {
    const tables = await ctx.db.query<{
      t: string;
    }>(`select n.nspname || '.' || c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('public', 'app', 'app_private') and c.relkind in ('r', 'p', 'v', 'm', 'f') order by 1`);
    expect(tables.rows.map((r) => r.t)).toEqual(Object.keys(TABLES).sort());
    const fns = await ctx.db.query<{
      f: string;
    }>(`select n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')' as f
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname in ('public', 'app', 'app_private') order by 1`);
    expect(fns.rows.map((r) => r.f)).toEqual(Object.keys(FUNCTIONS).sort());
  });

  for (const [table, spec] of Object.entries(TABLES)) {
    for (const who of WHO) {
      for (const op of OPS) {
        const want = spec.expect(who === 'provider' ? 'user' : who)[op];
        test(`${table}: ${who} ${op} → ${describeExpect(want)}`, async () => {
          const sql = op === 'select' ? `select * from ${table}` : spec.writes[op];
          const got = await asRole(ctx.db, actors[who], sql, op === 'select' ? [] : [stranger.id], {
            rollback: true,
          });
          if ('denied' in want)
            return expect(got).toEqual({ ok: false, code: '42501', message: want.denied });
          expect(got.ok, JSON.stringify(got)).toBe(true);
          if (got.ok && 'rows' in want) {
            const total = (await ctx.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))
              .rows[0].n;
            expect(total).toBeGreaterThan(1);
            expect(got.rows.length).toBe(want.rows === 'all' ? total : want.rows);
          }
        });
      }
    }
  }

  for (const [fn, spec] of Object.entries(FUNCTIONS)) {
    for (const who of WHO) {
      const want = who === 'provider' ? (spec.expect.provider ?? spec.expect.user) : spec.expect[who];
      test(`${fn}: ${who} → ${describeExpect(want)}`, async () => {
        const params = spec.call.includes('$1') ? [stranger.email] : [];
        const got = await asRole(ctx.db, actors[who], spec.call, params, { rollback: true });
        if ('denied' in want) return expect(got).toEqual({ ok: false, code: '42501', message: want.denied });
        if ('refused' in want)
          return expect(got).toEqual({ ok: false, code: want.refused, message: want.message });
        expect(got.ok, JSON.stringify(got)).toBe(true);
        if (got.ok && 'value' in want) expect(Object.values(got.rows[0])[0]).toEqual(want.value);
      });
    }
  }
});

function describeExpect(e: Expect): string {
  if ('denied' in e) return `denied (${e.denied})`;
  if ('refused' in e) return `refused (${e.refused} ${e.message})`;
  if ('rows' in e) return e.rows === 'all' ? 'all rows' : `${e.rows} rows`;
  return 'allowed';
}
