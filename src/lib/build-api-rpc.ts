/**
 * One anonymous call of a `public` function on the Supabase API from Node (the build and `npm start`'s rebuild
 * watcher), as PostgREST takes it: POST /rest/v1/rpc/<fn> with the anon key. The caller reads the Response and says
 * in its own words what a failure means (src/lib/facilities/load-api.ts, src/lib/survey-form/published.node.ts,
 * scripts/lib/facility-rebuild.ts). Rejects when the API cannot be reached or does not answer in time.
 */
export function buildApiRpc(
  api: { url: string; key: string },
  fn: string,
  timeoutMs: number,
): Promise<Response> {
  return fetch(`${api.url}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    headers: { apikey: api.key, Authorization: `Bearer ${api.key}`, 'Content-Type': 'application/json' },
    body: '{}',
    signal: AbortSignal.timeout(timeoutMs),
  });
}
