-- Local bootstrap, part 3: GoTrue's session tables, which every Supabase project already has (auth.sessions and
-- auth.refresh_tokens, created by GoTrue's own migrations). The embedded API's auth endpoints keep sign-in
-- sessions and single-use refresh tokens here. Same names and the columns the embedded API uses; one difference:
-- refresh_tokens.token holds a SHA-256 (hex) of the token, never the token itself.
-- Migrations must not rely on these tables: on Supabase they belong to GoTrue.
-- Idempotent: safe to run on every start.

create table if not exists auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  refreshed_at timestamptz,
  aal text not null default 'aal1',
  not_after timestamptz,
  user_agent text,
  ip inet
);
comment on table auth.sessions is 'Sign-in sessions (as GoTrue''s auth.sessions); deleting one ends it and its refresh tokens.';
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) not null unique,
  user_id varchar(255) not null,
  revoked boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  parent varchar(255),
  session_id uuid not null references auth.sessions (id) on delete cascade
);
comment on table auth.refresh_tokens is 'Single-use refresh tokens (as GoTrue''s auth.refresh_tokens); token is a SHA-256 hex digest. A revoked token presented again ends its session.';
create index if not exists refresh_tokens_session_id_idx on auth.refresh_tokens (session_id);

-- Only the API's own database user reads these, as GoTrue's supabase_auth_admin does on Supabase.
revoke all on auth.sessions, auth.refresh_tokens from public;
do $$
begin
  if exists (select from pg_roles where rolname = 'anon') then
    execute 'revoke all on auth.sessions, auth.refresh_tokens from anon, authenticated, service_role';
    execute 'revoke all on sequence auth.refresh_tokens_id_seq from anon, authenticated, service_role';
  end if;
end $$;
