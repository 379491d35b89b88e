/** GoTrue's password and refresh-token grants through the real supabase-js client (PGlite). */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { disableStaff, addStaff } from '../../scripts/lib/staff-accounts.ts';
import { ACCOUNTS, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ server: { rateLimits: { signIn: { max: 1000, per: '5 minutes' } } } });
});
afterAll(async () => api?.close());

describe('password grant', () => {
  test('returns a session whose token carries the user and session id', async () => {
    const { data, error } = await api.client().auth.signInWithPassword(ACCOUNTS.outreach);
    expect(error).toBeNull();
    const session = data.session!;
    expect(session).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      user: { email: ACCOUNTS.outreach.email, aud: 'authenticated', role: 'authenticated' },
    });
    const claims = JSON.parse(Buffer.from(session.access_token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({
      sub: session.user.id,
      role: 'authenticated',
      email: ACCOUNTS.outreach.email,
      aal: 'aal1',
    });
    expect(typeof claims.session_id).toBe('string');
  });

  test('refuses a wrong password with 400 invalid_credentials', async () => {
    const { error } = await api
      .client()
      .auth.signInWithPassword({ email: ACCOUNTS.outreach.email, password: 'wrong-password' });
    expect(error).toMatchObject({ status: 400, code: 'invalid_credentials' });
    const unknown = await api
      .client()
      .auth.signInWithPassword({ email: 'nobody@test.local', password: 'whatever-123' });
    expect(unknown.error).toMatchObject({ status: 400, code: 'invalid_credentials' });
  });

  test('GET /user returns the signed-in user', async () => {
    const sb = await api.signedIn('admin');
    const { data, error } = await sb.auth.getUser();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email: ACCOUNTS.admin.email, app_metadata: { provider: 'email' } });
  });
});

describe('refresh-token grant', () => {
  test('rotates: a new refresh token each time, and the new access token works', async () => {
    const sb = await api.signedIn('admin');
    const first = (await sb.auth.getSession()).data.session!;
    const { data, error } = await sb.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(first.refresh_token);
    expect((await sb.rpc('whoami')).data).toMatchObject({ role: 'admin' });
  });

  test('refuses an old refresh token after the reuse interval, and ends that session (reuse detection)', async () => {
    const sb = await api.signedIn('admin');
    const old = (await sb.auth.getSession()).data.session!.refresh_token;
    await sb.auth.refreshSession();
    // Exchanged 11 seconds ago: past config.toml's refresh_token_reuse_interval (10 s).
    await api.db.query(
      `update auth.refresh_tokens set updated_at = now() - interval '11 seconds' where token = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [old],
    );
    const thief = api.client();
    const reuse = await thief.auth.refreshSession({ refresh_token: old });
    expect(reuse.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
    // The whole session is gone: the current refresh token and GET /user fail too.
    const current = (await sb.auth.getSession()).data.session!;
    const after = await api.client().auth.refreshSession({ refresh_token: current.refresh_token });
    expect(after.error?.status).toBe(400);
    const res = await fetch(`${api.url}/auth/v1/user`, {
      headers: { apikey: api.keys.anon, authorization: `Bearer ${current.access_token}` },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('session_not_found');
  });

  test('within the reuse interval, an exchanged token gets a new one of the same session (two tabs refreshing at once)', async () => {
    const sb = await api.signedIn('outreach');
    const first = (await sb.auth.getSession()).data.session!;
    const second = (await sb.auth.refreshSession()).data.session!;
    const again = await api.client().auth.refreshSession({ refresh_token: first.refresh_token });
    expect(again.error).toBeNull();
    const claims = (t: string) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString());
    expect(claims(again.data.session!.access_token).session_id).toBe(claims(first.access_token).session_id);
    // The other tab's token still works, and so does the session.
    expect(
      (await api.client().auth.refreshSession({ refresh_token: second.refresh_token })).error,
    ).toBeNull();
    const whoami = await api.client(again.data.session!.access_token).rpc('whoami');
    expect(whoami.error).toBeNull();
  });

  test('refuses an unknown refresh token', async () => {
    const { error } = await api.client().auth.refreshSession({ refresh_token: 'made-up-token' });
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });
});

describe('logout', () => {
  test('answers 204 and revokes the refresh token', async () => {
    const sb = await api.signedIn('outreach');
    const { refresh_token } = (await sb.auth.getSession()).data.session!;
    expect((await sb.auth.signOut()).error).toBeNull();
    const { error } = await api.client().auth.refreshSession({ refresh_token });
    expect(error?.status).toBe(400);
  });

  test('GET /user without a token answers 401, with a forged one 403', async () => {
    expect((await fetch(`${api.url}/auth/v1/user`)).status).toBe(401);
    const forged = (await fetch(`${api.url}/auth/v1/user`, { headers: { authorization: 'Bearer a.b.c' } }))
      .status;
    expect(forged).toBe(403);
  });
});

describe('disabled staff', () => {
  test('cannot sign in, and their sessions end', async () => {
    await addStaff(api.db, { email: 'leaver@test.local', password: 'Leaver-password-1', role: 'outreach' });
    const sb = api.client();
    await sb.auth.signInWithPassword({ email: 'leaver@test.local', password: 'Leaver-password-1' });
    const { refresh_token } = (await sb.auth.getSession()).data.session!;
    await disableStaff(api.db, 'leaver@test.local');
    expect(
      (
        await api
          .client()
          .auth.signInWithPassword({ email: 'leaver@test.local', password: 'Leaver-password-1' })
      ).error,
    ).toMatchObject({ status: 400, code: 'user_banned' });
    expect((await api.client().auth.refreshSession({ refresh_token })).error?.status).toBe(400);
  });
});

describe('sign-in rate limit', () => {
  test('locks an address out after repeated attempts, then resets', async () => {
    // A second API on the same database, behind a "trusted proxy" so each test address gets its own bucket, with a
    // short window so the lockout can be seen to trip and reset.
    const proxied = await startTestApi({
      db: api.db,
      server: { trustProxy: true, rateLimits: { signIn: { max: 4, per: '2 seconds' } } },
    });
    try {
      const from = (address: string) =>
        proxied.client(undefined, { 'x-forwarded-for': `10.9.9.9, ${address}` });
      const attempt = () =>
        from('198.51.100.7').auth.signInWithPassword({
          email: ACCOUNTS.visitor.email,
          password: 'guessing-123',
        });
      for (let i = 0; i < 4; i++) expect((await attempt()).error?.code).toBe('invalid_credentials');
      expect((await attempt()).error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
      // Locked out even with the right password; another address is not.
      expect((await from('198.51.100.7').auth.signInWithPassword(ACCOUNTS.visitor)).error?.status).toBe(429);
      expect((await from('198.51.100.8').auth.signInWithPassword(ACCOUNTS.visitor)).error).toBeNull();
      await new Promise((r) => setTimeout(r, 2100));
      expect((await from('198.51.100.7').auth.signInWithPassword(ACCOUNTS.visitor)).error).toBeNull();
    } finally {
      await proxied.close();
    }
  });
});
