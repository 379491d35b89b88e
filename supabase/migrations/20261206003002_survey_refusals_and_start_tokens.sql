-- The survey's refusals carry codes, its references reveal nothing, and its anti-abuse is the server's own word
-- (issue 15, items 2 and 6):
--  * every refusal a request can cause: errcode PTnnn (PostgREST answers HTTP nnn) and a stable machine code in
--    detail (survey_*), whose texts live in src/lib/refusals/survey.ts; broken rules of the form (enum values,
--    check constraints) become PT400 survey_invalid_answer, a taken distribution point code PT409;
--  * references: GC- and six random characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), unique, not the sequence number;
--    answers stored before keep the reference they were shown;
--  * the minimum fill time is measured from a start token the server signs (HMAC with a secret no API role can
--    read) when the form opens — not from fill_ms, which is ignored; a token serves one answer;
--  * per-network limits sized for a leaflet event on one Wi-Fi: 30 answers a minute, 400 an hour, 1,000 a day
--    per address (IPv6: per /64), start tokens 1,000 an hour.
-- Sections: 1. tables, 2. indexes, 3. private functions, 4. public functions.

-- 1. Tables ------------------------------------------------------------------------------------------------
alter table app.survey_responses add column reference text;
update app.survey_responses r set reference = app_private.survey_reference(r.seq);
alter table app.survey_responses alter column reference set not null,
  add constraint survey_responses_reference_key unique (reference),
  add constraint survey_responses_reference_format check (reference ~ '^GC-[0-9A-Z]{6}$');
comment on column app.survey_responses.reference is 'What the family was shown: GC- and 6 random characters (before 2026-12: GC- and the sequence number).';

alter table app_private.survey_settings
  add column max_submissions_per_minute integer not null default 30
    constraint survey_settings_max_minute_positive check (max_submissions_per_minute >= 1),
  add column max_submissions_per_day integer not null default 1000
    constraint survey_settings_max_day_positive check (max_submissions_per_day >= 1),
  add column max_starts_per_hour integer not null default 1000
    constraint survey_settings_max_starts_positive check (max_starts_per_hour >= 1),
  alter column max_submissions_per_hour set default 400;
update app_private.survey_settings set max_submissions_per_hour = 400 where max_submissions_per_hour = 60;
comment on table app_private.survey_settings is 'Online submit limits per client address (a minute, an hour, a day), start tokens per address per hour, minimum seconds between a start token and its answer.';

-- The key start tokens are signed with. One row, made here, never granted to anyone.
create table app_private.survey_token_secret (
  id boolean constraint survey_token_secret_pkey primary key default true
    constraint survey_token_secret_one_row check (id),
  key bytea not null constraint survey_token_secret_key_length check (octet_length(key) >= 32)
);
comment on table app_private.survey_token_secret is 'HMAC key for survey start tokens. Never exposed.';
alter table app_private.survey_token_secret enable row level security;
insert into app_private.survey_token_secret (key) values (extensions.gen_random_bytes(32));

-- Start tokens already used, with the answer that used them (a resend of that answer may carry it again).
create table app_private.survey_start_tokens_used (
  nonce text constraint survey_start_tokens_used_pkey primary key,
  response_id uuid not null,
  used_at timestamptz not null default now()
);
comment on table app_private.survey_start_tokens_used is 'Nonces of start tokens that have served an answer (one answer per token); pruned after the 30 days a token lives.';
alter table app_private.survey_start_tokens_used enable row level security;

-- 2. Indexes -----------------------------------------------------------------------------------------------
create index survey_start_tokens_used_used_at_idx on app_private.survey_start_tokens_used (used_at);

-- 3. Private functions -------------------------------------------------------------------------------------
-- A random reference: GC- and 6 characters of 34679ACDEFGHJKMNPQRTUVWXY (25^6 ≈ 244 million).
create function app_private.random_survey_reference() returns text
language plpgsql volatile set search_path = '' as $$
declare
  v_alphabet constant text := '34679ACDEFGHJKMNPQRTUVWXY';
  v_code text := '';
  v_byte integer;
begin
  while char_length(v_code) < 6 loop
    v_byte := get_byte(extensions.gen_random_bytes(1), 0);
    if v_byte < 250 then
      v_code := v_code || substr(v_alphabet, v_byte % 25 + 1, 1);
    end if;
  end loop;
  return 'GC-' || v_code;
end
$$;
comment on function app_private.random_survey_reference() is 'A random survey reference GC-XXXXXX (uniform over 25 unambiguous characters); reveals no count. Owner only.';
revoke all on function app_private.random_survey_reference() from public, anon, authenticated;

