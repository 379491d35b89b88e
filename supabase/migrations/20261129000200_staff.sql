-- Staff: who may use the staff console, and as what (outreach | admin).
-- Sections: 1. tables, 2. triggers, 3. private functions, 4. policies, 5. public functions.

-- 1. Tables ------------------------------------------------------------------------------------------------
-- One row per staff member, keyed by their auth user. Deactivate rather than delete, so the audit log keeps meaning.
create table app.staff (
  user_id uuid constraint staff_pkey primary key references auth.users (id) on delete cascade,
  display_name text not null constraint staff_display_name_length check (char_length(display_name) between 1 and 80),
  role text not null constraint staff_role_check check (role in ('outreach', 'admin')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table app.staff is 'Staff accounts: auth user, display name, role (outreach | admin), active. Written only by public.upsert_staff.';
alter table app.staff enable row level security;
grant select on app.staff to authenticated;

-- 2. Triggers ----------------------------------------------------------------------------------------------
-- Keeps updated_at true on every update. A trigger function: no API role needs EXECUTE.
create function app_private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;
comment on function app_private.touch_updated_at() is 'Trigger: sets updated_at = now() on update.';
revoke all on function app_private.touch_updated_at() from public, anon, authenticated;

create trigger staff_touch_updated_at before update on app.staff
  for each row execute function app_private.touch_updated_at();

-- 3. Private functions -------------------------------------------------------------------------------------
-- Security definer because the policies on app.staff call it: reading app.staff as the caller would recurse
-- into those same policies. Reveals only the caller's own role.
create function app_private.staff_role() returns text
language sql stable security definer set search_path = '' as $$
  select s.role from app.staff s where s.user_id = (select auth.uid()) and s.active
$$;
comment on function app_private.staff_role() is 'The active staff role (outreach | admin) of auth.uid(), or null. Definer: policies on app.staff call it.';
revoke all on function app_private.staff_role() from public, anon, authenticated;
grant execute on function app_private.staff_role() to authenticated;

-- For policies that read like sentences: has_staff_role('outreach') is true for outreach and admin.
create function app_private.has_staff_role(min_role text) returns boolean
language sql stable set search_path = '' as $$
  select case app_private.staff_role()
    when 'admin' then min_role in ('outreach', 'admin')
    when 'outreach' then min_role = 'outreach'
    else false
  end
$$;
comment on function app_private.has_staff_role(text) is 'True when the signed-in user is active staff with at least min_role (outreach < admin).';
revoke all on function app_private.has_staff_role(text) from public, anon, authenticated;
grant execute on function app_private.has_staff_role(text) to authenticated;

-- The first line of every staff function: a readable 42501 instead of silently empty results.
create function app_private.require_staff_role(min_role text) returns void
language plpgsql stable set search_path = '' as $$
begin
  if auth.uid() is null then
    raise exception 'sign in required' using errcode = '42501';
  end if;
  if not app_private.has_staff_role(min_role) then
    raise exception '% role required', min_role using errcode = '42501',
      hint = 'Ask an admin to give your account this role.';
  end if;
end
$$;
comment on function app_private.require_staff_role(text) is 'Raises 42501 (sign in required | <role> role required) unless the caller is active staff with at least min_role.';
revoke all on function app_private.require_staff_role(text) from public, anon, authenticated;
grant execute on function app_private.require_staff_role(text) to authenticated;

-- 4. Policies ----------------------------------------------------------------------------------------------
-- No insert/update/delete grants or policies: staff rows change only through public.upsert_staff.
create policy "staff members can read their own staff row" on app.staff
  for select to authenticated using (user_id = (select auth.uid()));

create policy "admins can read every staff row" on app.staff
  for select to authenticated using ((select app_private.has_staff_role('admin')));

-- 5. Public functions --------------------------------------------------------------------------------------
-- Who am I? Invoker: reads the caller's own row through the policy above. Granted to anon too, deliberately,
-- so a call before signing in gets a readable 'sign in required' (it touches nothing else for anon).
create function public.whoami() returns json
language plpgsql stable set search_path = '' as $$
declare
  v_uid uuid := auth.uid();
  v_staff record;
begin
  if v_uid is null then
    raise exception 'sign in required' using errcode = '42501';
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

-- Admins list every staff member with their email. Definer: emails live in auth.users, which no API role reads.
create function public.list_staff()
returns table (user_id uuid, email text, display_name text, role text, active boolean, created_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app_private.require_staff_role('admin');
  return query
    select s.user_id, u.email::text, s.display_name, s.role, s.active, s.created_at
    from app.staff s join auth.users u on u.id = s.user_id
    order by s.active desc, s.display_name, s.user_id;
end
$$;
comment on function public.list_staff() is 'Admin only: every staff member with email, role, active, created_at.';
revoke all on function public.list_staff() from public, anon, authenticated;
grant execute on function public.list_staff() to authenticated;
