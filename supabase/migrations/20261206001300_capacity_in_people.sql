-- Capacity in people, not registrations: 30 registrations of two adults each put 60 people in a 30-place room.
-- An event says who counts (`counts`: 'adults', or 'adults_and_children'); a registration states its party (adults
-- 1-2 as before, and now children 0-3); confirmed people never exceed capacity. The waitlist is served in sign-up
-- order: a party that no longer fits waits, and by default everyone behind it waits too (first come, first served).
-- Only when the event says so (`fill_smaller_parties`) may a smaller party behind it take the seats left.
-- Sections: 1. tables, 2. private helpers, 3. parent and staff entry points, 4. public functions.

-- 1. Tables ------------------------------------------------------------------------------------------------
alter table app.lecture_events
  add column counts text not null default 'adults'
    constraint lecture_events_counts_check check (counts in ('adults', 'adults_and_children')),
  add column fill_smaller_parties boolean not null default false;
comment on column app.lecture_events.counts is 'Who counts towards capacity: adults | adults_and_children.';
comment on column app.lecture_events.fill_smaller_parties is 'When a waitlisted party does not fit the seats left, may a smaller party behind it be confirmed? Default no: strictly first come, first served.';

alter table app.lecture_registrations
  add column children smallint not null default 0
    constraint lecture_registrations_children_range check (children between 0 and 3);
comment on column app.lecture_registrations.children is 'Children coming along (0-3); they count towards capacity when the event counts adults_and_children.';

-- 2. Private helpers (owner only) --------------------------------------------------------------------------
create function app_private.lecture_party(p_counts text, p_adults integer, p_children integer) returns integer
language sql immutable set search_path = '' as $$
  select p_adults + case when p_counts = 'adults_and_children' then coalesce(p_children, 0) else 0 end
$$;
comment on function app_private.lecture_party(text, integer, integer) is 'How many places a registration takes under the event''s counts rule. Owner only.';
revoke all on function app_private.lecture_party(text, integer, integer) from public, anon, authenticated;

create function app_private.lecture_confirmed_people(p_event_id uuid) returns integer
language sql stable set search_path = '' as $$
  select coalesce(sum(app_private.lecture_party(e.counts, r.adults, r.children)), 0)::integer
  from app.lecture_events e join app.lecture_registrations r on r.event_id = e.id
  where e.id = p_event_id and r.status = 'confirmed'
$$;
comment on function app_private.lecture_confirmed_people(uuid) is 'Places taken by confirmed registrations under the event''s counts rule (the caller holds the event lock when it matters). Owner only.';
revoke all on function app_private.lecture_confirmed_people(uuid) from public, anon, authenticated;

-- Confirms waitlisted parties in sign-up order while they fit. A party that does not fit stops the queue, unless
-- the event fills smaller parties, when it is passed over (it keeps its place for the next free seats).
create or replace function app_private.promote_lecture_waitlist(p_event_id uuid) returns integer
language plpgsql volatile set search_path = '' as $$
declare
  v_event app.lecture_events;
  v_free integer;
  v_promoted integer := 0;
  w record;
begin
  select * into v_event from app.lecture_events e where e.id = p_event_id;
  v_free := v_event.capacity - app_private.lecture_confirmed_people(p_event_id);
  for w in select r.id, app_private.lecture_party(v_event.counts, r.adults, r.children) as party
           from app.lecture_registrations r
           where r.event_id = p_event_id and r.status = 'waitlisted' order by r.signup_no loop
    exit when v_free <= 0;
    if w.party <= v_free then
      update app.lecture_registrations r set status = 'confirmed', confirmed_at = now() where r.id = w.id;
      v_free := v_free - w.party;
      v_promoted := v_promoted + 1;
    elsif not v_event.fill_smaller_parties then
      exit;
    end if;
  end loop;
  return v_promoted;
end
$$;
comment on function app_private.promote_lecture_waitlist(uuid) is 'Confirms waitlisted parties in sign-up order while they fit capacity in people (a party that does not fit stops the queue unless the event fills smaller parties); returns how many. Caller holds the event lock. Owner only.';
revoke all on function app_private.promote_lecture_waitlist(uuid) from public, anon, authenticated;

