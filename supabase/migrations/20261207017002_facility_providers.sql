-- The provider role (issue 17): an account bound to one or more facilities keeps their vacancies, hours and
-- closure current (live at once) and proposes fees, phone and prepayment terms (a staff review queue). Regulated
-- fields (filing number, demonstration, inspection, 普惠, location …) only staff change. Every change goes through
-- app_private.facility_write (the facility schema's rules) and the history trigger; every proposal and review is
-- also in the audit log. No API role reads these tables: definer functions only.

-- Tables ------------------------------------------------------------------------------------------------------------

create table app.providers (
  user_id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null constraint providers_display_name_length check (char_length(display_name) between 1 and 80),
  -- A mobile number staff call when the figures are stale (optional).
  phone text constraint providers_phone_format check (phone ~ '^1[0-9]{10}$'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table app.providers is 'Provider accounts (a facility''s own staff): display name, contact mobile, active. Written only by public.upsert_provider and the staff command line.';
alter table app.providers enable row level security;
revoke all on app.providers from public, anon, authenticated, service_role;
create trigger providers_touch_updated_at before update on app.providers
  for each row execute function app_private.touch_updated_at();

create table app.provider_facilities (
  user_id uuid not null references app.providers (user_id) on delete cascade,
  facility_id text not null references app.facilities (id) on delete cascade on update cascade,
  primary key (user_id, facility_id)
);
comment on table app.provider_facilities is 'Which facilities each provider account keeps current.';
alter table app.provider_facilities enable row level security;
revoke all on app.provider_facilities from public, anon, authenticated, service_role;
create index provider_facilities_facility_idx on app.provider_facilities (facility_id);

create table app.facility_change_requests (
  id bigint generated always as identity primary key,
  facility_id text not null references app.facilities (id) on delete cascade on update cascade,
  field text not null constraint facility_change_requests_field_check check (field in ('fees', 'phone', 'prepayment')),
  -- The proposed value in the facility schema's shape; null removes the field.
  value jsonb,
  reason text constraint facility_change_requests_reason_length check (char_length(reason) <= 200),
  requested_by uuid references auth.users (id) on delete set null,
  requested_at timestamptz not null default now(),
  status text not null default 'pending'
    constraint facility_change_requests_status_check check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
  reviewed_by uuid references auth.users (id) on delete set null,
  reviewed_at timestamptz,
  review_reason text constraint facility_change_requests_review_reason_length check (char_length(review_reason) <= 200)
);
comment on table app.facility_change_requests is 'Fee, phone and prepayment changes a provider proposed, waiting for (or after) an outreach/admin review.';
alter table app.facility_change_requests enable row level security;
revoke all on app.facility_change_requests from public, anon, authenticated, service_role;
create unique index facility_change_requests_one_pending on app.facility_change_requests (facility_id, field)
  where status = 'pending';

-- Private functions -------------------------------------------------------------------------------------------------

-- Who may change this facility's live fields: active staff (outreach, admin) any facility, a provider its own.
-- Returns 'staff' or 'provider' (what the history records as via); refuses everyone else.
create function app_private.require_facility_editor(p_facility text) returns text
language plpgsql stable set search_path = '' as $$
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'sign in required', detail = 'facility:sign_in_required';
  end if;
  if app_private.has_staff_role('outreach') then
    if not exists (select 1 from app.facilities f where f.id = p_facility) then
      raise exception using errcode = 'PT404', message = 'no facility with that id', detail = 'facility:not_found';
    end if;
    return 'staff';
  end if;
  if exists (
    select 1 from app.provider_facilities pf join app.providers p on p.user_id = pf.user_id
    where pf.user_id = auth.uid() and p.active and pf.facility_id = p_facility)
  then
    return 'provider';
  end if;
  raise exception using errcode = 'PT403', message = 'this account does not keep this facility', detail = 'facility:not_yours',
    hint = 'A provider account changes only the facilities an admin bound it to.';
end
$$;
comment on function app_private.require_facility_editor(text) is 'Returns staff | provider when the caller may change the facility''s live fields; PT401 facility:sign_in_required, PT403 facility:not_yours, PT404 facility:not_found (staff).';
revoke all on function app_private.require_facility_editor(text) from public, anon, authenticated, service_role;

-- Beijing's date today (the date a provider's figure is for).
create function app_private.beijing_today() returns date
language sql stable set search_path = '' as $$
  select (now() at time zone 'Asia/Shanghai')::date
$$;
comment on function app_private.beijing_today() is 'Today''s date in Beijing.';
revoke all on function app_private.beijing_today() from public, anon, authenticated, service_role;

-- What a provider (or staff) sees of one facility to keep it current, with its pending proposals.
create function app_private.facility_for_editor(f app.facilities) returns jsonb
language sql stable set search_path = '' as $$
  select app_private.facility_json(f) || jsonb_build_object(
    'vacancy_updated_at', f.vacancy_updated_at,
    'stale', f.vacancy_as_of is null or app_private.beijing_today() - f.vacancy_as_of
      > (select s.vacancy_stale_after_days from app.facility_settings s),
    'pending', coalesce((select jsonb_agg(jsonb_build_object('id', r.id, 'field', r.field, 'value', r.value,
        'reason', r.reason, 'requested_at', r.requested_at) order by r.id)
      from app.facility_change_requests r where r.facility_id = f.id and r.status = 'pending'), '[]'::jsonb))
$$;
comment on function app_private.facility_for_editor(app.facilities) is 'One facility''s record with vacancy_updated_at, stale and its pending proposals (what my_facilities shows).';
revoke all on function app_private.facility_for_editor(app.facilities) from public, anon, authenticated, service_role;

-- Public functions --------------------------------------------------------------------------------------------------

-- The caller's own facilities (a provider's; empty for anyone else), each with its pending proposals.
create function public.my_facilities() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'sign in required', detail = 'facility:sign_in_required';
  end if;
  return coalesce((
    select jsonb_agg(app_private.facility_for_editor(f) order by f.name, f.id)
    from app.facilities f
    join app.provider_facilities pf on pf.facility_id = f.id
    join app.providers p on p.user_id = pf.user_id
    where pf.user_id = auth.uid() and p.active), '[]'::jsonb);
end
$$;
comment on function public.my_facilities() is 'Signed in: the facilities this (active provider) account keeps, with pending proposals; [] for anyone else.';
revoke all on function public.my_facilities() from public, anon, authenticated;
grant execute on function public.my_facilities() to authenticated;

-- Free places by age band (live at once). p_by_age: {under_12m?, m12_24?, m24_36?} (whole numbers ≥ 0, at least one),
-- the total being their sum; or null with p_count for a facility that gives only a total. As of today (Beijing).
create function public.update_vacancies(p_facility text, p_by_age jsonb, p_count integer default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_via text := app_private.require_facility_editor(p_facility);
  r app.facilities;
  v_band text;
  v_n integer;
begin
  select * into r from app.facilities f where f.id = p_facility for update;
  r.vacancy_under_12m := null;
  r.vacancy_m12_24 := null;
  r.vacancy_m24_36 := null;
  if p_by_age is not null and p_by_age <> '{}'::jsonb then
    if jsonb_typeof(p_by_age) <> 'object'
       or exists (select 1 from jsonb_object_keys(p_by_age) k where k not in ('under_12m', 'm12_24', 'm24_36')) then
      raise exception using errcode = 'PT400', message = 'by_age may name under_12m, m12_24 and m24_36 only',
        detail = 'facility:bad_vacancies';
    end if;
    r.vacancy_count := 0;
    for v_band in select jsonb_object_keys(p_by_age) loop
      if jsonb_typeof(p_by_age -> v_band) <> 'number' or (p_by_age ->> v_band)::numeric < 0
         or (p_by_age ->> v_band)::numeric <> trunc((p_by_age ->> v_band)::numeric)
         or (p_by_age ->> v_band)::numeric > 10000 then
        raise exception using errcode = 'PT400', message = 'each age band needs a whole number of places, 0 or more',
          detail = 'facility:bad_vacancies';
      end if;
      v_n := (p_by_age ->> v_band)::integer;
      r.vacancy_count := r.vacancy_count + v_n;
      case v_band
        when 'under_12m' then r.vacancy_under_12m := v_n;
        when 'm12_24' then r.vacancy_m12_24 := v_n;
        else r.vacancy_m24_36 := v_n;
      end case;
    end loop;
  elsif p_count is not null and p_count between 0 and 10000 then
    r.vacancy_count := p_count;
  else
    raise exception using errcode = 'PT400', message = 'give the free places by age band or as a total',
      detail = 'facility:bad_vacancies';
  end if;
  if r.places is not null and r.vacancy_count > r.places then
    raise exception using errcode = 'PT400', message = format('%s free places is more than the %s places', r.vacancy_count, r.places),
      detail = 'facility:over_places';
  end if;
  r.vacancy_as_of := app_private.beijing_today();
  r.unverified := array_remove(r.unverified, 'vacancies');
  perform app_private.facility_begin(v_via, null);
  perform app_private.facility_write(r);
  update app.facilities f set vacancy_updated_at = now() where f.id = p_facility;
  perform app_private.log_audit('facility.vacancies', 'app.facilities', p_facility,
    jsonb_build_object('count', r.vacancy_count, 'under_12m', r.vacancy_under_12m, 'm12_24', r.vacancy_m12_24,
      'm24_36', r.vacancy_m24_36, 'via', v_via));
  return (select app_private.facility_for_editor(f) from app.facilities f where f.id = p_facility);
end
$$;
comment on function public.update_vacancies(text, jsonb, integer) is 'Provider (own facility) or staff: free places by age band (or a total), as of today, live at once; audited. PT400 facility:bad_vacancies | facility:over_places.';
revoke all on function public.update_vacancies(text, jsonb, integer) from public, anon, authenticated;
grant execute on function public.update_vacancies(text, jsonb, integer) to authenticated;

-- Opening hours as the facility writes them (1–100 characters), live at once.
create function public.update_facility_hours(p_facility text, p_hours text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_via text := app_private.require_facility_editor(p_facility);
  r app.facilities;
  v_hours text := btrim(coalesce(p_hours, ''));
begin
  if char_length(v_hours) not between 1 and 100 then
    raise exception using errcode = 'PT400', message = 'hours need 1 to 100 characters', detail = 'facility:bad_hours';
  end if;
  select * into r from app.facilities f where f.id = p_facility for update;
  r.hours := v_hours;
  r.unverified := array_remove(r.unverified, 'hours');
  perform app_private.facility_begin(v_via, null);
  perform app_private.facility_write(r);
  perform app_private.log_audit('facility.hours', 'app.facilities', p_facility, jsonb_build_object('hours', v_hours, 'via', v_via));
  return (select app_private.facility_for_editor(f) from app.facilities f where f.id = p_facility);
end
$$;
comment on function public.update_facility_hours(text, text) is 'Provider (own facility) or staff: opening hours, live at once; audited. PT400 facility:bad_hours.';
revoke all on function public.update_facility_hours(text, text) from public, anon, authenticated;
grant execute on function public.update_facility_hours(text, text) to authenticated;

-- A temporary closure from p_from (until p_until when known) with a reason; p_from null reopens. Live at once.
create function public.set_facility_closure(p_facility text, p_from date, p_until date, p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_via text := app_private.require_facility_editor(p_facility);
  r app.facilities;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
begin
  select * into r from app.facilities f where f.id = p_facility for update;
  if p_from is null then
    r.closed_from := null;
    r.closed_until := null;
    r.closure_reason := null;
  else
    if p_until < p_from then
      raise exception using errcode = 'PT400', message = 'the closure cannot end before it starts', detail = 'facility:bad_closure';
    end if;
    if v_reason is null or char_length(v_reason) > 200 then
      raise exception using errcode = 'PT400', message = 'a closure needs a reason of 1 to 200 characters',
        detail = 'facility:bad_closure';
    end if;
    r.closed_from := p_from;
    r.closed_until := p_until;
    r.closure_reason := v_reason;
  end if;
  perform app_private.facility_begin(v_via, v_reason);
  perform app_private.facility_write(r);
  perform app_private.log_audit('facility.closure', 'app.facilities', p_facility,
    jsonb_build_object('from', p_from, 'until', p_until, 'reason', v_reason, 'via', v_via));
  return (select app_private.facility_for_editor(f) from app.facilities f where f.id = p_facility);
end
$$;
comment on function public.set_facility_closure(text, date, date, text) is 'Provider (own facility) or staff: a temporary closure (p_from null reopens), live at once; audited. PT400 facility:bad_closure.';
revoke all on function public.set_facility_closure(text, date, date, text) from public, anon, authenticated;
grant execute on function public.set_facility_closure(text, date, date, text) to authenticated;

-- A proposal for fees, phone or prepayment terms (null value: remove), waiting for review; it replaces the
-- facility's earlier pending proposal for the same field. The value is checked against the schema's rules now,
-- so the reviewer sees only proposals that can be applied.
create function public.propose_facility_change(p_facility text, p_field text, p_value jsonb, p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_via text := app_private.require_facility_editor(p_facility);
  r app.facilities;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
  v_value jsonb := case when p_value = 'null'::jsonb then null else p_value end;
  v_id bigint;
begin
  if p_field is null or p_field not in ('fees', 'phone', 'prepayment') then
    raise exception using errcode = 'PT403', message = 'only fees, phone and prepayment can be proposed; staff change the rest',
      detail = 'facility:regulated_field';
  end if;
  if char_length(v_reason) > 200 then
    raise exception using errcode = 'PT400', message = 'the reason may have at most 200 characters', detail = 'facility:bad_value';
  end if;
  select * into r from app.facilities f where f.id = p_facility;
  -- The facility as it would be: its constraints decide, in a block that is always undone.
  begin
    if p_field = 'fees' then
      r.fees := v_value;
      r.unverified := array_remove(r.unverified, 'fees');
    elsif p_field = 'phone' then
      r.phone := v_value #>> '{}';
      if v_value is not null and jsonb_typeof(v_value) <> 'string' then
        r.phone := '';
      end if;
      r.unverified := array_remove(r.unverified, 'phone');
    else
      r.prepay_max_months := null;
      r.prepay_refund := null;
      if v_value is not null then
        if jsonb_typeof(v_value) <> 'object' or jsonb_typeof(v_value -> 'max_months') <> 'number'
           or jsonb_typeof(v_value -> 'refund') <> 'string'
           or exists (select 1 from jsonb_object_keys(v_value) k where k not in ('max_months', 'refund'))
           or (v_value ->> 'max_months')::numeric <> trunc((v_value ->> 'max_months')::numeric) then
          raise exception using errcode = 'PT400', message = 'prepayment needs max_months (whole months) and refund',
            detail = 'facility:bad_value';
        end if;
        r.prepay_max_months := (v_value ->> 'max_months')::numeric;
        r.prepay_refund := btrim(v_value ->> 'refund');
      end if;
    end if;
    perform app_private.facility_write(r);
    raise exception using errcode = 'PT409', message = 'checked', detail = 'facility:checked';
  exception
    when sqlstate 'PT409' then
      null;
    when sqlstate 'PT400' or data_exception then
      raise exception using errcode = 'PT400', message = 'the proposed value breaks a rule of the facility schema',
        detail = 'facility:bad_value';
  end;
  update app.facility_change_requests q set status = 'withdrawn', reviewed_at = now()
  where q.facility_id = p_facility and q.field = p_field and q.status = 'pending';
  insert into app.facility_change_requests (facility_id, field, value, reason, requested_by)
  values (p_facility, p_field, v_value, v_reason, auth.uid())
  returning id into v_id;
  perform app_private.log_audit('facility.propose', 'app.facilities', p_facility,
    jsonb_build_object('request', v_id, 'field', p_field, 'value', v_value, 'reason', v_reason, 'via', v_via));
  return jsonb_build_object('id', v_id, 'facility', p_facility, 'field', p_field, 'value', v_value, 'status', 'pending');
end
$$;
comment on function public.propose_facility_change(text, text, jsonb, text) is 'Provider (own facility) or staff: propose fees | phone | prepayment (null removes); waits for review; audited. PT403 facility:regulated_field, PT400 facility:bad_value.';
revoke all on function public.propose_facility_change(text, text, jsonb, text) from public, anon, authenticated;
grant execute on function public.propose_facility_change(text, text, jsonb, text) to authenticated;

-- The pending proposals, oldest first, with the current and the proposed value and who asked.
create function public.facility_review_queue() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app_private.require_staff_role('outreach');
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', q.id, 'facility', q.facility_id, 'facility_name', f.name,
        'field', q.field, 'current', app_private.facility_json(f) -> q.field, 'value', q.value, 'reason', q.reason,
        'requested_at', q.requested_at, 'requested_by', coalesce(p.display_name, u.email::text)) order by q.id)
    from app.facility_change_requests q
    join app.facilities f on f.id = q.facility_id
    left join app.providers p on p.user_id = q.requested_by
    left join auth.users u on u.id = q.requested_by
    where q.status = 'pending'), '[]'::jsonb);
end
$$;
comment on function public.facility_review_queue() is 'Outreach/admin: pending fee, phone and prepayment proposals with current and proposed values.';
revoke all on function public.facility_review_queue() from public, anon, authenticated;
grant execute on function public.facility_review_queue() to authenticated;

-- Approve (the value goes live, with the request's reason in the history) or reject (a reason is required).
create function public.review_facility_change(p_id bigint, p_approve boolean, p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  q app.facility_change_requests;
  r app.facilities;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
begin
  perform app_private.require_staff_role('outreach');
  select * into q from app.facility_change_requests x where x.id = p_id for update;
  if q.id is null then
    raise exception using errcode = 'PT404', message = 'no proposal with that id', detail = 'facility:no_request';
  end if;
  if q.status <> 'pending' then
    raise exception using errcode = 'PT409', message = 'this proposal was already ' || q.status, detail = 'facility:already_reviewed';
  end if;
  if p_approve is null or (not p_approve and v_reason is null) or char_length(v_reason) > 200 then
    raise exception using errcode = 'PT400', message = 'a rejection needs a reason of 1 to 200 characters',
      detail = 'facility:reason_required';
  end if;
  if p_approve then
    select * into r from app.facilities f where f.id = q.facility_id for update;
    if q.field = 'fees' then
      r.fees := q.value;
      r.unverified := array_remove(r.unverified, 'fees');
    elsif q.field = 'phone' then
      r.phone := q.value #>> '{}';
      r.unverified := array_remove(r.unverified, 'phone');
    else
      r.prepay_max_months := (q.value ->> 'max_months')::numeric;
      r.prepay_refund := btrim(q.value ->> 'refund');
    end if;
    perform app_private.facility_begin('review', coalesce(v_reason, q.reason));
    perform app_private.facility_write(r);
  end if;
  update app.facility_change_requests x
  set status = case when p_approve then 'approved' else 'rejected' end, reviewed_by = auth.uid(), reviewed_at = now(),
      review_reason = v_reason
  where x.id = p_id
  returning * into q;
  perform app_private.log_audit(case when p_approve then 'facility.approve' else 'facility.reject' end,
    'app.facilities', q.facility_id, jsonb_build_object('request', q.id, 'field', q.field, 'value', q.value, 'reason', v_reason));
  return jsonb_build_object('id', q.id, 'facility', q.facility_id, 'field', q.field, 'status', q.status);
end
$$;
comment on function public.review_facility_change(bigint, boolean, text) is 'Outreach/admin: approve (applies the value) or reject (reason required) a pending proposal; audited. PT404 facility:no_request, PT409 facility:already_reviewed, PT400 facility:reason_required.';
revoke all on function public.review_facility_change(bigint, boolean, text) from public, anon, authenticated;
grant execute on function public.review_facility_change(bigint, boolean, text) to authenticated;

-- Staff change any field, regulated ones included (filing number, demonstration, inspection, 普惠, location …):
-- p_changes is part of a facility record (a field set to null is removed); a reason is required. Not the id.
create function public.staff_update_facility(p_facility text, p_changes jsonb, p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_current jsonb;
  v_next jsonb;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
  v_outcome text;
begin
  perform app_private.require_staff_role('outreach');
  select app_private.facility_json(f) into v_current from app.facilities f where f.id = p_facility for update;
  if v_current is null then
    raise exception using errcode = 'PT404', message = 'no facility with that id', detail = 'facility:not_found';
  end if;
  if v_reason is null or char_length(v_reason) > 200 then
    raise exception using errcode = 'PT400', message = 'a staff change needs a reason of 1 to 200 characters',
      detail = 'facility:reason_required';
  end if;
  if jsonb_typeof(p_changes) is distinct from 'object' or p_changes ? 'id' then
    raise exception using errcode = 'PT400', message = 'changes must be an object of facility fields (not the id)',
      detail = 'facility:bad_record';
  end if;
  v_next := jsonb_strip_nulls(v_current || p_changes);
  perform app_private.facility_begin('staff', v_reason);
  v_outcome := app_private.facility_write(app_private.facility_from_json(v_next));
  perform app_private.log_audit('facility.staff_update', 'app.facilities', p_facility,
    jsonb_build_object('changes', p_changes, 'reason', v_reason, 'outcome', v_outcome));
  return (select app_private.facility_json(f) from app.facilities f where f.id = p_facility);
end
$$;
comment on function public.staff_update_facility(text, jsonb, text) is 'Outreach/admin: change any fields of a facility (regulated ones too) with a reason; the schema''s rules apply; audited. PT404 facility:not_found, PT400 facility:reason_required | facility:bad_record.';
revoke all on function public.staff_update_facility(text, jsonb, text) from public, anon, authenticated;
grant execute on function public.staff_update_facility(text, jsonb, text) to authenticated;

-- Facilities whose vacancy figure is older than the setting (or missing), oldest first, with whom to call and a
-- reminder to send them.
create function public.stale_facilities() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_days integer := (select s.vacancy_stale_after_days from app.facility_settings s);
begin
  perform app_private.require_staff_role('outreach');
  return coalesce((
    select jsonb_agg(x.o order by x.age desc nulls first, x.name) from (
      select f.name, app_private.beijing_today() - f.vacancy_as_of as age,
        jsonb_build_object('id', f.id, 'name', f.name, 'as_of', to_char(f.vacancy_as_of, 'YYYY-MM-DD'),
          'age_days', app_private.beijing_today() - f.vacancy_as_of, 'facility_phone', f.phone,
          'providers', coalesce((select jsonb_agg(jsonb_build_object('name', p.display_name, 'phone', p.phone,
              'email', u.email) order by p.display_name)
            from app.provider_facilities pf join app.providers p on p.user_id = pf.user_id and p.active
            join auth.users u on u.id = p.user_id where pf.facility_id = f.id), '[]'::jsonb),
          'reminder', format('您好！%s 的空余托位数%s。家长看到的数字超过 %s 天就会显示“可能已变化”。请登录工作人员页面 /staff/ 更新，点两下即可完成。谢谢！',
            f.name,
            case when f.vacancy_as_of is null then '还没有填写'
              else format('上次更新是 %s 天前（%s）', app_private.beijing_today() - f.vacancy_as_of, to_char(f.vacancy_as_of, 'FMMM"月"FMDD"日"')) end,
            v_days)) as o
      from app.facilities f
      where f.vacancy_as_of is null or app_private.beijing_today() - f.vacancy_as_of > v_days) x), '[]'::jsonb);
end
$$;
comment on function public.stale_facilities() is 'Outreach/admin: facilities whose vacancy figure is missing or older than vacancy_stale_after_days, oldest first, with the facility''s and providers'' numbers and a reminder text.';
revoke all on function public.stale_facilities() from public, anon, authenticated;
grant execute on function public.stale_facilities() to authenticated;

-- Admins make an existing account a provider for ≥ 1 facilities (or change its name, mobile, facilities, active).
-- The account is created as staff accounts are (npm run staff -- add-provider, or the Supabase dashboard).
create function public.upsert_provider(p_email text, p_display_name text, p_phone text, p_facilities text[],
  p_active boolean default true) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_user uuid;
  v_email text;
  v_before jsonb;
  v_phone text := nullif(btrim(coalesce(p_phone, '')), '');
  v_missing text;
begin
  perform app_private.require_staff_role('admin');
  if char_length(btrim(coalesce(p_display_name, ''))) not between 1 and 80 then
    raise exception using errcode = 'PT400', message = 'a name needs 1 to 80 characters', detail = 'facility:bad_display_name';
  end if;
  if v_phone is not null and v_phone !~ '^1[0-9]{10}$' then
    raise exception using errcode = 'PT400', message = 'the mobile number must have 11 digits', detail = 'facility:bad_phone';
  end if;
  if coalesce(cardinality(p_facilities), 0) = 0 then
    raise exception using errcode = 'PT400', message = 'a provider keeps at least one facility', detail = 'facility:no_facilities';
  end if;
  select string_agg(x, ', ') into v_missing from unnest(p_facilities) x
  where not exists (select 1 from app.facilities f where f.id = x);
  if v_missing is not null then
    raise exception using errcode = 'PT404', message = 'no facility with the id ' || v_missing, detail = 'facility:not_found';
  end if;
  select u.id, u.email into v_user, v_email from auth.users u where lower(u.email) = lower(btrim(p_email));
  if v_user is null then
    raise exception using errcode = 'PT404', message = 'no user with that email', detail = 'facility:no_user',
      hint = 'Create the account first (npm run staff -- add-provider, or the Supabase dashboard).';
  end if;
  if exists (select 1 from app.staff s where s.user_id = v_user) then
    raise exception using errcode = 'PT409', message = 'a staff account cannot also be a provider', detail = 'facility:account_is_staff';
  end if;
  select jsonb_build_object('display_name', p.display_name, 'phone', p.phone, 'active', p.active,
      'facilities', (select jsonb_agg(pf.facility_id order by pf.facility_id) from app.provider_facilities pf where pf.user_id = p.user_id))
    into v_before from app.providers p where p.user_id = v_user for update;
  insert into app.providers as p (user_id, display_name, phone, active)
  values (v_user, btrim(p_display_name), v_phone, coalesce(p_active, true))
  on conflict (user_id) do update set display_name = excluded.display_name, phone = excluded.phone, active = excluded.active;
  delete from app.provider_facilities pf where pf.user_id = v_user and not (pf.facility_id = any (p_facilities));
  insert into app.provider_facilities (user_id, facility_id)
  select v_user, x from unnest(p_facilities) x on conflict do nothing;
  perform app_private.log_audit(case when v_before is null then 'provider.create' else 'provider.update' end,
    'app.providers', v_user::text, jsonb_build_object('email', v_email, 'before', v_before,
      'after', jsonb_build_object('display_name', btrim(p_display_name), 'phone', v_phone, 'active', coalesce(p_active, true),
        'facilities', (select jsonb_agg(x order by x) from (select distinct unnest(p_facilities) x) d))));
  return jsonb_build_object('user_id', v_user, 'email', v_email, 'display_name', btrim(p_display_name), 'phone', v_phone,
    'active', coalesce(p_active, true), 'facilities', to_jsonb(p_facilities));
end
$$;
comment on function public.upsert_provider(text, text, text, text[], boolean) is 'Admin only: make an existing account a provider for ≥ 1 facilities, or change it; audited. PT404 facility:no_user | facility:not_found, PT409 facility:account_is_staff, PT400 facility:bad_display_name | bad_phone | no_facilities.';
revoke all on function public.upsert_provider(text, text, text, text[], boolean) from public, anon, authenticated;
grant execute on function public.upsert_provider(text, text, text, text[], boolean) to authenticated;

-- Admins: every provider account with its facilities.
create function public.list_providers() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app_private.require_staff_role('admin');
  return coalesce((
    select jsonb_agg(jsonb_build_object('user_id', p.user_id, 'email', u.email, 'display_name', p.display_name,
        'phone', p.phone, 'active', p.active,
        'facilities', (select jsonb_agg(pf.facility_id order by pf.facility_id) from app.provider_facilities pf where pf.user_id = p.user_id))
      order by p.active desc, p.display_name)
    from app.providers p join auth.users u on u.id = p.user_id), '[]'::jsonb);
end
$$;
comment on function public.list_providers() is 'Admin only: every provider account (email, name, mobile, active, facilities).';
revoke all on function public.list_providers() from public, anon, authenticated;
grant execute on function public.list_providers() to authenticated;

-- whoami, as before, and role 'provider' (with the number of facilities) for an active provider account.
create or replace function public.whoami() returns json
language plpgsql stable security definer set search_path = '' as $$
declare
  v_uid uuid := auth.uid();
  v_staff record;
  v_provider record;
begin
  if v_uid is null then
    raise exception 'sign in required' using errcode = 'PT401', detail = 'staff:sign_in_required';
  end if;
  select s.display_name, s.role into v_staff from app.staff s where s.user_id = v_uid and s.active;
  if found then
    return json_build_object('user_id', v_uid, 'email', auth.email(), 'display_name', v_staff.display_name, 'role', v_staff.role);
  end if;
  select p.display_name, (select count(*) from app.provider_facilities pf where pf.user_id = p.user_id) as n
    into v_provider from app.providers p where p.user_id = v_uid and p.active;
  if found then
    return json_build_object('user_id', v_uid, 'email', auth.email(), 'display_name', v_provider.display_name,
      'role', 'provider', 'facilities', v_provider.n);
  end if;
  return json_build_object('user_id', v_uid, 'email', auth.email(), 'role', null);
end
$$;
comment on function public.whoami() is 'The signed-in user: {user_id, email, display_name, role} for active staff, role provider (+ facilities) for an active provider, role null otherwise; anon: PT401.';
