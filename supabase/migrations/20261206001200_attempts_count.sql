-- Every attempt counts. A refusal that is raised rolls back its transaction, and with it the rate-limit hit written
-- before it: only successful look-ups, cancels and sign-ups were counted, so codes could be guessed at API speed
-- and "is this phone registered for this event?" asked without limit. The parent entry points now RETURN their
-- refusals instead: `app_private.refusal` sets PostgREST's `response.status` (HTTP status of the answer) and returns
-- PostgREST's error body {code: 'PTnnn', message, details: <machine code>, hint}. The transaction commits, so the
-- hits stay; the client sees the same status and body as for a raised PTnnn (supabase-js reports it as `error`).
-- PostgREST has honoured `response.status` since v7, so a Supabase project is protected exactly like the embedded
-- API, which reads the same setting (supabase/embedded/api/rpc.ts). Limits (docs/database.md, "Every attempt
-- counts"): per address 30 look-ups/cancels per 10 minutes and 20 sign-ups per hour, every attempt counted; per
-- phone 10 wrong codes per hour, from any address; per (event, phone) 5 sign-up attempts per hour.
-- Sections: 1. private functions, 2. parent entry points (definers).

-- 1. Private functions -------------------------------------------------------------------------------------
-- A refusal that commits: the answer's HTTP status goes to response.status, the body is PostgREST's error shape.
create function app_private.refusal(p_status integer, p_code text, p_message text, p_hint text default null) returns jsonb
language plpgsql volatile set search_path = '' as $$
begin
  perform set_config('response.status', p_status::text, true);
  return jsonb_build_object('code', 'PT' || p_status::text, 'message', p_message, 'details', p_code, 'hint', p_hint);
end
$$;
comment on function app_private.refusal(integer, text, text, text) is 'A refusal returned instead of raised (so the attempt it counted commits): sets response.status, returns {code: PTnnn, message, details: code, hint}. Owner only.';
revoke all on function app_private.refusal(integer, text, text, text) from public, anon, authenticated;

-- Limits keyed by something other than the client address (a phone, an event and phone): the bucket holds only
-- hex(HMAC-SHA256(subject, salt)), never the phone itself. Same buckets, windows and pruning as hit_rate_limit.
create function app_private.hit_subject_limit(action text, subject text, max_hits integer, per interval) returns boolean
language plpgsql volatile set search_path = '' as $$
declare
  v_hash text;
  v_hits integer;
begin
  if hit_subject_limit.action is null or subject is null or max_hits is null or max_hits < 1 or per is null or per <= interval '0' then
    raise exception 'hit_subject_limit needs an action, a subject, max_hits >= 1 and a positive interval'
      using errcode = 'PT400', detail = 'rate_limit:bad_arguments';
  end if;
  select encode(extensions.hmac(convert_to(subject, 'UTF8'), k.salt, 'sha256'), 'hex') into v_hash
    from app_private.rate_limit_secret k;
  insert into app_private.rate_limit_buckets as b (action, client_hash, hits, window_ends_at)
  values (hit_subject_limit.action, v_hash, 1, now() + per)
  on conflict on constraint rate_limit_buckets_pkey do update
    set hits = case when b.window_ends_at <= now() then 1 else least(b.hits + 1, max_hits + 1) end,
        window_ends_at = case when b.window_ends_at <= now() then now() + per else b.window_ends_at end
  returning b.hits into v_hits;
  return v_hits <= max_hits;
end
$$;
comment on function app_private.hit_subject_limit(text, text, integer, interval) is 'One hit for (action, hashed subject); true while within max_hits per interval. Owner only.';
revoke all on function app_private.hit_subject_limit(text, text, integer, interval) from public, anon, authenticated;

create function app_private.subject_limit_exhausted(action text, subject text, max_hits integer) returns boolean
language sql stable set search_path = '' as $$
  select coalesce((
    select b.hits >= max_hits and b.window_ends_at > now()
    from app_private.rate_limit_buckets b, app_private.rate_limit_secret k
    where b.action = subject_limit_exhausted.action
      and b.client_hash = encode(extensions.hmac(convert_to(subject, 'UTF8'), k.salt, 'sha256'), 'hex')
  ), false)
$$;
comment on function app_private.subject_limit_exhausted(text, text, integer) is 'Whether (action, hashed subject) has no hits left in its window (counts nothing). Owner only.';
revoke all on function app_private.subject_limit_exhausted(text, text, integer) from public, anon, authenticated;

-- Phone + code for look-up and cancel, every attempt counted: the address (30 per 10 minutes, every attempt), then
-- the phone (10 wrong codes per hour from anywhere; once used up even the right code waits, so guessing cannot
-- continue from other addresses). Returns the registration, or the refusal to return. p_lock locks the event, then
-- the registration (the lock order everywhere).
create function app_private.lecture_code_attempt(p_mobile text, p_code text, p_lock boolean,
  out registration app.lecture_registrations, out refusal jsonb)
language plpgsql volatile set search_path = '' as $$
declare
  v_mobile text := app_private.normalize_mobile(p_mobile);
  v_code text := app_private.normalize_lecture_code(p_code);
begin
  if not app_private.hit_rate_limit('lectures.lookup', 30, interval '10 minutes') then
    refusal := app_private.refusal(429, 'lecture:rate_limited', 'too many look-ups from this connection',
      'Wait ten minutes, or call the number on the page.');
    return;
  end if;
  if v_mobile is null then
    refusal := app_private.refusal(400, 'lecture:bad_mobile', 'enter an 11-digit mainland mobile number');
    return;
  end if;
  if app_private.subject_limit_exhausted('lectures.code_failures', v_mobile, 10) then
    refusal := app_private.refusal(429, 'lecture:phone_rate_limited', 'too many wrong codes for this phone number',
      'Wait an hour, or call the number on the page.');
    return;
  end if;
  select * into registration from app.lecture_registrations r where r.code = v_code and r.mobile = v_mobile;
  if registration.id is null then
    perform app_private.hit_subject_limit('lectures.code_failures', v_mobile, 10, interval '1 hour');
    refusal := app_private.refusal(404, 'lecture:not_found', 'no registration matches this phone number and code',
      'Check the code on your confirmation (letters and digits, no 0, O, 1 or I).');
    return;
  end if;
  if p_lock then
    perform 1 from app.lecture_events e where e.id = registration.event_id for update;
    select * into registration from app.lecture_registrations r where r.id = registration.id for update;
  end if;
end
$$;
comment on function app_private.lecture_code_attempt(text, text, boolean) is 'Phone + code attempt for look-up and cancel: counts it per address and (when wrong) per phone, returns the registration or the refusal to return. Owner only.';
revoke all on function app_private.lecture_code_attempt(text, text, boolean) from public, anon, authenticated;

-- Replaced by lecture_code_attempt (it raised, so its counting rolled back with the refusal).
drop function app_private.find_lecture_registration(text, text, boolean);

-- 2. Parent entry points -----------------------------------------------------------------------------------
create or replace function app_private.lookup_lecture_registration(p_mobile text, p_code text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_attempt record;
begin
  select * into v_attempt from app_private.lecture_code_attempt(p_mobile, p_code, false);
  if v_attempt.refusal is not null then
    return v_attempt.refusal;
  end if;
  return app_private.lecture_registration_json(v_attempt.registration);
end
$$;
comment on function app_private.lookup_lecture_registration(text, text) is 'The caller''s registration (status, waitlist position, event) by phone + code; every attempt counted (per address, wrong codes per phone); refusals returned with response.status.';
revoke all on function app_private.lookup_lecture_registration(text, text) from public, anon, authenticated;
grant execute on function app_private.lookup_lecture_registration(text, text) to anon, authenticated;

create or replace function app_private.cancel_lecture_registration(p_mobile text, p_code text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_attempt record;
  v_reg app.lecture_registrations;
  v_event app.lecture_events;
begin
  select * into v_attempt from app_private.lecture_code_attempt(p_mobile, p_code, true);
  if v_attempt.refusal is not null then
    return v_attempt.refusal;
  end if;
  v_reg := v_attempt.registration;
  select * into v_event from app.lecture_events e where e.id = v_reg.event_id;
  if v_reg.status = 'cancelled' then
    return app_private.lecture_registration_json(v_reg);
  end if;
  if now() >= v_event.ends_at then
    return app_private.refusal(409, 'lecture:over', 'this event is over');
  end if;
  if v_reg.checked_in_at is not null then
    return app_private.refusal(409, 'lecture:checked_in', 'you have already been checked in');
  end if;
  update app.lecture_registrations r set status = 'cancelled', cancelled_at = now() where r.id = v_reg.id returning * into v_reg;
  if v_event.status = 'published' then
    perform app_private.promote_lecture_waitlist(v_event.id);
  end if;
  return app_private.lecture_registration_json(v_reg);
end
$$;
comment on function app_private.cancel_lecture_registration(text, text) is 'Cancels the caller''s registration by phone + code; the first waitlisted person gets the seat. Idempotent. Every attempt counted; refusals returned with response.status.';
revoke all on function app_private.cancel_lecture_registration(text, text) from public, anon, authenticated;
grant execute on function app_private.cancel_lecture_registration(text, text) to anon, authenticated;

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
comment on function app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean) is 'Registers for a published, open event under its row lock: confirmed while seats remain, else waitlisted. Every attempt counted per address and per (event, phone); refusals returned with response.status.';
revoke all on function app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean) from public, anon, authenticated;
grant execute on function app_private.sign_up_for_lecture(uuid, text, text, integer, text, boolean) to anon, authenticated;
