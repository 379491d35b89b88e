-- Parent lectures and health talks: staff publish events, parents sign up (confirmed or waitlisted), cancel and look
-- up with phone + code, staff keep a roster and check people in. Capacity is enforced under a row lock on the event
-- (`select … for update`): every sign-up, cancellation and capacity change of one event runs one at a time.
-- Sections: 1. tables, 2. indexes, 3. private helpers, 4. parent entry points (definers), 5. staff entry points
-- (definers), 6. retention, 7. public functions (thin invokers over section 4 and 5).

-- 1. Tables ------------------------------------------------------------------------------------------------
create table app.lecture_events (
  id uuid constraint lecture_events_pkey primary key default gen_random_uuid(),
  title text not null constraint lecture_events_title_length check (char_length(title) between 1 and 120),
  kind text not null constraint lecture_events_kind_check check (kind in ('parent_class', 'health_talk', 'publicity_month', 'training')),
  description text not null default '' constraint lecture_events_description_length check (char_length(description) <= 4000),
  speaker text not null default '' constraint lecture_events_speaker_length check (char_length(speaker) <= 120),
  venue text not null constraint lecture_events_venue_length check (char_length(venue) between 1 and 200),
  township text not null constraint lecture_events_township_length check (char_length(township) between 1 and 40),
  audience text not null default '' constraint lecture_events_audience_length check (char_length(audience) <= 200),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  capacity integer not null constraint lecture_events_capacity_range check (capacity between 1 and 2000),
  registration_opens_at timestamptz,
  registration_closes_at timestamptz,
  status text not null default 'draft' constraint lecture_events_status_check check (status in ('draft', 'published', 'cancelled')),
  cancel_reason text constraint lecture_events_cancel_reason_length check (char_length(cancel_reason) <= 200),
  published_at timestamptz,
  -- Per-event sign-up counter, advanced under the event's row lock: sign-up numbers are 1, 2, 3, … without gaps.
  signups integer not null default 0,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint lecture_events_ends_after_start check (ends_at > starts_at),
  constraint lecture_events_window_order check (registration_opens_at is null or registration_closes_at is null or registration_opens_at < registration_closes_at),
  constraint lecture_events_closes_by_end check (registration_closes_at is null or registration_closes_at <= ends_at)
);
comment on table app.lecture_events is 'Parent lectures, health talks, publicity-month events and trainings. Written only by the staff functions; read through public functions.';
comment on column app.lecture_events.kind is 'parent_class 家长讲堂 | health_talk 健康知识讲座 | publicity_month 宣传月活动 | training 培训';
comment on column app.lecture_events.registration_closes_at is 'Sign-ups close then; null = when the event starts.';
alter table app.lecture_events enable row level security;

create trigger lecture_events_touch_updated_at before update on app.lecture_events
  for each row execute function app_private.touch_updated_at();

create table app.lecture_registrations (
  id bigint generated always as identity constraint lecture_registrations_pkey primary key,
  event_id uuid not null constraint lecture_registrations_event_fkey references app.lecture_events (id) on delete cascade,
  code text not null constraint lecture_registrations_code_key unique
    constraint lecture_registrations_code_format check (code ~ '^[34679ACDEFGHJKMNPQRTUVWXY]{6}$'),
  signup_no integer not null,
  name text constraint lecture_registrations_name_length check (char_length(name) between 1 and 40),
  mobile text constraint lecture_registrations_mobile_format check (mobile ~ '^1[3-9][0-9]{9}$'),
  adults smallint not null constraint lecture_registrations_adults_range check (adults between 1 and 2),
  child_age_band text not null constraint lecture_registrations_child_age_band_check
    check (child_age_band in ('expecting', 'under_1', '1_to_2', '2_to_3', 'over_3')),
  consent_at timestamptz not null,
  status text not null constraint lecture_registrations_status_check check (status in ('confirmed', 'waitlisted', 'cancelled')),
  created_at timestamptz not null default now(),
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  checked_in_at timestamptz,
  redacted_at timestamptz,
  constraint lecture_registrations_signup_no_key unique (event_id, signup_no),
  constraint lecture_registrations_contact_until_redacted check ((redacted_at is null) = (name is not null and mobile is not null)),
  constraint lecture_registrations_checked_in_confirmed check (checked_in_at is null or status = 'confirmed')
);
comment on table app.lecture_registrations is 'Sign-ups: name and mobile (deleted 30 days after the event), adults, child age band, code, confirmed | waitlisted | cancelled, check-in. Never readable by an API role.';
comment on column app.lecture_registrations.signup_no is 'Order of arrival within the event (1, 2, …, no gaps); the waitlist is served in this order.';
comment on column app.lecture_registrations.code is 'Confirmation code: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).';
alter table app.lecture_registrations enable row level security;

