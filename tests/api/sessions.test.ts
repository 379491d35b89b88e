/**
 * Revocation is real: a user's access token is honoured on /rest/v1/rpc/* only while its session lives — not after
 * sign-out, refresh-token reuse, the staff member being disabled, or the session's lifetime / idle limit from
 * supabase/config.toml ([auth.sessions]: 24 h since sign-in, 8 h since the last refresh).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addStaff, disableStaff } from '../../scripts/lib/staff-accounts.ts';
import { ACCOUNTS, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ server: { rateLimits: { signIn: { max: 1000, per: '5 minutes' } } } });
});
afterAll(async () => api?.close());

async function signedInToken(account: { email: string; password: string }) {
  const sb = api.client();
  const { data, error } = await sb.auth.signInWithPassword(account);
  if (error) throw error;
  return {
    sb,
    session: data.session!,
    sessionId: JSON.parse(Buffer.from(data.session!.access_token.split('.')[1]!, 'base64url').toString())
      .session_id as string,
  };
}

/** An RPC with a bare access token, as an attacker holding a copied token would make it. */
async function rpcWith(token: string): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${api.url}/rest/v1/rpc/whoami`, {
    method: 'POST',
    headers: { apikey: api.keys.anon, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = await res.json().catch(() => ({}));
  return { status: res.status, code: body.code };
}

describe('an access token stops working on /rest/v1/rpc/* when its session ends', () => {
  test('signed out', async () => {
    const { sb, session } = await signedInToken(ACCOUNTS.outreach);
    expect((await rpcWith(session.access_token)).status).toBe(200);
    await sb.auth.signOut({ scope: 'local' });
    expect(await rpcWith(session.access_token)).toEqual({ status: 401, code: 'PGRST303' });
  });

  test('refresh-token reuse detected', async () => {
    const { sb, session } = await signedInToken(ACCOUNTS.outreach);
    const next = (await sb.auth.refreshSession()).data.session!;
    await api.db.query(
      `update auth.refresh_tokens set updated_at = now() - interval '1 minute' where token = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [session.refresh_token],
    );
    expect(
      (await api.client().auth.refreshSession({ refresh_token: session.refresh_token })).error?.code,
    ).toBe('refresh_token_already_used');
    expect((await rpcWith(next.access_token)).status).toBe(401);
    expect((await rpcWith(session.access_token)).status).toBe(401);
  });

  test('staff member disabled', async () => {
    const leaver = { email: 'leaver2@test.local', password: 'Leaver2-password-1' };
    await addStaff(api.db, { ...leaver, role: 'outreach' });
    const { session } = await signedInToken(leaver);
    expect((await rpcWith(session.access_token)).status).toBe(200);
    await disableStaff(api.db, leaver.email);
    expect((await rpcWith(session.access_token)).status).toBe(401);
  });

  test('past the session lifetime (24 h since sign-in), also for GET /user and refresh', async () => {
    const { session, sessionId } = await signedInToken(ACCOUNTS.visitor);
    await api.db.query(
      `update auth.sessions set created_at = now() - interval '24 hours 1 minute', refreshed_at = now() where id = $1::uuid`,
      [sessionId],
    );
    expect((await rpcWith(session.access_token)).status).toBe(401);
    const user = await fetch(`${api.url}/auth/v1/user`, {
      headers: { apikey: api.keys.anon, authorization: `Bearer ${session.access_token}` },
    });
    expect(user.status).toBe(403);
    expect(
      (await api.client().auth.refreshSession({ refresh_token: session.refresh_token })).error?.code,
    ).toBe('session_expired');
  });

  test('idle past the inactivity limit (8 h without a refresh)', async () => {
    const { session, sessionId } = await signedInToken(ACCOUNTS.visitor);
    await api.db.query(
      `update auth.sessions set created_at = now() - interval '9 hours', refreshed_at = now() - interval '8 hours 1 minute' where id = $1::uuid`,
      [sessionId],
    );
    expect((await rpcWith(session.access_token)).status).toBe(401);
    // Just inside both limits it works again.
    await api.db.query(
      `update auth.sessions set refreshed_at = now() - interval '7 hours 59 minutes' where id = $1::uuid`,
      [sessionId],
    );
    expect((await rpcWith(session.access_token)).status).toBe(200);
  });

  test('a user token without session_id is refused outright', async () => {
    const { signJwt } = await import('../../supabase/embedded/api/jwt.ts');
    const { SECRET } = await import('./harness.ts');
    const token = await signJwt(
      {
        role: 'authenticated',
        aud: 'authenticated',
        sub: crypto.randomUUID(),
        exp: Math.floor(Date.now() / 1000) + 60,
      },
      SECRET,
    );
    expect(await rpcWith(token)).toEqual({ status: 401, code: 'PGRST301' });
  });
});
