-- Rosters at any size, bulk numbers only with a reason (issue 15, items 4 and 8).
--
-- 1. A waitlist limit per event (staff set it; default 200) and the check the sign-up function calls before it
--    waitlists someone: `perform app_private.require_lecture_waitlist_room(v_event)` (raises PT409
--    lecture:waitlist_full).
-- 2. The roster in one pass (waitlist positions by a window count, not a subquery per row), paged.
-- 3. The export in one pass: phone numbers masked for everyone; full numbers only for an admin who gives a reason,
--    audited with the ids of the registrations revealed.
-- 4. Cancelling an event audits every person on the returned "people to call" list, one entry each.
-- Refusals follow the error contract (docs/database.md → Errors): errcode PTnnn (the HTTP status), detail the code.

-- 1. Waitlist limit ------------------------------------------------------------------------------------------
alter table app.lecture_events add column waitlist_limit integer not null default 200
  constraint lecture_events_waitlist_limit_range check (waitlist_limit between 0 and 2000);
comment on column app.lecture_events.waitlist_limit is 'At most this many people wait for a seat (0: no waitlist). Staff set it (set_lecture_waitlist_limit); default 200.';

create function app_private.require_lecture_waitlist_room(p_event app.lecture_events) returns void
language plpgsql stable set search_path = '' as $$
begin
  if (select count(*) from app.lecture_registrations r
      where r.event_id = p_event.id and r.status = 'waitlisted') >= p_event.waitlist_limit then
    raise exception using errcode = 'PT409', message = 'the waitlist of this event is full',
      detail = 'lecture:waitlist_full';
  end if;
end
$$;
comment on function app_private.require_lecture_waitlist_room(app.lecture_events) is 'Raises PT409 lecture:waitlist_full when the event''s waitlist holds waitlist_limit people. For the sign-up function, under the event lock, before it waitlists. Owner only.';
revoke all on function app_private.require_lecture_waitlist_room(app.lecture_events) from public, anon, authenticated;

create function app_private.set_lecture_waitlist_limit(p_id uuid, p_limit integer) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_event app.lecture_events;
begin
  perform app_private.require_staff_role('outreach');
  if p_limit is null or p_limit not between 0 and 2000 then
    raise exception using errcode = 'PT400', message = 'the waitlist limit must be 0 to 2000',
      detail = 'lecture:bad_waitlist_limit';
  end if;
  select * into v_event from app.lecture_events e where e.id = p_id for update;
  if v_event.id is null then
    raise exception using errcode = 'PT404', message = 'no such event', detail = 'lecture:no_event';
  end if;
  -- Lowering it below the people already waiting keeps them (nobody is dropped); only new sign-ups are refused.
  update app.lecture_events e set waitlist_limit = p_limit where e.id = p_id;
  perform app_private.log_audit('lecture_event.waitlist_limit', 'app.lecture_events', p_id::text,
    jsonb_build_object('waitlist_limit', p_limit));
  return jsonb_build_object('id', p_id, 'waitlist_limit', p_limit);
end
$$;
comment on function app_private.set_lecture_waitlist_limit(uuid, integer) is 'Outreach: sets how many people may wait for a seat (0–2000); people already waiting stay; audited.';
revoke all on function app_private.set_lecture_waitlist_limit(uuid, integer) from public, anon, authenticated;
grant execute on function app_private.set_lecture_waitlist_limit(uuid, integer) to authenticated;

create function public.set_lecture_waitlist_limit(p_id uuid, p_limit integer) returns jsonb
language sql volatile set search_path = '' as $$ select app_private.set_lecture_waitlist_limit(p_id, p_limit) $$;
comment on function public.set_lecture_waitlist_limit(uuid, integer) is 'Outreach: the waitlist limit of an event; audited.';
revoke all on function public.set_lecture_waitlist_limit(uuid, integer) from public, anon, authenticated;
grant execute on function public.set_lecture_waitlist_limit(uuid, integer) to authenticated;

-- 2. Roster, paged, one pass ---------------------------------------------------------------------------------
drop function public.lecture_roster(uuid);
drop function app_private.lecture_roster(uuid);

-- jit off: at 10,000 rows the planner's cost passes jit_above_cost, and compiling the query (PostgreSQL built with
-- LLVM) costs more than running it.
create function app_private.lecture_roster(p_event_id uuid, p_limit integer, p_offset integer) returns jsonb
language plpgsql stable security definer set search_path = '' set jit = off as $$
declare
  v_event app.lecture_events;
  v_total integer;
