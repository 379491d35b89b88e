/**
 * The one supabase-js client of the browser. Its URL and anon key are public build-time settings
 * (PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY): `npm start` points them at the embedded API, a deployment at
 * its Supabase project. The browser only calls rpc() and auth — never a table.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from 'astro:env/client';

let client: SupabaseClient | undefined;

export function getSupabase(): SupabaseClient {
  client ??= createClient(PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY, {
    auth: { persistSession: true, autoRefreshToken: true, storageKey: 'tuoyu.auth' },
  });
  return client;
}