create or replace function app_private.lecture_event_json(e app.lecture_events) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', e.id, 'title', e.title, 'kind', e.kind, 'description', e.description, 'speaker', e.speaker,
    'venue', e.venue, 'township', e.township, 'audience', e.audience, 'starts_at', e.starts_at, 'ends_at', e.ends_at,
    'capacity', e.capacity, 'counts', e.counts, 'registration_opens_at', e.registration_opens_at,
    'registration_closes_at', coalesce(e.registration_closes_at, e.starts_at), 'status', e.status,
    'cancel_reason', e.cancel_reason,
    'seats_left', greatest(e.capacity - p.people, 0), 'waitlist', c.waitlisted,
    'registration', case
      when e.status = 'cancelled' then 'cancelled'
      when now() >= e.ends_at then 'over'
      when now() >= coalesce(e.registration_closes_at, e.starts_at) then 'closed'
      when e.registration_opens_at is not null and now() < e.registration_opens_at then 'not_open'
      when p.people < e.capacity then 'open'
      else 'waitlist' end)
  from app_private.lecture_counts(e.id) c, (select app_private.lecture_confirmed_people(e.id) as people) p
$$;
comment on function app_private.lecture_event_json(app.lecture_events) is 'An event as parents see it: details, seats_left (in people), waitlist count, registration state. Owner only.';
revoke all on function app_private.lecture_event_json(app.lecture_events) from public, anon, authenticated;

create or replace function app_private.staff_lecture_event_json(e app.lecture_events) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', e.id, 'title', e.title, 'kind', e.kind, 'description', e.description, 'speaker', e.speaker,
    'venue', e.venue, 'township', e.township, 'audience', e.audience, 'starts_at', e.starts_at, 'ends_at', e.ends_at,
    'capacity', e.capacity, 'registration_opens_at', e.registration_opens_at, 'registration_closes_at', e.registration_closes_at,
    'status', e.status, 'cancel_reason', e.cancel_reason, 'published_at', e.published_at, 'updated_at', e.updated_at,
    'counts', e.counts, 'fill_smaller_parties', e.fill_smaller_parties, 'confirmed_people', app_private.lecture_confirmed_people(e.id),
    'confirmed', c.confirmed, 'waitlisted', c.waitlisted, 'checked_in', c.checked_in, 'cancelled', c.cancelled)
  from app_private.lecture_counts(e.id) c
$$;
comment on function app_private.staff_lecture_event_json(app.lecture_events) is 'An event as staff see it: every field and the counts. Owner only.';
revoke all on function app_private.staff_lecture_event_json(app.lecture_events) from public, anon, authenticated;

create or replace function app_private.lecture_registration_json(r app.lecture_registrations) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'code', r.code, 'status', r.status, 'adults', r.adults, 'children', r.children, 'child_age_band', r.child_age_band,
    'waitlist_position', case when r.status = 'waitlisted' then app_private.lecture_waitlist_position(r.event_id, r.signup_no) end,
    'checked_in', r.checked_in_at is not null, 'created_at', r.created_at,
    'event', app_private.lecture_event_json(e))
  from app.lecture_events e where e.id = r.event_id
$$;
comment on function app_private.lecture_registration_json(app.lecture_registrations) is 'A registration as its owner sees it (no name or phone) with its event. Owner only.';
revoke all on function app_private.lecture_registration_json(app.lecture_registrations) from public, anon, authenticated;

