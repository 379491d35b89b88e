-- The childcare-demand survey: families answer online (anon), staff enter paper forms; the district reads
-- aggregates. Every rule of the form's zod schema (src/lib/schemas/survey.ts) is also a type or constraint here;
-- tests/unit/survey-parity.test.ts compares the enum lists.
-- Sections: 1. types, 2. tables, 3. indexes, 4. private functions, 5. policies, 6. public functions.

-- 1. Types -------------------------------------------------------------------------------------------------
-- Enums rather than text checks: the catalogue (pg_enum) then states each answer list exactly once.
create type app.survey_relation as enum ('mother', 'father', 'grandparent', 'other');
comment on type app.survey_relation is 'Respondent''s relation to the child (item 1).';
create type app.survey_carer as enum ('parents', 'grandparents', 'nanny', 'childcare', 'other');
comment on type app.survey_carer is 'Who mainly cares for the child now (item 3).';
create type app.survey_in_care as enum ('enrolled', 'registered', 'not_enrolled');
comment on type app.survey_in_care is 'Already in childcare? 已送托 / 已报名未入托 / 未送托 (item 4).';
create type app.survey_reason_for as enum ('kindergarten_ready', 'early_learning', 'no_one_at_home', 'professional_care');
comment on type app.survey_reason_for is 'Reasons for wanting childcare (item 6).';
create type app.survey_reason_against as enum ('too_young', 'family_cares', 'safety', 'cost');
comment on type app.survey_reason_against is 'Reasons for not wanting childcare (item 7).';
create type app.survey_provider as enum ('kindergarten_class', 'public_centre', 'community_point', 'employer_point', 'early_learning_centre');
comment on type app.survey_provider is 'Preferred kind of provider (item 8).';
create type app.survey_care_form as enum ('full_day', 'half_day', 'hourly', 'occasional');
comment on type app.survey_care_form is 'Preferred form of care: 全日托 / 半日托 / 计时托 / 临时托 (item 9).';
create type app.survey_fee as enum ('under_1000', '1000_2000', '2001_3000', 'over_3000');
comment on type app.survey_fee is 'Acceptable monthly fee band in yuan (item 10).';
create type app.survey_distance as enum ('within_1km', '1_3km', 'over_3km');
comment on type app.survey_distance is 'Acceptable distance from home (item 11).';
create type app.survey_dropoff as enum ('before_0730', '0730_0830', 'after_0830');
comment on type app.survey_dropoff is 'Preferred drop-off time band (item 11).';
create type app.survey_pickup as enum ('before_1630', '1630_1730', '1730_1830', 'after_1830');
comment on type app.survey_pickup is 'Preferred pick-up time band (item 11).';
create type app.survey_priority as enum ('safety', 'health_care', 'caregivers', 'environment', 'meals', 'cost');
comment on type app.survey_priority is 'What matters most, up to 3 (item 12).';
create type app.survey_township as enum (
  '341702001', '341702002', '341702003', '341702004', '341702005', '341702006', '341702007', '341702008',
  '341702009', '341702010', '341702011', '341702100', '341702101', '341702102', '341702103', '341702104',
  '341702105', '341702106', '341702107', '341702108');
comment on type app.survey_township is 'The 20 街道/镇 of Guichi District by statistical code (src/data/district.ts TOWNSHIPS).';

-- 2. Tables ------------------------------------------------------------------------------------------------
-- Leaflet / event distribution points: their code is the ?src= of the QR code printed for them.
create table app.survey_distribution_points (
  code text constraint survey_distribution_points_pkey primary key
    constraint survey_distribution_points_code_format check (code ~ '^[a-z0-9][a-z0-9-]{1,31}$' and code not in ('unknown', 'direct', 'paper')),
  name text not null constraint survey_distribution_points_name_length check (char_length(btrim(name)) between 1 and 80),
  township app.survey_township not null,
  distributed_on date not null,
  created_by uuid,
  created_at timestamptz not null default now()
);
comment on table app.survey_distribution_points is 'Where leaflets with a survey QR code were handed out; code = the ?src= value. Written by staff functions.';
alter table app.survey_distribution_points enable row level security;
grant select on app.survey_distribution_points to authenticated;

-- For the check below (a check constraint may not hold a subquery): no choice picked twice.
create function app_private.all_distinct(p text[]) returns boolean
language sql immutable set search_path = '' as $$
  select cardinality(p) = (select count(distinct x) from unnest(p) x)
