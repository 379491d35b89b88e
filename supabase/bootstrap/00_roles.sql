-- Local bootstrap 00: the roles a Supabase database already has, plus the owner that applies our migrations.
-- LOCAL ONLY (PGlite and test clusters). Runs as a superuser before every migration run, so it is idempotent.
-- Migrations must not rely on anything here that Supabase lacks; `tuoyu_owner` plays Supabase's `postgres`.

-- 1. Guard -------------------------------------------------------------------------------------------------
-- A Supabase database has the role supabase_admin: never touch one. Also refuse without superuser rights.
do $$
begin
  if exists (select 1 from pg_catalog.pg_roles where rolname = 'supabase_admin') then
    raise exception 'supabase/bootstrap refuses to run: role supabase_admin exists, so this is a Supabase database'
      using hint = 'Apply supabase/migrations there with `supabase db push`; the bootstrap is for local databases only.';
  end if;
  if not (select rolsuper from pg_catalog.pg_roles where rolname = current_user) then
    raise exception 'supabase/bootstrap must run as a superuser (connected as %)', current_user;
  end if;
end
$$;

-- 2. Roles -------------------------------------------------------------------------------------------------
-- anon / authenticated: the API's roles for requests without and with a signed-in user (RLS applies).
-- service_role: the server's own role, bypasses RLS (as on Supabase).
-- tuoyu_owner: owns the app's schemas and applies migrations; no login, no superuser, bypasses RLS — like
-- Supabase's `postgres`, which the CLI uses for `supabase db push`.
do $$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'tuoyu_owner') then
    create role tuoyu_owner nologin;
  end if;
end
$$;
-- Re-assert the attributes in case a role existed with others.
alter role tuoyu_owner nologin nosuperuser nocreatedb nocreaterole bypassrls;
alter role service_role nologin bypassrls;
alter role anon nologin nobypassrls;
alter role authenticated nologin nobypassrls;

-- 3. Database and schema public ------------------------------------------------------------------------
-- The owner creates schemas (as `postgres` can on Supabase) and functions in public.
do $$
begin
  execute format('grant connect, create, temporary on database %I to tuoyu_owner', current_database());
end
$$;
grant usage, create on schema public to tuoyu_owner;
grant usage on schema public to anon, authenticated, service_role;

-- Supabase's default privileges: everything the migrating role creates in public is granted to the API roles.
-- Reproduced here so local tests face the same exposure; the first migration revokes it.
alter default privileges for role tuoyu_owner in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role tuoyu_owner in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges for role tuoyu_owner in schema public grant all on functions to anon, authenticated, service_role;
