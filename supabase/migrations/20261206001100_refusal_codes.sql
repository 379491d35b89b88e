-- The error contract (docs/database.md, "Errors"): every refusal a request can cause raises SQLSTATE PTnnn, where nnn
-- is the HTTP status PostgREST answers with (PostgREST maps a custom PTnnn to HTTP nnn), and a stable machine code in
-- `detail` that the browser maps to text (src/lib/refusals/). Before this, "not found" raised P0002, which PostgREST
-- answers with 500. The functions below are redefined with their bodies otherwise unchanged; grants, owners and
-- search_path stay as they were (create or replace keeps them; the grants are restated for the reader).
-- Not here: the roster, export, reveal and event-status functions (their own migration) and the survey's functions.

-- Staff ------------------------------------------------------------------------------------------------
create or replace function app_private.require_staff_role(min_role text) returns void
language plpgsql stable set search_path = '' as $$
begin
  if auth.uid() is null then
    raise exception 'sign in required' using errcode = 'PT401', detail = 'staff:sign_in_required';
  end if;
  if not app_private.has_staff_role(min_role) then
    raise exception '% role required', min_role using errcode = 'PT403', detail = 'staff:role_required',
      hint = 'Ask an admin to give your account this role.';
  end if;
end
$$;
comment on function app_private.require_staff_role(text) is 'Raises PT401 staff:sign_in_required | PT403 staff:role_required unless the caller is active staff with at least min_role.';
revoke all on function app_private.require_staff_role(text) from public, anon, authenticated;
grant execute on function app_private.require_staff_role(text) to authenticated;

create or replace function public.whoami() returns json
language plpgsql stable set search_path = '' as $$
declare
  v_uid uuid := auth.uid();
  v_staff record;
begin
  if v_uid is null then
    raise exception 'sign in required' using errcode = 'PT401', detail = 'staff:sign_in_required';
  end if;
  select s.display_name, s.role into v_staff from app.staff s where s.user_id = v_uid and s.active;
  if not found then
    return json_build_object('user_id', v_uid, 'email', auth.email(), 'role', null);
  end if;
  return json_build_object('user_id', v_uid, 'email', auth.email(), 'display_name', v_staff.display_name, 'role', v_staff.role);
end
$$;
comment on function public.whoami() is 'The signed-in user: {user_id, email, display_name, role} for active staff, role null otherwise; anon: 42501.';
revoke all on function public.whoami() from public, anon, authenticated;
grant execute on function public.whoami() to anon, authenticated;

create or replace function public.upsert_staff(p_email text, p_display_name text, p_role text, p_active boolean default true)
returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_active boolean := coalesce(p_active, true);
  v_user_id uuid;
  v_email text;
  v_before app.staff;
  v_after app.staff;
begin
  perform app_private.require_staff_role('admin');
  if p_role is null or p_role not in ('outreach', 'admin') then
    raise exception 'role must be outreach or admin' using errcode = 'PT400', detail = 'staff:bad_role';
  end if;
  if char_length(btrim(coalesce(p_display_name, ''))) not between 1 and 80 then
    raise exception 'display name must have 1 to 80 characters' using errcode = 'PT400', detail = 'staff:bad_display_name';
  end if;

  select u.id, u.email into v_user_id, v_email
  from auth.users u where lower(u.email) = lower(btrim(p_email));
  if v_user_id is null then
    raise exception 'no user with that email' using errcode = 'PT404', detail = 'staff:no_user',
      hint = 'The person needs an account before they can be made staff.';
  end if;

  -- Lock the active admins so two concurrent demotions cannot both see another admin remaining.
  perform 1 from app.staff s where s.role = 'admin' and s.active for update;
  select * into v_before from app.staff s where s.user_id = v_user_id for update;
  if v_before.role = 'admin' and v_before.active and (p_role is distinct from 'admin' or not v_active)
     and (select count(*) from app.staff s where s.role = 'admin' and s.active) = 1 then
    raise exception 'cannot demote or deactivate the last active admin' using errcode = 'PT409', detail = 'staff:last_admin',
      hint = 'Make someone else an admin first.';
  end if;

  insert into app.staff as s (user_id, display_name, role, active)
  values (v_user_id, btrim(p_display_name), p_role, v_active)
  on conflict on constraint staff_pkey do update
    set display_name = excluded.display_name, role = excluded.role, active = excluded.active
  returning * into v_after;

  perform app_private.log_audit(
    case when v_before.user_id is null then 'staff.create' else 'staff.update' end,
    'app.staff',
    v_user_id::text,
    jsonb_build_object(
      'email', v_email,
      'before', case when v_before.user_id is null then null
                else jsonb_build_object('display_name', v_before.display_name, 'role', v_before.role, 'active', v_before.active) end,
      'after', jsonb_build_object('display_name', v_after.display_name, 'role', v_after.role, 'active', v_after.active)));

  return json_build_object('user_id', v_after.user_id, 'email', v_email, 'display_name', v_after.display_name,
    'role', v_after.role, 'active', v_after.active, 'created_at', v_after.created_at, 'updated_at', v_after.updated_at);