$$;
comment on function app_private.all_distinct(text[]) is 'True when no element of the array repeats (multiple-choice answers).';
revoke all on function app_private.all_distinct(text[]) from public, anon, authenticated;

-- One row per questionnaire. No name, no ID, no phone here (phones live in survey_contacts and expire).
create table app.survey_responses (
  id uuid constraint survey_responses_pkey primary key,
  seq bigint generated always as identity constraint survey_responses_seq_key unique,
  submitted_at timestamptz not null default now(),
  channel text not null constraint survey_responses_channel_check check (channel in ('online', 'paper')),
  source_code text not null constraint survey_responses_source_code_format check (source_code ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
  entered_by uuid,
  consent_version text not null constraint survey_responses_consent_version_check check (consent_version in ('2026-11')),
  relation app.survey_relation not null,
  children_count smallint not null constraint survey_responses_children_count_check check (children_count between 1 and 6),
  carer app.survey_carer not null,
  in_care app.survey_in_care not null,
  wants_care boolean not null,
  reasons_for app.survey_reason_for[] not null default '{}',
  reasons_against app.survey_reason_against[] not null default '{}',
  provider app.survey_provider,
  care_form app.survey_care_form,
  fee app.survey_fee,
  distance app.survey_distance,
  dropoff app.survey_dropoff,
  pickup app.survey_pickup,
  priorities app.survey_priority[] not null default '{}',
  township app.survey_township not null,
  community text constraint survey_responses_community_length check (community is null or char_length(btrim(community)) between 1 and 60),
  constraint survey_responses_paper_entered_by check ((channel = 'paper') = (entered_by is not null)),
  -- Skip logic: "wants care: no" skips every care-preference question and asks the reasons against instead.
  constraint survey_responses_skip_logic check (
    (wants_care and cardinality(reasons_for) between 1 and 4 and cardinality(reasons_against) = 0
      and provider is not null and care_form is not null and fee is not null and distance is not null
      and dropoff is not null and pickup is not null and cardinality(priorities) between 1 and 3)
    or (not wants_care and cardinality(reasons_against) between 1 and 4 and cardinality(reasons_for) = 0
      and provider is null and care_form is null and fee is null and distance is null
      and dropoff is null and pickup is null and cardinality(priorities) = 0)),
  constraint survey_responses_choices_distinct check (
    app_private.all_distinct(reasons_for::text[]) and app_private.all_distinct(reasons_against::text[])
    and app_private.all_distinct(priorities::text[]))
);
comment on table app.survey_responses is 'Survey answers, de-identified: no name, ID or phone. Written only by the submit / paper-entry functions.';
alter table app.survey_responses enable row level security;
grant select on app.survey_responses to authenticated;

-- Each child under 3: birth year-month only, and the age in months at the time of the answer.
create table app.survey_children (
  response_id uuid not null references app.survey_responses (id) on delete cascade,
  ordinal smallint not null constraint survey_children_ordinal_check check (ordinal between 1 and 6),
  birth_month date not null constraint survey_children_birth_month_first check (extract(day from birth_month) = 1),
  age_months smallint not null constraint survey_children_age_months_check check (age_months between 0 and 36),
  constraint survey_children_pkey primary key (response_id, ordinal)
);
comment on table app.survey_children is 'Children under 3 of a response: birth month (1st of the month) and age in months when answered (0–36).';
alter table app.survey_children enable row level security;
grant select on app.survey_children to authenticated;

-- Optional follow-up phone, only with its own consent; deleted 180 days after the answer (purge_survey_phones).
create table app.survey_contacts (
  response_id uuid constraint survey_contacts_pkey primary key references app.survey_responses (id) on delete cascade,
  phone text not null constraint survey_contacts_phone_format check (phone ~ '^1[3-9][0-9]{9}$'),
  phone_consent boolean not null constraint survey_contacts_phone_consent check (phone_consent),
  created_at timestamptz not null default now()
);
comment on table app.survey_contacts is 'Follow-up phone numbers given with their own consent; admins only; purged after 180 days.';
alter table app.survey_contacts enable row level security;
grant select on app.survey_contacts to authenticated;

-- Tunable anti-abuse settings (one row). Owner only: the bench and tests raise the limit as the owner.
create table app_private.survey_settings (
  id boolean primary key default true constraint survey_settings_one_row check (id),
  max_submissions_per_hour integer not null default 60 constraint survey_settings_max_positive check (max_submissions_per_hour >= 1),
  min_fill_seconds integer not null default 20 constraint survey_settings_min_fill check (min_fill_seconds >= 0)
);
comment on table app_private.survey_settings is 'Online submit limits: responses per client address per hour, minimum seconds to fill the form.';
alter table app_private.survey_settings enable row level security;
insert into app_private.survey_settings default values;

-- 3. Indexes -----------------------------------------------------------------------------------------------
create index survey_responses_submitted_at_idx on app.survey_responses (submitted_at);
create index survey_responses_source_code_idx on app.survey_responses (source_code);

-- 4. Private functions -------------------------------------------------------------------------------------
-- Turns one JSON answer into rows. Not a definer and granted to nobody: only the definer entry points below (which
-- run as the owner, after their own checks) call it. Returns {reference, duplicate}.
create function app_private.insert_survey_response(p jsonb, p_channel text, p_source_code text, p_entered_by uuid)
returns json
language plpgsql volatile set search_path = '' as $$
declare
  v_id uuid;
  v_seq bigint;
  v_wants boolean;
  v_child jsonb;
  v_ordinal integer := 0;
  v_month date;
  v_now_months integer := (extract(year from now() at time zone 'Asia/Shanghai') * 12 + extract(month from now() at time zone 'Asia/Shanghai'))::integer;
  v_phone text := nullif(btrim(p ->> 'phone'), '');
begin
  if p is null or jsonb_typeof(p) <> 'object' then
    raise exception 'the response must be a JSON object' using errcode = '22023';
  end if;
  if coalesce(p ->> 'id', '') !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    raise exception 'id must be a UUID made by the form' using errcode = '22023';
  end if;
  v_id := (p ->> 'id')::uuid;
  if (p -> 'consent') is distinct from 'true'::jsonb then
    raise exception 'the guardian''s consent is required' using errcode = '23514';
  end if;
  v_wants := case p ->> 'wants_care' when 'yes' then true when 'no' then false end;
  if v_wants is null then
    raise exception 'wants_care must be yes or no' using errcode = '23514';
  end if;
  if jsonb_typeof(p -> 'children') is distinct from 'array' then
    raise exception 'children must be a list' using errcode = '23514';
  end if;
  if v_phone is not null and (p -> 'phone_consent') is distinct from 'true'::jsonb then
    raise exception 'a phone number needs its own consent' using errcode = '23514';
  end if;

  insert into app.survey_responses as r (id, channel, source_code, entered_by, consent_version, relation, children_count,
    carer, in_care, wants_care, reasons_for, reasons_against, provider, care_form, fee, distance, dropoff, pickup,
    priorities, township, community)
  values (v_id, p_channel, p_source_code, p_entered_by, p ->> 'consent_version',
    (p ->> 'relation')::app.survey_relation,
    jsonb_array_length(p -> 'children'),
    (p ->> 'carer')::app.survey_carer,
    (p ->> 'in_care')::app.survey_in_care,
    v_wants,
    array(select jsonb_array_elements_text(coalesce(p -> 'reasons_for', '[]')))::app.survey_reason_for[],
    array(select jsonb_array_elements_text(coalesce(p -> 'reasons_against', '[]')))::app.survey_reason_against[],
    (p ->> 'provider')::app.survey_provider,
    (p ->> 'care_form')::app.survey_care_form,
    (p ->> 'fee')::app.survey_fee,
    (p ->> 'distance')::app.survey_distance,
    (p ->> 'dropoff')::app.survey_dropoff,
    (p ->> 'pickup')::app.survey_pickup,
    array(select jsonb_array_elements_text(coalesce(p -> 'priorities', '[]')))::app.survey_priority[],
    (p ->> 'township')::app.survey_township,
    nullif(btrim(p ->> 'community'), ''))
  on conflict on constraint survey_responses_pkey do nothing
  returning r.seq into v_seq;

  if v_seq is null then
    -- Sent before (an offline resend, a double tap): the stored answer stands.
    select r.seq into v_seq from app.survey_responses r where r.id = v_id;
    return json_build_object('reference', app_private.survey_reference(v_seq), 'duplicate', true);
  end if;

  for v_child in select * from jsonb_array_elements(p -> 'children') loop
    v_ordinal := v_ordinal + 1;
    if coalesce(v_child ->> 'birth_month', '') !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' then
      raise exception 'child %: birth_month must be a year and month (YYYY-MM)', v_ordinal using errcode = '23514';
    end if;
    v_month := ((v_child ->> 'birth_month') || '-01')::date;
    insert into app.survey_children (response_id, ordinal, birth_month, age_months)
    values (v_id, v_ordinal, v_month,
      v_now_months - (extract(year from v_month) * 12 + extract(month from v_month))::integer);
  end loop;

  if v_phone is not null then
    insert into app.survey_contacts (response_id, phone, phone_consent) values (v_id, v_phone, true);
  end if;
  return json_build_object('reference', app_private.survey_reference(v_seq), 'duplicate', false);
end
$$;
comment on function app_private.insert_survey_response(jsonb, text, text, uuid) is 'Stores one answer (idempotent by id); {reference, duplicate}. Owner only: called by the definer entry points.';
revoke all on function app_private.insert_survey_response(jsonb, text, text, uuid) from public, anon, authenticated;

-- The short reference a family is shown: GC- and the response's sequence number, zero-padded.
create function app_private.survey_reference(p_seq bigint) returns text
language sql immutable set search_path = '' as $$
  select 'GC-' || lpad(p_seq::text, 6, '0')
$$;
comment on function app_private.survey_reference(bigint) is 'The short reference (GC-000123) shown on the confirmation page. Owner only.';
revoke all on function app_private.survey_reference(bigint) from public, anon, authenticated;

-- The online entry point. Definer: anon may not read or write app.*, the rate-limit buckets or the settings.
-- Checks, in order: a resend of a stored id answers at once (so an offline queue never trips the limits); the
-- honeypot; the minimum fill time; the per-client rate limit. ?src= codes not on file are kept as 'unknown'.
create function app_private.submit_online_survey(p jsonb) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_settings app_private.survey_settings;
  v_seq bigint;
  v_src text := lower(btrim(coalesce(p ->> 'src', '')));
begin
  if p is null or jsonb_typeof(p) <> 'object' then
    raise exception 'the response must be a JSON object' using errcode = '22023';
  end if;
  if coalesce(p ->> 'id', '') ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    select r.seq into v_seq from app.survey_responses r where r.id = (p ->> 'id')::uuid;
    if v_seq is not null then
      return json_build_object('reference', app_private.survey_reference(v_seq), 'duplicate', true);
    end if;
  end if;
  if coalesce(p ->> 'website', '') <> '' then
    raise exception 'response refused: a field that must stay empty was filled in' using errcode = 'P0001';
  end if;
  select * into v_settings from app_private.survey_settings;
  if coalesce((p ->> 'fill_ms')::numeric, 0) < v_settings.min_fill_seconds * 1000 then
    raise exception 'response refused: answered faster than a person can read the questions' using errcode = 'P0001',
      hint = 'Check your answers, then send again.';
  end if;
  if not app_private.hit_rate_limit('survey.submit', v_settings.max_submissions_per_hour, interval '1 hour') then
    raise exception 'too many responses from this connection' using errcode = 'P0001',
      hint = 'Try again in an hour, or answer by phone or on paper.';
  end if;
  if v_src = '' then
    v_src := 'direct';
  elsif not exists (select 1 from app.survey_distribution_points d where d.code = v_src) then
    v_src := 'unknown';
  end if;
  return app_private.insert_survey_response(p, 'online', v_src, null);
end
$$;
comment on function app_private.submit_online_survey(jsonb) is 'Online submit: idempotent by id, honeypot, minimum fill time, per-client rate limit, src → known code | direct | unknown. Definer: anon reaches no table.';
revoke all on function app_private.submit_online_survey(jsonb) from public, anon, authenticated;
grant execute on function app_private.submit_online_survey(jsonb) to anon, authenticated;

-- Deletes follow-up phone numbers older than the published 180 days. npm start runs it daily as service_role (the
-- API's connection has no other way in); on Supabase pg_cron runs it.
create function app_private.purge_survey_phones() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_deleted integer;
begin
  delete from app.survey_contacts c using app.survey_responses r
  where r.id = c.response_id and r.submitted_at < now() - interval '180 days';
  get diagnostics v_deleted = row_count;
  return v_deleted;
end
$$;
comment on function app_private.purge_survey_phones() is 'Retention: deletes survey phone numbers given more than 180 days ago; returns how many. Definer so the scheduled job can run as service_role, which reaches no table itself (npm start daily, pg_cron).';
revoke all on function app_private.purge_survey_phones() from public, anon, authenticated;
grant execute on function app_private.purge_survey_phones() to service_role;

-- Small counts identify families: any count under 5 becomes null.
create function app_private.suppress_small(n bigint) returns bigint
language sql immutable set search_path = '' as $$
  select case when n >= 5 then n end
$$;
comment on function app_private.suppress_small(bigint) is 'n when n >= 5, else null (small-cell suppression for published figures).';
revoke all on function app_private.suppress_small(bigint) from public, anon, authenticated;

-- Age band of a child: 0–12, 13–24, 25–36 months.
create function app_private.age_band(p_months integer) returns text
language sql immutable set search_path = '' as $$
  select case when p_months <= 12 then '0_12' when p_months <= 24 then '13_24' else '25_36' end
$$;
comment on function app_private.age_band(integer) is 'Age band of a child by age in months: 0_12, 13_24, 25_36. Staff dashboards (invoker) call it.';
revoke all on function app_private.age_band(integer) from public, anon, authenticated;
grant execute on function app_private.age_band(integer) to authenticated;

-- The published summary. Definer: anon reads no row; only these suppressed counts leave the database.
create function app_private.survey_public_summary() returns json
language sql stable security definer set search_path = '' as $$
  with r as (select * from app.survey_responses),
  c as (select ch.*, r.township, r.wants_care from app.survey_children ch join r on r.id = ch.response_id)
  select json_build_object(
    'suppressed_below', 5,
    'responses', app_private.suppress_small((select count(*) from r)),
    'wants_care', app_private.suppress_small((select count(*) from r where r.wants_care)),
    'by_township', (select json_agg(json_build_object(
        'township', t.code,
        'responses', app_private.suppress_small((select count(*) from r where r.township = t.code)),
        'wants_care', app_private.suppress_small((select count(*) from r where r.township = t.code and r.wants_care)))
        order by t.code)
      from unnest(enum_range(null::app.survey_township)) t (code)),
    'demand_by_age_band', (select json_agg(json_build_object(
        'band', b.band,
        'children', app_private.suppress_small((select count(*) from c where app_private.age_band(c.age_months) = b.band)),
        'wants_care', app_private.suppress_small((select count(*) from c where app_private.age_band(c.age_months) = b.band and c.wants_care)))
        order by b.ord)
      from (values (1, '0_12'), (2, '13_24'), (3, '25_36')) b (ord, band)),
    'care_forms', (select json_agg(json_build_object('value', v.v,
        'responses', app_private.suppress_small((select count(*) from r where r.care_form = v.v))) order by v.v)
      from unnest(enum_range(null::app.survey_care_form)) v (v)),
    'fees', (select json_agg(json_build_object('value', v.v,
        'responses', app_private.suppress_small((select count(*) from r where r.fee = v.v))) order by v.v)
      from unnest(enum_range(null::app.survey_fee)) v (v)))
$$;
comment on function app_private.survey_public_summary() is 'Published aggregates with every count under 5 suppressed (null). Definer: anon reads no response row.';
revoke all on function app_private.survey_public_summary() from public, anon, authenticated;
grant execute on function app_private.survey_public_summary() to anon, authenticated;

-- 5. Policies ----------------------------------------------------------------------------------------------
-- No insert/update/delete grants or policies: answers are written only by the definer entry points.
create policy "outreach staff can read survey responses" on app.survey_responses
  for select to authenticated using ((select app_private.has_staff_role('outreach')));
create policy "outreach staff can read surveyed children" on app.survey_children
  for select to authenticated using ((select app_private.has_staff_role('outreach')));
create policy "admins can read survey contacts" on app.survey_contacts
  for select to authenticated using ((select app_private.has_staff_role('admin')));
create policy "outreach staff can read distribution points" on app.survey_distribution_points
  for select to authenticated using ((select app_private.has_staff_role('outreach')));

-- 6. Public functions --------------------------------------------------------------------------------------
-- anon needs USAGE on app_private to reach the two definer entry points granted to it (and nothing else there).
grant usage on schema app_private to anon;

-- Families submit here. Invoker: all checks live in the definer it calls.
create function public.submit_survey(p_response jsonb) returns json
language sql volatile set search_path = '' as $$
  select app_private.submit_online_survey(p_response)
$$;
comment on function public.submit_survey(jsonb) is 'Anyone: store one survey answer (idempotent by its id); returns {reference, duplicate}.';
revoke all on function public.submit_survey(jsonb) from public, anon, authenticated;
grant execute on function public.submit_survey(jsonb) to anon, authenticated;

-- The published results. Invoker: the definer it calls suppresses small cells.
create function public.survey_results() returns json
language sql stable set search_path = '' as $$
  select app_private.survey_public_summary()
$$;
comment on function public.survey_results() is 'Anyone: published survey aggregates, every count under 5 suppressed (null).';
revoke all on function public.survey_results() from public, anon, authenticated;
grant execute on function public.survey_results() to anon, authenticated;

-- 7. Staff functions ---------------------------------------------------------------------------------------
-- Paper entry. Definer: staff may not write app.* directly. Checks the outreach role itself (it is callable by
-- any signed-in user). The source is 'paper' or a distribution point's code; no fill-time or rate limit.
create function app_private.enter_paper_survey(p_response jsonb, p_source_code text) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_src text := lower(btrim(coalesce(p_source_code, '')));
  v_result json;
begin
  perform app_private.require_staff_role('outreach');
  if v_src <> 'paper' and not exists (select 1 from app.survey_distribution_points d where d.code = v_src) then
    raise exception 'unknown source code: %', v_src using errcode = 'P0001',
      hint = 'Choose a distribution point, or "paper" for forms from elsewhere.';
  end if;
  v_result := app_private.insert_survey_response(p_response, 'paper', v_src, auth.uid());
  if not (v_result ->> 'duplicate')::boolean then
    perform app_private.log_audit('survey.paper_entry', 'app.survey_responses', p_response ->> 'id', jsonb_build_object('source_code', v_src));
  end if;
  return v_result;
end
$$;
comment on function app_private.enter_paper_survey(jsonb, text) is 'Outreach: store a paper questionnaire (channel paper, source code, entered_by); audited. Definer: writes app.*.';
revoke all on function app_private.enter_paper_survey(jsonb, text) from public, anon, authenticated;
grant execute on function app_private.enter_paper_survey(jsonb, text) to authenticated;

create function public.enter_paper_survey(p_response jsonb, p_source_code text) returns json
language sql volatile set search_path = '' as $$
  select app_private.enter_paper_survey(p_response, p_source_code)
$$;
comment on function public.enter_paper_survey(jsonb, text) is 'Outreach: enter one paper questionnaire with its source code; {reference, duplicate}.';
revoke all on function public.enter_paper_survey(jsonb, text) from public, anon, authenticated;
grant execute on function public.enter_paper_survey(jsonb, text) to authenticated;

-- Distribution points. Definer: writes app.* and the audit log.
create function app_private.create_distribution_point(p_code text, p_name text, p_township text, p_distributed_on date) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_row app.survey_distribution_points;
begin
  perform app_private.require_staff_role('outreach');
  insert into app.survey_distribution_points (code, name, township, distributed_on, created_by)
  values (lower(btrim(p_code)), btrim(p_name), p_township::app.survey_township, p_distributed_on, auth.uid())
  returning * into v_row;
  perform app_private.log_audit('survey.point_create', 'app.survey_distribution_points', v_row.code,
    jsonb_build_object('name', v_row.name, 'township', v_row.township, 'distributed_on', v_row.distributed_on));
  return json_build_object('code', v_row.code, 'name', v_row.name, 'township', v_row.township, 'distributed_on', v_row.distributed_on);
end
$$;
comment on function app_private.create_distribution_point(text, text, text, date) is 'Outreach: add a leaflet distribution point (code = ?src=); audited. Definer: writes app.*.';
revoke all on function app_private.create_distribution_point(text, text, text, date) from public, anon, authenticated;
grant execute on function app_private.create_distribution_point(text, text, text, date) to authenticated;

create function public.create_distribution_point(p_code text, p_name text, p_township text, p_distributed_on date) returns json
language sql volatile set search_path = '' as $$
  select app_private.create_distribution_point(p_code, p_name, p_township, p_distributed_on)
$$;
comment on function public.create_distribution_point(text, text, text, date) is 'Outreach: add a distribution point; returns it.';
revoke all on function public.create_distribution_point(text, text, text, date) from public, anon, authenticated;
grant execute on function public.create_distribution_point(text, text, text, date) to authenticated;

-- Invoker: the policies let outreach read points and responses.
create function public.list_distribution_points()
returns table (code text, name text, township text, distributed_on date, responses bigint)
language plpgsql stable set search_path = '' as $$
begin
  perform app_private.require_staff_role('outreach');
  return query
    select d.code, d.name, d.township::text, d.distributed_on,
      (select count(*) from app.survey_responses r where r.source_code = d.code)
    from app.survey_distribution_points d order by d.distributed_on desc, d.code;
end
$$;
comment on function public.list_distribution_points() is 'Outreach: every distribution point with its number of responses.';
revoke all on function public.list_distribution_points() from public, anon, authenticated;
grant execute on function public.list_distribution_points() to authenticated;

-- The dashboard: every figure in one call, filtered by local (Asia/Shanghai) date range and source code (null =
-- all). Invoker: the policies let outreach read responses and children.
create function public.survey_dashboard(p_from date default null, p_to date default null, p_source text default null)
returns json
language plpgsql stable set search_path = '' as $$
declare
  v json;
begin
  perform app_private.require_staff_role('outreach');
  with r as (
    select * from app.survey_responses x
    where (p_from is null or (x.submitted_at at time zone 'Asia/Shanghai')::date >= p_from)
      and (p_to is null or (x.submitted_at at time zone 'Asia/Shanghai')::date <= p_to)
      and (p_source is null or x.source_code = p_source)),
  c as (select ch.age_months, app_private.age_band(ch.age_months) as band, r.township, r.wants_care
        from app.survey_children ch join r on r.id = ch.response_id),
  counts as (select 'care_form' as q, r.care_form::text as v from r where r.care_form is not null
    union all select 'fee', r.fee::text from r where r.fee is not null
    union all select 'distance', r.distance::text from r where r.distance is not null
    union all select 'provider', r.provider::text from r where r.provider is not null
    union all select 'dropoff', r.dropoff::text from r where r.dropoff is not null
    union all select 'pickup', r.pickup::text from r where r.pickup is not null
    union all select 'relation', r.relation::text from r
    union all select 'carer', r.carer::text from r
    union all select 'in_care', r.in_care::text from r
    union all select 'priority', unnest(r.priorities)::text from r
    union all select 'reason_for', unnest(r.reasons_for)::text from r
    union all select 'reason_against', unnest(r.reasons_against)::text from r)
  select json_build_object(
    'responses', (select count(*) from r),
    'wants_care', (select count(*) from r where r.wants_care),
    'children', (select count(*) from c),
    'over_time', coalesce((select json_agg(json_build_object('day', d.day, 'responses', d.n) order by d.day)
      from (select (r.submitted_at at time zone 'Asia/Shanghai')::date as day, count(*) as n from r group by 1) d), '[]'),
    'by_source', coalesce((select json_agg(json_build_object('source', s.source_code, 'channel', s.channel, 'responses', s.n) order by s.n desc, s.source_code, s.channel)
      from (select r.source_code, r.channel, count(*) as n from r group by 1, 2) s), '[]'),
    'by_township', coalesce((select json_agg(json_build_object('township', t.township, 'responses', t.n, 'wants_care', t.w) order by t.township)
      from (select r.township::text as township, count(*) as n, count(*) filter (where r.wants_care) as w from r group by 1) t), '[]'),
    'age_bands', (select json_agg(json_build_object('band', b.band,
        'children', (select count(*) from c where c.band = b.band),
        'wants_care', (select count(*) from c where c.band = b.band and c.wants_care)) order by b.band)
      from unnest(array['0_12', '13_24', '25_36']) b (band)),
    'answers', coalesce((select json_object_agg(q.q, q.vals) from (
        select k.q, json_object_agg(k.v, k.n order by k.v) as vals
        from (select counts.q, counts.v, count(*) as n from counts group by 1, 2) k group by k.q) q), '{}'),
    'crosstab', coalesce((select json_agg(json_build_object('township', x.township, 'band', x.band, 'wants_care', x.wants_care, 'children', x.n)
        order by x.township, x.band, x.wants_care)
      from (select c.township::text as township, c.band, c.wants_care, count(*) as n from c group by 1, 2, 3) x), '[]'))
  into v;
  return v;
end
$$;
comment on function public.survey_dashboard(date, date, text) is 'Outreach: survey figures (totals, over time, by source, township, age band, answers, township × band × wants care) for a date range and source.';
revoke all on function public.survey_dashboard(date, date, text) from public, anon, authenticated;
grant execute on function public.survey_dashboard(date, date, text) to authenticated;

-- Export rows for CSV/XLSX. Definer: writes the audit log. Phones only for admins who ask for them (and only those
-- given with consent, the only ones stored).
create function app_private.export_survey(p_with_phones boolean, p_from date, p_to date, p_source text)
returns table (reference text, submitted_at timestamptz, channel text, source_code text, consent_version text,
  relation text, children_count integer, child_birth_months text, child_age_months text, carer text, in_care text,
  wants_care boolean, reasons_for text, reasons_against text, provider text, care_form text, fee text,
  distance text, dropoff text, pickup text, priorities text, township text, community text, phone text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_rows integer;
begin
  perform app_private.require_staff_role(case when coalesce(p_with_phones, false) then 'admin' else 'outreach' end);
  select count(*) into v_rows from app.survey_responses x
  where (p_from is null or (x.submitted_at at time zone 'Asia/Shanghai')::date >= p_from)
    and (p_to is null or (x.submitted_at at time zone 'Asia/Shanghai')::date <= p_to)
    and (p_source is null or x.source_code = p_source);
  perform app_private.log_audit('survey.export', 'app.survey_responses', null,
    jsonb_build_object('with_phones', coalesce(p_with_phones, false), 'from', p_from, 'to', p_to, 'source', p_source, 'rows', v_rows));
  return query
    select app_private.survey_reference(r.seq), r.submitted_at, r.channel, r.source_code, r.consent_version,
      r.relation::text, r.children_count::integer,
      (select string_agg(to_char(ch.birth_month, 'YYYY-MM'), ';' order by ch.ordinal) from app.survey_children ch where ch.response_id = r.id),
      (select string_agg(ch.age_months::text, ';' order by ch.ordinal) from app.survey_children ch where ch.response_id = r.id),
      r.carer::text, r.in_care::text, r.wants_care, array_to_string(r.reasons_for, ';'), array_to_string(r.reasons_against, ';'),
      r.provider::text, r.care_form::text, r.fee::text, r.distance::text, r.dropoff::text, r.pickup::text,
      array_to_string(r.priorities, ';'), r.township::text, r.community,
      case when coalesce(p_with_phones, false) then (select k.phone from app.survey_contacts k where k.response_id = r.id) end
    from app.survey_responses r
    where (p_from is null or (r.submitted_at at time zone 'Asia/Shanghai')::date >= p_from)
      and (p_to is null or (r.submitted_at at time zone 'Asia/Shanghai')::date <= p_to)
      and (p_source is null or r.source_code = p_source)
    order by r.seq;
end
$$;
comment on function app_private.export_survey(boolean, date, date, text) is 'Outreach: export rows (audited); with phones: admins only. Definer: writes the audit log.';
revoke all on function app_private.export_survey(boolean, date, date, text) from public, anon, authenticated;
grant execute on function app_private.export_survey(boolean, date, date, text) to authenticated;

create function public.export_survey_responses(p_with_phones boolean default false, p_from date default null, p_to date default null, p_source text default null)
returns table (reference text, submitted_at timestamptz, channel text, source_code text, consent_version text,
  relation text, children_count integer, child_birth_months text, child_age_months text, carer text, in_care text,
  wants_care boolean, reasons_for text, reasons_against text, provider text, care_form text, fee text,
  distance text, dropoff text, pickup text, priorities text, township text, community text, phone text)
language sql volatile set search_path = '' as $$
  select * from app_private.export_survey(p_with_phones, p_from, p_to, p_source)
$$;
comment on function public.export_survey_responses(boolean, date, date, text) is 'Outreach: one row per response for export, audited; p_with_phones (admins only) adds consented phones.';
revoke all on function public.export_survey_responses(boolean, date, date, text) from public, anon, authenticated;
grant execute on function public.export_survey_responses(boolean, date, date, text) to authenticated;
