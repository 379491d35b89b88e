/**
 * The client address the SQL limiter sees cannot be chosen by the client: a spoofed X-Forwarded-For resets no
 * bucket, whether the API is reached directly (the socket's address counts) or through a real reverse proxy that
 * appends the address it saw, as nginx's $proxy_add_x_forwarded_for does (the API takes that last entry).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACCOUNTS, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ server: { rateLimits: { signIn: { max: 2, per: '1 minute' } } } });
});
afterAll(async () => api?.close());

/** A reverse proxy in front of `target`: forwards every request, appending the peer's address to X-Forwarded-For. */
async function startProxy(target: string): Promise<{ url: string; server: Server }> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    const peer = req.socket.remoteAddress ?? '';
    const prior = req.headers['x-forwarded-for'];
    const headers = { ...req.headers, 'x-forwarded-for': prior ? `${prior}, ${peer}` : peer };
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const wrong = (i: number) => ({ email: ACCOUNTS.visitor.email, password: `Wrong-password-${i}` });
async function signIn(
  url: string,
  anon: string,
  xff: string,
  credentials: { email: string; password: string },
) {
  const res = await fetch(`${url}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: anon, 'content-type': 'application/json', 'x-forwarded-for': xff },
    body: JSON.stringify(credentials),
  });
  return { status: res.status, code: (await res.json()).code as string };
}

describe('a spoofed X-Forwarded-For', () => {
  test('resets no bucket when the API is reached directly', async () => {
    expect((await signIn(api.url, api.keys.anon, '198.51.100.1', wrong(1))).code).toBe('invalid_credentials');
    expect((await signIn(api.url, api.keys.anon, '198.51.100.2', wrong(2))).code).toBe('invalid_credentials');
    // Two failures from this socket address: a new made-up address every time does not help.
    for (const xff of ['198.51.100.3', '10.0.0.1, 198.51.100.4', '2001:db8::1']) {
      expect(await signIn(api.url, api.keys.anon, xff, ACCOUNTS.visitor)).toEqual({
        status: 429,
        code: 'over_request_rate_limit',
      });
    }
  });

  test('resets no bucket behind a reverse proxy that appends the address it saw', async () => {
    const behind = await startTestApi({
      db: api.db,
      server: { trustProxy: true, rateLimits: { signIn: { max: 2, per: '1 minute' } } },
    });
    const proxy = await startProxy(behind.url);
    try {
      // The proxy's peer is 127.0.0.1 (this test). Clear that address's bucket first: the direct test above used it.
      await api.db.query(`delete from app_private.rate_limit_buckets`);
      expect((await signIn(proxy.url, behind.keys.anon, '203.0.113.1', wrong(3))).code).toBe(
        'invalid_credentials',
      );
      expect((await signIn(proxy.url, behind.keys.anon, '203.0.113.2', wrong(4))).code).toBe(
        'invalid_credentials',
      );
      for (const xff of ['203.0.113.3', '127.0.0.2', '203.0.113.4, 203.0.113.5']) {
        expect(await signIn(proxy.url, behind.keys.anon, xff, ACCOUNTS.visitor)).toEqual({
          status: 429,
          code: 'over_request_rate_limit',
        });
      }
      // What SQL sees in request.headers: the proxy's own entry, not the client's.
      const res = await fetch(`${proxy.url}/rest/v1/rpc/test_request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.66' },
        body: '{}',
      });
      expect((await res.json()).headers['x-forwarded-for']).toBe('127.0.0.1');
    } finally {
      proxy.server.close();
      await behind.close();
    }
  });
});