end
$$;
comment on function public.upsert_staff(text, text, text, boolean) is 'Admin only: make the auth user with p_email staff, or change their name/role/active; audited; keeps one active admin.';
revoke all on function public.upsert_staff(text, text, text, boolean) from public, anon, authenticated;
grant execute on function public.upsert_staff(text, text, text, boolean) to authenticated;

-- Rate limits and sign-in limits (arguments come from our own code: a bad one is a bug, still a 400) ------
create or replace function app_private.hit_rate_limit(action text, max_hits integer, per interval) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_hash text;
  v_hits integer;
begin
  if hit_rate_limit.action is null or max_hits is null or max_hits < 1 or per is null or per <= interval '0' then
    raise exception 'hit_rate_limit needs an action, max_hits >= 1 and a positive interval' using errcode = 'PT400',
      detail = 'rate_limit:bad_arguments';
  end if;
  select encode(extensions.hmac(convert_to(app_private.client_address(), 'UTF8'), k.salt, 'sha256'), 'hex')
    into v_hash from app_private.rate_limit_secret k;

  insert into app_private.rate_limit_buckets as b (action, client_hash, hits, window_ends_at)
  values (hit_rate_limit.action, v_hash, 1, now() + per)
  on conflict on constraint rate_limit_buckets_pkey do update
    set hits = case when b.window_ends_at <= now() then 1 else least(b.hits + 1, max_hits + 1) end,
        window_ends_at = case when b.window_ends_at <= now() then now() + per else b.window_ends_at end
  returning b.hits into v_hits;

  if random() < 0.01 then
    perform app_private.prune_rate_limit_buckets();
  end if;
  return v_hits <= max_hits;
end
$$;
comment on function app_private.hit_rate_limit(text, integer, interval) is 'One hit for (action, hashed client address); true while within max_hits per interval. Definer: buckets and salt are private.';
revoke all on function app_private.hit_rate_limit(text, integer, interval) from public, anon, authenticated;
grant execute on function app_private.hit_rate_limit(text, integer, interval) to service_role;

create or replace function app_private.record_sign_in(
  email text, succeeded boolean, max_per_address integer, per interval,
  free_failures integer, base interval, longest interval
) returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_hash text := app_private.account_hash(record_sign_in.email);
  v_failures integer;