-- 2. Indexes -----------------------------------------------------------------------------------------------
-- One active registration per phone and event (a cancelled one may sign up again).
create unique index lecture_registrations_one_active_per_mobile on app.lecture_registrations (event_id, mobile)
  where status <> 'cancelled' and mobile is not null;
create index lecture_registrations_event_status_idx on app.lecture_registrations (event_id, status, signup_no);
create index lecture_events_starts_at_idx on app.lecture_events (starts_at);

-- 3. Private helpers (owner only) --------------------------------------------------------------------------
-- A random code of 6 characters from 25 unambiguous ones (uniform: bytes ≥ 250 = 10 × 25 are drawn again).
create function app_private.random_lecture_code() returns text
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
  return v_code;
end
$$;
comment on function app_private.random_lecture_code() is 'A random 6-character confirmation code over 34679ACDEFGHJKMNPQRTUVWXY. Owner only.';
revoke all on function app_private.random_lecture_code() from public, anon, authenticated;

-- What people type: any case, spaces, dashes. Returns the canonical code or null.
create function app_private.normalize_lecture_code(p text) returns text
language sql immutable set search_path = '' as $$
  select nullif(upper(regexp_replace(coalesce(p, ''), '[\s-]', '', 'g')), '')
$$;
comment on function app_private.normalize_lecture_code(text) is 'Upper-cases a typed code and removes spaces and dashes. Owner only.';
revoke all on function app_private.normalize_lecture_code(text) from public, anon, authenticated;

-- A mainland mobile number from what people type (spaces, dashes, +86 / 0086 / 86 prefix), or null if it is not one.
create function app_private.normalize_mobile(p text) returns text
language sql immutable set search_path = '' as $$
  select case when m ~ '^1[3-9][0-9]{9}$' then m end
  from (select regexp_replace(regexp_replace(coalesce(p, ''), '[\s()-]', '', 'g'), '^(\+86|0086|86)(1[0-9]{10})$', '\2') as m) x
$$;
comment on function app_private.normalize_mobile(text) is 'A mainland mobile number (11 digits, 1[3-9]…) from typed input, else null. Owner only.';
revoke all on function app_private.normalize_mobile(text) from public, anon, authenticated;

create function app_private.mask_mobile(p text) returns text
language sql immutable set search_path = '' as $$
  select case when p is null then null else left(p, 3) || '****' || right(p, 4) end
$$;
comment on function app_private.mask_mobile(text) is 'Masks a mobile number as 138****1234. Owner only.';
revoke all on function app_private.mask_mobile(text) from public, anon, authenticated;

-- Confirmed and waitlisted counts of an event (the caller holds the event lock when it matters).
create function app_private.lecture_counts(p_event_id uuid, out confirmed integer, out waitlisted integer, out checked_in integer, out cancelled integer)
language sql stable set search_path = '' as $$
  select count(*) filter (where r.status = 'confirmed')::integer,
         count(*) filter (where r.status = 'waitlisted')::integer,
         count(*) filter (where r.checked_in_at is not null)::integer,
         count(*) filter (where r.status = 'cancelled')::integer
  from app.lecture_registrations r where r.event_id = p_event_id
$$;
comment on function app_private.lecture_counts(uuid) is 'Confirmed, waitlisted, checked-in and cancelled registrations of an event. Owner only.';
revoke all on function app_private.lecture_counts(uuid) from public, anon, authenticated;

-- Waitlist position (1-based, gap-free) of a waitlisted registration.
create function app_private.lecture_waitlist_position(p_event_id uuid, p_signup_no integer) returns integer
language sql stable set search_path = '' as $$
  select count(*)::integer from app.lecture_registrations r
  where r.event_id = p_event_id and r.status = 'waitlisted' and r.signup_no <= p_signup_no
$$;
comment on function app_private.lecture_waitlist_position(uuid, integer) is 'Position on the waitlist (1 = next). Owner only.';
revoke all on function app_private.lecture_waitlist_position(uuid, integer) from public, anon, authenticated;

-- Confirms waitlisted people in sign-up order while seats are free. The caller MUST hold the event row lock.
create function app_private.promote_lecture_waitlist(p_event_id uuid) returns integer
language plpgsql volatile set search_path = '' as $$
declare
  v_capacity integer;
  v_free integer;
  v_promoted integer;
begin
  select e.capacity into v_capacity from app.lecture_events e where e.id = p_event_id;
  v_free := v_capacity - (app_private.lecture_counts(p_event_id)).confirmed;
  if v_free <= 0 then
    return 0;
  end if;
  update app.lecture_registrations r set status = 'confirmed', confirmed_at = now()
  where r.id in (select w.id from app.lecture_registrations w
                 where w.event_id = p_event_id and w.status = 'waitlisted'
                 order by w.signup_no limit v_free);
  get diagnostics v_promoted = row_count;
  return v_promoted;
