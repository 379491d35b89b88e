-- Staff administration: admins add, change and deactivate staff; every change is audited; at least one active
-- admin always remains. Sections: 1. public functions.

-- 1. Public functions --------------------------------------------------------------------------------------
-- Definer: finds the auth user by email (auth.users is closed to API roles) and writes app.staff and the audit log,
-- which no API role may write. Checks the caller is an admin first.
create function public.upsert_staff(p_email text, p_display_name text, p_role text, p_active boolean default true)
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

  select u.id, u.email into v_user_id, v_email
  from auth.users u where lower(u.email) = lower(btrim(p_email));
  if v_user_id is null then
    raise exception 'no user with that email' using errcode = 'P0002',
      hint = 'The person needs an account before they can be made staff.';
  end if;

  -- Lock the active admins so two concurrent demotions cannot both see another admin remaining.
  perform 1 from app.staff s where s.role = 'admin' and s.active for update;
  select * into v_before from app.staff s where s.user_id = v_user_id for update;
  if v_before.role = 'admin' and v_before.active and (p_role is distinct from 'admin' or not v_active)
     and (select count(*) from app.staff s where s.role = 'admin' and s.active) = 1 then
    raise exception 'cannot demote or deactivate the last active admin' using errcode = 'P0001',
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