begin
  if succeeded is null or free_failures is null or free_failures < 1 or base is null or base <= interval '0' or longest is null or longest < base then
    raise exception 'record_sign_in needs succeeded, free_failures >= 1 and 0 < base <= longest' using errcode = 'PT400',
      detail = 'sign_in:bad_arguments';
  end if;
  if succeeded then
    delete from app_private.sign_in_failures f where f.account_hash = v_hash;
    return 0;
  end if;
  perform app_private.hit_rate_limit('auth.sign_in', max_per_address, per);
  insert into app_private.sign_in_failures as f (account_hash, failures, last_failed_at)
  values (v_hash, 1, now())
  on conflict (account_hash) do update
    set failures = case when f.last_failed_at < now() - interval '1 day' then 1 else least(f.failures + 1, 1000) end,
        last_failed_at = now()
  returning f.failures into v_failures;
  if v_failures >= free_failures then
    update app_private.sign_in_failures f
      set locked_until = now() + least(longest, base * power(2, least(v_failures - free_failures, 30)))
      where f.account_hash = v_hash;
    return ceil(extract(epoch from least(longest, base * power(2, least(v_failures - free_failures, 30)))))::integer;
  end if;
  if random() < 0.01 then
    delete from app_private.sign_in_failures f where f.last_failed_at < now() - interval '1 day';
  end if;
  return 0;
end
$$;
comment on function app_private.record_sign_in(text, boolean, integer, interval, integer, interval, interval) is 'Records a password check: success clears the account''s failures; failure counts against the address and grows the account''s back-off. Definer: the counters are private.';
revoke all on function app_private.record_sign_in(text, boolean, integer, interval, integer, interval, interval) from public, anon, authenticated;
grant execute on function app_private.record_sign_in(text, boolean, integer, interval, integer, interval, interval) to service_role;

-- Lectures ---------------------------------------------------------------------------------------------
create or replace function app_private.find_lecture_registration(p_mobile text, p_code text, p_lock boolean) returns app.lecture_registrations
language plpgsql volatile set search_path = '' as $$
declare
  v_mobile text := app_private.normalize_mobile(p_mobile);
  v_code text := app_private.normalize_lecture_code(p_code);
  v_reg app.lecture_registrations;
begin
  if not app_private.hit_rate_limit('lectures.lookup', 30, interval '10 minutes') then
    raise exception 'too many look-ups from this connection' using errcode = 'PT429', detail = 'lecture:rate_limited',
      hint = 'Wait ten minutes, or call the number on the page.';
  end if;
  if v_mobile is null then
    raise exception 'enter an 11-digit mainland mobile number' using errcode = 'PT400', detail = 'lecture:bad_mobile';
  end if;
  select * into v_reg from app.lecture_registrations r where r.code = v_code and r.mobile = v_mobile;
  if v_reg.id is null then
    raise exception 'no registration matches this phone number and code' using errcode = 'PT404', detail = 'lecture:not_found',
      hint = 'Check the code on your confirmation (letters and digits, no 0, O, 1 or I).';
  end if;
  if p_lock then
    -- Lock order everywhere: the event first, then its registrations.
    perform 1 from app.lecture_events e where e.id = v_reg.event_id for update;
    select * into v_reg from app.lecture_registrations r where r.id = v_reg.id for update;
  end if;
  return v_reg;
end
$$;
comment on function app_private.find_lecture_registration(text, text, boolean) is 'The registration with this phone and code (rate-limited, PT404 lecture:not_found if none); p_lock locks its event then it. Owner only.';
revoke all on function app_private.find_lecture_registration(text, text, boolean) from public, anon, authenticated;