-- A start token issued at p_issued_at: v1.<ms since 1970>.<24 hex nonce>.<hex HMAC-SHA256 of the rest>.
create function app_private.sign_survey_start(p_issued_at timestamptz) returns text
language plpgsql volatile set search_path = '' as $$
declare
  v_body text := 'v1.' || lpad(floor(extract(epoch from p_issued_at) * 1000)::bigint::text, 13, '0') || '.'
    || encode(extensions.gen_random_bytes(12), 'hex');
begin
  return v_body || '.' || (select encode(extensions.hmac(convert_to(v_body, 'UTF8'), k.key, 'sha256'), 'hex')
    from app_private.survey_token_secret k);
end
$$;
comment on function app_private.sign_survey_start(timestamptz) is 'Signs a survey start token for the given time. Owner only (start_survey calls it with now()).';
revoke all on function app_private.sign_survey_start(timestamptz) from public, anon, authenticated;

-- The time a start token was issued, or null for anything not signed with our key.
create function app_private.survey_start_issued_at(p_token text) returns timestamptz
language plpgsql stable set search_path = '' as $$
declare
  v_parts text[] := regexp_match(coalesce(p_token, ''), '^(v1\.([0-9]{13})\.([0-9a-f]{24}))\.([0-9a-f]{64})$');
begin
  if v_parts is null or v_parts[4] is distinct from (select encode(extensions.hmac(convert_to(v_parts[1], 'UTF8'), k.key, 'sha256'), 'hex')
      from app_private.survey_token_secret k) then
    return null;
  end if;
  return to_timestamp(v_parts[2]::bigint / 1000.0);
end
$$;
comment on function app_private.survey_start_issued_at(text) is 'Issue time of a genuine survey start token; null when malformed or not signed with our key. Owner only.';
revoke all on function app_private.survey_start_issued_at(text) from public, anon, authenticated;

-- Issues a start token when the form opens. Definer: the key and the rate-limit buckets are private.
create function app_private.start_survey() returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_settings app_private.survey_settings;
begin
  select * into v_settings from app_private.survey_settings;
  if not app_private.hit_rate_limit('survey.start', v_settings.max_starts_per_hour, interval '1 hour') then
    raise exception using errcode = 'PT429', message = 'too many survey forms opened from this connection',
      detail = 'survey_start_rate_limited', hint = 'Try again in an hour.';
  end if;
  return json_build_object('token', app_private.sign_survey_start(now()), 'min_fill_seconds', v_settings.min_fill_seconds);
end
$$;
comment on function app_private.start_survey() is 'Anyone: a signed start token for one answer ({token, min_fill_seconds}); rate-limited per address. Definer: key and buckets are private.';
revoke all on function app_private.start_survey() from public, anon, authenticated;
grant execute on function app_private.start_survey() to anon, authenticated;

-- Stores one answer (idempotent by id) with a random reference; the form's rules as PT400 refusals with codes.
create or replace function app_private.insert_survey_response(p jsonb, p_channel text, p_source_code text, p_entered_by uuid)
returns json
language plpgsql volatile set search_path = '' as $$
declare
  v_id uuid;
  v_ref text;
  v_wants boolean;
  v_child jsonb;
  v_ordinal integer := 0;
  v_month date;
  v_now_months integer := (extract(year from now() at time zone 'Asia/Shanghai') * 12 + extract(month from now() at time zone 'Asia/Shanghai'))::integer;
  v_phone text;
  v_constraint text;
  v_try integer := 0;
