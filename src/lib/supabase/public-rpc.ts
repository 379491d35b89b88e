/**
 * The RPC client of anonymous public islands (survey, lectures): only `rpc()`, through @supabase/postgrest-js —
 * the client supabase-js itself is built on (~6 KB instead of ~59 KB). Staff pages use the full client in
 * client.ts. Same build-time settings: PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY.
 */
import { PostgrestClient } from '@supabase/postgrest-js';
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from 'astro:env/client';

/** The outcome of a call: data, or an error from the database/API, or no answer at all (offline, DNS, timeout). */
export type RpcOutcome<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      network: false;
      status: number;
      code: string;
      message: string;
      /** The refusal's machine code (src/lib/refusals/); null when the database gave none. */
      details: string | null;
      hint: string | null;
    }
  | { ok: false; network: true };

let client: PostgrestClient | undefined;

function publicClient(): PostgrestClient {
  client ??= new PostgrestClient(`${PUBLIC_SUPABASE_URL.replace(/\/$/, '')}/rest/v1`, {
    headers: { apikey: PUBLIC_SUPABASE_ANON_KEY, Authorization: `Bearer ${PUBLIC_SUPABASE_ANON_KEY}` },
  });
  return client;
}

/**
 * Calls a `public` function as anon. `get: true` for read-only functions (cacheable GET). Never rejects: postgrest-js
 * answers status 0 when the request fails (after retrying GETs three times over ~7 s) and catches a throwing fetch,
 * so islands can always say "cannot be reached, call instead" (tests/unit/public-rpc.test.ts).
 */
export async function callPublic<T>(
  fn: string,
  args: Record<string, unknown> = {},
  opts: { get?: boolean } = {},
): Promise<RpcOutcome<T>> {
  const { data, error, status } = await publicClient().rpc(fn, args, { get: opts.get ?? false });
  if (!error) return { ok: true, data: data as T };
  if (status === 0) return { ok: false, network: true };
  return {
    ok: false,
    network: false,
    status,
    code: error.code,
    message: error.message,
    details: error.details ?? null,
    hint: error.hint ?? null,
  };
}