create or replace function app_private.get_lecture_event(p_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_event app.lecture_events;
begin
  select * into v_event from app.lecture_events e
  where e.id = p_id and (e.status = 'published' or (e.status = 'cancelled' and e.published_at is not null));
  if v_event.id is null then
    raise exception 'no such event' using errcode = 'PT404', detail = 'lecture:no_event';
  end if;
  return app_private.lecture_event_json(v_event);
end
$$;
comment on function app_private.get_lecture_event(uuid) is 'One published (or published-then-cancelled) event as parents see it; PT404 lecture:no_event otherwise.';
revoke all on function app_private.get_lecture_event(uuid) from public, anon, authenticated;
grant execute on function app_private.get_lecture_event(uuid) to anon, authenticated;

create or replace function app_private.sign_up_for_lecture(p_event_id uuid, p_name text, p_mobile text, p_adults integer, p_child_age_band text, p_consent boolean)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_event app.lecture_events;
  v_mobile text := app_private.normalize_mobile(p_mobile);
  v_name text := btrim(coalesce(p_name, ''));
  v_status text;
  v_reg app.lecture_registrations;
  v_attempt integer := 0;
begin
  if not app_private.hit_rate_limit('lectures.sign_up', 20, interval '1 hour') then
    raise exception 'too many sign-ups from this connection' using errcode = 'PT429', detail = 'lecture:rate_limited',
      hint = 'Try again in an hour, or call the number on the page.';
  end if;
  if char_length(v_name) not between 1 and 40 then
    raise exception 'enter a name of 1 to 40 characters' using errcode = 'PT400', detail = 'lecture:bad_name';
  end if;
  if v_mobile is null then
    raise exception 'enter an 11-digit mainland mobile number' using errcode = 'PT400', detail = 'lecture:bad_mobile';
  end if;
  if p_adults is null or p_adults not between 1 and 2 then
    raise exception 'one or two adults may attend per registration' using errcode = 'PT400', detail = 'lecture:bad_adults';
  end if;
  if p_child_age_band is null or p_child_age_band not in ('expecting', 'under_1', '1_to_2', '2_to_3', 'over_3') then
    raise exception 'choose the child''s age' using errcode = 'PT400', detail = 'lecture:bad_age_band';
  end if;
  if p_consent is not true then
    raise exception 'consent to the use of your contact details is needed to register' using errcode = 'PT400', detail = 'lecture:no_consent';
  end if;

  -- The lock: every sign-up, cancellation and capacity change of this event waits here for the one before it.
  select * into v_event from app.lecture_events e where e.id = p_event_id for update;
  if v_event.id is null or v_event.status = 'draft' then
    raise exception 'no such event' using errcode = 'PT404', detail = 'lecture:no_event';
  elsif v_event.status = 'cancelled' then
    raise exception 'this event has been cancelled' using errcode = 'PT409', detail = 'lecture:cancelled';
  elsif now() >= v_event.ends_at then
    raise exception 'this event is over' using errcode = 'PT409', detail = 'lecture:over';
  elsif now() >= coalesce(v_event.registration_closes_at, v_event.starts_at) then
    raise exception 'registration for this event has closed' using errcode = 'PT409', detail = 'lecture:closed';
  elsif v_event.registration_opens_at is not null and now() < v_event.registration_opens_at then
    raise exception 'registration for this event opens at %', to_char(v_event.registration_opens_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
      using errcode = 'PT409', detail = 'lecture:not_open';
  end if;
  if exists (select 1 from app.lecture_registrations r
             where r.event_id = p_event_id and r.mobile = v_mobile and r.status <> 'cancelled') then
    raise exception 'this phone number is already registered for this event' using errcode = 'PT409', detail = 'lecture:duplicate',
      hint = 'Look up your registration with your phone number and code.';
  end if;

  v_status := case when (app_private.lecture_counts(p_event_id)).confirmed < v_event.capacity then 'confirmed' else 'waitlisted' end;
  update app.lecture_events e set signups = e.signups + 1 where e.id = p_event_id returning * into v_event;
  loop
    v_attempt := v_attempt + 1;
    begin
      insert into app.lecture_registrations (event_id, code, signup_no, name, mobile, adults, child_age_band, consent_at, status, confirmed_at)
      values (p_event_id, app_private.random_lecture_code(), v_event.signups, v_name, v_mobile, p_adults, p_child_age_band, now(), v_status,
              case when v_status = 'confirmed' then now() end)
      returning * into v_reg;
      exit;
    exception when unique_violation then
      -- Only a code collision is retried (1 in ~240 million per existing code); anything else is a real conflict.
      if sqlerrm not like '%lecture_registrations_code_key%' or v_attempt >= 8 then
        raise;
      end if;
    end;
  end loop;
  return app_private.lecture_registration_json(v_reg);
end
$$;
comment on function app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean) is 'Registers for a published, open event under its row lock: confirmed while seats remain, else waitlisted. Rate-limited per client.';
revoke all on function app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean) from public, anon, authenticated;
grant execute on function app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean) to anon, authenticated;