end
$$;
comment on function app_private.promote_lecture_waitlist(uuid) is 'Confirms waitlisted registrations in sign-up order up to capacity; returns how many. Caller holds the event lock. Owner only.';
revoke all on function app_private.promote_lecture_waitlist(uuid) from public, anon, authenticated;

-- The public view of one event: no registrant data, only counts.
create function app_private.lecture_event_json(e app.lecture_events) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', e.id, 'title', e.title, 'kind', e.kind, 'description', e.description, 'speaker', e.speaker,
    'venue', e.venue, 'township', e.township, 'audience', e.audience, 'starts_at', e.starts_at, 'ends_at', e.ends_at,
    'capacity', e.capacity, 'registration_opens_at', e.registration_opens_at,
    'registration_closes_at', coalesce(e.registration_closes_at, e.starts_at), 'status', e.status,
    'cancel_reason', e.cancel_reason,
    'seats_left', greatest(e.capacity - c.confirmed, 0), 'waitlist', c.waitlisted,
    'registration', case
      when e.status = 'cancelled' then 'cancelled'
      when now() >= e.ends_at then 'over'
      when now() >= coalesce(e.registration_closes_at, e.starts_at) then 'closed'
      when e.registration_opens_at is not null and now() < e.registration_opens_at then 'not_open'
      when c.confirmed < e.capacity then 'open'
      else 'waitlist' end)
  from app_private.lecture_counts(e.id) c
$$;
comment on function app_private.lecture_event_json(app.lecture_events) is 'An event as parents see it: details, seats_left, waitlist count, registration state. Owner only.';
revoke all on function app_private.lecture_event_json(app.lecture_events) from public, anon, authenticated;

-- Finds a registration by phone + code for the parent entry points (rate-limited: codes must not be guessable).
create function app_private.find_lecture_registration(p_mobile text, p_code text, p_lock boolean) returns app.lecture_registrations
language plpgsql volatile set search_path = '' as $$
declare
  v_mobile text := app_private.normalize_mobile(p_mobile);
  v_code text := app_private.normalize_lecture_code(p_code);
  v_reg app.lecture_registrations;
begin
  if not app_private.hit_rate_limit('lectures.lookup', 30, interval '10 minutes') then
    raise exception 'too many look-ups from this connection' using errcode = 'P0001', detail = 'lecture:rate_limited',
      hint = 'Wait ten minutes, or call the number on the page.';
  end if;
  if v_mobile is null then
    raise exception 'enter an 11-digit mainland mobile number' using errcode = '22023', detail = 'lecture:bad_mobile';
  end if;
  select * into v_reg from app.lecture_registrations r where r.code = v_code and r.mobile = v_mobile;
  if v_reg.id is null then
    raise exception 'no registration matches this phone number and code' using errcode = 'P0002', detail = 'lecture:not_found',
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
comment on function app_private.find_lecture_registration(text, text, boolean) is 'The registration with this phone and code (rate-limited, P0002 if none); p_lock locks its event then it. Owner only.';
revoke all on function app_private.find_lecture_registration(text, text, boolean) from public, anon, authenticated;

create function app_private.lecture_registration_json(r app.lecture_registrations) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'code', r.code, 'status', r.status, 'adults', r.adults, 'child_age_band', r.child_age_band,
    'waitlist_position', case when r.status = 'waitlisted' then app_private.lecture_waitlist_position(r.event_id, r.signup_no) end,
    'checked_in', r.checked_in_at is not null, 'created_at', r.created_at,
    'event', app_private.lecture_event_json(e))
  from app.lecture_events e where e.id = r.event_id
$$;
comment on function app_private.lecture_registration_json(app.lecture_registrations) is 'A registration as its owner sees it (no name or phone) with its event. Owner only.';
revoke all on function app_private.lecture_registration_json(app.lecture_registrations) from public, anon, authenticated;

-- 4. Parent entry points (definers: the tables are closed to API roles) ------------------------------------
-- anon needs USAGE on app_private to reach the definers granted to it (and nothing else there).
grant usage on schema app_private to anon;

create function app_private.list_lecture_events(p_kind text, p_township text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(app_private.lecture_event_json(e) order by e.starts_at, e.id), '[]'::jsonb)
  from app.lecture_events e
  where (e.status = 'published' or (e.status = 'cancelled' and e.published_at is not null))
    and e.ends_at > now() - interval '365 days'
    and (nullif(p_kind, '') is null or e.kind = p_kind)
    and (nullif(p_township, '') is null or e.township = p_township)
