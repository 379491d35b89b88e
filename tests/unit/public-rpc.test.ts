/**
 * The anonymous RPC client (src/lib/supabase/public-rpc.ts) as the survey and lecture islands see it: data, a
 * refusal with the database's code and message, and `{ network: true }` — never a rejection — when the request
 * fails or the fetch itself throws (postgrest-js catches it; the islands rely on that). The fetch is replaced;
 * everything else is the real postgrest-js.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';

afterEach(() => vi.unstubAllGlobals());

/** A fresh module per test: the client keeps the fetch it was made with. */
async function withFetch(fetch: (...args: unknown[]) => unknown) {
  vi.stubGlobal('fetch', fetch);
  vi.resetModules();
  return (await import('../../src/lib/supabase/public-rpc.ts')).callPublic;
}

const answer = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('callPublic', () => {
  test('posts to /rest/v1/rpc/<fn> with the anon key and returns the data', async () => {
    const fetch = vi.fn(answer(200, { reference: 'R1' }));
    const callPublic = await withFetch(fetch);
    expect(await callPublic('submit_survey', { p_response: { a: 1 } })).toEqual({
      ok: true,
      data: { reference: 'R1' },
    });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(String(url)).toBe('http://127.0.0.1:54321/rest/v1/rpc/submit_survey');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ p_response: { a: 1 } });
  });

  test('a refusal keeps the status, SQLSTATE, message and machine code (details)', async () => {
    const callPublic = await withFetch(
      answer(409, { code: 'PT409', message: 'this event is over', details: 'lecture:over', hint: null }),
    );
    expect(await callPublic('sign_up_for_lecture', {})).toEqual({
      ok: false,
      network: false,
      status: 409,
      code: 'PT409',
      message: 'this event is over',
      details: 'lecture:over',
      hint: null,
    });
  });

  test('a failed request is { network: true }', async () => {
    const callPublic = await withFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await callPublic('sign_up_for_lecture', {})).toEqual({ ok: false, network: true });
  });

  test('a fetch that throws something else, or a body that cannot be read, still resolves (never rejects)', async () => {
    const callPublic = await withFetch(() => {
      throw new Error('not a network error');
    });
    await expect(callPublic('sign_up_for_lecture', {})).resolves.toEqual({ ok: false, network: true });
    const unreadable = await withFetch(async () => ({
      ok: true,
      status: 200,
      headers: new Headers(),
      text: async () => Promise.reject(new Error('reset')),
    }));
    await expect(unreadable('sign_up_for_lecture', {})).resolves.toEqual({ ok: false, network: true });
  });
});
