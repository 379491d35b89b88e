-- Answers stored with their questionnaire version (issue 16, item 2): every answer is a row of app.survey_answers —
-- the answers as JSON in the shape of src/lib/survey-form/definition.ts, the version and the FORM's date (the date
-- today() means: a paper form's own date, online the day it is sent, Asia/Shanghai).
--  * Answers stored before (and any still sent by the pre-definition form) are converted to that shape as version
--    '2026-11' (the questionnaire before issue 16; its lists are the enums of 20261130000300_survey.sql), by the
--    backfill below and by a deferred trigger on app.survey_responses.
--  * A versioned answer ({…envelope, form_version, answers}) is checked against its published definition by
--    app_private.check_survey_answers (the same verdicts as the browser), through the same entry points, start
--    token, limits and refusal codes as before. When it fits the typed columns (a household with children under 3
--    at today's date who want care or not) it is ALSO stored there, mapped to the nearest legacy value, so the
--    dashboard, planning and the published results count it; other answers (expecting, older children only, not
--    decided yet) are in app.survey_answers only.
--  * Phone numbers never go into the JSON: app.survey_answer_contacts, purged after 180 days like the others.
-- Sections: 1. tables, 2. private functions, 3. triggers, 4. backfill.

-- 1. Tables ------------------------------------------------------------------------------------------------
create table app.survey_answers (
  response_id uuid constraint survey_answers_pkey primary key,
  reference text not null constraint survey_answers_reference_key unique
    constraint survey_answers_reference_format check (reference ~ '^GC-[0-9A-Z]{1,12}$'),
  form_version text not null constraint survey_answers_form_version_format check (form_version ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  form_date date not null,
  answers jsonb not null constraint survey_answers_answers_object check (jsonb_typeof(answers) = 'object'
    and not answers ? 'phone'),
  submitted_at timestamptz not null default now(),
  channel text not null constraint survey_answers_channel_check check (channel in ('online', 'paper')),
  source_code text not null constraint survey_answers_source_code_format check (source_code ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
  entered_by uuid,
  consent_version text not null constraint survey_answers_consent_version_check check (consent_version in ('2026-11'))
);
comment on table app.survey_answers is 'Every survey answer as JSON with its questionnaire version and the form''s date (2026-11 = converted from app.survey_responses). No phone. Read through definer functions only.';
alter table app.survey_answers enable row level security;
revoke all on app.survey_answers from public, anon, authenticated, service_role;
create index survey_answers_form_version_idx on app.survey_answers (form_version);
create index survey_answers_submitted_at_idx on app.survey_answers (submitted_at);

create table app.survey_answer_contacts (
  response_id uuid constraint survey_answer_contacts_pkey primary key references app.survey_answers (response_id) on delete cascade,
  phone text not null constraint survey_answer_contacts_phone_format check (phone ~ '^1[3-9][0-9]{9}$'),
  created_at timestamptz not null default now()
);
comment on table app.survey_answer_contacts is 'Follow-up phone numbers of versioned answers, given with their own consent; purged after 180 days.';
alter table app.survey_answer_contacts enable row level security;
revoke all on app.survey_answer_contacts from public, anon, authenticated, service_role;

-- 2. Private functions -------------------------------------------------------------------------------------
-- A stored pre-definition answer in the versioned shape (names as in the 2026-12 form; household 'under3').
create function app_private.survey_legacy_answers(p_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'household', 'under3',
    'relation', r.relation,
    'children', (select jsonb_agg(jsonb_build_object('birth_month', to_char(c.birth_month, 'YYYY-MM')) order by c.ordinal)
                 from app.survey_children c where c.response_id = r.id),
    'carer', r.carer,
    'in_care', r.in_care,
    'wants_care', case when r.wants_care then 'yes' else 'no' end,
    'reasons_for', nullif(to_jsonb(r.reasons_for), '[]'::jsonb),
    'reasons_against', nullif(to_jsonb(r.reasons_against), '[]'::jsonb),
    'provider', r.provider, 'care_form', r.care_form, 'fee', r.fee, 'distance', r.distance,
    'dropoff', r.dropoff, 'pickup', r.pickup,
    'priorities', nullif(to_jsonb(r.priorities), '[]'::jsonb),
    'township', r.township,
    'community', r.community))
  from app.survey_responses r where r.id = p_id
$$;
comment on function app_private.survey_legacy_answers(uuid) is 'A pre-definition survey answer (typed columns) as versioned JSON (version 2026-11). Owner only.';
revoke all on function app_private.survey_legacy_answers(uuid) from public, anon, authenticated;

-- The typed-columns payload (insert_survey_response) for a versioned answer, mapped to the nearest legacy value,
-- or null when it does not fit them (no child under 3 today, care not decided, a reason only "other").
create function app_private.survey_legacy_payload(p jsonb, p_answers jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_now integer := (extract(year from now() at time zone 'Asia/Shanghai') * 12 + extract(month from now() at time zone 'Asia/Shanghai'))::integer;
  v_out jsonb;
  v_list text;
begin
  if p_answers ->> 'household' is distinct from 'under3' or p_answers ->> 'wants_care' not in ('yes', 'no')
     or jsonb_typeof(p_answers -> 'children') is distinct from 'array'
     or exists (select 1 from jsonb_array_elements(p_answers -> 'children') c
                where coalesce(c ->> 'birth_month', '') !~ '^[0-9]{4}-[0-9]{2}$'
                   or v_now - (left(c ->> 'birth_month', 4)::integer * 12 + right(c ->> 'birth_month', 2)::integer) not between 0 and 36) then
    return null;
  end if;
  -- Every question the typed columns require (their skip-logic check) must be answered.
  if exists (select 1 from unnest(array['relation', 'carer', 'in_care', 'township']
      || case when p_answers ->> 'wants_care' = 'yes'
           then array['reasons_for', 'provider', 'care_form', 'fee', 'distance', 'dropoff', 'pickup', 'priorities']
           else array['reasons_against'] end) k
    where not app_private.survey_answered(p_answers -> k)) then
    return null;
  end if;
  v_out := jsonb_build_object('id', p ->> 'id', 'consent', true, 'consent_version', p ->> 'consent_version',
    'children', p_answers -> 'children', 'wants_care', p_answers -> 'wants_care', 'township', p_answers -> 'township')
    || jsonb_strip_nulls(jsonb_build_object(
      'relation', p_answers -> 'relation', 'carer', p_answers -> 'carer', 'in_care', p_answers -> 'in_care',
      'provider', case p_answers ->> 'provider' when 'employer_site' then to_jsonb('employer_point'::text) else p_answers -> 'provider' end,
      'care_form', case p_answers ->> 'care_form' when 'temporary' then to_jsonb('occasional'::text) else p_answers -> 'care_form' end,
      'fee', case p_answers ->> 'fee' when '1000_1999' then to_jsonb('1000_2000'::text) when '2000_2999' then to_jsonb('2001_3000'::text)
               when '3000_plus' then to_jsonb('over_3000'::text) else p_answers -> 'fee' end,
      'distance', p_answers -> 'distance', 'dropoff', p_answers -> 'dropoff', 'pickup', p_answers -> 'pickup',
      'priorities', p_answers -> 'priorities', 'community', p_answers -> 'community'));
  foreach v_list in array array['reasons_for', 'reasons_against'] loop
    if p_answers ? v_list then
      v_out := v_out || jsonb_build_object(v_list, (select coalesce(jsonb_agg(e), '[]'::jsonb)
        from jsonb_array_elements(p_answers -> v_list) e where e <> '"other"'::jsonb));
      if v_out -> v_list = '[]'::jsonb then
        return null;
      end if;
    end if;
  end loop;
  return v_out;
end
$$;
comment on function app_private.survey_legacy_payload(jsonb, jsonb) is 'A versioned survey answer as the typed-columns payload of insert_survey_response (nearest legacy values), or null when it does not fit. Owner only.';
revoke all on function app_private.survey_legacy_payload(jsonb, jsonb) from public, anon, authenticated;

-- Stores one versioned answer (idempotent by id): the version must take answers, the answers must pass
-- check_survey_answers at p_form_date (PT400 survey_invalid_answer, hint = the issues as JSON).
create function app_private.insert_versioned_survey_response(p jsonb, p_channel text, p_source_code text, p_entered_by uuid,
  p_form_date date)
returns json
language plpgsql volatile set search_path = '' as $$
declare
  v_id uuid;
  v_ref text;
  v_def jsonb;
  v_answers jsonb;
  v_issues jsonb;
  v_legacy jsonb;
  v_phone text;
  v_try integer := 0;
begin
  if p is null or jsonb_typeof(p) <> 'object' then
    raise exception using errcode = 'PT400', message = 'the response must be a JSON object', detail = 'survey_not_an_object';
  end if;
  if coalesce(p ->> 'id', '') !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    raise exception using errcode = 'PT400', message = 'id must be a UUID made by the form', detail = 'survey_bad_id';
  end if;
  v_id := (p ->> 'id')::uuid;
  select a.reference into v_ref from app.survey_answers a where a.response_id = v_id;
  if v_ref is not null then
    return json_build_object('reference', v_ref, 'duplicate', true);
  end if;
  if (p -> 'consent') is distinct from 'true'::jsonb then
    raise exception using errcode = 'PT400', message = 'the guardian''s consent is required', detail = 'survey_consent_required';
  end if;
  if p ->> 'consent_version' is distinct from '2026-11' then
    raise exception using errcode = 'PT400', message = 'unknown consent version', detail = 'survey_invalid_answer';
  end if;
  select f.definition into v_def from app.survey_forms f where f.version = p ->> 'form_version';
  if v_def is null then
    raise exception using errcode = 'PT400', message = format('unknown questionnaire version: %s', p ->> 'form_version'),
      detail = 'survey_unknown_form_version';
  end if;
  if not app_private.survey_form_accepting(p ->> 'form_version') then
    raise exception using errcode = 'PT409', message = format('questionnaire version %s no longer takes answers', p ->> 'form_version'),
      detail = 'survey_form_closed', hint = 'Reload the page to get the current questionnaire.';
  end if;
  v_answers := case when jsonb_typeof(p -> 'answers') = 'object' then p -> 'answers' else '{}'::jsonb end;
  v_issues := app_private.check_survey_answers(v_def, p -> 'answers', p_form_date);
  if jsonb_array_length(v_issues) > 0 then
    raise exception using errcode = 'PT400', message = 'the answer breaks a rule of the form', detail = 'survey_invalid_answer',
      hint = v_issues::text;
  end if;
  v_phone := case when v_answers -> 'phone_consent' @> '["yes"]'::jsonb then nullif(btrim(v_answers ->> 'phone'), '') end;

  -- Into the typed columns too, when it fits them (the dashboard, planning and the published results read those).
  v_legacy := app_private.survey_legacy_payload(p, v_answers);
  if v_legacy is not null then
    v_ref := app_private.insert_survey_response(v_legacy, p_channel, p_source_code, p_entered_by) ->> 'reference';
  else
    loop
      v_try := v_try + 1;
      v_ref := app_private.random_survey_reference();
      exit when not exists (select 1 from app.survey_responses r where r.reference = v_ref)
        and not exists (select 1 from app.survey_answers a where a.reference = v_ref);
      if v_try >= 8 then
        raise exception using errcode = 'PT409', message = 'no free reference, try again', detail = 'survey_rate_limited';
      end if;
    end loop;
  end if;
  insert into app.survey_answers as a (response_id, reference, form_version, form_date, answers, channel, source_code, entered_by, consent_version)
  values (v_id, v_ref, p ->> 'form_version', p_form_date, v_answers - 'phone' - 'phone_consent', p_channel, p_source_code, p_entered_by,
    p ->> 'consent_version')
  on conflict on constraint survey_answers_pkey do update
    set form_version = excluded.form_version, form_date = excluded.form_date, answers = excluded.answers;
  if v_phone is not null then
    insert into app.survey_answer_contacts (response_id, phone) values (v_id, v_phone);
  end if;
  return json_build_object('reference', v_ref, 'duplicate', false);
end
$$;
comment on function app_private.insert_versioned_survey_response(jsonb, text, text, uuid, date) is 'Stores one versioned survey answer (idempotent by id) after check_survey_answers at the form''s date; also into the typed columns when it fits them. {reference, duplicate}. Owner only: called by the definer entry points.';
revoke all on function app_private.insert_versioned_survey_response(jsonb, text, text, uuid, date) from public, anon, authenticated;

-- Where an answer goes: a versioned one (form_version given) or one of the pre-definition form.
create function app_private.store_survey_response(p jsonb, p_channel text, p_source_code text, p_entered_by uuid)
returns json
language plpgsql volatile set search_path = '' as $$
declare
  v_date date;
begin
  if jsonb_typeof(p) = 'object' and p ? 'form_version' then
    if p_channel = 'paper' then
      -- The date written on the paper form: what today() means for it (a child's age is at that date).
      begin
        v_date := (p ->> 'form_date')::date;
      exception when others then
        v_date := null;
      end;
      if v_date is null or coalesce(p ->> 'form_date', '') !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
         or v_date > (now() at time zone 'Asia/Shanghai')::date or v_date < (now() at time zone 'Asia/Shanghai')::date - 366 then
        raise exception using errcode = 'PT400', message = 'form_date must be the paper form''s date (YYYY-MM-DD, within the last year)',
          detail = 'survey_bad_form_date';
      end if;
    else
      v_date := (now() at time zone 'Asia/Shanghai')::date;
    end if;
    return app_private.insert_versioned_survey_response(p, p_channel, p_source_code, p_entered_by, v_date);
  end if;
  return app_private.insert_survey_response(p, p_channel, p_source_code, p_entered_by);
end
$$;
comment on function app_private.store_survey_response(jsonb, text, text, uuid) is 'Stores an answer: versioned (form_version; paper forms give form_date) or pre-definition. Owner only: called by the definer entry points.';
revoke all on function app_private.store_survey_response(jsonb, text, text, uuid) from public, anon, authenticated;

-- Entry points: the online submit and paper entry store versioned answers too (same checks, limits and codes).
create or replace function app_private.submit_online_survey(p jsonb) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_settings app_private.survey_settings;
  v_ref text;
  v_issued timestamptz;
  v_nonce text;
  v_used_by uuid;
  v_src text;
begin
  if p is null or jsonb_typeof(p) <> 'object' then
    raise exception using errcode = 'PT400', message = 'the response must be a JSON object', detail = 'survey_not_an_object';
  end if;
  if coalesce(p ->> 'id', '') ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    select coalesce((select r.reference from app.survey_responses r where r.id = (p ->> 'id')::uuid),
      (select a.reference from app.survey_answers a where a.response_id = (p ->> 'id')::uuid)) into v_ref;
    if v_ref is not null then
      return json_build_object('reference', v_ref, 'duplicate', true);
    end if;
  end if;
  if coalesce(p ->> 'website', '') <> '' then
    raise exception using errcode = 'PT400', message = 'response refused: a field that must stay empty was filled in',
      detail = 'survey_honeypot';
  end if;
  if coalesce(p ->> 'id', '') !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    raise exception using errcode = 'PT400', message = 'id must be a UUID made by the form', detail = 'survey_bad_id';
  end if;
  select * into v_settings from app_private.survey_settings;
  v_issued := app_private.survey_start_issued_at(p ->> 'start_token');
  if v_issued is null or v_issued > now() + interval '1 minute' then
    raise exception using errcode = 'PT400', message = 'response refused: no valid start token (call start_survey when the form opens)',
      detail = 'survey_start_token_invalid';
  end if;
  if now() - v_issued < make_interval(secs => v_settings.min_fill_seconds) then
    raise exception using errcode = 'PT400', message = 'response refused: answered faster than a person can read the questions',
      detail = 'survey_too_fast',
      hint = ceil(extract(epoch from make_interval(secs => v_settings.min_fill_seconds) - (now() - v_issued)))::text;
  end if;
  if now() - v_issued > interval '30 days' then
    raise exception using errcode = 'PT400', message = 'response refused: the start token is older than 30 days',
      detail = 'survey_start_token_expired';
  end if;
  if not app_private.hit_rate_limit('survey.submit.minute', v_settings.max_submissions_per_minute, interval '1 minute')
     or not app_private.hit_rate_limit('survey.submit', v_settings.max_submissions_per_hour, interval '1 hour')
     or not app_private.hit_rate_limit('survey.submit.day', v_settings.max_submissions_per_day, interval '1 day') then
    raise exception using errcode = 'PT429', message = 'too many responses from this connection',
      detail = 'survey_rate_limited', hint = 'Try again later, or answer by phone or on paper.';
  end if;
  -- One answer per token; the same answer sent twice at once reaches the insert below and is stored once.
  v_nonce := split_part(p ->> 'start_token', '.', 3);
  insert into app_private.survey_start_tokens_used as u (nonce, response_id)
  values (v_nonce, (p ->> 'id')::uuid)
  on conflict on constraint survey_start_tokens_used_pkey do nothing
  returning u.response_id into v_used_by;
  if v_used_by is null then
    select u.response_id into v_used_by from app_private.survey_start_tokens_used u where u.nonce = v_nonce;
    if v_used_by is distinct from (p ->> 'id')::uuid then
      raise exception using errcode = 'PT409', message = 'response refused: this start token has served another answer',
        detail = 'survey_start_token_used';
    end if;
  end if;
  if random() < 0.01 then
    delete from app_private.survey_start_tokens_used u where u.used_at < now() - interval '31 days';
  end if;
  v_src := left(lower(btrim(coalesce(p ->> 'src', ''))), 64);
  if v_src = '' then
    v_src := 'direct';
  elsif not exists (select 1 from app.survey_distribution_points d where d.code = v_src) then
    v_src := 'unknown';
  end if;
  return app_private.store_survey_response(p, 'online', v_src, null);
end
$$;
comment on function app_private.submit_online_survey(jsonb) is 'Online submit (pre-definition or versioned: form_version + answers): idempotent by id, honeypot, signed start token (minimum fill time, one answer each), per-address limits a minute/hour/day, src → known code | direct | unknown. Definer: anon reaches no table.';

create or replace function app_private.enter_paper_survey(p_response jsonb, p_source_code text) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_src text := lower(btrim(coalesce(p_source_code, '')));
  v_result json;
begin
  perform app_private.require_staff_role('outreach');
  if v_src <> 'paper' and not exists (select 1 from app.survey_distribution_points d where d.code = v_src) then
    raise exception using errcode = 'PT404', message = format('unknown source code: %s', v_src),
      detail = 'survey_unknown_source', hint = 'Choose a distribution point, or "paper" for forms from elsewhere.';
  end if;
  v_result := app_private.store_survey_response(p_response, 'paper', v_src, auth.uid());
  if not (v_result ->> 'duplicate')::boolean then
    perform app_private.log_audit('survey.paper_entry', 'app.survey_responses', p_response ->> 'id', jsonb_build_object('source_code', v_src));
  end if;
  return v_result;
end
$$;


-- Retention: phone numbers of versioned answers go after 180 days too.
create or replace function app_private.purge_survey_phones() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_deleted integer;
  v_more integer;
begin
  delete from app.survey_contacts c using app.survey_responses r
  where r.id = c.response_id and r.submitted_at < now() - interval '180 days';
  get diagnostics v_deleted = row_count;
  delete from app.survey_answer_contacts c using app.survey_answers a
  where a.response_id = c.response_id and a.submitted_at < now() - interval '180 days';
  get diagnostics v_more = row_count;
  return v_deleted + v_more;
end
$$;

-- 3. Triggers ----------------------------------------------------------------------------------------------
-- Every pre-definition answer also becomes a versioned row (at commit, when its children are in). A versioned
-- answer stored in the typed columns too has its own row already: nothing happens.
create function app_private.survey_answers_from_legacy() returns trigger
language plpgsql volatile security definer set search_path = '' as $$
begin
  insert into app.survey_answers (response_id, reference, form_version, form_date, answers, submitted_at, channel, source_code,
    entered_by, consent_version)
  values (new.id, new.reference, '2026-11', (new.submitted_at at time zone 'Asia/Shanghai')::date,
    app_private.survey_legacy_answers(new.id), new.submitted_at, new.channel, new.source_code, new.entered_by, new.consent_version)
  on conflict on constraint survey_answers_pkey do nothing;
  return null;
end
$$;
comment on function app_private.survey_answers_from_legacy() is 'Trigger: a pre-definition survey answer as a versioned row (2026-11) at commit. Definer: a deferred trigger runs as whoever commits (anon for an online answer). Owner only.';
revoke all on function app_private.survey_answers_from_legacy() from public, anon, authenticated;

create constraint trigger survey_responses_versioned after insert on app.survey_responses
deferrable initially deferred for each row execute function app_private.survey_answers_from_legacy();

-- 4. Backfill ----------------------------------------------------------------------------------------------
insert into app.survey_answers (response_id, reference, form_version, form_date, answers, submitted_at, channel, source_code,
  entered_by, consent_version)
select r.id, r.reference, '2026-11', (r.submitted_at at time zone 'Asia/Shanghai')::date, app_private.survey_legacy_answers(r.id),
  r.submitted_at, r.channel, r.source_code, r.entered_by, r.consent_version
from app.survey_responses r
on conflict on constraint survey_answers_pkey do nothing;
