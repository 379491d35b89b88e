-- Townships as data: the district's 街道/镇/乡 live in a table filled from the district's configuration
-- (src/districts/<id>/district.ts) by app_private.sync_townships, which the migration runner calls after the
-- migrations (supabase/embedded/db/migrate.ts). Replaces the enum app.survey_township, which an existing database
-- could never shrink and another district could not use. Every stored answer keeps its township: the enum's values
-- become rows first, then the columns turn into text that references them.

-- Tables ------------------------------------------------------------------------------------------------------------

create table app.townships (
  code text primary key constraint townships_code_format check (code ~ '^[0-9]{9}$'),
  name text not null constraint townships_name_length check (char_length(name) between 1 and 40),
  name_en text not null constraint townships_name_en_length check (char_length(name_en) between 1 and 80),
  kind text not null constraint townships_kind_check check (kind in ('街道', '镇', '乡')),
  -- A township the configuration no longer lists stays (stored answers point at it) but takes no new answers.
  active boolean not null default true,
  sort_order integer not null default 0
);
comment on table app.townships is 'The district''s townships (街道/镇/乡) by statistical code, filled from src/districts/<id>/district.ts by app_private.sync_townships. Read through definer functions only.';
alter table app.townships enable row level security;
revoke all on app.townships from public, anon, authenticated, service_role;

-- The enum's values, so every stored answer and distribution point still has its row; names until the sync.
insert into app.townships (code, name, name_en, kind, sort_order)
select t.code::text, t.code::text, t.code::text, '街道', t.n::integer
from unnest(enum_range(null::app.survey_township)) with ordinality as t (code, n);

alter table app.survey_responses alter column township type text using township::text;
alter table app.survey_responses
  add constraint survey_responses_township_fkey foreign key (township) references app.townships (code);
alter table app.survey_distribution_points alter column township type text using township::text;
alter table app.survey_distribution_points
  add constraint survey_distribution_points_township_fkey foreign key (township) references app.townships (code);

-- Private functions -------------------------------------------------------------------------------------------------

-- Makes app.townships the configuration's list: upserts each township (names, kind, order, active) and marks
-- the others inactive, deleting those that nothing references. Returns how many are active. Owner only: the
-- migration runner calls it with the selected district's townships as a JSON array of {code, name, name_en, type}.
create function app_private.sync_townships(p_townships jsonb) returns integer
language plpgsql volatile set search_path = '' as $$
declare
  v_active integer;
begin
  if jsonb_typeof(p_townships) is distinct from 'array' or jsonb_array_length(p_townships) = 0 then
    raise exception using errcode = 'PT400', message = 'sync_townships needs a non-empty JSON array of townships',
      detail = 'district:bad_townships';
  end if;
  insert into app.townships as t (code, name, name_en, kind, active, sort_order)
  select e ->> 'code', e ->> 'name', e ->> 'name_en', e ->> 'type', true, n::integer
  from jsonb_array_elements(p_townships) with ordinality as x (e, n)
  on conflict (code) do update
    set name = excluded.name, name_en = excluded.name_en, kind = excluded.kind, active = true,
        sort_order = excluded.sort_order;
  update app.townships t set active = false
  where not exists (select 1 from jsonb_array_elements(p_townships) e where e ->> 'code' = t.code);
  delete from app.townships t
  where not t.active
    and not exists (select 1 from app.survey_responses r where r.township = t.code)
    and not exists (select 1 from app.survey_distribution_points d where d.township = t.code);
  select count(*) into v_active from app.townships where active;
  return v_active;
end
$$;
comment on function app_private.sync_townships(jsonb) is 'Makes app.townships the district configuration''s list (upsert, inactivate, delete unreferenced). Owner only; run by the migration runner.';
revoke all on function app_private.sync_townships(jsonb) from public, anon, authenticated, service_role;

-- The three survey functions that named the enum, as they were, reading app.townships instead.
create or replace function app_private.create_distribution_point(p_code text, p_name text, p_township text, p_distributed_on date)
 RETURNS json
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
  if p_township is null or not exists (select 1 from app.townships t where t.code = p_township and t.active) then
    raise exception using errcode = 'PT400', message = 'unknown township', detail = 'survey_point_bad_township';
  end if;
  if p_distributed_on is null then
    raise exception using errcode = 'PT400', message = 'the date is required', detail = 'survey_point_bad_date';
  end if;
  insert into app.survey_distribution_points (code, name, township, distributed_on, created_by)
  values (v_code, btrim(p_name), p_township, p_distributed_on, auth.uid())
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
$function$;