begin
  perform app_private.require_staff_role('outreach');
  select * into v_event from app.lecture_events e where e.id = p_event_id;
  if v_event.id is null then
    raise exception using errcode = 'PT404', message = 'no such event', detail = 'lecture:no_event';
  end if;
  if p_limit is null or p_limit not between 1 and 500 or p_offset is null or p_offset < 0 then
    raise exception using errcode = 'PT400', message = 'limit must be 1 to 500 and offset 0 or more',
      detail = 'lecture:bad_page';
  end if;
  select count(*)::integer into v_total from app.lecture_registrations r where r.event_id = p_event_id;
  return jsonb_build_object(
    'total', v_total, 'limit', p_limit, 'offset', p_offset, 'waitlist_limit', v_event.waitlist_limit,
    'rows', (
      -- The window runs over narrow rows (id, rank, signup_no); only the page's rows are read in full.
      select coalesce(jsonb_agg(jsonb_build_object(
          'id', r.id, 'code', r.code, 'signup_no', r.signup_no, 'name', r.name,
          'mobile_masked', app_private.mask_mobile(r.mobile), 'adults', r.adults, 'child_age_band', r.child_age_band,
          'status', r.status, 'waitlist_position', case when r.status = 'waitlisted' then p.pos end,
          'created_at', r.created_at, 'checked_in_at', r.checked_in_at, 'redacted', r.redacted_at is not null)
          order by p.rank, p.signup_no), '[]'::jsonb)
      from (
        select w.id, w.rank, w.signup_no, w.pos
        from (
          select x.id, x.signup_no,
                 case x.status when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end as rank,
                 row_number() over (partition by case x.status when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end
                                    order by x.signup_no)::integer as pos
          from app.lecture_registrations x where x.event_id = p_event_id
        ) w
        order by w.rank, w.signup_no
        limit p_limit offset p_offset
      ) p join app.lecture_registrations r on r.id = p.id));
end
$$;
comment on function app_private.lecture_roster(uuid, integer, integer) is 'Outreach: one page of an event''s registrations (confirmed, waitlist in order, cancelled) with masked phones; {total, limit, offset, waitlist_limit, rows}.';
revoke all on function app_private.lecture_roster(uuid, integer, integer) from public, anon, authenticated;
grant execute on function app_private.lecture_roster(uuid, integer, integer) to authenticated;

create function public.lecture_roster(p_event_id uuid, p_limit integer default 100, p_offset integer default 0) returns jsonb
language sql stable set search_path = '' as $$ select app_private.lecture_roster(p_event_id, p_limit, p_offset) $$;
comment on function public.lecture_roster(uuid, integer, integer) is 'Outreach: one page (limit 1–500) of the roster with masked phones.';
revoke all on function public.lecture_roster(uuid, integer, integer) from public, anon, authenticated;
grant execute on function public.lecture_roster(uuid, integer, integer) to authenticated;

-- 3. Export: masked for outreach; full numbers for an admin with a reason, audited per registration ----------
drop function public.export_lecture_roster(uuid);
drop function app_private.export_lecture_roster(uuid);

create function app_private.export_lecture_roster(p_event_id uuid, p_full boolean, p_reason text) returns json
language plpgsql volatile security definer set search_path = '' set jit = off as $$
declare
  v_full boolean := coalesce(p_full, false);
  v_reason text := btrim(coalesce(p_reason, ''));
  v_rows json;
  v_revealed jsonb;
  v_count integer;
begin
  perform app_private.require_staff_role('outreach');
  if v_full and not app_private.has_staff_role('admin') then
    raise exception using errcode = 'PT403', message = 'only an admin may export full phone numbers',
      detail = 'lecture:export_full_admin_only';
  end if;
  if v_full and char_length(v_reason) not between 4 and 200 then
    raise exception using errcode = 'PT400', message = 'exporting full phone numbers needs a reason of 4 to 200 characters',
      detail = 'lecture:export_reason_required';
  end if;
  if not exists (select 1 from app.lecture_events e where e.id = p_event_id) then
    raise exception using errcode = 'PT404', message = 'no such event', detail = 'lecture:no_event';
  end if;
  -- One pass: rows serialised as they are (json_agg of a row is several times cheaper than jsonb_build_object).
  select coalesce(json_agg(w order by w.signup_no), '[]'::json),
         coalesce(jsonb_agg(w.id order by w.signup_no) filter (where w.mobile is not null), '[]'::jsonb),
         count(*)::integer
    into v_rows, v_revealed, v_count
  from (
    select r.id, r.signup_no, r.code, r.name,
           case when v_full then r.mobile else app_private.mask_mobile(r.mobile) end as mobile,
           r.adults, r.child_age_band, r.status,
           case when r.status = 'waitlisted' then
             (row_number() over (partition by r.status = 'waitlisted' order by r.signup_no))::integer end as waitlist_position,
           r.created_at, r.checked_in_at
    from app.lecture_registrations r where r.event_id = p_event_id
  ) w;
  if v_full then
    perform app_private.log_audit('lecture_event.export_full', 'app.lecture_events', p_event_id::text,
      jsonb_build_object('reason', v_reason, 'rows', v_count, 'registration_ids', v_revealed));
  else
    perform app_private.log_audit('lecture_event.export', 'app.lecture_events', p_event_id::text,
      jsonb_build_object('rows', v_count, 'masked', true));
  end if;
  return v_rows;
