-- Sign-in limits that an attacker cannot turn against us: the client address is the entry the last trusted proxy
-- appended (never one the client wrote), IPv6 clients count per /64, only failed sign-ins count against an
-- address, and each account gets a growing back-off after repeated failures.
-- Sections: 1. tables, 2. private functions.

-- 1. Tables ------------------------------------------------------------------------------------------------
-- Failed sign-ins per account, keyed by a salted hash of the lower-cased email (the same salt as the address
-- buckets), never the email itself.
create table app_private.sign_in_failures (
  account_hash text primary key,
  failures integer not null constraint sign_in_failures_failures_positive check (failures >= 1),
  last_failed_at timestamptz not null,
  locked_until timestamptz
);
comment on table app_private.sign_in_failures is 'Consecutive failed sign-ins per account (hex HMAC-SHA256 of the lower-cased email) and the back-off they earned.';
alter table app_private.sign_in_failures enable row level security;

-- 2. Private functions -------------------------------------------------------------------------------------
-- The client's address as the API passes it in request.headers: the LAST x-forwarded-for entry, the one appended
-- by the proxy closest to the database (the embedded API writes exactly one entry, the socket peer or its trusted
-- proxy's entry; Supabase's gateway appends the address it received the request from). Entries to its left were
-- written by the client or by hops we do not control, so they are ignored. IPv6 addresses are reduced to their /64
-- (one home or office network); an entry that is not an address is kept as text, prefixed, so it still counts.
create or replace function app_private.client_address() returns text
language plpgsql stable set search_path = '' as $$
declare
  v_list text := nullif(current_setting('request.headers', true), '')::json ->> 'x-forwarded-for';
  v_raw text;
  v_addr inet;
begin
  v_raw := nullif(btrim(reverse(split_part(reverse(coalesce(v_list, '')), ',', 1))), '');
  if v_raw is null then
    return 'unknown';
  end if;
  if v_raw !~ '^[0-9A-Fa-f:.]{2,45}$' then
    return 'other:' || left(v_raw, 100);
  end if;
  begin
    v_addr := v_raw::inet;
  exception when invalid_text_representation then
    return 'other:' || left(v_raw, 100);
  end;
  if family(v_addr) = 6 and host(v_addr) ~ '^::ffff:[0-9.]+$' then
    return substr(host(v_addr), 8);
  elsif family(v_addr) = 6 then
    return host(network(set_masklen(v_addr, 64))) || '/64';
  end if;
  return host(v_addr);
end
$$;
comment on function app_private.client_address() is 'The client address from request.headers: the last x-forwarded-for entry (the one the nearest proxy appended), IPv6 grouped by /64, else unknown. Owner only.';
revoke all on function app_private.client_address() from public, anon, authenticated;

-- True while the caller's address has used up max_hits for action in the current window. Reads only: the API asks
-- this before checking a password and counts a hit (hit_rate_limit) only when the password was wrong.
create function app_private.rate_limit_exhausted(action text, max_hits integer) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((
    select b.hits >= max_hits and b.window_ends_at > now()
    from app_private.rate_limit_buckets b, app_private.rate_limit_secret k
    where b.action = rate_limit_exhausted.action
      and b.client_hash = encode(extensions.hmac(convert_to(app_private.client_address(), 'UTF8'), k.salt, 'sha256'), 'hex')
  ), false)
$$;
comment on function app_private.rate_limit_exhausted(text, integer) is 'Whether the client address has no hits left for action in its window (does not count a hit). Definer: buckets and salt are private.';
revoke all on function app_private.rate_limit_exhausted(text, integer) from public, anon, authenticated;
grant execute on function app_private.rate_limit_exhausted(text, integer) to service_role;

create function app_private.account_hash(email text) returns text
language sql stable set search_path = '' as $$
  select encode(extensions.hmac(convert_to(lower(btrim(email)), 'UTF8'), k.salt, 'sha256'), 'hex') from app_private.rate_limit_secret k
$$;
comment on function app_private.account_hash(text) is 'Salted hash of a lower-cased email, the key of sign_in_failures. Owner only.';
revoke all on function app_private.account_hash(text) from public, anon, authenticated;

-- Seconds until the account may try a password again (0 when it may now).
create function app_private.sign_in_wait(email text) returns integer
language sql stable security definer set search_path = '' as $$
  select coalesce((
    select greatest(0, ceil(extract(epoch from f.locked_until - now())))::integer
    from app_private.sign_in_failures f where f.account_hash = app_private.account_hash(sign_in_wait.email)
  ), 0)
$$;
comment on function app_private.sign_in_wait(text) is 'Seconds the account must wait before its next password check. Definer: sign_in_failures is private.';
revoke all on function app_private.sign_in_wait(text) from public, anon, authenticated;
grant execute on function app_private.sign_in_wait(text) to service_role;

-- Records the outcome of a password check. Success clears the account's failures. A failure counts against the
-- address (hit_rate_limit, action 'auth.sign_in') and the account: from the free_failures-th consecutive failure
-- on, the account waits base, 2 x base, 4 x base ... up to longest before the next check. Failures older than a
-- day are forgotten. Returns the account's wait in seconds.
create function app_private.record_sign_in(
  email text, succeeded boolean, max_per_address integer, per interval,
  free_failures integer, base interval, longest interval
) returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_hash text := app_private.account_hash(record_sign_in.email);
  v_failures integer;
begin
  if succeeded is null or free_failures is null or free_failures < 1 or base is null or base <= interval '0' or longest is null or longest < base then
    raise exception 'record_sign_in needs succeeded, free_failures >= 1 and 0 < base <= longest' using errcode = '22023';
  end if;
  if succeeded then
    delete from app_private.sign_in_failures f where f.account_hash = v_hash;
    return 0;
  end if;
  perform app_private.hit_rate_limit('auth.sign_in', max_per_address, per);
  insert into app_private.sign_in_failures as f (account_hash, failures, last_failed_at)
  values (v_hash, 1, now())
  on conflict (account_hash) do update
    set failures = case when f.last_failed_at < now() - interval '1 day' then 1 else least(f.failures + 1, 1000) end,
        last_failed_at = now()
  returning f.failures into v_failures;
  if v_failures >= free_failures then
    update app_private.sign_in_failures f
      set locked_until = now() + least(longest, base * power(2, least(v_failures - free_failures, 30)))
      where f.account_hash = v_hash;
    return ceil(extract(epoch from least(longest, base * power(2, least(v_failures - free_failures, 30)))))::integer;
  end if;
  if random() < 0.01 then
    delete from app_private.sign_in_failures f where f.last_failed_at < now() - interval '1 day';
  end if;
  return 0;
end
$$;
comment on function app_private.record_sign_in(text, boolean, integer, interval, integer, interval, interval) is 'Records a password check: success clears the account''s failures; failure counts against the address and grows the account''s back-off. Definer: the counters are private.';
revoke all on function app_private.record_sign_in(text, boolean, integer, interval, integer, interval, interval) from public, anon, authenticated;
grant execute on function app_private.record_sign_in(text, boolean, integer, interval, integer, interval, interval) to service_role;
