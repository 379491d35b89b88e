/** RPC through the real supabase-js client: shapes, arguments, errors, access, limits (PGlite). */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { signJwt } from '../../supabase/embedded/api/jwt.ts';
import { SECRET, SITE_ORIGIN, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

describe('anon RPC', () => {
  test('returns a scalar, a table as an array of objects, and 204 for void', async () => {
    const sb = api.client();
    expect(await sb.rpc('test_echo', { p_int: 7, p_text: '托育' })).toMatchObject({
      status: 200,
      data: { int: 7, text: '托育', arr: null },
    });
    expect((await sb.rpc('test_rows', { p_n: 2 })).data).toEqual([
      { n: 1, label: 'row 1' },
      { n: 2, label: 'row 2' },
    ]);
    expect(await sb.rpc('test_void')).toMatchObject({ status: 204, error: null });
  });

  test('passes arrays and JSON by POST and by GET (query string)', async () => {
    const sb = api.client();
    const args = { p_int: 1, p_arr: ['a', 'b'], p_json: { k: [1, 2] } };
    expect((await sb.rpc('test_echo', args)).data).toMatchObject({ arr: ['a', 'b'], json: { k: [1, 2] } });
    const viaGet = await sb.rpc('test_echo', { p_int: 2, p_arr: ['x', 'y'] }, { get: true });
    expect(viaGet).toMatchObject({ status: 200, data: { int: 2, arr: ['x', 'y'] } });
  });

  test('passes quotes, backslashes and non-ASCII through unchanged', async () => {
    const text = `it's \\ "quoted" \\' '); drop table api_test.writes; -- 托育 \u2028`;
    expect((await api.client().rpc('test_echo', { p_int: 1, p_text: text })).data.text).toBe(text);
    const res = await fetch(`${api.url}/rest/v1/rpc/test_request`, {
      method: 'POST',
      headers: { 'x-note': "a'b\\c", 'content-type': 'application/json' },
      body: '{}',
    });
    expect((await res.json()).headers['x-note']).toBe("a'b\\c");
  });

  test('runs as anon with the claims and the socket address in request.headers', async () => {
    const res = await fetch(`${api.url}/rest/v1/rpc/test_request`, {
      method: 'POST',
      headers: {
        apikey: api.keys.anon,
        authorization: `Bearer ${api.keys.anon}`,
        'content-type': 'application/json',
        'x-forwarded-for': '203.0.113.9',
      },
      body: '{}',
    });
    const body = await res.json();
    expect(body).toMatchObject({ role: 'anon', claims: { role: 'anon' }, read_only: 'on' });
    // The client's own X-Forwarded-For is not trusted: the API passes the socket's address.
    expect(body.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  test('runs a GET call read-only: a write answers 405 (25006)', async () => {
    const { status, error } = await api.client().rpc('test_write', { p_n: 1 }, { get: true });
    expect(status).toBe(405);
    expect(error?.code).toBe('25006');
  });

  test('answers 404 PGRST202 for an unknown function or unknown arguments', async () => {
    const sb = api.client();
    expect(await sb.rpc('no_such_function')).toMatchObject({ status: 404, error: { code: 'PGRST202' } });
    expect(await sb.rpc('test_echo', { p_nope: 1 })).toMatchObject({
      status: 404,
      error: { code: 'PGRST202' },
    });
    expect(await sb.rpc('test_echo', {})).toMatchObject({ status: 404, error: { code: 'PGRST202' } });
  });

  test('refuses table endpoints with 404', async () => {
    for (const table of ['staff', 'audit_log', 'users']) {
      const { status, error } = await api.client().from(table).select();
      expect(status).toBe(404);
      expect(error?.code).toBe('PGRST205');
    }
    const res = await fetch(`${api.url}/rest/v1/staff`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${api.keys.serviceRole}` },
    });
    expect(res.status).toBe(404);
  });
});

describe("an error that is not the database's", () => {
  test('is logged with its stack and answered 500 without details', async () => {
    const { kind, query, exec, close } = api.db;
    const failing = await startTestApi({
      db: {
        kind,
        query,
        exec,
        close,
        transaction: () => Promise.reject(new TypeError('internal detail: /srv/tuoyu/secret-path')),
      },
    });
    const lines: string[] = [];
    const spy = vi
      .spyOn(console, 'error')
      .mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    try {
      const res = await fetch(`${failing.url}/rest/v1/rpc/test_void`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({
        code: 'PGRST000',
        message: 'Internal server error',
        details: null,
        hint: null,
      });
    } finally {
      spy.mockRestore();
      await failing.close();
    }
    expect(lines.join('\n')).toMatch(/TypeError: internal detail: \/srv\/tuoyu\/secret-path\n\s+at /);
  });
});

describe('a Db without a driver handle (transaction path)', () => {
  test('calls, maps errors and runs GET read-only the same way', async () => {
    const { kind, query, exec, transaction, close } = api.serving;
    const plain = await startTestApi({ db: { kind, query, exec, transaction, close } });
    try {
      const sb = plain.client();
      expect((await sb.rpc('test_rows', { p_n: 1 })).data).toEqual([{ n: 1, label: 'row 1' }]);
      expect(await sb.rpc('list_staff')).toMatchObject({ status: 401, error: { code: '42501' } });
      expect((await sb.rpc('test_write', { p_n: 2 }, { get: true })).status).toBe(405);
      expect((await sb.rpc('test_request')).data).toMatchObject({ role: 'anon', read_only: 'on' });
    } finally {
      await plain.close();
    }
  });
});

describe('error mapping', () => {
  test.each([
    ['P0001', 400],
    ['23505', 409],
    ['23503', 409],
    ['23514', 400],
    ['22P02', 400],
    ['42501', 401],
    ['25006', 405],
    ['40001', 500],
    ['53300', 503],
    ['57014', 500],
    ['P0002', 500],
    ['XX000', 500],
    ['54001', 500],
    ['53400', 500],
    ['42P17', 500],
    // Our refusals: PTnnn answers nnn, as PostgREST does, for anon too.
    ['PT400', 400],
    ['PT401', 401],
    ['PT403', 403],
    ['PT404', 404],
    ['PT409', 409],
    ['PT429', 429],
  ])('maps SQLSTATE %s to %i with a PostgREST body', async (code, status) => {
    const res = await api.client().rpc('test_raise', { p_code: code });
    expect(res.status).toBe(status);
    expect(res.error).toEqual({
      code,
      message: `test error ${code}`,
      details: 'test detail',
      hint: 'test hint',
    });
  });

  test('maps 42501 to 403 for a signed-in caller', async () => {
    const sb = await api.signedIn('visitor');
    expect((await sb.rpc('test_raise', { p_code: '42501' })).status).toBe(403);
  });
});

describe('staff-only functions', () => {
  test('refuse anon with 401 and a non-staff user with 403', async () => {
    expect(await api.client().rpc('list_staff')).toMatchObject({ status: 401, error: { code: '42501' } });
    const visitor = await api.signedIn('visitor');
    expect(await visitor.rpc('list_staff')).toMatchObject({
      status: 403,
      error: { code: 'PT403', details: 'staff:role_required' },
    });
    const outreach = await api.signedIn('outreach');
    expect(await outreach.rpc('list_staff')).toMatchObject({
      status: 403,
      error: { code: 'PT403', message: 'admin role required', details: 'staff:role_required' },
    });
  });

  test('answer an admin', async () => {
    const admin = await api.signedIn('admin');
    const { data, error } = await admin.rpc('list_staff');
    expect(error).toBeNull();
    expect(data.map((s: { email: string }) => s.email).sort()).toEqual([
      'admin@test.local',
      'outreach@test.local',
    ]);
    expect((await admin.rpc('whoami')).data).toMatchObject({ email: 'admin@test.local', role: 'admin' });
  });
});

describe('tokens', () => {
  const call = (token: string) =>
    fetch(`${api.url}/rest/v1/rpc/test_request`, {
      method: 'POST',
      headers: {
        apikey: api.keys.anon,
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });

  test('refuse a forged token (other secret) with 401 PGRST301', async () => {
    const forged = await signJwt(
      { role: 'service_role', exp: Math.floor(Date.now() / 1000) + 60 },
      'not-the-secret-not-the-secret-not-the-secret',
    );
    const res = await call(forged);
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('PGRST301');
    const admin = api.client(forged);
    expect(await admin.rpc('test_void')).toMatchObject({ status: 401, error: { code: 'PGRST301' } });
  });

  test('refuse an expired token with 401 PGRST301', async () => {
    const expired = await signJwt(
      { role: 'authenticated', sub: crypto.randomUUID(), exp: Math.floor(Date.now() / 1000) - 5 },
      SECRET,
    );
    const res = await call(expired);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'PGRST301', message: 'JWT expired' });
  });

  test('refuse a role outside anon, authenticated, service_role', async () => {
    const res = await call(
      await signJwt({ role: 'postgres', exp: Math.floor(Date.now() / 1000) + 60 }, SECRET),
    );
    expect(res.status).toBe(401);
  });

  test('treat a non-JWT key as anon', async () => {
    const body = await (await call('sb_publishable_not_a_jwt')).json();
    expect(body.role).toBe('anon');
  });
});

describe('request limits', () => {
  test('answers 413 over 64 KB', async () => {
    const { status, error } = await api.client().rpc('test_echo', { p_int: 1, p_text: 'x'.repeat(70_000) });
    expect(status).toBe(413);
    expect(error?.code).toBe('PGRST413');
  });

  test('answers 400 PGRST102 to malformed JSON and to a non-object body', async () => {
    for (const body of ['{"p_int":', '[1,2]', '"text"']) {
      const res = await fetch(`${api.url}/rest/v1/rpc/test_echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('PGRST102');
    }
    const auth = await fetch(`${api.url}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{bad',
    });
    expect(auth.status).toBe(400);
  });

  test('answers 400 to JSON nested deeper than 64 levels (it never reaches the database)', async () => {
    const nested = (depth: number) => `{"p_int":1,"p_json":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const deep = await fetch(`${api.url}/rest/v1/rpc/test_echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: nested(10_000),
    });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({
      code: 'PGRST102',
      details: 'JSON nested deeper than 64 levels',
    });
    // Brackets inside strings do not count; 60 levels are fine.
    expect((await api.client().rpc('test_echo', { p_int: 1, p_text: '['.repeat(200) })).status).toBe(200);
    const ok = await fetch(`${api.url}/rest/v1/rpc/test_echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: nested(60),
    });
    expect(ok.status).toBe(200);
  });

  test('answers 405 to other verbs on a function', async () => {
    const res = await fetch(`${api.url}/rest/v1/rpc/test_void`, { method: 'DELETE' });
    expect(res.status).toBe(405);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${api.url}/rest/v1/rpc/test_void`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'apikey, authorization, content-type, content-profile, x-client-info',
      },
    });

  test('allows the site origin', async () => {
    const res = await preflight(SITE_ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE_ORIGIN);
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  test('does not allow another origin', async () => {
    const res = await preflight('https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
