/**
 * The sign-in limiter in SQL (migration sign_in_limits), called as the API calls it (service_role, client address in
 * request.headers): only failures count against an address, the account's back-off grows after repeated failures
 * and a success clears it, and no table stores the email.
 */
import { expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { rowsAs, serviceRole } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

const as = (ip: string) => ({ ...serviceRole, headers: { 'x-forwarded-for': ip } });

async function record(
  db: Db,
  ip: string,
  email: string,
  succeeded: boolean,
  maxPerAddress = 3,
): Promise<number> {
  const rows = await rowsAs<{ wait: number }>(
    db,
    as(ip),
    `select app_private.record_sign_in($1, $2, $3, '1 minute', 3, '10 seconds', '40 seconds') as wait`,
    [email, succeeded, maxPerAddress],
  );
  return rows[0].wait;
}
async function exhausted(db: Db, ip: string, max = 3): Promise<boolean> {
  return (
    await rowsAs<{ x: boolean }>(
      db,
      as(ip),
      `select app_private.rate_limit_exhausted('auth.sign_in', $1) as x`,
      [max],
    )
  )[0].x;
}
async function wait(db: Db, email: string): Promise<number> {
  return (
    await rowsAs<{ w: number }>(db, serviceRole, 'select app_private.sign_in_wait($1) as w', [email])
  )[0].w;
}

describeEachDatabase('sign-in limits', (ctx) => {
  test('only failed sign-ins use up an address: any number of successes leave it open', async () => {
    for (let i = 0; i < 10; i++) await record(ctx.db, '198.51.100.60', `colleague${i}@office.test`, true);
    expect(await exhausted(ctx.db, '198.51.100.60')).toBe(false);
    for (let i = 0; i < 3; i++) await record(ctx.db, '198.51.100.60', `guess${i}@office.test`, false);
    expect(await exhausted(ctx.db, '198.51.100.60')).toBe(true);
    expect(await exhausted(ctx.db, '198.51.100.61')).toBe(false);
  });

  test('an account waits 0, 0, then 10, 20, 40, 40 seconds after consecutive failures; success clears it', async () => {
    const email = 'Target@Office.test';
    const waits: number[] = [];
    // Each failure from another address, as a distributed guesser would try.
    for (let i = 0; i < 6; i++) waits.push(await record(ctx.db, `203.0.113.${100 + i}`, email, false, 100));
    expect(waits).toEqual([0, 0, 10, 20, 40, 40]);
    const left = await wait(ctx.db, 'target@office.test'); // the email is compared lower-cased
    expect(left).toBeGreaterThan(30);
    expect(left).toBeLessThanOrEqual(40);
    await record(ctx.db, '203.0.113.1', email, true);
    expect(await wait(ctx.db, email)).toBe(0);
    expect(await record(ctx.db, '203.0.113.1', email, false, 100)).toBe(0);
  });

  test('stores a salted hash of the email, never the email', async () => {
    await record(ctx.db, '203.0.113.50', 'private.person@office.test', false, 100);
    const { rows } = await ctx.db.query<{ t: string }>(
      'select row_to_json(f)::text as t from app_private.sign_in_failures f',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.t).not.toMatch(/private\.person|office\.test/);
    expect(rows.every((r) => /"account_hash":"[0-9a-f]{64}"/.test(r.t))).toBe(true);
  });

  test('refuses nonsense arguments (PT400 sign_in:bad_arguments)', async () => {
    await expect(
      rowsAs(
        ctx.db,
        serviceRole,
        `select app_private.record_sign_in('a@b.c', false, 3, '1 minute', 0, '1 second', '1 minute')`,
      ),
    ).rejects.toThrow(/PT400/);
    await expect(
      rowsAs(
        ctx.db,
        serviceRole,
        `select app_private.record_sign_in('a@b.c', false, 3, '1 minute', 3, '1 minute', '1 second')`,
      ),
    ).rejects.toThrow(/PT400/);
  });
});
