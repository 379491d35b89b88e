-- Facilities as data (issue 17): every childcare facility lives in app.facilities, one column per field of the
-- zod record (src/lib/schemas/facility.ts, FacilitySchema) with check constraints that mirror its rules
-- (tests/db/facility-parity.test.ts feeds the same records to both). Columns rather than one jsonb document: each
-- rule becomes a named constraint the refusal can name, providers change single fields, the history records one
-- field at a time, and nothing re-implements zod's parser in SQL except the one conversion below. Fees are the one
-- jsonb column (a partial record by care form, where "{}" and "absent" differ as they do in the schema).
-- Every change writes app.facility_history (who, when, field, old → new, why, through what) from a trigger, so no
-- path can change a facility without its history. The demo YAML files are synced in by the migration runner
-- (app_private.sync_facilities), without overwriting a person's edit newer than the file.

-- Check helpers (before the table: its constraints call them) ----------------------------------------------------

-- Fees: absent, or an object of care form → whole number of yuan ≥ 0, naming only listed care forms (when listed).
create function app_private.facility_fees_ok(p_fees jsonb, p_care_forms text[]) returns boolean
language sql immutable set search_path = '' as $$
  select p_fees is null or (
    jsonb_typeof(p_fees) = 'object'
    and not exists (
      select 1 from jsonb_each(p_fees) e
      where e.key not in ('full_day', 'half_day', 'hourly', 'temporary')
         or jsonb_typeof(e.value) <> 'number'
         or (e.value #>> '{}')::numeric < 0
         or (e.value #>> '{}')::numeric <> trunc((e.value #>> '{}')::numeric)
         or (p_care_forms is not null and not (e.key = any (p_care_forms)))))
$$;
comment on function app_private.facility_fees_ok(jsonb, text[]) is 'Check helper: fees is absent or {care form: whole yuan ≥ 0} naming only listed care forms (FeesSchema and its refine).';
revoke all on function app_private.facility_fees_ok(jsonb, text[]) from public, anon, authenticated, service_role;

-- No element twice (zod: unverified "must not list a field twice").
create function app_private.text_array_unique(p text[]) returns boolean
language sql immutable set search_path = '' as $$
  select cardinality(p) = (select count(distinct x) from unnest(p) x)
$$;
comment on function app_private.text_array_unique(text[]) is 'Check helper: no element of the array appears twice.';
revoke all on function app_private.text_array_unique(text[]) from public, anon, authenticated, service_role;

-- Tables ------------------------------------------------------------------------------------------------------------

create table app.facilities (
  id text primary key constraint facilities_id_format check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  former_ids text[] not null default '{}' constraint facilities_former_ids_format
    check (array_position(former_ids, null) is null and array_position(former_ids, '') is null
           and array_to_string(former_ids, ' ') ~ '^([a-z0-9]+(-[a-z0-9]+)*( |$))*$'),
  filing_number text constraint facilities_filing_number_key unique
    constraint facilities_filing_number_text check (filing_number <> '' and filing_number = btrim(filing_number)),
  name text not null constraint facilities_name_text check (name <> '' and name = btrim(name)),
  name_en text constraint facilities_name_en_text check (name_en <> '' and name_en = btrim(name_en)),
  type text not null constraint facilities_type_check
    check (type in ('childcare_center', 'kindergarten_class', 'hospital_site', 'community_point', 'employer_site')),
  ownership text constraint facilities_ownership_check check (ownership in ('public', 'private')),
  inclusive boolean,
  demonstration_level text constraint facilities_demonstration_level_check
    check (demonstration_level in ('province', 'city', 'district')),
  demonstration_year integer constraint facilities_demonstration_year_range check (demonstration_year between 2000 and 2100),
  filing text constraint facilities_filing_check check (filing in ('filed', 'in_progress', 'not_filed')),
  township text constraint facilities_township_fkey references app.townships (code),
  address text constraint facilities_address_text check (address <> '' and address = btrim(address)),
  lat double precision constraint facilities_lat_range check (lat between -90 and 90),
  lng double precision constraint facilities_lng_range check (lng between -180 and 180),
  location_verified boolean,
  phone text constraint facilities_phone_format
    check (phone ~ '^((0[0-9]{2,3}-?[0-9]{7,8}|400-?[0-9]{3}-?[0-9]{4})( 转 [0-9]{1,6})?|1[0-9]{10})$'),
  min_months integer constraint facilities_min_months_range check (min_months between 0 and 72),
  max_months integer constraint facilities_max_months_range check (max_months between 0 and 72),
  places integer constraint facilities_places_range check (places >= 0),
  vacancy_count integer constraint facilities_vacancy_count_range check (vacancy_count >= 0),
  vacancy_as_of date,
  vacancy_under_12m integer constraint facilities_vacancy_under_12m_range check (vacancy_under_12m >= 0),
  vacancy_m12_24 integer constraint facilities_vacancy_m12_24_range check (vacancy_m12_24 >= 0),
  vacancy_m24_36 integer constraint facilities_vacancy_m24_36_range check (vacancy_m24_36 >= 0),
  care_forms text[] constraint facilities_care_forms_check
    check (cardinality(care_forms) >= 1 and array_position(care_forms, null) is null
           and care_forms <@ array['full_day', 'half_day', 'hourly', 'temporary']),
  hours text constraint facilities_hours_text check (hours <> '' and hours = btrim(hours)),
  fees jsonb,
  prepay_max_months integer constraint facilities_prepay_max_months_range check (prepay_max_months between 0 and 12),
  prepay_refund text constraint facilities_prepay_refund_text
    check (prepay_refund <> '' and prepay_refund = btrim(prepay_refund) and char_length(prepay_refund) <= 300),
  closed_from date,
  closed_until date,
  closure_reason text constraint facilities_closure_reason_text
    check (closure_reason <> '' and closure_reason = btrim(closure_reason) and char_length(closure_reason) <= 200),
  health_partner text constraint facilities_health_partner_text check (health_partner <> '' and health_partner = btrim(health_partner)),
  inspection_date date,
  inspection_result text constraint facilities_inspection_result_check check (inspection_result in ('pass', 'rectify', 'fail')),
  source text not null constraint facilities_source_text check (source <> '' and source = btrim(source)),
  last_verified date,
  unverified text[] not null default '{}' constraint facilities_unverified_check
    check (array_position(unverified, null) is null
           and unverified <@ array['ownership', 'inclusive', 'filing', 'township', 'address', 'location', 'phone', 'ages',
             'places', 'vacancies', 'care_forms', 'hours', 'fees', 'health_partner', 'inspection']),
  demo boolean not null default false,
  -- When a provider or staff member last saved the vacancies (as_of is the date the count is for).
  vacancy_updated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),

  -- Parts that only exist together (one object in the schema).
  constraint facilities_demonstration_whole check ((demonstration_level is null) = (demonstration_year is null)),
  constraint facilities_location_whole check ((lat is null) = (lng is null) and (lat is null) = (location_verified is null)),
  constraint facilities_ages_whole check ((min_months is null) = (max_months is null)),
  constraint facilities_ages_order check (min_months <= max_months),
  constraint facilities_vacancies_whole check ((vacancy_count is null) = (vacancy_as_of is null)),
  constraint facilities_vacancy_bands_need_count check (
    vacancy_count is not null or (vacancy_under_12m is null and vacancy_m12_24 is null and vacancy_m24_36 is null)),
  constraint facilities_vacancy_bands_sum check (
    (vacancy_under_12m is null and vacancy_m12_24 is null and vacancy_m24_36 is null)
    or coalesce(vacancy_under_12m, 0) + coalesce(vacancy_m12_24, 0) + coalesce(vacancy_m24_36, 0) = vacancy_count),
  constraint facilities_vacancies_within_places check (vacancy_count <= places),
  constraint facilities_inspection_whole check ((inspection_date is null) = (inspection_result is null)),
  constraint facilities_prepayment_whole check ((prepay_max_months is null) = (prepay_refund is null)),
  constraint facilities_closure_whole check ((closed_from is null) = (closure_reason is null)
    and (closed_until is null or closed_from is not null)),
  constraint facilities_closure_order check (closed_until >= closed_from),
  constraint facilities_fees_check check (app_private.facility_fees_ok(fees, care_forms)),
  constraint facilities_unverified_unique check (app_private.text_array_unique(unverified)),
  -- Required unless listed under unverified (filing: not on demo records).
  constraint facilities_required_unless_unverified check (
    (ownership is not null or 'ownership' = any (unverified))
    and (inclusive is not null or 'inclusive' = any (unverified))
    and (filing is not null or demo or 'filing' = any (unverified))
    and (township is not null or 'township' = any (unverified))
    and (address is not null or 'address' = any (unverified))
    and (min_months is not null or 'ages' = any (unverified))
    and (care_forms is not null or 'care_forms' = any (unverified))),
  -- A field listed under unverified is left out.
  constraint facilities_unverified_left_out check (
    not ('ownership' = any (unverified) and ownership is not null)
    and not ('inclusive' = any (unverified) and inclusive is not null)
    and not ('filing' = any (unverified) and filing is not null)
    and not ('township' = any (unverified) and township is not null)
    and not ('address' = any (unverified) and address is not null)
    and not ('location' = any (unverified) and lat is not null)
    and not ('phone' = any (unverified) and phone is not null)
    and not ('ages' = any (unverified) and min_months is not null)
    and not ('places' = any (unverified) and places is not null)
    and not ('vacancies' = any (unverified) and vacancy_count is not null)
    and not ('care_forms' = any (unverified) and care_forms is not null)
    and not ('hours' = any (unverified) and hours is not null)
    and not ('fees' = any (unverified) and fees is not null)
    and not ('health_partner' = any (unverified) and health_partner is not null)
    and not ('inspection' = any (unverified) and inspection_date is not null)),
  constraint facilities_last_verified_required check (demo or cardinality(unverified) > 0 or last_verified is not null),
  constraint facilities_demo_forbidden check (
    not demo or (phone is null and filing is null and inspection_date is null and last_verified is null)),
  constraint facilities_demo_name check (demo = (name like '示例·%'))
);
comment on table app.facilities is 'Every childcare facility: the zod FacilitySchema record as columns with the same rules as checks. Written only through definer functions (providers, staff, the importer, the demo seed); every change is in app.facility_history.';
alter table app.facilities enable row level security;
revoke all on app.facilities from public, anon, authenticated, service_role;
create index facilities_updated_at_idx on app.facilities (updated_at);

create table app.facility_history (
  id bigint generated always as identity primary key,
  facility_id text not null,
  at timestamptz not null default now(),
  -- The signed-in person (auth.uid()), null for the seed, the importer and the command line.
  actor uuid,
  -- Through what: provider, review, staff, import, seed, sql.
  via text not null,
  -- A column of app.facilities, or 'created' / 'deleted' with the whole record as the new / old value.
  field text not null,
  old_value jsonb,
  new_value jsonb,
  reason text
);
comment on table app.facility_history is 'One row per changed field of app.facilities (who, when, through what, field, old → new, why), written by the facilities_history trigger. Read through definer functions only.';
alter table app.facility_history enable row level security;
revoke all on app.facility_history from public, anon, authenticated, service_role;
create index facility_history_facility_idx on app.facility_history (facility_id, field, at desc);

-- One row: settings the district module gives (src/districts/<id>/district.ts), synced by the migration runner.
create table app.facility_settings (
  id boolean primary key default true constraint facility_settings_one_row check (id),
  vacancy_stale_after_days integer not null default 14 constraint facility_settings_stale_range
    check (vacancy_stale_after_days between 1 and 365)
);
comment on table app.facility_settings is 'Facility settings from the district module (vacancy_stale_after_days), one row, synced by app_private.sync_facility_settings.';
alter table app.facility_settings enable row level security;
revoke all on app.facility_settings from public, anon, authenticated, service_role;
insert into app.facility_settings (id) values (true);

-- Triggers ----------------------------------------------------------------------------------------------------------

create trigger facilities_touch_updated_at before update on app.facilities
  for each row execute function app_private.touch_updated_at();

-- Private functions -------------------------------------------------------------------------------------------------

-- The zod-shaped record of one row (what the YAML file holds; what facility_catalogue() serves to the build).
create function app_private.facility_json(f app.facilities) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'id', f.id,
    'former_ids', case when cardinality(f.former_ids) > 0 then to_jsonb(f.former_ids) end,
    'filing_number', f.filing_number,
    'name', f.name,
    'name_en', f.name_en,
    'type', f.type,
    'ownership', f.ownership,
    'inclusive', f.inclusive,
    'demonstration', case when f.demonstration_level is not null
      then jsonb_build_object('level', f.demonstration_level, 'year', f.demonstration_year) end,
    'filing', f.filing,
    'township', f.township,
    'address', f.address,
    'location', case when f.lat is not null
      then jsonb_build_object('lat', f.lat, 'lng', f.lng, 'verified', f.location_verified) end,
    'phone', f.phone,
    'ages', case when f.min_months is not null
      then jsonb_build_object('min_months', f.min_months, 'max_months', f.max_months) end,
    'places', f.places,
    'vacancies', case when f.vacancy_count is not null then jsonb_build_object(
      'count', f.vacancy_count, 'as_of', to_char(f.vacancy_as_of, 'YYYY-MM-DD'),
      'by_age', nullif(jsonb_strip_nulls(jsonb_build_object('under_12m', f.vacancy_under_12m,
        'm12_24', f.vacancy_m12_24, 'm24_36', f.vacancy_m24_36)), '{}'::jsonb)) end,
    'care_forms', to_jsonb(f.care_forms),
    'hours', f.hours,
    'fees', f.fees,
    'prepayment', case when f.prepay_max_months is not null
      then jsonb_build_object('max_months', f.prepay_max_months, 'refund', f.prepay_refund) end,
    'closure', case when f.closed_from is not null then jsonb_build_object('from', to_char(f.closed_from, 'YYYY-MM-DD'),
      'until', to_char(f.closed_until, 'YYYY-MM-DD'), 'reason', f.closure_reason) end,
    'health_partner', f.health_partner,
    'inspection', case when f.inspection_date is not null
      then jsonb_build_object('date', to_char(f.inspection_date, 'YYYY-MM-DD'), 'result', f.inspection_result) end,
    'source', f.source,
    'last_verified', to_char(f.last_verified, 'YYYY-MM-DD'),
    'unverified', to_jsonb(f.unverified),
    'demo', f.demo))