-- 3. Entry points -------------------------------------------------------------------------------------
create or replace function app_private.apply_lecture_capacity(p_event app.lecture_events, p_capacity integer) returns integer
language plpgsql volatile set search_path = '' as $$
declare
  v_confirmed integer := app_private.lecture_confirmed_people(p_event.id);
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
                                      registration_opens_at, registration_closes_at, created_by, counts, fill_smaller_parties)
      values (btrim(p_event ->> 'title'), p_event ->> 'kind', btrim(coalesce(p_event ->> 'description', '')),
              btrim(coalesce(p_event ->> 'speaker', '')), btrim(p_event ->> 'venue'), btrim(p_event ->> 'township'),
              btrim(coalesce(p_event ->> 'audience', '')), (p_event ->> 'starts_at')::timestamptz, (p_event ->> 'ends_at')::timestamptz,
              v_capacity, nullif(p_event ->> 'registration_opens_at', '')::timestamptz,
              nullif(p_event ->> 'registration_closes_at', '')::timestamptz, auth.uid(),
              coalesce(nullif(p_event ->> 'counts', ''), 'adults'), coalesce(p_event ->> 'fill_smaller_parties', '') = 'true')
      returning * into v_after;
    else
      update app.lecture_events e set
        title = btrim(p_event ->> 'title'), kind = p_event ->> 'kind', description = btrim(coalesce(p_event ->> 'description', '')),
        speaker = btrim(coalesce(p_event ->> 'speaker', '')), venue = btrim(p_event ->> 'venue'), township = btrim(p_event ->> 'township'),
        audience = btrim(coalesce(p_event ->> 'audience', '')), starts_at = (p_event ->> 'starts_at')::timestamptz,
        ends_at = (p_event ->> 'ends_at')::timestamptz,
        registration_opens_at = nullif(p_event ->> 'registration_opens_at', '')::timestamptz,
        registration_closes_at = nullif(p_event ->> 'registration_closes_at', '')::timestamptz,
        counts = coalesce(nullif(p_event ->> 'counts', ''), e.counts),
        fill_smaller_parties = case when p_event ? 'fill_smaller_parties' then coalesce(p_event ->> 'fill_smaller_parties', '') = 'true' else e.fill_smaller_parties end
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
        when sqlerrm like '%counts_check%' then 'counts must be adults or adults_and_children'
        else sqlerrm end using errcode = 'PT400', detail = case
        when sqlerrm like '%title_length%' then 'lecture:bad_title'
        when sqlerrm like '%kind_check%' then 'lecture:bad_kind'
        when sqlerrm like '%venue_length%' then 'lecture:bad_venue'
        when sqlerrm like '%township_length%' then 'lecture:bad_township'
        when sqlerrm like '%ends_after_start%' then 'lecture:ends_before_start'
        when sqlerrm like '%capacity_range%' then 'lecture:bad_capacity'
        when sqlerrm like '%window_order%' then 'lecture:bad_window'
        when sqlerrm like '%closes_by_end%' then 'lecture:closes_after_end'
        when sqlerrm like '%counts_check%' then 'lecture:bad_count_rule'
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
comment on function app_private.save_lecture_event(uuid, jsonb) is 'Outreach: creates (p_id null) or edits an event (counts: adults | adults_and_children, fill_smaller_parties); capacity and counts changes promote or are refused below confirmed; audited.';
revoke all on function app_private.save_lecture_event(uuid, jsonb) from public, anon, authenticated;
grant execute on function app_private.save_lecture_event(uuid, jsonb) to authenticated;

-- The sign-up gains p_children (default 0, so callers that do not send it keep working): a new signature, so the
-- old functions go (public first: it calls the definer).
drop function public.sign_up_for_lecture(uuid, text, text, integer, text, boolean);
drop function app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean);
create function app_private.sign_up_for_lecture(p_event_id uuid, p_name text, p_mobile text, p_adults integer, p_child_age_band text, p_consent boolean,
  p_children integer default 0)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_event app.lecture_events;
  v_mobile text := app_private.normalize_mobile(p_mobile);
  v_name text := btrim(coalesce(p_name, ''));
  v_status text;
  v_reg app.lecture_registrations;
  v_attempt integer := 0;
  v_party integer;
