-- Rate limits: fixed-window counters per (action, client), the client known only by a keyed hash of its address.
-- Sections: 1. tables, 2. indexes, 3. private functions.

-- 1. Tables ------------------------------------------------------------------------------------------------
-- The per-database secret for hashing client addresses. One row, made here, never granted to anyone: without it a
-- stored hash cannot be matched back to an address by trying every IPv4 address.
create table app_private.rate_limit_secret (
  id boolean primary key default true constraint rate_limit_secret_one_row check (id),
  salt bytea not null constraint rate_limit_secret_salt_length check (octet_length(salt) >= 32)
);
comment on table app_private.rate_limit_secret is 'The random salt (HMAC key) for client-address hashes. Never exposed.';
alter table app_private.rate_limit_secret enable row level security;
insert into app_private.rate_limit_secret (salt) values (extensions.gen_random_bytes(32));

-- One bucket per action and client; hits counts within the window ending at window_ends_at.
create table app_private.rate_limit_buckets (
  action text not null constraint rate_limit_buckets_action_length check (char_length(action) between 1 and 100),
  client_hash text not null,
  hits integer not null constraint rate_limit_buckets_hits_positive check (hits >= 1),
  window_ends_at timestamptz not null,
  constraint rate_limit_buckets_pkey primary key (action, client_hash)
);
comment on table app_private.rate_limit_buckets is 'Rate-limit counters keyed by action and hex HMAC-SHA256(client address, salt); never the raw address.';
alter table app_private.rate_limit_buckets enable row level security;

-- 2. Indexes -----------------------------------------------------------------------------------------------
-- For pruning expired buckets.
create index rate_limit_buckets_window_ends_at_idx on app_private.rate_limit_buckets (window_ends_at);

-- 3. Private functions -------------------------------------------------------------------------------------
-- The client's address as the API passes it (PostgREST-style request.headers): first x-forwarded-for entry, then
-- x-real-ip, then 'unknown'. The API must set these from the connection, not trust the client's own header.
create function app_private.client_address() returns text
language sql stable set search_path = '' as $$
  select coalesce(
    nullif(btrim(split_part(h.j ->> 'x-forwarded-for', ',', 1)), ''),
    nullif(btrim(h.j ->> 'x-real-ip'), ''),
    'unknown')
  from (select nullif(current_setting('request.headers', true), '')::json as j) h
$$;
comment on function app_private.client_address() is 'The client address from request.headers (x-forwarded-for, x-real-ip, else unknown). Owner only.';
revoke all on function app_private.client_address() from public, anon, authenticated;

-- Deletes buckets whose window has ended (a later hit would reset them anyway). Called now and then by hits.
create function app_private.prune_rate_limit_buckets() returns integer
language plpgsql volatile set search_path = '' as $$
declare
  v_deleted integer;
begin
  delete from app_private.rate_limit_buckets b where b.window_ends_at <= now();
  get diagnostics v_deleted = row_count;
  return v_deleted;
end
$$;
comment on function app_private.prune_rate_limit_buckets() is 'Removes expired rate-limit buckets; returns how many. Owner only.';
revoke all on function app_private.prune_rate_limit_buckets() from public, anon, authenticated;

-- Records one hit and says whether the caller is still within max_hits per interval. Definer: the buckets and the
-- salt are closed to every API role. Granted to service_role (the API's password check); definer functions of
-- later migrations, running as the owner, call it too.
create function app_private.hit_rate_limit(action text, max_hits integer, per interval) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_hash text;
  v_hits integer;
begin
  if hit_rate_limit.action is null or max_hits is null or max_hits < 1 or per is null or per <= interval '0' then
    raise exception 'hit_rate_limit needs an action, max_hits >= 1 and a positive interval' using errcode = '22023';
  end if;
  select encode(extensions.hmac(convert_to(app_private.client_address(), 'UTF8'), k.salt, 'sha256'), 'hex')
    into v_hash from app_private.rate_limit_secret k;

  insert into app_private.rate_limit_buckets as b (action, client_hash, hits, window_ends_at)
  values (hit_rate_limit.action, v_hash, 1, now() + per)
  on conflict on constraint rate_limit_buckets_pkey do update
    set hits = case when b.window_ends_at <= now() then 1 else least(b.hits + 1, max_hits + 1) end,
        window_ends_at = case when b.window_ends_at <= now() then now() + per else b.window_ends_at end
  returning b.hits into v_hits;

  if random() < 0.01 then
    perform app_private.prune_rate_limit_buckets();
  end if;
  return v_hits <= max_hits;
end
$$;
comment on function app_private.hit_rate_limit(text, integer, interval) is 'One hit for (action, hashed client address); true while within max_hits per interval. Definer: buckets and salt are private.';
revoke all on function app_private.hit_rate_limit(text, integer, interval) from public, anon, authenticated;
grant execute on function app_private.hit_rate_limit(text, integer, interval) to service_role;
