/**
 * callPublic (src/lib/supabase/public-rpc.ts) for the lecture islands, with a safety net: should the call reject
 * instead of answering (postgrest-js answers status 0 for fetch failures, after retrying GETs three times over
 * ~7 s), the islands still get `{ network: true }` and show "cannot be reached, call instead" rather than hanging.
 */
import { callPublic, type RpcOutcome } from '../supabase/public-rpc.ts';

export function callLecture<T>(fn: string, args: Record<string, unknown> = {}, opts: { get?: boolean } = {}): Promise<RpcOutcome<T>> {
  return callPublic<T>(fn, args, opts).catch((): RpcOutcome<T> => ({ ok: false, network: true }));
}
