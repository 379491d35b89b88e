-- Local bootstrap 10: schema `extensions` with pgcrypto, and schema `auth` with `auth.users` and the JWT helpers,
-- as Supabase defines them. LOCAL ONLY; idempotent (runs before every migration run).

-- 1. Extensions --------------------------------------------------------------------------------------------
-- Supabase installs extensions into `extensions`; migrations call them qualified (extensions.digest(...)).
create schema if not exists extensions;
grant usage on schema extensions to tuoyu_owner, anon, authenticated, service_role;
create extension if not exists pgcrypto with schema extensions;

-- 2. Schema auth -------------------------------------------------------------------------------------------
create schema if not exists auth;
grant usage on schema auth to tuoyu_owner, anon, authenticated, service_role;

-- The columns of GoTrue's auth.users that anything here may use. Local conveniences: defaults on id, aud, role,
-- metadata and timestamps (GoTrue fills them itself on Supabase; migrations must not rely on them).
create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key default gen_random_uuid(),
  aud varchar(255) default 'authenticated',
  role varchar(255) default 'authenticated',
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb default '{"provider": "email", "providers": ["email"]}',
  raw_user_meta_data jsonb default '{}',
  is_super_admin boolean,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  phone text unique,
  phone_confirmed_at timestamptz,
  banned_until timestamptz,
  deleted_at timestamptz,
  is_sso_user boolean not null default false,
  is_anonymous boolean not null default false
);
create unique index if not exists users_email_partial_key on auth.users (email) where (is_sso_user = false);
-- As on Supabase: RLS on, no policies; the API roles have no privileges on it.
alter table auth.users enable row level security;
revoke all on auth.users from public, anon, authenticated;
-- `postgres` on Supabase can read auth.users and reference it from foreign keys; so can our owner.
grant select, references on auth.users to tuoyu_owner;
grant all on auth.users to service_role;

-- 3. JWT helpers (Supabase's definitions) ------------------------------------------------------------------
-- The API sets request.jwt.claims per transaction (set_config(..., true)); these read it.
create or replace function auth.uid() returns uuid language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

create or replace function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to tuoyu_owner, anon, authenticated, service_role;
