-- Audit log: who did what, when, to which record. Written by staff functions; read by admins; changed by nobody.
-- Sections: 1. tables, 2. private functions, 3. policies, 4. public functions.

-- 1. Tables ------------------------------------------------------------------------------------------------
create table app.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor uuid,
  action text not null,
  target_table text,
  target_id text,
  details jsonb
);
comment on table app.audit_log is 'Append-only record of staff actions (actor = auth.uid() at the time). No API role may write it.';
comment on column app.audit_log.action is 'What happened, as <subject>.<verb>, e.g. staff.create, staff.update.';
alter table app.audit_log enable row level security;
grant select on app.audit_log to authenticated;
create index audit_log_target_idx on app.audit_log (target_table, target_id);

-- 2. Private functions -------------------------------------------------------------------------------------
-- The one writer. Not a definer and not granted to any API role: only security definer staff functions (which run
-- as the owner) call it, after their own authorisation checks.
create function app_private.log_audit(p_action text, p_target_table text, p_target_id text, p_details jsonb default null)
returns void
language sql volatile set search_path = '' as $$
  insert into app.audit_log (actor, action, target_table, target_id, details)
  values ((select auth.uid()), p_action, p_target_table, p_target_id, p_details)
$$;
comment on function app_private.log_audit(text, text, text, jsonb) is 'Appends one audit entry for auth.uid(). Owner only: called from definer staff functions.';
revoke all on function app_private.log_audit(text, text, text, jsonb) from public, anon, authenticated;

-- 3. Policies ----------------------------------------------------------------------------------------------
-- No insert/update/delete grants or policies: nobody but the owner writes, and nobody rewrites history.
create policy "admins can read the audit log" on app.audit_log
  for select to authenticated using ((select app_private.has_staff_role('admin')));

-- 4. Public functions --------------------------------------------------------------------------------------
-- Newest first, at most 1000. Invoker: the policy above decides what the caller sees; the check gives a clear error.
create function public.list_audit_log(p_limit integer default 100)
returns table (id bigint, at timestamptz, actor uuid, action text, target_table text, target_id text, details jsonb)
language plpgsql stable set search_path = '' as $$
begin
  perform app_private.require_staff_role('admin');
  return query
    select a.id, a.at, a.actor, a.action, a.target_table, a.target_id, a.details
    from app.audit_log a
    order by a.id desc
    limit least(greatest(coalesce(p_limit, 100), 1), 1000);
end
$$;
comment on function public.list_audit_log(integer) is 'Admin only: the newest p_limit (1–1000, default 100) audit entries.';
revoke all on function public.list_audit_log(integer) from public, anon, authenticated;
grant execute on function public.list_audit_log(integer) to authenticated;