create or replace function app_private.insert_survey_response(p jsonb, p_channel text, p_source_code text, p_entered_by uuid)
 RETURNS json
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
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
          -- null (refused as an invalid answer below) unless one of the district's current townships
          (select t.code from app.townships t where t.code = p ->> 'township' and t.active),
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
$function$;

create or replace function app_private.survey_protected_figures()
 RETURNS json
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
  v_t text[] := array(select t.code from app.townships t where t.active order by t.sort_order, t.code);
  v_bands constant text[] := array['0_12', '13_24', '25_36'];
  v_forms text[] := enum_range(null::app.survey_care_form)::text[];
  v_fees text[] := enum_range(null::app.survey_fee)::text[];
  nt integer := cardinality(v_t);
  -- cell numbers: 1 R, 2 W, 3 N; townships r, w, n; bands children, wanting, not; children totals; forms; fees
  i_r integer := 3;
  i_w integer := 3 + nt;
  i_n integer := 3 + 2 * nt;
  i_c integer := 3 + 3 * nt;
  i_cw integer := 6 + 3 * nt;
  i_cn integer := 9 + 3 * nt;
  i_ctot integer := 13 + 3 * nt; -- C, CW, CN
  i_f integer := 15 + 3 * nt;
  i_fee integer := 15 + 3 * nt + cardinality(v_forms);
  n integer := 15 + 3 * nt + cardinality(v_forms) + cardinality(v_fees);
  v bigint[];
  pub boolean[];
  known boolean[];
  via integer[];
  groups text[] := '{}';
  m integer[];
  g integer;
  i integer;
  k integer;
  x integer;
  v_last integer;
  v_unknown integer;
  v_changed boolean;
  v_target integer;
  v_pick integer;
  v_next integer;
  a bigint;
  b bigint;
