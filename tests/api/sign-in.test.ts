/**
 * Sign-in that an attacker cannot turn against us (through real HTTP and supabase-js, PGlite): only failures count
 * against an address, accounts back off, JSON only, malformed credentials are 400, the password never reaches the
 * log, and a crowd hammering sign-in does not stall everyone else.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { ApiOptions } from '../../supabase/embedded/api/server.ts';
import { openPglite } from '../../supabase/embedded/db/pglite.ts';
import { ACCOUNTS, preparedDataDir, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ server: { rateLimits: { signIn: { max: 1000, per: '5 minutes' } } } });
});
afterAll(async () => api?.close());

/** A second API on the same database with its own settings, behind a "trusted proxy" so tests pick addresses. */
async function withApi<T>(server: Partial<ApiOptions>, fn: (a: TestApi) => Promise<T>): Promise<T> {
  const other = await startTestApi({ db: api.db, server: { trustProxy: true, ...server } });
  try {
    return await fn(other);
  } finally {
    await other.close();
  }
}
const from = (a: TestApi, address: string) => a.client(undefined, { 'x-forwarded-for': address });
const post = (a: TestApi, body: string, contentType: string) =>
  fetch(`${a.url}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: a.keys.anon, 'content-type': contentType },
    body,
  });

describe('address limit counts failures only', () => {
  test('ten colleagues behind one office address all sign in, though the limit is 3 failures', async () => {
    await withApi({ rateLimits: { signIn: { max: 3, per: '1 minute' } } }, async (office) => {
      const people = [ACCOUNTS.admin, ACCOUNTS.outreach, ACCOUNTS.visitor];
      for (let i = 0; i < 10; i++)
        expect((await from(office, '192.0.2.10').auth.signInWithPassword(people[i % 3]!)).error).toBeNull();
      // Three wrong passwords, then the address is refused even with a right one; another address is not.
      for (let i = 0; i < 3; i++)
        expect(
          (
            await from(office, '192.0.2.10').auth.signInWithPassword({
              email: `nobody${i}@test.local`,
              password: 'Wrong-password-1',
            })
          ).error?.code,
        ).toBe('invalid_credentials');
      expect((await from(office, '192.0.2.10').auth.signInWithPassword(ACCOUNTS.admin)).error).toMatchObject({
        status: 429,
        code: 'over_request_rate_limit',
      });
      expect((await from(office, '192.0.2.11').auth.signInWithPassword(ACCOUNTS.admin)).error).toBeNull();
    });
  });

  test('IPv6 addresses of one /64 share a bucket', async () => {
    await withApi({ rateLimits: { signIn: { max: 2, per: '1 minute' } } }, async (a) => {
      const wrong = { email: 'nobody@test.local', password: 'Wrong-password-1' };
      await from(a, '2001:db8:aa:bb::1').auth.signInWithPassword(wrong);
      await from(a, '2001:db8:aa:bb::2').auth.signInWithPassword(wrong);
      expect(
        (await from(a, '2001:db8:aa:bb:1:2:3:4').auth.signInWithPassword(ACCOUNTS.visitor)).error?.status,
      ).toBe(429);
      expect((await from(a, '2001:db8:aa:bc::1').auth.signInWithPassword(ACCOUNTS.visitor)).error).toBeNull();
    });
  });
});

describe('per-account back-off', () => {
  test('after repeated failures from many addresses the account waits, growing; the right password then works', async () => {
    const target = { email: 'backoff@test.local', password: 'Backoff-password-1' };
    const { addStaff } = await import('../../scripts/lib/staff-accounts.ts');
    await addStaff(api.db, { ...target, role: 'outreach' });
    await withApi({ backoff: { freeFailures: 2, base: '1 second', longest: '2 seconds' } }, async (a) => {
      const guess = (i: number) =>
        from(a, `198.51.100.${20 + i}`).auth.signInWithPassword({
          email: target.email,
          password: `Guess-number-${i}`,
        });
      expect((await guess(0)).error?.code).toBe('invalid_credentials');
      expect((await guess(1)).error?.code).toBe('invalid_credentials'); // second failure: 1 s back-off starts
      const locked = await from(a, '198.51.100.99').auth.signInWithPassword(target);
      expect(locked.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
      expect(locked.error?.message).toMatch(/account/);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await guess(2)).error?.code).toBe('invalid_credentials'); // third failure: 2 s
      await new Promise((r) => setTimeout(r, 1100));
      expect((await from(a, '198.51.100.99').auth.signInWithPassword(target)).error?.status).toBe(429); // still waiting
      await new Promise((r) => setTimeout(r, 1000));
      expect((await from(a, '198.51.100.99').auth.signInWithPassword(target)).error).toBeNull();
      // Success cleared the failures: one wrong password is no longer a lock-out.
      expect((await guess(3)).error?.code).toBe('invalid_credentials');
      expect((await from(a, '198.51.100.99').auth.signInWithPassword(target)).error).toBeNull();
    });
  });
});

describe('requests', () => {
  test('a cross-site form (text/plain, urlencoded) is refused with 415 and burns no attempt', async () => {
    await withApi({ rateLimits: { signIn: { max: 1, per: '1 minute' } } }, async (a) => {
      const body = JSON.stringify({ email: ACCOUNTS.visitor.email, password: 'Wrong-password-1' });
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '',
      ]) {
        const res = await fetch(`${a.url}/auth/v1/token?grant_type=password`, {
          method: 'POST',
          headers: { 'content-type': type, 'x-forwarded-for': '192.0.2.30' },
          body,
        });
        expect(res.status, type).toBe(415);
      }
      // The address still has its one failure left: the first JSON attempt is judged, not refused.
      expect((await from(a, '192.0.2.30').auth.signInWithPassword(ACCOUNTS.visitor)).error).toBeNull();
    });
  });

  test.each([
    ['NUL in the email', { email: 'admin\u0000@test.local', password: 'Whatever-123' }],
    ['NUL in the password', { email: ACCOUNTS.admin.email, password: 'Whatever\u0000-123' }],
    ['an email of 256 characters', { email: `${'a'.repeat(246)}@test.local`, password: 'Whatever-123' }],
    ['a password of 73 bytes', { email: ACCOUNTS.admin.email, password: `A1${'x'.repeat(71)}` }],
    [
      'a password of 25 Chinese characters (75 bytes)',
      { email: ACCOUNTS.admin.email, password: '密'.repeat(25) },
    ],
  ])('%s → 400 validation_failed, never 500', async (_, credentials) => {
    const res = await post(api, JSON.stringify(credentials), 'application/json');
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('validation_failed');
  });

  test('a NUL in a refresh token → 400, and deeply nested JSON → 400', async () => {
    const res = await fetch(`${api.url}/auth/v1/token?grant_type=refresh_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: 'a\u0000b' }),
    });
    expect(res.status).toBe(400);
    const deep = await post(api, `{"email":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'application/json');
    expect(deep.status).toBe(400);
    expect((await deep.json()).code).toBe('bad_json');
  });
});

describe('logging', () => {
  test('a database error during sign-in is logged as SQLSTATE and message, never with the password', async () => {
    // Its own database, with the password column renamed: sign-in's query fails inside the database.
    const dir = await preparedDataDir();
    const db = await openPglite(join(dir, 'pglite'));
    await db.exec('alter table auth.users rename column encrypted_password to encrypted_password_gone');
    const broken = await startTestApi({ db });
    const lines: string[] = [];
    const spies = [
      vi
        .spyOn(console, 'error')
        .mockImplementation(
          (...args: unknown[]) =>
            void lines.push(
              args
                .map((a) =>
                  a instanceof Error
                    ? `${a.stack} ${JSON.stringify(a)}`
                    : typeof a === 'string'
                      ? a
                      : JSON.stringify(a),
                )
                .join(' '),
            ),
        ),
      vi
        .spyOn(console, 'log')
        .mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
      vi
        .spyOn(console, 'warn')
        .mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
      vi
        .spyOn(process.stderr, 'write')
        .mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true)),
    ];
    const password = 'Secret-Canary-4711-zz';
    try {
      const res = await post(
        broken,
        JSON.stringify({ email: ACCOUNTS.admin.email, password }),
        'application/json',
      );
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(text).not.toContain(password);
      expect(text).not.toContain('encrypted_password');
    } finally {
      for (const s of spies) s.mockRestore();
      await broken.close();
      await db.close();
    }
    const log = lines.join('\n');
    expect(log).toMatch(/database error 42703: column .*encrypted_password.* does not exist/);
    expect(log).not.toContain(password);
  });
});

describe('load', () => {
  test('an anon RPC stays fast while 20 clients hammer sign-in (bcrypt cost 10, PGlite in this process)', {
    timeout: 120_000,
  }, async () => {
    await withApi(
      {
        rateLimits: { signIn: { max: 100_000, per: '5 minutes' } },
        backoff: { freeFailures: 100_000, base: '1 second', longest: '1 second' },
      },
      async (a) => {
        const anon = a.client();
        /** At least `n` calls, one every 20 ms, for at least `ms` milliseconds. */
        const measure = async (n: number, ms = 0) => {
          const times: number[] = [];
          const until = performance.now() + ms;
          while (times.length < n || performance.now() < until) {
            const t = performance.now();
            const { error } = await anon.rpc('test_read', { p_n: 1 });
            times.push(performance.now() - t);
            expect(error).toBeNull();
            await new Promise((r) => setTimeout(r, 20));
          }
          return times.sort((x, y) => x - y);
        };
        const pct = (sorted: number[], p: number) =>
          sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;
        const idle = await measure(20); // also warms the function cache
        let stop = false;
        let hammered = 0;
        const hammer = async (i: number) => {
          const client = from(a, `203.0.113.${i + 1}`);
          while (!stop) {
            const { error } = await client.auth.signInWithPassword({
              email: ACCOUNTS.admin.email,
              password: `Wrong-password-${i}`,
            });
            expect(['invalid_credentials', 'over_request_rate_limit']).toContain(error?.code);
            hammered++;
          }
        };
        const clients = Array.from({ length: 20 }, (_, i) => hammer(i));
        await new Promise((r) => setTimeout(r, 300)); // let the crowd build up
        const busy = await measure(40, 4000);
        stop = true;
        await Promise.all(clients);
        const [p50, p99] = [pct(busy, 0.5), pct(busy, 0.99)];
        console.info(
          `anon RPC while 20 clients hammer sign-in: p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms (idle: p50 ${pct(idle, 0.5).toFixed(0)} ms, p99 ${pct(idle, 0.99).toFixed(0)} ms; ${hammered} sign-ins meanwhile)`,
        );
        expect(hammered).toBeGreaterThan(20);
        // With bcrypt in the database every call waited behind a queue of hashes (p50 1-2 s, p99 4-14 s measured here).
        expect(p50).toBeLessThan(300);
        expect(p99).toBeLessThan(2500);
      },
    );
  });

  test('the password checker runs at most its workers at once and refuses beyond its queue', async () => {
    const { createPasswordChecker, CheckersBusy } = await import(
      '../../supabase/embedded/api/password-checker.ts'
    );
    const checker = createPasswordChecker({ workers: 1, queue: 2 });
    try {
      const hash = (
        await api.db.query<{ h: string }>(
          `select extensions.crypt('Right-password-1', extensions.gen_salt('bf', 4)) as h`,
        )
      ).rows[0]!.h;
      const checks = [
        checker.verify('Right-password-1', hash),
        checker.verify('wrong', hash),
        checker.verify('Right-password-1', null),
      ];
      expect(checker.load).toEqual({ running: 1, waiting: 2 });
      await expect(checker.verify('x', hash)).rejects.toBeInstanceOf(CheckersBusy);
      expect(await Promise.all(checks)).toEqual([true, false, false]);
      // pgcrypto's hashes of non-ASCII passwords verify the same.
      const zh = (
        await api.db.query<{ h: string }>(
          `select extensions.crypt('托育密码Abc123', extensions.gen_salt('bf', 4)) as h`,
        )
      ).rows[0]!.h;
      expect(await checker.verify('托育密码Abc123', zh)).toBe(true);
    } finally {
      await checker.close();
    }
  });
});
