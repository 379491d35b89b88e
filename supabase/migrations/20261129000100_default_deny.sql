-- Default deny: nothing this project creates is reachable by the API roles until a line right after it says so.
-- Sections: 1. default privileges, 2. schemas.

-- 1. Default privileges ------------------------------------------------------------------------------------
-- PostgreSQL lets PUBLIC execute every new function; Supabase also grants anon/authenticated everything created in
-- public. Revoke both for objects this (migrating) role creates; each function is granted explicitly instead.
alter default privileges revoke execute on functions from public, anon, authenticated;
alter default privileges in schema public revoke execute on functions from public, anon, authenticated;
alter default privileges in schema public revoke all on tables from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;

-- 2. Schemas -----------------------------------------------------------------------------------------------
-- app: every table. Not listed in the API's schemas, so it is never served as /rest/v1/<table>; authenticated
-- may use it only where a table grants it (and then only the rows a policy allows), inside public functions.
create schema app;
comment on schema app is 'Tables of the tuoyu app. Not exposed by the API; reached only through functions in public.';
revoke all on schema app from public;
grant usage on schema app to authenticated;

-- app_private: helpers that policies and functions call (some security definer), and private tables (rate-limit
-- buckets and their secret salt). authenticated needs USAGE because policies call its helpers as the user.
create schema app_private;
comment on schema app_private is 'Helper functions and private tables. Not exposed by the API; no table here is granted to any API role.';
revoke all on schema app_private from public;
grant usage on schema app_private to authenticated, service_role;