begin
  if p is null or jsonb_typeof(p) <> 'object' then
    raise exception using errcode = 'PT400', message = 'the response must be a JSON object', detail = 'survey_not_an_object';
  end if;
  if coalesce(p ->> 'id', '') !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    raise exception using errcode = 'PT400', message = 'id must be a UUID made by the form', detail = 'survey_bad_id';
  end if;
  v_id := (p ->> 'id')::uuid;
  if (p -> 'consent') is distinct from 'true'::jsonb then
    raise exception using errcode = 'PT400', message = 'the guardian''s consent is required', detail = 'survey_consent_required';
  end if;
  v_wants := case p ->> 'wants_care' when 'yes' then true when 'no' then false end;
  if v_wants is null then
    raise exception using errcode = 'PT400', message = 'wants_care must be yes or no', detail = 'survey_invalid_answer';
  end if;
  if jsonb_typeof(p -> 'children') is distinct from 'array' then
    raise exception using errcode = 'PT400', message = 'children must be a list', detail = 'survey_invalid_answer';
  end if;
  v_phone := nullif(btrim(p ->> 'phone'), '');
  if v_phone is not null and (p -> 'phone_consent') is distinct from 'true'::jsonb then
    raise exception using errcode = 'PT400', message = 'a phone number needs its own consent', detail = 'survey_phone_consent_required';
  end if;

  begin
    loop
      v_try := v_try + 1;
      begin
        insert into app.survey_responses as r (id, reference, channel, source_code, entered_by, consent_version, relation,
          children_count, carer, in_care, wants_care, reasons_for, reasons_against, provider, care_form, fee, distance,
          dropoff, pickup, priorities, township, community)
        values (v_id, app_private.random_survey_reference(), p_channel, p_source_code, p_entered_by, p ->> 'consent_version',
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
        returning r.reference into v_ref;
        exit;
      exception when unique_violation then
        -- Another answer drew the same reference: draw again (a few times at most).
        get stacked diagnostics v_constraint = constraint_name;
        if v_constraint is distinct from 'survey_responses_reference_key' or v_try >= 8 then
          raise;
        end if;
      end;
    end loop;

    if v_ref is null then
      -- Sent before (an offline resend, a double tap): the stored answer stands.
      select r.reference into v_ref from app.survey_responses r where r.id = v_id;
      return json_build_object('reference', v_ref, 'duplicate', true);
    end if;

    for v_child in select * from jsonb_array_elements(p -> 'children') loop
      v_ordinal := v_ordinal + 1;
      if coalesce(v_child ->> 'birth_month', '') !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' then
        raise exception using errcode = 'PT400', message = format('child %s: birth_month must be a year and month (YYYY-MM)', v_ordinal),
          detail = 'survey_bad_birth_month';
      end if;
      v_month := ((v_child ->> 'birth_month') || '-01')::date;
      insert into app.survey_children (response_id, ordinal, birth_month, age_months)
      values (v_id, v_ordinal, v_month,
        v_now_months - (extract(year from v_month) * 12 + extract(month from v_month))::integer);
    end loop;

    if v_phone is not null then
      insert into app.survey_contacts (response_id, phone, phone_consent) values (v_id, v_phone, true);
    end if;
  exception when data_exception or integrity_constraint_violation then
    get stacked diagnostics v_constraint = constraint_name;
    raise exception using errcode = 'PT400', detail = 'survey_invalid_answer',
      message = 'the answer breaks a rule of the form' || coalesce(' (' || nullif(v_constraint, '') || ')', ''),
      hint = 'Check the answers against the form''s rules (docs/survey.md).';
  end;
  return json_build_object('reference', v_ref, 'duplicate', false);
end
$$;
comment on function app_private.insert_survey_response(jsonb, text, text, uuid) is 'Stores one answer (idempotent by id) with a random reference; {reference, duplicate}; broken rules → PT400 with a survey_* code. Owner only: called by the definer entry points.';

-- The online entry point. Checks, in order: a resend of a stored id answers at once (so an offline queue never
-- trips the limits); the honeypot; the start token (genuine, at least min_fill_seconds old, at most 30 days, not
-- used for another answer); the per-address limits; ?src= codes not on file are kept as 'unknown'.
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
    select r.reference into v_ref from app.survey_responses r where r.id = (p ->> 'id')::uuid;
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
  return app_private.insert_survey_response(p, 'online', v_src, null);
end
$$;
comment on function app_private.submit_online_survey(jsonb) is 'Online submit: idempotent by id, honeypot, signed start token (minimum fill time, one answer each), per-address limits a minute/hour/day, src → known code | direct | unknown. Definer: anon reaches no table.';

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
  v_result := app_private.insert_survey_response(p_response, 'paper', v_src, auth.uid());
  if not (v_result ->> 'duplicate')::boolean then
    perform app_private.log_audit('survey.paper_entry', 'app.survey_responses', p_response ->> 'id', jsonb_build_object('source_code', v_src));
  end if;
  return v_result;
end
$$;

create or replace function app_private.enter_paper_survey_twice(p_form_no text, p_response jsonb, p_source_code text) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_first app.survey_paper_entries;
  v_diff text[];
  v_result json;
  v_src text := lower(btrim(coalesce(p_source_code, '')));
  v_form text := btrim(coalesce(p_form_no, ''));
begin
  perform app_private.require_staff_role('outreach');
  if v_src <> 'paper' and not exists (select 1 from app.survey_distribution_points d where d.code = v_src) then
    raise exception using errcode = 'PT404', message = format('unknown source code: %s', v_src), detail = 'survey_unknown_source';
  end if;
  if v_form !~ '^[A-Za-z0-9-]{1,32}$' then
    raise exception using errcode = 'PT400', message = 'the form number must be 1–32 letters, digits or dashes',
      detail = 'survey_bad_form_no';
  end if;
  if p_response is null or jsonb_typeof(p_response) <> 'object' then
    raise exception using errcode = 'PT400', message = 'the response must be a JSON object', detail = 'survey_not_an_object';
  end if;
  select * into v_first from app.survey_paper_entries e where e.form_no = v_form for update;
  if not found then
    insert into app.survey_paper_entries (form_no, response, source_code, entered_by)
    values (v_form, p_response, v_src, auth.uid());
    return json_build_object('status', 'first_entry_saved', 'form_no', v_form);
  end if;
  if v_first.entered_by = auth.uid() then
    raise exception using errcode = 'PT409', message = 'the second entry must be made by another person',
      detail = 'survey_second_entry_same_person', hint = 'Ask a colleague to enter the same form.';
  end if;
  v_diff := app_private.differing_answers(v_first.response, p_response);
  if v_first.source_code <> v_src then
    v_diff := v_diff || 'source_code';
  end if;
  if cardinality(v_diff) > 0 then
    return json_build_object('status', 'mismatch', 'form_no', v_first.form_no, 'fields', v_diff);
  end if;
  v_result := app_private.insert_survey_response(v_first.response, 'paper', v_src, v_first.entered_by);
  delete from app.survey_paper_entries e where e.form_no = v_first.form_no;
  perform app_private.log_audit('survey.paper_entry', 'app.survey_responses', v_first.response ->> 'id',
    jsonb_build_object('source_code', v_src, 'form_no', v_first.form_no, 'second_entry_by', auth.uid()));
  return json_build_object('status', 'accepted', 'form_no', v_first.form_no, 'reference', v_result ->> 'reference');
end
$$;

create or replace function app_private.create_distribution_point(p_code text, p_name text, p_township text, p_distributed_on date) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_row app.survey_distribution_points;
  v_code text := lower(btrim(coalesce(p_code, '')));
begin
  perform app_private.require_staff_role('outreach');
  if v_code !~ '^[a-z0-9][a-z0-9-]{1,31}$' or v_code in ('unknown', 'direct', 'paper') then
    raise exception using errcode = 'PT400', message = 'the code must be 2–32 lower-case letters, digits or dashes (not unknown, direct or paper)',
      detail = 'survey_point_bad_code';
  end if;
  if char_length(btrim(coalesce(p_name, ''))) not between 1 and 80 then
    raise exception using errcode = 'PT400', message = 'the name must be 1–80 characters', detail = 'survey_point_bad_name';
  end if;
  if p_township is null or not (p_township = any (enum_range(null::app.survey_township)::text[])) then
    raise exception using errcode = 'PT400', message = 'unknown township', detail = 'survey_point_bad_township';
  end if;
  if p_distributed_on is null then
    raise exception using errcode = 'PT400', message = 'the date is required', detail = 'survey_point_bad_date';
  end if;
  insert into app.survey_distribution_points (code, name, township, distributed_on, created_by)
  values (v_code, btrim(p_name), p_township::app.survey_township, p_distributed_on, auth.uid())
  on conflict on constraint survey_distribution_points_pkey do nothing
  returning * into v_row;
  if v_row.code is null then
    raise exception using errcode = 'PT409', message = format('a distribution point with code %s exists already', v_code),
      detail = 'survey_point_exists';
  end if;
  perform app_private.log_audit('survey.point_create', 'app.survey_distribution_points', v_row.code,
    jsonb_build_object('name', v_row.name, 'township', v_row.township, 'distributed_on', v_row.distributed_on));
  return json_build_object('code', v_row.code, 'name', v_row.name, 'township', v_row.township, 'distributed_on', v_row.distributed_on);
end
$$;

-- Export: the stored reference (not the sequence number).
create or replace function app_private.export_survey(p_with_phones boolean, p_from date, p_to date, p_source text)
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
    select r.reference, r.submitted_at, r.channel, r.source_code, r.consent_version,
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

-- 4. Public functions --------------------------------------------------------------------------------------
create function public.start_survey() returns json
language sql volatile set search_path = '' as $$
  select app_private.start_survey()
$$;
comment on function public.start_survey() is 'Anyone: a signed start token for one survey answer, issued when the form opens ({token, min_fill_seconds}).';
revoke all on function public.start_survey() from public, anon, authenticated;
grant execute on function public.start_survey() to anon, authenticated;

comment on function public.submit_survey(jsonb) is 'Anyone: store one survey answer (idempotent by its id; needs a start_token from start_survey at least min_fill_seconds old); returns {reference, duplicate}. Refusals: PT400/PT409/PT429 with a survey_* code in detail.';