begin
  v := array_fill(0::bigint, array[n]);
  select count(*), count(*) filter (where r.wants_care) into a, b from app.survey_responses r;
  v[1] := a;
  v[2] := b;
  v[3] := a - b;
  for i in 1..nt loop
    select count(*), count(*) filter (where r.wants_care) into a, b
    from app.survey_responses r where r.township::text = v_t[i];
    v[i_r + i] := a;
    v[i_w + i] := b;
    v[i_n + i] := a - b;
  end loop;
  for i in 1..3 loop
    select count(*), count(*) filter (where r.wants_care) into a, b
    from app.survey_children ch join app.survey_responses r on r.id = ch.response_id
    where app_private.age_band(ch.age_months) = v_bands[i];
    v[i_c + i] := a;
    v[i_cw + i] := b;
    v[i_cn + i] := a - b;
  end loop;
  v[i_ctot + 1] := v[i_c + 1] + v[i_c + 2] + v[i_c + 3];
  v[i_ctot + 2] := v[i_cw + 1] + v[i_cw + 2] + v[i_cw + 3];
  v[i_ctot + 3] := v[i_cn + 1] + v[i_cn + 2] + v[i_cn + 3];
  for i in 1..cardinality(v_forms) loop
    select count(*) into a from app.survey_responses r where r.care_form::text = v_forms[i];
    v[i_f + i] := a;
  end loop;
  for i in 1..cardinality(v_fees) loop
    select count(*) into a from app.survey_responses r where r.fee::text = v_fees[i];
    v[i_fee + i] := a;
  end loop;

  -- The sums, each "total,part,part,…".
  groups := array[
    '1,2,3',
    '1,' || (select string_agg((i_r + s)::text, ',' order by s) from generate_series(1, nt) s),
    '2,' || (select string_agg((i_w + s)::text, ',' order by s) from generate_series(1, nt) s),
    '3,' || (select string_agg((i_n + s)::text, ',' order by s) from generate_series(1, nt) s)];
  for i in 1..nt loop
    groups := groups || format('%s,%s,%s', i_r + i, i_w + i, i_n + i);
  end loop;
  for i in 1..3 loop
    groups := groups || format('%s,%s,%s', i_c + i, i_cw + i, i_cn + i);
  end loop;
  groups := groups || array[
    format('%s,%s,%s,%s', i_ctot + 1, i_c + 1, i_c + 2, i_c + 3),
    format('%s,%s,%s,%s', i_ctot + 2, i_cw + 1, i_cw + 2, i_cw + 3),
    format('%s,%s,%s,%s', i_ctot + 3, i_cn + 1, i_cn + 2, i_cn + 3),
    format('%s,%s,%s', i_ctot + 1, i_ctot + 2, i_ctot + 3),
    '2,' || (select string_agg((i_f + s)::text, ',' order by s) from generate_series(1, cardinality(v_forms)) s),
    '2,' || (select string_agg((i_fee + s)::text, ',' order by s) from generate_series(1, cardinality(v_fees)) s)];

  -- Published: every cell that is not a hidden one (N, n, not-wanting children, children totals) and is 5 or more.
  pub := array_fill(false, array[n]);
  for i in 1..n loop
    pub[i] := v[i] >= 5 and not (i = 3 or (i > i_n and i <= i_n + nt) or (i > i_cn and i <= i_ctot + 3));
  end loop;

  loop
    -- What subtraction reveals, to a fixed point.
    known := pub;
    via := array_fill(0, array[n]);
    loop
      v_changed := false;
      for g in 1..cardinality(groups) loop
        m := string_to_array(groups[g], ',')::integer[];
        v_unknown := 0;
        foreach x in array m loop
          if not known[x] then
            v_unknown := v_unknown + 1;
            v_last := x;
          end if;
        end loop;
        if v_unknown = 1 then
          known[v_last] := true;
          via[v_last] := g;
          v_changed := true;
        end if;
      end loop;
      exit when not v_changed;
    end loop;
    v_target := null;
    for i in 1..n loop
      if known[i] and not pub[i] and v[i] between 1 and 4 then
        v_target := i;
        exit;
      end if;
    end loop;
    exit when v_target is null;
    -- Withhold one more published cell of the sum that revealed it (or of the sum behind a cell it used).
    loop
      m := string_to_array(groups[via[v_target]], ',')::integer[];
      v_pick := null;
      for k in 2..cardinality(m) loop
        if m[k] <> v_target and pub[m[k]] and (v_pick is null or v[m[k]] < v[v_pick]) then
          v_pick := m[k];
        end if;
      end loop;
      if v_pick is null and m[1] <> v_target and pub[m[1]] then
        v_pick := m[1];
      end if;
      exit when v_pick is not null;
      v_next := null;
      foreach x in array m loop
        if x <> v_target and not pub[x] and via[x] <> 0 then
          v_next := x;
          exit;
        end if;
      end loop;
      if v_next is null then
        raise exception 'survey_protected_figures: no cell left to withhold' using errcode = 'XX000';
      end if;
      v_target := v_next;
    end loop;
    pub[v_pick] := false;
  end loop;

  return json_build_object(
    'suppressed_below', 5,
    'responses', case when pub[1] then v[1] end,
    'wants_care', case when pub[2] then v[2] end,
    'by_township', (select json_agg(json_build_object('township', v_t[s],
        'responses', case when pub[i_r + s] then v[i_r + s] end,
        'wants_care', case when pub[i_w + s] then v[i_w + s] end) order by s)
      from generate_series(1, nt) s),
    'demand_by_age_band', (select json_agg(json_build_object('band', v_bands[s],
        'children', case when pub[i_c + s] then v[i_c + s] end,
        'wants_care', case when pub[i_cw + s] then v[i_cw + s] end) order by s)
      from generate_series(1, 3) s),
    'care_forms', (select json_agg(json_build_object('value', v_forms[s],
        'responses', case when pub[i_f + s] then v[i_f + s] end) order by s)
      from generate_series(1, cardinality(v_forms)) s),
    'fees', (select json_agg(json_build_object('value', v_fees[s],
        'responses', case when pub[i_fee + s] then v[i_fee + s] end) order by s)
      from generate_series(1, cardinality(v_fees)) s));
end
$function$;

-- Types -------------------------------------------------------------------------------------------------------------

drop type app.survey_township;
