-- The waitlist limit (20261206002100_lecture_rosters.sql) in the sign-up itself: a sign-up that would wait past
-- lecture_events.waitlist_limit is refused with PT409 lecture:waitlist_full, returned (not raised) like the other
-- sign-up refusals so the attempt still counts (20261206001200_attempts_count.sql). The body is
-- 20261206001300_capacity_in_people.sql's with that one check before the registration is written.

create or replace function app_private.sign_up_for_lecture(p_event_id uuid, p_name text, p_mobile text, p_adults integer, p_child_age_band text, p_consent boolean,
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
  -- The waitlist has a limit (lecture_events.waitlist_limit, staff set it): past it, a refusal the parent can act on,
  -- returned so the attempt above stays counted.
  if v_status = 'waitlisted' and (select count(*) from app.lecture_registrations w
                                  where w.event_id = p_event_id and w.status = 'waitlisted') >= v_event.waitlist_limit then
    return app_private.refusal(409, 'lecture:waitlist_full', 'the waitlist of this event is full',
      'Look for another date on the schedule, or call the number on the page.');
  end if;
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
comment on function app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean, integer) is 'Registers a party (adults, children) for a published, open event under its row lock: confirmed while it fits capacity in people, else waitlisted while the waitlist is below its limit. Every attempt counted per address and per (event, phone); refusals returned with response.status.';
