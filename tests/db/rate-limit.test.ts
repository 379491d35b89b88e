/**
 * app_private.hit_rate_limit, called as the API calls it (service_role, client address in request.headers): trips at
 * max + 1, resets after the window, one bucket per address and action, and never stores the raw address.
 */
import { expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { asRole, rowsAs, serviceRole } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

/** One hit as the API would make it for a request with these headers; returns whether it is within the limit. */
async function hit(
  db: Db,
  headers: Record<string, string>,
  action: string,
  max: number,
  per = '1 second',
): Promise<boolean> {
  const rows = await rowsAs<{ ok: boolean }>(
    db,
    { ...serviceRole, headers },
    'select app_private.hit_rate_limit($1, $2, $3::interval) as ok',
    [action, max, per],
  );
  return rows[0].ok;
}
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDatabase('rate limit', (ctx) => {
  test('allows max_hits and refuses hit max_hits + 1 and after', async () => {
    const results: boolean[] = [];
    for (let i = 0; i < 5; i++) results.push(await hit(ctx.db, from('198.51.100.1'), 'trip', 3, '1 minute'));
    expect(results).toEqual([true, true, true, false, false]);
  });

  test('resets once the window has passed (1 second window, real wait)', async () => {
    expect([
      await hit(ctx.db, from('198.51.100.4'), 'reset', 1),
      await hit(ctx.db, from('198.51.100.4'), 'reset', 1),
    ]).toEqual([true, false]);
    await sleep(1100);
    expect(await hit(ctx.db, from('198.51.100.4'), 'reset', 1)).toBe(true);
    expect(await hit(ctx.db, from('198.51.100.4'), 'reset', 1)).toBe(false);
  });

  test('distinct addresses and distinct actions have separate buckets', async () => {
    for (let i = 0; i < 3; i++) await hit(ctx.db, from('198.51.100.2'), 'separate', 3, '1 minute');
    expect(await hit(ctx.db, from('198.51.100.2'), 'separate', 3, '1 minute')).toBe(false);
    expect(await hit(ctx.db, from('198.51.100.3'), 'separate', 3, '1 minute')).toBe(true);
    expect(await hit(ctx.db, from('198.51.100.2'), 'other-action', 3, '1 minute')).toBe(true);
  });

  test('the LAST x-forwarded-for entry is the client (the one the nearest proxy appended); entries to its left are ignored', async () => {
    const limit = (headers: Record<string, string>) => hit(ctx.db, headers, 'which-address', 1, '1 minute');
    expect(await limit({ 'x-forwarded-for': '10.0.0.1, 203.0.113.9' })).toBe(true);
    // The same client, having written its own "first" entries to get a fresh bucket: still the same bucket.
    expect(await limit({ 'x-forwarded-for': '198.51.100.250, 203.0.113.9' })).toBe(false);
    expect(await limit({ 'x-forwarded-for': ' 203.0.113.9 ' })).toBe(false);
    expect(await limit({ 'x-forwarded-for': '203.0.113.9, 203.0.113.10' })).toBe(true); // another client
    // x-real-ip is a header any client can send: it does not pick a bucket (no forwarded entry → 'unknown').
    expect(await limit({ 'x-real-ip': '203.0.113.11' })).toBe(true);
    expect(await limit({ 'x-real-ip': '203.0.113.12' })).toBe(false);
  });

  test('IPv6 clients count per /64; IPv4-mapped IPv6 counts as the IPv4 address', async () => {
    const limit = (xff: string) => hit(ctx.db, { 'x-forwarded-for': xff }, 'ipv6', 1, '1 minute');
    expect(await limit('2001:db8:1:2::1')).toBe(true);
    expect(await limit('2001:db8:1:2:ffff:ffff:ffff:fffe')).toBe(false); // same /64
    expect(await limit('2001:db8:1:3::1')).toBe(true); // next /64
    expect(await limit('::ffff:192.0.2.200')).toBe(true);
    expect(await limit('192.0.2.200')).toBe(false);
    expect(await limit('::ffff:192.0.2.201')).toBe(true);
  });

  test('an entry that is not an address still counts, as itself', async () => {
    const limit = (xff: string) => hit(ctx.db, { 'x-forwarded-for': xff }, 'not-an-address', 1, '1 minute');
    expect(await limit('1.2.3.4, unknown-host')).toBe(true);
    expect(await limit('unknown-host')).toBe(false);
    expect(await limit("x'); drop table app.staff; --")).toBe(true);
  });

  test('stores only a salted hash: no table holds the raw address or its plain sha256', async () => {
    const ip = '192.0.2.77';
    await hit(ctx.db, from(ip), 'privacy', 3, '1 minute');
    const { rows } = await ctx.db.query<{ t: string }>(
      `select format('select row_to_json(x)::text as t from %I.%I x', n.nspname, c.relname) as t
       from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('app', 'app_private') and c.relkind = 'r'`,
    );
    const plainHash = (
      await ctx.db.query<{ h: string }>(`select encode(sha256(convert_to($1, 'UTF8')), 'hex') as h`, [ip])
    ).rows[0].h;
    let scanned = 0;
    for (const { t: scan } of rows) {
      for (const row of (await ctx.db.query<{ t: string }>(scan)).rows) {
        scanned++;
        expect(row.t).not.toContain(ip);
        expect(row.t).not.toContain(plainHash);
      }
    }
    expect(scanned).toBeGreaterThan(1);
    const bucket = await ctx.db.query<{ client_hash: string }>(
      `select client_hash from app_private.rate_limit_buckets where action = 'privacy'`,
    );
    expect(bucket.rows).toEqual([{ client_hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  test('the salt is 32 random bytes made by the migration and readable by no API role', async () => {
    const { rows } = await ctx.db.query<{ n: number; len: number }>(
      'select count(*)::int as n, max(octet_length(salt)) as len from app_private.rate_limit_secret',
    );
    expect(rows[0]).toEqual({ n: 1, len: 32 });
    for (const role of ['anon', 'authenticated', 'service_role'] as const) {
      const r = await asRole(ctx.db, { role }, 'select salt from app_private.rate_limit_secret');
      expect(r).toMatchObject({ ok: false, code: '42501' });
    }
  });

  test('expired buckets are pruned', async () => {
    // The live bucket first: a hit prunes expired buckets now and then (1 in 100), so the expiring bucket's hit
    // must be the last one made, or that random prune may already have removed it.
    await hit(ctx.db, from('198.51.100.51'), 'prune', 3, '1 hour');
    await hit(ctx.db, from('198.51.100.50'), 'prune', 3, '1 millisecond');
    await sleep(20);
    const pruned = await ctx.db.query<{ n: number }>('select app_private.prune_rate_limit_buckets() as n');
    expect(pruned.rows[0].n).toBeGreaterThanOrEqual(1);
    const left = await ctx.db.query(`select 1 from app_private.rate_limit_buckets where action = 'prune'`);
    expect(left.rows.length).toBe(1);
  });

  test('refuses nonsense arguments (PT400 rate_limit:bad_arguments)', async () => {
    for (const [max, per] of [
      [0, '1 minute'],
      [3, '0 seconds'],
      [3, '-1 minute'],
    ] as const) {
      const r = await asRole(ctx.db, serviceRole, 'select app_private.hit_rate_limit($1, $2, $3::interval)', [
        'bad',
        max,
        per,
      ]);
      expect(r).toMatchObject({ ok: false, code: 'PT400' });
    }
  });
});