$$;
comment on function app_private.list_lecture_events(text, text) is 'Published (and published-then-cancelled) events of the last year and ahead, with seats left; no registrant data.';
revoke all on function app_private.list_lecture_events(text, text) from public, anon, authenticated;
grant execute on function app_private.list_lecture_events(text, text) to anon, authenticated;

create function app_private.get_lecture_event(p_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_event app.lecture_events;
begin
  select * into v_event from app.lecture_events e
  where e.id = p_id and (e.status = 'published' or (e.status = 'cancelled' and e.published_at is not null));
  if v_event.id is null then
    raise exception 'no such event' using errcode = 'P0002', detail = 'lecture:no_event';
  end if;
  return app_private.lecture_event_json(v_event);
end
$$;
comment on function app_private.get_lecture_event(uuid) is 'One published (or published-then-cancelled) event as parents see it; P0002 otherwise.';
revoke all on function app_private.get_lecture_event(uuid) from public, anon, authenticated;
grant execute on function app_private.get_lecture_event(uuid) to anon, authenticated;

create function app_private.sign_up_for_lecture(p_event_id uuid, p_name text, p_mobile text, p_adults integer, p_child_age_band text, p_consent boolean)
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
    raise exception 'too many sign-ups from this connection' using errcode = 'P0001', detail = 'lecture:rate_limited',
      hint = 'Try again in an hour, or call the number on the page.';
  end if;
  if char_length(v_name) not between 1 and 40 then
    raise exception 'enter a name of 1 to 40 characters' using errcode = '22023', detail = 'lecture:bad_name';
  end if;
  if v_mobile is null then
    raise exception 'enter an 11-digit mainland mobile number' using errcode = '22023', detail = 'lecture:bad_mobile';
  end if;
  if p_adults is null or p_adults not between 1 and 2 then
    raise exception 'one or two adults may attend per registration' using errcode = '22023', detail = 'lecture:bad_adults';
  end if;
  if p_child_age_band is null or p_child_age_band not in ('expecting', 'under_1', '1_to_2', '2_to_3', 'over_3') then
    raise exception 'choose the child''s age' using errcode = '22023', detail = 'lecture:bad_age_band';
  end if;
  if p_consent is not true then
    raise exception 'consent to the use of your contact details is needed to register' using errcode = '22023', detail = 'lecture:no_consent';
  end if;

  -- The lock: every sign-up, cancellation and capacity change of this event waits here for the one before it.
  select * into v_event from app.lecture_events e where e.id = p_event_id for update;
  if v_event.id is null or v_event.status = 'draft' then
    raise exception 'no such event' using errcode = 'P0002', detail = 'lecture:no_event';
  elsif v_event.status = 'cancelled' then
    raise exception 'this event has been cancelled' using errcode = 'P0001', detail = 'lecture:cancelled';
  elsif now() >= v_event.ends_at then
    raise exception 'this event is over' using errcode = 'P0001', detail = 'lecture:over';
  elsif now() >= coalesce(v_event.registration_closes_at, v_event.starts_at) then
    raise exception 'registration for this event has closed' using errcode = 'P0001', detail = 'lecture:closed';
  elsif v_event.registration_opens_at is not null and now() < v_event.registration_opens_at then
    raise exception 'registration for this event opens at %', to_char(v_event.registration_opens_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
      using errcode = 'P0001', detail = 'lecture:not_open';
  end if;
  if exists (select 1 from app.lecture_registrations r
             where r.event_id = p_event_id and r.mobile = v_mobile and r.status <> 'cancelled') then
    raise exception 'this phone number is already registered for this event' using errcode = 'P0001', detail = 'lecture:duplicate',
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

create function app_private.lookup_lecture_registration(p_mobile text, p_code text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  return app_private.lecture_registration_json(app_private.find_lecture_registration(p_mobile, p_code, false));
end
$$;
comment on function app_private.lookup_lecture_registration(text, text) is 'The caller''s registration (status, waitlist position, event) by phone + code; rate-limited.';
revoke all on function app_private.lookup_lecture_registration(text, text) from public, anon, authenticated;
grant execute on function app_private.lookup_lecture_registration(text, text) to anon, authenticated;

create function app_private.cancel_lecture_registration(p_mobile text, p_code text) returns jsonb
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
    raise exception 'this event is over' using errcode = 'P0001', detail = 'lecture:over';
  end if;
  if v_reg.checked_in_at is not null then
    raise exception 'you have already been checked in' using errcode = 'P0001', detail = 'lecture:checked_in';
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

-- 5. Staff entry points (definers; each checks the outreach role first) ------------------------------------
create function app_private.staff_lecture_event_json(e app.lecture_events) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', e.id, 'title', e.title, 'kind', e.kind, 'description', e.description, 'speaker', e.speaker,
    'venue', e.venue, 'township', e.township, 'audience', e.audience, 'starts_at', e.starts_at, 'ends_at', e.ends_at,
    'capacity', e.capacity, 'registration_opens_at', e.registration_opens_at, 'registration_closes_at', e.registration_closes_at,
    'status', e.status, 'cancel_reason', e.cancel_reason, 'published_at', e.published_at, 'updated_at', e.updated_at,
    'confirmed', c.confirmed, 'waitlisted', c.waitlisted, 'checked_in', c.checked_in, 'cancelled', c.cancelled)
  from app_private.lecture_counts(e.id) c
$$;
comment on function app_private.staff_lecture_event_json(app.lecture_events) is 'An event as staff see it: every field and the counts. Owner only.';
revoke all on function app_private.staff_lecture_event_json(app.lecture_events) from public, anon, authenticated;

create function app_private.staff_list_lecture_events() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app_private.require_staff_role('outreach');
  return (select coalesce(jsonb_agg(app_private.staff_lecture_event_json(e) order by e.starts_at desc, e.id), '[]'::jsonb)
          from app.lecture_events e);
end
$$;
comment on function app_private.staff_list_lecture_events() is 'Outreach: every event (drafts too) with counts, newest first.';
revoke all on function app_private.staff_list_lecture_events() from public, anon, authenticated;
grant execute on function app_private.staff_list_lecture_events() to authenticated;

-- Changes capacity under the event lock (the caller holds it): raising promotes, lowering below confirmed is refused.
create function app_private.apply_lecture_capacity(p_event app.lecture_events, p_capacity integer) returns integer
language plpgsql volatile set search_path = '' as $$
declare
  v_confirmed integer := (app_private.lecture_counts(p_event.id)).confirmed;
begin
  if p_capacity is null or p_capacity not between 1 and 2000 then
    raise exception 'capacity must be between 1 and 2000' using errcode = '22023', detail = 'lecture:bad_capacity';
  end if;
  if p_capacity < v_confirmed then
    raise exception 'capacity % is below the % people already confirmed', p_capacity, v_confirmed using errcode = 'P0001',
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

create function app_private.save_lecture_event(p_id uuid, p_event jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_before app.lecture_events;
  v_after app.lecture_events;
  v_capacity integer;
  v_promoted integer := 0;
begin
  perform app_private.require_staff_role('outreach');
  if p_event is null or jsonb_typeof(p_event) <> 'object' then
    raise exception 'the event must be a JSON object' using errcode = '22023';
  end if;
  begin
    v_capacity := (p_event ->> 'capacity')::integer;
  exception when others then
    raise exception 'capacity must be a whole number' using errcode = '22023', detail = 'lecture:bad_capacity';
  end;
  if p_id is not null then
    select * into v_before from app.lecture_events e where e.id = p_id for update;
    if v_before.id is null then
      raise exception 'no such event' using errcode = 'P0002', detail = 'lecture:no_event';
    end if;
    if v_before.status = 'cancelled' then
      raise exception 'a cancelled event cannot be edited' using errcode = 'P0001', detail = 'lecture:cancelled';
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
      raise exception 'a required field is missing' using errcode = '22023',
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
        else sqlerrm end using errcode = '23514', detail = 'lecture:invalid';
    when invalid_datetime_format or datetime_field_overflow then
      raise exception 'dates and times must be like 2026-06-01T09:30:00+08:00' using errcode = '22023', detail = 'lecture:bad_time';
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

create function app_private.set_lecture_event_status(p_id uuid, p_status text, p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_event app.lecture_events;
  v_to_call jsonb := '[]'::jsonb;
  v_counts record;
begin
  perform app_private.require_staff_role('outreach');
  select * into v_event from app.lecture_events e where e.id = p_id for update;
  if v_event.id is null then
    raise exception 'no such event' using errcode = 'P0002', detail = 'lecture:no_event';
  end if;
  if p_status is null or p_status not in ('draft', 'published', 'cancelled') then
    raise exception 'status must be draft, published or cancelled' using errcode = '22023';
  end if;
  if v_event.status = 'cancelled' and p_status <> 'cancelled' then
    raise exception 'a cancelled event cannot be reopened' using errcode = 'P0001', detail = 'lecture:cancelled',
      hint = 'Create a new event instead.';
  end if;
  select * into v_counts from app_private.lecture_counts(p_id);
  if p_status = 'draft' and v_event.status = 'published' and v_counts.confirmed + v_counts.waitlisted > 0 then
    raise exception 'people have registered: cancel the event instead of unpublishing it' using errcode = 'P0001',
      detail = 'lecture:has_registrations';
  end if;
  if p_status = 'cancelled' then
    select coalesce(jsonb_agg(jsonb_build_object('name', r.name, 'mobile', r.mobile, 'status', r.status, 'code', r.code) order by r.signup_no), '[]'::jsonb)
      into v_to_call from app.lecture_registrations r where r.event_id = p_id and r.status <> 'cancelled';
  end if;
  update app.lecture_events e set status = p_status,
    published_at = case when p_status = 'published' then coalesce(e.published_at, now()) when p_status = 'draft' then null else e.published_at end,
    cancel_reason = case when p_status = 'cancelled' then nullif(btrim(coalesce(p_reason, '')), '') else null end
  where e.id = p_id returning * into v_event;
  if p_status = 'published' then
    perform app_private.promote_lecture_waitlist(p_id);
  end if;
  perform app_private.log_audit('lecture_event.' || case p_status when 'draft' then 'unpublish' when 'published' then 'publish' else 'cancel' end,
    'app.lecture_events', p_id::text, jsonb_build_object('people_to_call', jsonb_array_length(v_to_call)));
  return app_private.staff_lecture_event_json(v_event) || jsonb_build_object('to_call', v_to_call);
end
$$;
comment on function app_private.set_lecture_event_status(uuid, text, text) is 'Outreach: publish, unpublish (no registrations) or cancel (returns the people to call); audited.';
revoke all on function app_private.set_lecture_event_status(uuid, text, text) from public, anon, authenticated;
grant execute on function app_private.set_lecture_event_status(uuid, text, text) to authenticated;

create function app_private.set_lecture_capacity(p_id uuid, p_capacity integer) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_event app.lecture_events;
  v_promoted integer;
begin
  perform app_private.require_staff_role('outreach');
  select * into v_event from app.lecture_events e where e.id = p_id for update;
  if v_event.id is null then
    raise exception 'no such event' using errcode = 'P0002', detail = 'lecture:no_event';
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

create function app_private.lecture_roster(p_event_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app_private.require_staff_role('outreach');
  if not exists (select 1 from app.lecture_events e where e.id = p_event_id) then
    raise exception 'no such event' using errcode = 'P0002', detail = 'lecture:no_event';
  end if;
  return (select coalesce(jsonb_agg(jsonb_build_object(
      'id', r.id, 'code', r.code, 'signup_no', r.signup_no, 'name', r.name, 'mobile_masked', app_private.mask_mobile(r.mobile),
      'adults', r.adults, 'child_age_band', r.child_age_band, 'status', r.status,
      'waitlist_position', case when r.status = 'waitlisted' then app_private.lecture_waitlist_position(r.event_id, r.signup_no) end,
      'created_at', r.created_at, 'checked_in_at', r.checked_in_at, 'redacted', r.redacted_at is not null)
      order by case r.status when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end, r.signup_no), '[]'::jsonb)
    from app.lecture_registrations r where r.event_id = p_event_id);
end
$$;
comment on function app_private.lecture_roster(uuid) is 'Outreach: an event''s registrations (confirmed, waitlist in order, cancelled) with masked phones.';
revoke all on function app_private.lecture_roster(uuid) from public, anon, authenticated;
grant execute on function app_private.lecture_roster(uuid) to authenticated;

create function app_private.reveal_lecture_mobile(p_registration_id bigint) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_reg app.lecture_registrations;
begin
  perform app_private.require_staff_role('outreach');
  select * into v_reg from app.lecture_registrations r where r.id = p_registration_id;
  if v_reg.id is null then
    raise exception 'no such registration' using errcode = 'P0002', detail = 'lecture:not_found';
  end if;
  perform app_private.log_audit('lecture_registration.reveal_mobile', 'app.lecture_registrations', p_registration_id::text,
    jsonb_build_object('event_id', v_reg.event_id, 'code', v_reg.code));
  return v_reg.mobile;
end
$$;
comment on function app_private.reveal_lecture_mobile(bigint) is 'Outreach: one registration''s full mobile number; each reveal is audited.';
revoke all on function app_private.reveal_lecture_mobile(bigint) from public, anon, authenticated;
grant execute on function app_private.reveal_lecture_mobile(bigint) to authenticated;

create function app_private.check_in_lecture(p_event_id uuid, p_code text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_reg app.lecture_registrations;
  v_already boolean;
begin
  perform app_private.require_staff_role('outreach');
  select * into v_reg from app.lecture_registrations r
  where r.event_id = p_event_id and r.code = app_private.normalize_lecture_code(p_code) for update;
  if v_reg.id is null then
    raise exception 'no registration with this code for this event' using errcode = 'P0002', detail = 'lecture:not_found';
  end if;
  if v_reg.status = 'cancelled' then
    raise exception 'this registration was cancelled' using errcode = 'P0001', detail = 'lecture:registration_cancelled';
  elsif v_reg.status = 'waitlisted' then
    raise exception 'this person is on the waitlist (position %)', app_private.lecture_waitlist_position(v_reg.event_id, v_reg.signup_no)
      using errcode = 'P0001', detail = 'lecture:waitlisted';
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

create function app_private.export_lecture_roster(p_event_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_rows jsonb;
begin
  perform app_private.require_staff_role('outreach');
  if not exists (select 1 from app.lecture_events e where e.id = p_event_id) then
    raise exception 'no such event' using errcode = 'P0002', detail = 'lecture:no_event';
  end if;
  select coalesce(jsonb_agg(jsonb_build_object(
      'signup_no', r.signup_no, 'code', r.code, 'name', r.name, 'mobile', r.mobile, 'adults', r.adults,
      'child_age_band', r.child_age_band, 'status', r.status,
      'waitlist_position', case when r.status = 'waitlisted' then app_private.lecture_waitlist_position(r.event_id, r.signup_no) end,
      'created_at', r.created_at, 'checked_in_at', r.checked_in_at) order by r.signup_no), '[]'::jsonb)
    into v_rows from app.lecture_registrations r where r.event_id = p_event_id;
  perform app_private.log_audit('lecture_event.export', 'app.lecture_events', p_event_id::text,
    jsonb_build_object('rows', jsonb_array_length(v_rows)));
  return v_rows;
end
$$;
comment on function app_private.export_lecture_roster(uuid) is 'Outreach: every registration of an event with full phone numbers, for CSV/XLSX; audited.';
revoke all on function app_private.export_lecture_roster(uuid) from public, anon, authenticated;
grant execute on function app_private.export_lecture_roster(uuid) to authenticated;

-- 6. Retention ---------------------------------------------------------------------------------------------
-- Names and phones go 30 days after the event ends; the rows (status, adults, age band, check-in) stay for counts.
-- npm start runs it daily (scripts/lib/daily-maintenance.ts) as service_role on the API's own connection; on
-- Supabase pg_cron (docs/deploy.md). Definer, so service_role needs no right on the tables. It can only delete what
-- is past retention, so nothing can be read or harmed through it.
create function app_private.purge_lecture_contacts() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_purged integer;
begin
  update app.lecture_registrations r set name = null, mobile = null, redacted_at = now()
  from app.lecture_events e
  where e.id = r.event_id and r.redacted_at is null and e.ends_at < now() - interval '30 days';
  get diagnostics v_purged = row_count;
  return v_purged;
end
$$;
comment on function app_private.purge_lecture_contacts() is 'Retention: deletes names and phones of registrations for events that ended over 30 days ago; returns how many. Owner and service_role only (npm start daily, pg_cron).';
revoke all on function app_private.purge_lecture_contacts() from public, anon, authenticated;
grant execute on function app_private.purge_lecture_contacts() to service_role;

-- 7. Public functions (invokers; the API's surface) --------------------------------------------------------
create function public.list_lecture_events(p_kind text default null, p_township text default null) returns jsonb
language sql stable set search_path = '' as $$ select app_private.list_lecture_events(p_kind, p_township) $$;
comment on function public.list_lecture_events(text, text) is 'Anyone: published events (upcoming and of the last year) with seats left and waitlist count; filter by kind, township.';
revoke all on function public.list_lecture_events(text, text) from public, anon, authenticated;
grant execute on function public.list_lecture_events(text, text) to anon, authenticated;

create function public.get_lecture_event(p_id uuid) returns jsonb
language sql stable set search_path = '' as $$ select app_private.get_lecture_event(p_id) $$;
comment on function public.get_lecture_event(uuid) is 'Anyone: one published event; P0002 otherwise.';
revoke all on function public.get_lecture_event(uuid) from public, anon, authenticated;
grant execute on function public.get_lecture_event(uuid) to anon, authenticated;

create function public.sign_up_for_lecture(p_event_id uuid, p_name text, p_mobile text, p_adults integer, p_child_age_band text, p_consent boolean)
returns jsonb
language sql volatile set search_path = '' as $$
  select app_private.sign_up_for_lecture(p_event_id, p_name, p_mobile, p_adults, p_child_age_band, p_consent)
$$;
comment on function public.sign_up_for_lecture(uuid, text, text, integer, text, boolean) is 'Anyone: registers (confirmed or waitlisted); returns code, status, waitlist position, event. Never returns a phone.';
revoke all on function public.sign_up_for_lecture(uuid, text, text, integer, text, boolean) from public, anon, authenticated;
grant execute on function public.sign_up_for_lecture(uuid, text, text, integer, text, boolean) to anon, authenticated;

create function public.lookup_lecture_registration(p_mobile text, p_code text) returns jsonb
language sql volatile set search_path = '' as $$ select app_private.lookup_lecture_registration(p_mobile, p_code) $$;
comment on function public.lookup_lecture_registration(text, text) is 'Anyone with the phone and code: that registration''s status and waitlist position.';
revoke all on function public.lookup_lecture_registration(text, text) from public, anon, authenticated;
grant execute on function public.lookup_lecture_registration(text, text) to anon, authenticated;

create function public.cancel_lecture_registration(p_mobile text, p_code text) returns jsonb
language sql volatile set search_path = '' as $$ select app_private.cancel_lecture_registration(p_mobile, p_code) $$;
comment on function public.cancel_lecture_registration(text, text) is 'Anyone with the phone and code: cancels; the first waitlisted person is confirmed.';
revoke all on function public.cancel_lecture_registration(text, text) from public, anon, authenticated;
grant execute on function public.cancel_lecture_registration(text, text) to anon, authenticated;

create function public.staff_list_lecture_events() returns jsonb
language sql stable set search_path = '' as $$ select app_private.staff_list_lecture_events() $$;
comment on function public.staff_list_lecture_events() is 'Outreach: every event with counts.';
revoke all on function public.staff_list_lecture_events() from public, anon, authenticated;
grant execute on function public.staff_list_lecture_events() to authenticated;

create function public.save_lecture_event(p_id uuid, p_event jsonb) returns jsonb
language sql volatile set search_path = '' as $$ select app_private.save_lecture_event(p_id, p_event) $$;
comment on function public.save_lecture_event(uuid, jsonb) is 'Outreach: create (p_id null) or edit an event; audited.';
revoke all on function public.save_lecture_event(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.save_lecture_event(uuid, jsonb) to authenticated;

create function public.set_lecture_event_status(p_id uuid, p_status text, p_reason text default null) returns jsonb
language sql volatile set search_path = '' as $$ select app_private.set_lecture_event_status(p_id, p_status, p_reason) $$;
comment on function public.set_lecture_event_status(uuid, text, text) is 'Outreach: publish | draft (unpublish) | cancelled (returns the people to call); audited.';
revoke all on function public.set_lecture_event_status(uuid, text, text) from public, anon, authenticated;
grant execute on function public.set_lecture_event_status(uuid, text, text) to authenticated;

create function public.set_lecture_capacity(p_id uuid, p_capacity integer) returns jsonb
language sql volatile set search_path = '' as $$ select app_private.set_lecture_capacity(p_id, p_capacity) $$;
comment on function public.set_lecture_capacity(uuid, integer) is 'Outreach: change capacity (promotes; refused below confirmed); audited.';
revoke all on function public.set_lecture_capacity(uuid, integer) from public, anon, authenticated;
grant execute on function public.set_lecture_capacity(uuid, integer) to authenticated;

create function public.lecture_roster(p_event_id uuid) returns jsonb
language sql stable set search_path = '' as $$ select app_private.lecture_roster(p_event_id) $$;
comment on function public.lecture_roster(uuid) is 'Outreach: the roster with masked phones.';
revoke all on function public.lecture_roster(uuid) from public, anon, authenticated;
grant execute on function public.lecture_roster(uuid) to authenticated;

create function public.reveal_lecture_mobile(p_registration_id bigint) returns text
language sql volatile set search_path = '' as $$ select app_private.reveal_lecture_mobile(p_registration_id) $$;
comment on function public.reveal_lecture_mobile(bigint) is 'Outreach: one full phone number; audited.';
revoke all on function public.reveal_lecture_mobile(bigint) from public, anon, authenticated;
grant execute on function public.reveal_lecture_mobile(bigint) to authenticated;

create function public.check_in_lecture(p_event_id uuid, p_code text) returns jsonb
language sql volatile set search_path = '' as $$ select app_private.check_in_lecture(p_event_id, p_code) $$;
comment on function public.check_in_lecture(uuid, text) is 'Outreach: check in by confirmation code; idempotent.';
revoke all on function public.check_in_lecture(uuid, text) from public, anon, authenticated;
grant execute on function public.check_in_lecture(uuid, text) to authenticated;

create function public.export_lecture_roster(p_event_id uuid) returns jsonb
language sql volatile set search_path = '' as $$ select app_private.export_lecture_roster(p_event_id) $$;
comment on function public.export_lecture_roster(uuid) is 'Outreach: the full roster for export; audited.';
revoke all on function public.export_lecture_roster(uuid) from public, anon, authenticated;
grant execute on function public.export_lecture_roster(uuid) to authenticated;