$$;
comment on function app_private.facility_json(app.facilities) is 'The FacilitySchema record (YAML shape) of one app.facilities row.';
revoke all on function app_private.facility_json(app.facilities) from public, anon, authenticated, service_role;

-- One value of a record, checked for its JSON type as zod would: absent → null; present with the wrong type (JSON
-- null included: zod's optional() takes undefined, not null) → PT400 facility:bad_record. Kinds: text (a string,
-- trimmed as zod's trim() does), string (as is), integer, number, boolean, date (YYYY-MM-DD, a real date), object
-- (with only `keys`), array.
create function app_private.facility_value(p jsonb, p_path text[], p_kind text, p_keys text[] default null) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v jsonb := p #> p_path;
  v_ok boolean;
  v_extra text;
  v_where text := array_to_string(p_path, '.');
begin
  if v is null then
    return null;
  end if;
  v_ok := case p_kind
    when 'text' then jsonb_typeof(v) = 'string'
    when 'string' then jsonb_typeof(v) = 'string'
    when 'integer' then jsonb_typeof(v) = 'number' and (v #>> '{}')::numeric = trunc((v #>> '{}')::numeric)
    when 'number' then jsonb_typeof(v) = 'number'
    when 'boolean' then jsonb_typeof(v) = 'boolean'
    when 'date' then jsonb_typeof(v) = 'string' and (v #>> '{}') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
    when 'object' then jsonb_typeof(v) = 'object'
    when 'array' then jsonb_typeof(v) = 'array'
  end;
  if not coalesce(v_ok, false) then
    raise exception using errcode = 'PT400', message = format('field %s must be a %s', v_where, p_kind),
      detail = 'facility:bad_record';
  end if;
  if p_kind = 'date' then
    begin
      perform (v #>> '{}')::date;
    exception when others then
      raise exception using errcode = 'PT400', message = format('field %s is not a real calendar date', v_where),
        detail = 'facility:bad_record';
    end;
    if to_char((v #>> '{}')::date, 'YYYY-MM-DD') <> (v #>> '{}') then
      raise exception using errcode = 'PT400', message = format('field %s is not a real calendar date', v_where),
        detail = 'facility:bad_record';
    end if;
  end if;
  if p_kind = 'text' then
    return to_jsonb(btrim(v #>> '{}', E' \t\n\r\f\v' || chr(160) || chr(12288) || chr(65279)));
  end if;
  if p_keys is not null then
    select string_agg(k, ', ' order by k) into v_extra from jsonb_object_keys(v) k where not (k = any (p_keys));
    if v_extra is not null then
      raise exception using errcode = 'PT400', message = format('field %s has unknown keys: %s', v_where, v_extra),
        detail = 'facility:bad_record';
    end if;
  end if;
  return v;
end
$$;
comment on function app_private.facility_value(jsonb, text[], text, text[]) is 'Reads one value of a facility record, refusing (PT400 facility:bad_record) a wrong JSON type or unknown keys, as zod does.';
revoke all on function app_private.facility_value(jsonb, text[], text, text[]) from public, anon, authenticated, service_role;

-- A FacilitySchema record (JSON) as a row of app.facilities. Types and unknown keys are checked here; the rules are
-- the table's constraints, checked when the row is written.
create function app_private.facility_from_json(p jsonb) returns app.facilities
language plpgsql stable set search_path = '' as $$
declare
  r app.facilities;
  v jsonb;
  v_extra text;
  x jsonb;
begin
  if jsonb_typeof(p) is distinct from 'object' then
    raise exception using errcode = 'PT400', message = 'a facility record must be a JSON object', detail = 'facility:bad_record';
  end if;
  select string_agg(k, ', ' order by k) into v_extra from jsonb_object_keys(p) k
  where k not in ('id', 'former_ids', 'filing_number', 'name', 'name_en', 'type', 'ownership', 'inclusive', 'demonstration',
    'filing', 'township', 'address', 'location', 'phone', 'ages', 'places', 'vacancies', 'care_forms', 'hours', 'fees',
    'prepayment', 'closure', 'health_partner', 'inspection', 'source', 'last_verified', 'unverified', 'demo');
  if v_extra is not null then
    raise exception using errcode = 'PT400', message = 'unknown fields: ' || v_extra, detail = 'facility:bad_record';
  end if;
  r.id := app_private.facility_value(p, '{id}', 'string') #>> '{}';
  v := app_private.facility_value(p, '{former_ids}', 'array');
  r.former_ids := '{}';
  if v is not null then
    for x in select * from jsonb_array_elements(v) loop
      if jsonb_typeof(x) <> 'string' then
        raise exception using errcode = 'PT400', message = 'former_ids must be strings', detail = 'facility:bad_record';
      end if;
      r.former_ids := r.former_ids || (x #>> '{}');
    end loop;
  end if;
  r.filing_number := app_private.facility_value(p, '{filing_number}', 'text') #>> '{}';
  r.name := app_private.facility_value(p, '{name}', 'text') #>> '{}';
  r.name_en := app_private.facility_value(p, '{name_en}', 'text') #>> '{}';
  r.type := app_private.facility_value(p, '{type}', 'string') #>> '{}';
  r.ownership := app_private.facility_value(p, '{ownership}', 'string') #>> '{}';
  r.inclusive := (app_private.facility_value(p, '{inclusive}', 'boolean'))::boolean;
  if app_private.facility_value(p, '{demonstration}', 'object', array['level', 'year']) is not null then
    r.demonstration_level := coalesce(app_private.facility_value(p, '{demonstration,level}', 'string') #>> '{}', '');
    r.demonstration_year := coalesce((app_private.facility_value(p, '{demonstration,year}', 'integer') #>> '{}')::numeric, -1);
  end if;
  r.filing := app_private.facility_value(p, '{filing}', 'string') #>> '{}';
  r.township := app_private.facility_value(p, '{township}', 'string') #>> '{}';
  r.address := app_private.facility_value(p, '{address}', 'text') #>> '{}';
  if app_private.facility_value(p, '{location}', 'object', array['lat', 'lng', 'verified']) is not null then
    r.lat := (app_private.facility_value(p, '{location,lat}', 'number') #>> '{}')::double precision;
    r.lng := (app_private.facility_value(p, '{location,lng}', 'number') #>> '{}')::double precision;
    r.location_verified := (app_private.facility_value(p, '{location,verified}', 'boolean'))::boolean;
    if r.lat is null or r.lng is null or r.location_verified is null then
      raise exception using errcode = 'PT400', message = 'location needs lat, lng and verified', detail = 'facility:bad_record';
    end if;
  end if;
  r.phone := app_private.facility_value(p, '{phone}', 'string') #>> '{}';
  if app_private.facility_value(p, '{ages}', 'object', array['min_months', 'max_months']) is not null then
    r.min_months := (app_private.facility_value(p, '{ages,min_months}', 'integer') #>> '{}')::numeric;
    r.max_months := (app_private.facility_value(p, '{ages,max_months}', 'integer') #>> '{}')::numeric;
    if r.min_months is null or r.max_months is null then
      raise exception using errcode = 'PT400', message = 'ages needs min_months and max_months', detail = 'facility:bad_record';
    end if;
  end if;
  r.places := (app_private.facility_value(p, '{places}', 'integer') #>> '{}')::numeric;
  if app_private.facility_value(p, '{vacancies}', 'object', array['count', 'as_of', 'by_age']) is not null then
    r.vacancy_count := (app_private.facility_value(p, '{vacancies,count}', 'integer') #>> '{}')::numeric;
    r.vacancy_as_of := (app_private.facility_value(p, '{vacancies,as_of}', 'date') #>> '{}')::date;
    if r.vacancy_count is null or r.vacancy_as_of is null then
      raise exception using errcode = 'PT400', message = 'vacancies needs count and as_of', detail = 'facility:bad_record';
    end if;
    if app_private.facility_value(p, '{vacancies,by_age}', 'object', array['under_12m', 'm12_24', 'm24_36']) is not null then
      r.vacancy_under_12m := (app_private.facility_value(p, '{vacancies,by_age,under_12m}', 'integer') #>> '{}')::numeric;
      r.vacancy_m12_24 := (app_private.facility_value(p, '{vacancies,by_age,m12_24}', 'integer') #>> '{}')::numeric;
      r.vacancy_m24_36 := (app_private.facility_value(p, '{vacancies,by_age,m24_36}', 'integer') #>> '{}')::numeric;
      if r.vacancy_under_12m is null and r.vacancy_m12_24 is null and r.vacancy_m24_36 is null then
        raise exception using errcode = 'PT400', message = 'vacancies.by_age must name at least one age band',
          detail = 'facility:bad_record';
      end if;
    end if;
  end if;
  v := app_private.facility_value(p, '{care_forms}', 'array');
  if v is not null then
    r.care_forms := '{}';
    for x in select * from jsonb_array_elements(v) loop
      if jsonb_typeof(x) <> 'string' then
        raise exception using errcode = 'PT400', message = 'care_forms must be strings', detail = 'facility:bad_record';
      end if;
      r.care_forms := r.care_forms || (x #>> '{}');
    end loop;
  end if;
  r.hours := app_private.facility_value(p, '{hours}', 'text') #>> '{}';
  r.fees := app_private.facility_value(p, '{fees}', 'object');
  if app_private.facility_value(p, '{prepayment}', 'object', array['max_months', 'refund']) is not null then
    r.prepay_max_months := (app_private.facility_value(p, '{prepayment,max_months}', 'integer') #>> '{}')::numeric;
    r.prepay_refund := app_private.facility_value(p, '{prepayment,refund}', 'text') #>> '{}';
    if r.prepay_max_months is null or r.prepay_refund is null then
      raise exception using errcode = 'PT400', message = 'prepayment needs max_months and refund', detail = 'facility:bad_record';
    end if;
  end if;
  if app_private.facility_value(p, '{closure}', 'object', array['from', 'until', 'reason']) is not null then
    r.closed_from := (app_private.facility_value(p, '{closure,from}', 'date') #>> '{}')::date;
    r.closed_until := (app_private.facility_value(p, '{closure,until}', 'date') #>> '{}')::date;
    r.closure_reason := app_private.facility_value(p, '{closure,reason}', 'text') #>> '{}';
    if r.closed_from is null or r.closure_reason is null then
      raise exception using errcode = 'PT400', message = 'closure needs from and reason', detail = 'facility:bad_record';
    end if;
  end if;
  r.health_partner := app_private.facility_value(p, '{health_partner}', 'text') #>> '{}';
  if app_private.facility_value(p, '{inspection}', 'object', array['date', 'result']) is not null then
    r.inspection_date := (app_private.facility_value(p, '{inspection,date}', 'date') #>> '{}')::date;
    r.inspection_result := app_private.facility_value(p, '{inspection,result}', 'string') #>> '{}';
    if r.inspection_date is null or r.inspection_result is null then
      raise exception using errcode = 'PT400', message = 'inspection needs date and result', detail = 'facility:bad_record';
    end if;
  end if;
  r.source := app_private.facility_value(p, '{source}', 'text') #>> '{}';
  r.last_verified := (app_private.facility_value(p, '{last_verified}', 'date') #>> '{}')::date;
  v := app_private.facility_value(p, '{unverified}', 'array');
  r.unverified := '{}';
  if v is not null then
    for x in select * from jsonb_array_elements(v) loop
      if jsonb_typeof(x) <> 'string' then
        raise exception using errcode = 'PT400', message = 'unverified must list strings', detail = 'facility:bad_record';
      end if;
      r.unverified := r.unverified || (x #>> '{}');
    end loop;
  end if;
  r.demo := coalesce((app_private.facility_value(p, '{demo}', 'boolean'))::boolean, false);
  r.created_at := now();
  r.updated_at := now();
  return r;
end
$$;
comment on function app_private.facility_from_json(jsonb) is 'A FacilitySchema record (JSON) as an app.facilities row: JSON types and unknown keys checked (PT400 facility:bad_record); the rules are the table''s constraints.';
revoke all on function app_private.facility_from_json(jsonb) from public, anon, authenticated, service_role;

-- Records every changed field of app.facilities in app.facility_history. Who: auth.uid(); through what and why: the
-- transaction's settings tuoyu.facility_via and tuoyu.facility_reason, which the writing functions set
-- (app_private.facility_begin). A change without them (SQL by hand) is still recorded, as via 'sql'.
create function app_private.facility_history_trigger() returns trigger
language plpgsql set search_path = '' as $$
declare
  v_via text := coalesce(nullif(current_setting('tuoyu.facility_via', true), ''), 'sql');
  v_reason text := nullif(current_setting('tuoyu.facility_reason', true), '');
  v_old jsonb;
  v_new jsonb;
  k text;
begin
  if tg_op = 'INSERT' then
    insert into app.facility_history (facility_id, actor, via, field, new_value, reason)
    values (new.id, auth.uid(), v_via, 'created', app_private.facility_json(new), v_reason);
    return new;
  elsif tg_op = 'DELETE' then
    insert into app.facility_history (facility_id, actor, via, field, old_value, reason)
    values (old.id, auth.uid(), v_via, 'deleted', app_private.facility_json(old), v_reason);
    return old;
  end if;
  v_old := to_jsonb(old) - array['created_at', 'updated_at', 'vacancy_updated_at'];
  v_new := to_jsonb(new) - array['created_at', 'updated_at', 'vacancy_updated_at'];
  for k in select jsonb_object_keys(v_new) loop
    if (v_old -> k) is distinct from (v_new -> k) then
      insert into app.facility_history (facility_id, actor, via, field, old_value, new_value, reason)
      values (new.id, auth.uid(), v_via, k, v_old -> k, v_new -> k, v_reason);
    end if;
  end loop;
  return new;
end
$$;
comment on function app_private.facility_history_trigger() is 'Trigger: one app.facility_history row per changed field (created / deleted: the whole record), with auth.uid(), tuoyu.facility_via and tuoyu.facility_reason.';
revoke all on function app_private.facility_history_trigger() from public, anon, authenticated, service_role;

create trigger facilities_history after insert or update or delete on app.facilities
  for each row execute function app_private.facility_history_trigger();

-- Says, for the rest of the transaction, through what and why facilities change (read by the history trigger).
create function app_private.facility_begin(p_via text, p_reason text) returns void
language sql volatile set search_path = '' as $$
  select set_config('tuoyu.facility_via', p_via, true), set_config('tuoyu.facility_reason', coalesce(p_reason, ''), true);
$$;
comment on function app_private.facility_begin(text, text) is 'Sets tuoyu.facility_via and tuoyu.facility_reason for the transaction (the history trigger reads them).';
revoke all on function app_private.facility_begin(text, text) from public, anon, authenticated, service_role;

-- Writes a whole row (insert, or replace every field of the row with that id). A broken rule becomes PT400
-- facility:bad_record naming the constraint (the refusal a caller sees); returns 'inserted', 'updated' or 'unchanged'.
create function app_private.facility_write(p_row app.facilities) returns text
language plpgsql volatile set search_path = '' as $$
declare
  v_constraint text;
  v_outcome text;
begin
  begin
    if not exists (select 1 from app.facilities f where f.id = p_row.id) then
      p_row.created_at := now();
      p_row.updated_at := now();
      insert into app.facilities select p_row.*;
      v_outcome := 'inserted';
    else
      update app.facilities f set (former_ids, filing_number, name, name_en, type, ownership,
      inclusive, demonstration_level, demonstration_year, filing, township, address,
      lat, lng, location_verified, phone, min_months, max_months,
      places, vacancy_count, vacancy_as_of, vacancy_under_12m, vacancy_m12_24, vacancy_m24_36,
      care_forms, hours, fees, prepay_max_months, prepay_refund, closed_from,
      closed_until, closure_reason, health_partner, inspection_date, inspection_result, source,
      last_verified, unverified, demo) = (p_row.former_ids, p_row.filing_number, p_row.name, p_row.name_en, p_row.type, p_row.ownership,
      p_row.inclusive, p_row.demonstration_level, p_row.demonstration_year, p_row.filing, p_row.township, p_row.address,
      p_row.lat, p_row.lng, p_row.location_verified, p_row.phone, p_row.min_months, p_row.max_months,
      p_row.places, p_row.vacancy_count, p_row.vacancy_as_of, p_row.vacancy_under_12m, p_row.vacancy_m12_24, p_row.vacancy_m24_36,
      p_row.care_forms, p_row.hours, p_row.fees, p_row.prepay_max_months, p_row.prepay_refund, p_row.closed_from,
      p_row.closed_until, p_row.closure_reason, p_row.health_partner, p_row.inspection_date, p_row.inspection_result, p_row.source,
      p_row.last_verified, p_row.unverified, p_row.demo)
      where f.id = p_row.id
        and (f.former_ids, f.filing_number, f.name, f.name_en, f.type, f.ownership, f.inclusive, f.demonstration_level, f.demonstration_year, f.filing, f.township, f.address, f.lat, f.lng, f.location_verified, f.phone, f.min_months, f.max_months, f.places, f.vacancy_count, f.vacancy_as_of, f.vacancy_under_12m, f.vacancy_m12_24, f.vacancy_m24_36, f.care_forms, f.hours, f.fees, f.prepay_max_months, f.prepay_refund, f.closed_from, f.closed_until, f.closure_reason, f.health_partner, f.inspection_date, f.inspection_result, f.source, f.last_verified, f.unverified, f.demo) is distinct from (p_row.former_ids, p_row.filing_number, p_row.name, p_row.name_en, p_row.type, p_row.ownership, p_row.inclusive, p_row.demonstration_level, p_row.demonstration_year, p_row.filing, p_row.township, p_row.address, p_row.lat, p_row.lng, p_row.location_verified, p_row.phone, p_row.min_months, p_row.max_months, p_row.places, p_row.vacancy_count, p_row.vacancy_as_of, p_row.vacancy_under_12m, p_row.vacancy_m12_24, p_row.vacancy_m24_36, p_row.care_forms, p_row.hours, p_row.fees, p_row.prepay_max_months, p_row.prepay_refund, p_row.closed_from, p_row.closed_until, p_row.closure_reason, p_row.health_partner, p_row.inspection_date, p_row.inspection_result, p_row.source, p_row.last_verified, p_row.unverified, p_row.demo);
      v_outcome := case when found then 'updated' else 'unchanged' end;
    end if;
  exception when integrity_constraint_violation or data_exception then
    get stacked diagnostics v_constraint = constraint_name;
    raise exception using errcode = 'PT400', detail = 'facility:bad_record',
      message = 'the facility breaks a rule of the facility schema' || coalesce(' (' || nullif(v_constraint, '') || ')', ''),
      hint = 'See src/lib/schemas/facility.ts (FacilitySchema) and docs/data.md.';
  end;
  return v_outcome;
end
$$;
comment on function app_private.facility_write(app.facilities) is 'Inserts or replaces one facility row; a broken rule → PT400 facility:bad_record (constraint named). Returns inserted | updated | unchanged.';
revoke all on function app_private.facility_write(app.facilities) from public, anon, authenticated, service_role;

-- The schema field a column belongs to (vacancy_count → vacancies, lat → location …): the unit the seed keeps or
-- replaces, so a kept provider edit never mixes with the file's half of the same object.
create function app_private.facility_field_group(p_column text) returns text
language sql immutable set search_path = '' as $$
  select case
    when p_column like 'vacancy\_%' then 'vacancies'
    when p_column in ('closed_from', 'closed_until', 'closure_reason') then 'closure'
    when p_column like 'prepay\_%' then 'prepayment'
    when p_column in ('lat', 'lng', 'location_verified') then 'location'
    when p_column in ('min_months', 'max_months') then 'ages'
    when p_column like 'inspection\_%' then 'inspection'
    when p_column like 'demonstration\_%' then 'demonstration'
    else p_column
  end
$$;
comment on function app_private.facility_field_group(text) is 'The FacilitySchema field an app.facilities column belongs to (vacancy_* → vacancies, lat/lng → location, …).';
revoke all on function app_private.facility_field_group(text) from public, anon, authenticated, service_role;

-- Brings records from files into app.facilities: [{record, file_time, force?}, …]. A new id is inserted. For an
-- existing one, each field takes the file's value unless a person (via provider, review or staff) changed that
-- field after file_time — then the database's value stays (the person's edit is newer than the file). `force`
-- lists fields to take from the record anyway (the importer's changes). A record that breaks a rule, alone or
-- merged with kept fields, is reported and left as it was. Owner only: the migration runner and the importer.
create function app_private.sync_facilities(p_records jsonb, p_via text) returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  e jsonb;
  r app.facilities;
  v_new jsonb;
  v_cur jsonb;
  v_time timestamptz;
  v_force text[];
  v_kept text[];
  k text;
  v_outcome text;
  v_constraint text;
  v_counts jsonb := '{"inserted": 0, "updated": 0, "unchanged": 0}';
  v_kept_all jsonb := '{}';
  v_refused jsonb := '[]';
begin
  if jsonb_typeof(p_records) is distinct from 'array' then
    raise exception using errcode = 'PT400', message = 'sync_facilities needs a JSON array', detail = 'facility:bad_record';
  end if;
  perform app_private.facility_begin(p_via, null);
  for e in select * from jsonb_array_elements(p_records) loop
    begin
      r := app_private.facility_from_json(e -> 'record');
      v_time := coalesce((e ->> 'file_time')::timestamptz, '-infinity');
      v_force := array(select jsonb_array_elements_text(coalesce(e -> 'force', '[]')));
      v_kept := '{}';
      select to_jsonb(f) into v_cur from app.facilities f where f.id = r.id for update;
      if v_cur is not null then
        v_new := to_jsonb(r);
        for k in select jsonb_object_keys(v_new) loop
          continue when k in ('id', 'created_at', 'updated_at', 'vacancy_updated_at');
          if app_private.facility_field_group(k) <> all (v_force) and exists (
            select 1 from app.facility_history h
            where h.facility_id = r.id and h.via in ('provider', 'review', 'staff') and h.at > v_time
              and h.field not in ('created', 'deleted') and app_private.facility_field_group(h.field) = app_private.facility_field_group(k))
          then
            v_new := jsonb_set(v_new, array[k], v_cur -> k);
            if (v_cur -> k) is distinct from (to_jsonb(r) -> k) then
              v_kept := array_append(v_kept, app_private.facility_field_group(k));
            end if;
          end if;
        end loop;
        r := jsonb_populate_record(null::app.facilities, v_new);
        r.vacancy_updated_at := (v_cur ->> 'vacancy_updated_at')::timestamptz;
      end if;
      v_outcome := app_private.facility_write(r);
      v_counts := jsonb_set(v_counts, array[v_outcome], to_jsonb((v_counts ->> v_outcome)::integer + 1));
      if cardinality(v_kept) > 0 then
        v_kept_all := v_kept_all || jsonb_build_object(r.id, (select jsonb_agg(distinct x) from unnest(v_kept) x));
      end if;
    exception when sqlstate 'PT400' then
      get stacked diagnostics v_constraint = message_text;
      v_refused := v_refused || jsonb_build_object('id', e #>> '{record,id}', 'message', v_constraint);
    end;
  end loop;
  return v_counts || jsonb_build_object('kept', v_kept_all, 'refused', v_refused);
end
$$;
comment on function app_private.sync_facilities(jsonb, text) is 'Brings facility records from files in ([{record, file_time, force?}]): inserts new ones, replaces fields a person has not changed since file_time. Owner only (migration runner, importer).';
revoke all on function app_private.sync_facilities(jsonb, text) from public, anon, authenticated, service_role;

-- Settings from the district module: {"vacancy_stale_after_days": n}. Owner only: the migration runner calls it.
create function app_private.sync_facility_settings(p jsonb) returns void
language sql volatile set search_path = '' as $$
  update app.facility_settings s
  set vacancy_stale_after_days = coalesce((p ->> 'vacancy_stale_after_days')::integer, 14)
  where s.id
$$;
comment on function app_private.sync_facility_settings(jsonb) is 'Makes app.facility_settings the district module''s settings (vacancy_stale_after_days, default 14). Owner only; run by the migration runner.';
revoke all on function app_private.sync_facility_settings(jsonb) from public, anon, authenticated, service_role;

-- The township sync, as before, also keeping a township a facility still names (facilities reference townships).
create or replace function app_private.sync_townships(p_townships jsonb) returns integer
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
    and not exists (select 1 from app.survey_distribution_points d where d.township = t.code)
    and not exists (select 1 from app.facilities f where f.township = t.code);
  select count(*) into v_active from app.townships where active;
  return v_active;
end
$$;

-- Public functions --------------------------------------------------------------------------------------------------

-- Every facility's vacancy figure and its date, compact (the list and detail pages fetch it between builds):
-- {"today": Beijing date, "stale_after_days": n, "v": {"<id>": [count, "YYYY-MM-DD"], …}}. Anyone may call it.
create function public.facility_vacancies() returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'today', to_char((now() at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD'),
    'stale_after_days', (select s.vacancy_stale_after_days from app.facility_settings s),
    'v', coalesce((select jsonb_object_agg(f.id, jsonb_build_array(f.vacancy_count, to_char(f.vacancy_as_of, 'YYYY-MM-DD')))
      from app.facilities f where f.vacancy_count is not null), '{}'::jsonb))
$$;
comment on function public.facility_vacancies() is 'Anyone: {today (Beijing), stale_after_days, v: {facility id: [count, as_of]}} for the pages'' live vacancy figures.';
revoke all on function public.facility_vacancies() from public, anon, authenticated;
grant execute on function public.facility_vacancies() to anon, authenticated;

-- Every facility as its FacilitySchema record, sorted by id: the build's content loader reads it (one call).
create function public.facility_catalogue() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(app_private.facility_json(f) order by f.id), '[]'::jsonb) from app.facilities f
$$;
comment on function public.facility_catalogue() is 'Anyone: every facility as its FacilitySchema record (what the YAML files hold, the public data), sorted by id; the build''s content loader reads it.';
revoke all on function public.facility_catalogue() from public, anon, authenticated;
grant execute on function public.facility_catalogue() to anon, authenticated;

-- The newest change to any facility (null when there are none): npm start polls it to rebuild the site.
create function public.facilities_changed_since() returns timestamptz
language sql stable security definer set search_path = '' as $$
  select greatest((select max(f.updated_at) from app.facilities f), (select max(h.at) from app.facility_history h))
$$;
comment on function public.facilities_changed_since() is 'Anyone: when any facility last changed (null if none); npm start polls it to rebuild the pages.';
revoke all on function public.facilities_changed_since() from public, anon, authenticated;
grant execute on function public.facilities_changed_since() to anon, authenticated;