create or replace function app_private.cancel_lecture_registration(p_mobile text, p_code text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_reg app.lecture_registrations := app_private.find_lecture_registration(p_mobile, p_code, true);
  v_event app.lecture_events;
begin
  select * into v_event from app.lecture_events e where e.id = v_reg.event_id;
  if v_reg.status = 'cancelled' then
    return app_private.lecture_registration_json(v_reg);
  end if;
  if now() >= v_event.ends_at then
    raise exception 'this event is over' using errcode = 'PT409', detail = 'lecture:over';
  end if;
  if v_reg.checked_in_at is not null then
    raise exception 'you have already been checked in' using errcode = 'PT409', detail = 'lecture:checked_in';
  end if;
  update app.lecture_registrations r set status = 'cancelled', cancelled_at = now() where r.id = v_reg.id returning * into v_reg;
  if v_event.status = 'published' then
    perform app_private.promote_lecture_waitlist(v_event.id);
  end if;
  return app_private.lecture_registration_json(v_reg);
end
$$;
comment on function app_private.cancel_lecture_registration(text, text) is 'Cancels the caller''s registration by phone + code; the first waitlisted person gets the seat. Idempotent.';
revoke all on function app_private.cancel_lecture_registration(text, text) from public, anon, authenticated;
grant execute on function app_private.cancel_lecture_registration(text, text) to anon, authenticated;

create or replace function app_private.apply_lecture_capacity(p_event app.lecture_events, p_capacity integer) returns integer
language plpgsql volatile set search_path = '' as $$
declare
  v_confirmed integer := (app_private.lecture_counts(p_event.id)).confirmed;
begin
  if p_capacity is null or p_capacity not between 1 and 2000 then
    raise exception 'capacity must be between 1 and 2000' using errcode = 'PT400', detail = 'lecture:bad_capacity';
  end if;
  if p_capacity < v_confirmed then
    raise exception 'capacity % is below the % people already confirmed', p_capacity, v_confirmed using errcode = 'PT409',
      detail = 'lecture:capacity_below_confirmed', hint = 'Cancel registrations first, or keep the capacity.';
  end if;
  update app.lecture_events e set capacity = p_capacity where e.id = p_event.id;
  if p_event.status = 'published' then
    return app_private.promote_lecture_waitlist(p_event.id);
  end if;
  return 0;
end
$$;
comment on function app_private.apply_lecture_capacity(app.lecture_events, integer) is 'Sets capacity (caller holds the event lock); promotes from the waitlist in order; refuses going below confirmed. Owner only.';
revoke all on function app_private.apply_lecture_capacity(app.lecture_events, integer) from public, anon, authenticated;

create or replace function app_private.save_lecture_event(p_id uuid, p_event jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_before app.lecture_events;
  v_after app.lecture_events;
  v_capacity integer;
  v_promoted integer := 0;
begin
  perform app_private.require_staff_role('outreach');
  if p_event is null or jsonb_typeof(p_event) <> 'object' then
    raise exception 'the event must be a JSON object' using errcode = 'PT400', detail = 'lecture:bad_event';
  end if;
  begin
    v_capacity := (p_event ->> 'capacity')::integer;
  exception when others then
    raise exception 'capacity must be a whole number' using errcode = 'PT400', detail = 'lecture:bad_capacity';
  end;
  if p_id is not null then
    select * into v_before from app.lecture_events e where e.id = p_id for update;
    if v_before.id is null then
      raise exception 'no such event' using errcode = 'PT404', detail = 'lecture:no_event';
    end if;
    if v_before.status = 'cancelled' then
      raise exception 'a cancelled event cannot be edited' using errcode = 'PT409', detail = 'lecture:cancelled';
    end if;
  end if;
  begin
    if p_id is null then
      insert into app.lecture_events (title, kind, description, speaker, venue, township, audience, starts_at, ends_at, capacity,
                                      registration_opens_at, registration_closes_at, created_by)
      values (btrim(p_event ->> 'title'), p_event ->> 'kind', btrim(coalesce(p_event ->> 'description', '')),
              btrim(coalesce(p_event ->> 'speaker', '')), btrim(p_event ->> 'venue'), btrim(p_event ->> 'township'),
              btrim(coalesce(p_event ->> 'audience', '')), (p_event ->> 'starts_at')::timestamptz, (p_event ->> 'ends_at')::timestamptz,
              v_capacity, nullif(p_event ->> 'registration_opens_at', '')::timestamptz,
              nullif(p_event ->> 'registration_closes_at', '')::timestamptz, auth.uid())
      returning * into v_after;
    else
      update app.lecture_events e set
        title = btrim(p_event ->> 'title'), kind = p_event ->> 'kind', description = btrim(coalesce(p_event ->> 'description', '')),
        speaker = btrim(coalesce(p_event ->> 'speaker', '')), venue = btrim(p_event ->> 'venue'), township = btrim(p_event ->> 'township'),
        audience = btrim(coalesce(p_event ->> 'audience', '')), starts_at = (p_event ->> 'starts_at')::timestamptz,
        ends_at = (p_event ->> 'ends_at')::timestamptz,
        registration_opens_at = nullif(p_event ->> 'registration_opens_at', '')::timestamptz,
        registration_closes_at = nullif(p_event ->> 'registration_closes_at', '')::timestamptz
      where e.id = p_id returning * into v_after;
      v_promoted := app_private.apply_lecture_capacity(v_after, v_capacity);
      select * into v_after from app.lecture_events e where e.id = p_id;
    end if;
  exception
    when not_null_violation then
      raise exception 'a required field is missing' using errcode = 'PT400',
        detail = 'lecture:missing_field', hint = 'Title, kind, venue, township, start, end and capacity are required.';
    when check_violation then
      raise exception '%', case
        when sqlerrm like '%title_length%' then 'the title needs 1 to 120 characters'
        when sqlerrm like '%kind_check%' then 'choose a kind of event'
        when sqlerrm like '%venue_length%' then 'the venue needs 1 to 200 characters'
        when sqlerrm like '%township_length%' then 'choose a township'
        when sqlerrm like '%ends_after_start%' then 'the event must end after it starts'
        when sqlerrm like '%capacity_range%' then 'capacity must be between 1 and 2000'
        when sqlerrm like '%window_order%' then 'registration must open before it closes'
        when sqlerrm like '%closes_by_end%' then 'registration must close by the end of the event'
        else sqlerrm end using errcode = 'PT400', detail = case
        when sqlerrm like '%title_length%' then 'lecture:bad_title'
        when sqlerrm like '%kind_check%' then 'lecture:bad_kind'
        when sqlerrm like '%venue_length%' then 'lecture:bad_venue'
        when sqlerrm like '%township_length%' then 'lecture:bad_township'
        when sqlerrm like '%ends_after_start%' then 'lecture:ends_before_start'
        when sqlerrm like '%capacity_range%' then 'lecture:bad_capacity'
        when sqlerrm like '%window_order%' then 'lecture:bad_window'
        when sqlerrm like '%closes_by_end%' then 'lecture:closes_after_end'
        else 'lecture:invalid' end;
    when invalid_datetime_format or datetime_field_overflow then
      raise exception 'dates and times must be like 2026-06-01T09:30:00+08:00' using errcode = 'PT400', detail = 'lecture:bad_time';
  end;
  perform app_private.log_audit(case when p_id is null then 'lecture_event.create' else 'lecture_event.update' end,
    'app.lecture_events', v_after.id::text,
    jsonb_build_object('title', v_after.title, 'capacity', v_after.capacity, 'promoted', v_promoted));
  return app_private.staff_lecture_event_json(v_after) || jsonb_build_object('promoted', v_promoted);
end
$$;
comment on function app_private.save_lecture_event(uuid, jsonb) is 'Outreach: creates (p_id null) or edits an event; capacity changes promote or are refused below confirmed; audited.';
revoke all on function app_private.save_lecture_event(uuid, jsonb) from public, anon, authenticated;
grant execute on function app_private.save_lecture_event(uuid, jsonb) to authenticated;

create or replace function app_private.set_lecture_capacity(p_id uuid, p_capacity integer) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_event app.lecture_events;
  v_promoted integer;
begin
  perform app_private.require_staff_role('outreach');
  select * into v_event from app.lecture_events e where e.id = p_id for update;
  if v_event.id is null then
    raise exception 'no such event' using errcode = 'PT404', detail = 'lecture:no_event';
  end if;
  v_promoted := app_private.apply_lecture_capacity(v_event, p_capacity);
  select * into v_event from app.lecture_events e where e.id = p_id;
  perform app_private.log_audit('lecture_event.capacity', 'app.lecture_events', p_id::text,
    jsonb_build_object('capacity', p_capacity, 'promoted', v_promoted));
  return app_private.staff_lecture_event_json(v_event) || jsonb_build_object('promoted', v_promoted);
end
$$;
comment on function app_private.set_lecture_capacity(uuid, integer) is 'Outreach: changes capacity; raising promotes from the waitlist in order, lowering below confirmed is refused; audited.';
revoke all on function app_private.set_lecture_capacity(uuid, integer) from public, anon, authenticated;
grant execute on function app_private.set_lecture_capacity(uuid, integer) to authenticated;

create or replace function app_private.check_in_lecture(p_event_id uuid, p_code text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_reg app.lecture_registrations;
  v_already boolean;
begin
  perform app_private.require_staff_role('outreach');
  select * into v_reg from app.lecture_registrations r
  where r.event_id = p_event_id and r.code = app_private.normalize_lecture_code(p_code) for update;
  if v_reg.id is null then
    raise exception 'no registration with this code for this event' using errcode = 'PT404', detail = 'lecture:not_found';
  end if;
  if v_reg.status = 'cancelled' then
    raise exception 'this registration was cancelled' using errcode = 'PT409', detail = 'lecture:registration_cancelled';
  elsif v_reg.status = 'waitlisted' then
    raise exception 'this person is on the waitlist (position %)', app_private.lecture_waitlist_position(v_reg.event_id, v_reg.signup_no)
      using errcode = 'PT409', detail = 'lecture:waitlisted';
  end if;
  v_already := v_reg.checked_in_at is not null;
  if not v_already then
    update app.lecture_registrations r set checked_in_at = now() where r.id = v_reg.id returning * into v_reg;
    perform app_private.log_audit('lecture_registration.check_in', 'app.lecture_registrations', v_reg.id::text,
      jsonb_build_object('event_id', v_reg.event_id, 'code', v_reg.code));
  end if;
  return jsonb_build_object('id', v_reg.id, 'code', v_reg.code, 'name', v_reg.name, 'adults', v_reg.adults,
    'checked_in_at', v_reg.checked_in_at, 'already', v_already);
end
$$;
comment on function app_private.check_in_lecture(uuid, text) is 'Outreach: checks a confirmed registration in by code; idempotent (already = true the second time).';
revoke all on function app_private.check_in_lecture(uuid, text) from public, anon, authenticated;
grant execute on function app_private.check_in_lecture(uuid, text) to authenticated;

create or replace function public.get_lecture_event(p_id uuid) returns jsonb
language sql stable set search_path = '' as $$ select app_private.get_lecture_event(p_id) $$;
comment on function public.get_lecture_event(uuid) is 'Anyone: one published event; PT404 lecture:no_event otherwise.';
revoke all on function public.get_lecture_event(uuid) from public, anon, authenticated;
grant execute on function public.get_lecture_event(uuid) to anon, authenticated;