end
$$;
comment on function app_private.export_lecture_roster(uuid, boolean, text) is 'Outreach: every registration of an event for CSV/XLSX, phones masked; p_full (admin only, with a reason): full numbers, audited with the ids revealed.';
revoke all on function app_private.export_lecture_roster(uuid, boolean, text) from public, anon, authenticated;
grant execute on function app_private.export_lecture_roster(uuid, boolean, text) to authenticated;

create function public.export_lecture_roster(p_event_id uuid, p_full boolean default false, p_reason text default null) returns json
language sql volatile set search_path = '' as $$ select app_private.export_lecture_roster(p_event_id, p_full, p_reason) $$;
comment on function public.export_lecture_roster(uuid, boolean, text) is 'Outreach: the roster for export, phones masked; admin with a reason: full numbers; audited.';
revoke all on function public.export_lecture_roster(uuid, boolean, text) from public, anon, authenticated;
grant execute on function public.export_lecture_roster(uuid, boolean, text) to authenticated;

-- 4. Reveal one number: the contract's codes -------------------------------------------------------------------
create or replace function app_private.reveal_lecture_mobile(p_registration_id bigint) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_reg app.lecture_registrations;
begin
  perform app_private.require_staff_role('outreach');
  select * into v_reg from app.lecture_registrations r where r.id = p_registration_id;
  if v_reg.id is null then
    raise exception using errcode = 'PT404', message = 'no such registration', detail = 'lecture:not_found';
  end if;
  perform app_private.log_audit('lecture_registration.reveal_mobile', 'app.lecture_registrations', p_registration_id::text,
    jsonb_build_object('event_id', v_reg.event_id, 'code', v_reg.code));
  return v_reg.mobile;
end
$$;

-- 5. Cancelling an event: the people to call, each audited -----------------------------------------------------
create or replace function app_private.set_lecture_event_status(p_id uuid, p_status text, p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_event app.lecture_events;
  v_to_call jsonb := '[]'::jsonb;
  v_counts record;
begin
  perform app_private.require_staff_role('outreach');
  select * into v_event from app.lecture_events e where e.id = p_id for update;
  if v_event.id is null then
    raise exception using errcode = 'PT404', message = 'no such event', detail = 'lecture:no_event';
  end if;
  if p_status is null or p_status not in ('draft', 'published', 'cancelled') then
    raise exception using errcode = 'PT400', message = 'status must be draft, published or cancelled',
      detail = 'lecture:bad_status';
  end if;
  if v_event.status = 'cancelled' and p_status <> 'cancelled' then
    raise exception using errcode = 'PT409', message = 'a cancelled event cannot be reopened', detail = 'lecture:cancelled',
      hint = 'Create a new event instead.';
  end if;
  select * into v_counts from app_private.lecture_counts(p_id);
  if p_status = 'draft' and v_event.status = 'published' and v_counts.confirmed + v_counts.waitlisted > 0 then
    raise exception using errcode = 'PT409', message = 'people have registered: cancel the event instead of unpublishing it',
      detail = 'lecture:has_registrations';
  end if;
  if p_status = 'cancelled' and v_event.status <> 'cancelled' then
    select coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'name', r.name, 'mobile', r.mobile, 'status', r.status, 'code', r.code)
             order by r.signup_no), '[]'::jsonb)
      into v_to_call from app.lecture_registrations r where r.event_id = p_id and r.status <> 'cancelled';
    -- Every full number handed out is an audit entry of its own (who received whose number, when).
    insert into app.audit_log (actor, action, target_table, target_id, details)
    select (select auth.uid()), 'lecture_registration.to_call', 'app.lecture_registrations', r.id::text,
           jsonb_build_object('event_id', p_id, 'code', r.code)
    from app.lecture_registrations r where r.event_id = p_id and r.status <> 'cancelled' and r.mobile is not null;
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