begin
  if not app_private.hit_rate_limit('lectures.sign_up', 20, interval '1 hour') then
    return app_private.refusal(429, 'lecture:rate_limited', 'too many sign-ups from this connection', 'Try again in an hour, or call the number on the page.');
  end if;
  if char_length(v_name) not between 1 and 40 then
    return app_private.refusal(400, 'lecture:bad_name', 'enter a name of 1 to 40 characters');
  end if;
  if v_mobile is null then
    return app_private.refusal(400, 'lecture:bad_mobile', 'enter an 11-digit mainland mobile number');
  end if;
  if p_adults is null or p_adults not between 1 and 2 then
    return app_private.refusal(400, 'lecture:bad_adults', 'one or two adults may attend per registration');
  end if;
  if p_children is null or p_children not between 0 and 3 then
    return app_private.refusal(400, 'lecture:bad_children', 'between 0 and 3 children may come along per registration');
  end if;
  if p_child_age_band is null or p_child_age_band not in ('expecting', 'under_1', '1_to_2', '2_to_3', 'over_3') then
    return app_private.refusal(400, 'lecture:bad_age_band', 'choose the child''s age');
  end if;
  if p_consent is not true then
    return app_private.refusal(400, 'lecture:no_consent', 'consent to the use of your contact details is needed to register');
  end if;

  -- Per (event, phone), from any address: 5 attempts an hour, so registration cannot be probed phone by phone.
  if not app_private.hit_subject_limit('lectures.sign_up.phone', coalesce(p_event_id::text, '') || ':' || v_mobile, 5, interval '1 hour') then
    return app_private.refusal(429, 'lecture:phone_rate_limited', 'too many sign-up attempts for this phone number',
      'Wait an hour, or call the number on the page.');
  end if;

  -- The lock: every sign-up, cancellation and capacity change of this event waits here for the one before it.
  select * into v_event from app.lecture_events e where e.id = p_event_id for update;
  if v_event.id is null or v_event.status = 'draft' then
    return app_private.refusal(404, 'lecture:no_event', 'no such event');
  elsif v_event.status = 'cancelled' then
    return app_private.refusal(409, 'lecture:cancelled', 'this event has been cancelled');
  elsif now() >= v_event.ends_at then
    return app_private.refusal(409, 'lecture:over', 'this event is over');
  elsif now() >= coalesce(v_event.registration_closes_at, v_event.starts_at) then
    return app_private.refusal(409, 'lecture:closed', 'registration for this event has closed');
  elsif v_event.registration_opens_at is not null and now() < v_event.registration_opens_at then
    return app_private.refusal(409, 'lecture:not_open', format('registration for this event opens at %s', to_char(v_event.registration_opens_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')));
  end if;
  if exists (select 1 from app.lecture_registrations r
             where r.event_id = p_event_id and r.mobile = v_mobile and r.status <> 'cancelled') then
    return app_private.refusal(409, 'lecture:duplicate', 'this phone number is already registered for this event', 'Look up your registration with your phone number and code.');
  end if;

  -- Capacity in people: confirmed when the party fits the places left and nobody waits ahead of it (unless the
  -- event fills smaller parties first); a party larger than the whole event is refused.
  v_party := app_private.lecture_party(v_event.counts, p_adults, p_children);
  if v_party > v_event.capacity then
    return app_private.refusal(409, 'lecture:party_too_large', format('a party of %s is larger than this event''s %s places', v_party, v_event.capacity));
  end if;
  v_status := case when v_party <= v_event.capacity - app_private.lecture_confirmed_people(p_event_id)
                    and (v_event.fill_smaller_parties
                         or not exists (select 1 from app.lecture_registrations w where w.event_id = p_event_id and w.status = 'waitlisted'))
                   then 'confirmed' else 'waitlisted' end;
  update app.lecture_events e set signups = e.signups + 1 where e.id = p_event_id returning * into v_event;
  loop
    v_attempt := v_attempt + 1;
    begin
      insert into app.lecture_registrations (event_id, code, signup_no, name, mobile, adults, children, child_age_band, consent_at, status, confirmed_at)
      values (p_event_id, app_private.random_lecture_code(), v_event.signups, v_name, v_mobile, p_adults, p_children, p_child_age_band, now(), v_status,
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
comment on function app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean, integer) is 'Registers a party (adults, children) for a published, open event under its row lock: confirmed while it fits capacity in people, else waitlisted. Every attempt counted per address and per (event, phone); refusals returned with response.status.';
revoke all on function app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean, integer) from public, anon, authenticated;
grant execute on function app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean, integer) to anon, authenticated;

-- 4. Public functions ---------------------------------------------------------------------------------
create function public.sign_up_for_lecture(p_event_id uuid, p_name text, p_mobile text, p_adults integer, p_child_age_band text, p_consent boolean,
  p_children integer default 0)
returns jsonb
language sql volatile set search_path = '' as $$
  select app_private.sign_up_for_lecture(p_event_id, p_name, p_mobile, p_adults, p_child_age_band, p_consent, p_children)
$$;
comment on function public.sign_up_for_lecture(uuid, text, text, integer, text, boolean, integer) is 'Anyone: registers a party (adults, children; confirmed or waitlisted by capacity in people); returns code, status, waitlist position, event. Never returns a phone.';
revoke all on function public.sign_up_for_lecture(uuid, text, text, integer, text, boolean, integer) from public, anon, authenticated;
grant execute on function public.sign_up_for_lecture(uuid, text, text, integer, text, boolean, integer) to anon, authenticated;
