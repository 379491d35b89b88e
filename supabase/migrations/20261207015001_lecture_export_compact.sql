-- The roster export at 10,000 registrations within 200 ms on PostgreSQL 15 (issue 15, item 4). Measured on a PG15
-- cluster with 10,000 registrations (bench/lectures.ts's event) at load average ≈ 1, the export's SQL alone took
-- ~80 ms and the call through the API ~165 ms (at load ≈ 13.5: 420 ms and 527 ms); the time went to:
--   * app_private.mask_mobile once per row: a SQL function with `set search_path` is never inlined, so each row paid
--     a function call (~20 ms of the 80) — the same expression is now written inline;
--   * json_agg of whole records: every row repeated its eleven key names (~240 bytes a row, 2.4 MB in all), which
--     the database had to write and the API, the network and the browser's JSON.parse had to carry (~25 ms in SQL,
--     most of the rest after it) — rows are now arrays under one list of column names (~90 bytes a row, 0.9 MB);
--   * a window partitioned by status and then an aggregate ordered by sign-up number: two sorts; the waitlist
--     position is now a running count over sign-up order.
-- After: ~40 ms of SQL and ~70 ms through the API at load ≈ 1 (at load ≈ 13.5: 55 ms and 125 ms).
-- created_at, which no export file carried, is no longer sent. Every guarantee stays: outreach gets masked numbers;
-- full numbers only for an admin with a reason of 4–200 characters, audited with the id of every registration whose
-- number was revealed; unknown events PT404.
--
-- Answer: {"columns": ["id", "signup_no", "code", "name", "mobile", "adults", "child_age_band", "status",
--          "waitlist_position", "checked_in_at"], "rows": [[…], …]} — rows in sign-up order, one array per
-- registration with its values in the order of "columns" (src/lib/lectures/export.ts `exportRecords` reads it).

create or replace function app_private.export_lecture_roster(p_event_id uuid, p_full boolean, p_reason text) returns json
language plpgsql volatile security definer set search_path = '' set jit = off as $$
declare
  v_full boolean := coalesce(p_full, false);
  v_reason text := btrim(coalesce(p_reason, ''));
  v_body json;
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
  -- One pass, one sort by sign-up number (the window's order and the aggregates' agree).
  select json_build_object(
           'columns', json_build_array('id', 'signup_no', 'code', 'name', 'mobile', 'adults', 'child_age_band', 'status',
                                       'waitlist_position', 'checked_in_at'),
           'rows', coalesce(json_agg(json_build_array(w.id, w.signup_no, w.code, w.name, w.mobile, w.adults,
                                       w.child_age_band, w.status, w.waitlist_position, w.checked_in_at)
                                     order by w.signup_no), '[]'::json)),
         -- The ids revealed, for the audit: an int8 array made jsonb once (cheaper than jsonb_agg element by element).
         coalesce(to_jsonb(array_agg(w.id order by w.signup_no) filter (where w.mobile is not null)), '[]'::jsonb),
         count(*)::integer
    into v_body, v_revealed, v_count
  from (
    select r.id, r.signup_no, r.code, r.name,
           -- app_private.mask_mobile's expression, inline (138****1234; null stays null).
           case when v_full then r.mobile else left(r.mobile, 3) || '****' || right(r.mobile, 4) end as mobile,
           r.adults, r.child_age_band, r.status,
           case when r.status = 'waitlisted' then
             (count(*) filter (where r.status = 'waitlisted')
                over (order by r.signup_no rows between unbounded preceding and current row))::integer
           end as waitlist_position,
           r.checked_in_at
    from app.lecture_registrations r where r.event_id = p_event_id
  ) w;
  if v_full then
    perform app_private.log_audit('lecture_event.export_full', 'app.lecture_events', p_event_id::text,
      jsonb_build_object('reason', v_reason, 'rows', v_count, 'registration_ids', v_revealed));
  else
    perform app_private.log_audit('lecture_event.export', 'app.lecture_events', p_event_id::text,
      jsonb_build_object('rows', v_count, 'masked', true));
  end if;
  return v_body;
end
$$;
comment on function app_private.export_lecture_roster(uuid, boolean, text) is 'Outreach: every registration of an event for CSV/XLSX as {columns, rows: [[…]]} in sign-up order, phones masked; p_full (admin only, with a reason): full numbers, audited with the ids revealed.';
comment on function public.export_lecture_roster(uuid, boolean, text) is 'Outreach: the roster for export as {columns, rows}, phones masked; admin with a reason: full numbers; audited.';
