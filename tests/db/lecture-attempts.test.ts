/**
 * Every attempt counts (issue 15 item 1), on PGlite and PostgreSQL 15: refusals of look-up, cancel and sign-up are
 * returned with response.status (app_private.refusal) instead of raised, so the hit they counted commits. Limits
 * (migration 20261206001200_attempts_count.sql): per address 30 look-ups/cancels per 10 minutes and 20 sign-ups
 * per hour; per phone 10 wrong codes per hour from any address; per (event, phone) 5 sign-up attempts per hour.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import type { Actor } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

let ipCounter = 0;
/** A fresh address (its own rate-limit bucket) per call unless one is given. */
const from = (ip = `203.0.${(++ipCounter >> 8) & 255}.${ipCounter & 255}`): Actor => ({
  role: 'anon',
  headers: { 'x-forwarded-for': ip },
});
/** The refusal code (details) of a call, or 'ok'; read as the API reads it: response.status and the body. */
async function attempt(db: Db, who: Actor, sql: string, params: unknown[]): Promise<string> {
  let outcome = 'ok';
  await db.transaction(async (tx) => {
    await tx.exec(`set local role ${who.role}`);
    await tx.query(
      `select set_config('request.jwt.claims', $1, true), set_config('request.headers', $2, true)`,
      [JSON.stringify({ role: who.role }), JSON.stringify(who.headers ?? {})],
    );
    const { rows } = await tx.query<{ r: { code?: string; details?: string } }>(`select ${sql} as r`, params);
    const status = (
      await tx.query<{ s: string | null }>(`select current_setting('response.status', true) as s`)
    ).rows[0]!.s;
    if (Number(status) >= 400) {
      // The body is PostgREST's error shape, its code the PTnnn of the status.
      expect(rows[0]!.r.code).toBe(`PT${status}`);
      outcome = rows[0]!.r.details ?? 'no details';
    }
  });
  return outcome;
}
const lookup = (db: Db, who: Actor, mobile: string, code: string) =>
  attempt(db, who, 'public.lookup_lecture_registration($1, $2)', [mobile, code]);
const cancel = (db: Db, who: Actor, mobile: string, code: string) =>
  attempt(db, who, 'public.cancel_lecture_registration($1, $2)', [mobile, code]);
const signUp = (db: Db, who: Actor, eventId: string, mobile: string, name = 'Parent') =>
  attempt(db, who, 'public.sign_up_for_lecture($1, $2, $3, 1, $4, true)', [eventId, name, mobile, 'under_1']);

/** Codes that are certainly wrong: right alphabet, never issued (registrations below use fixed codes). */
const wrongCode = (i: number) =>
  `WX${String(i)
    .padStart(4, '0')
    .replace(/[0125 8]/g, '7')}`;
/** A mobile number per i that no registration has. */
const strangerPhone = (i: number) => `1590${String(i).padStart(7, '0')}`;

describeEachDatabase('lecture attempts', (ctx) => {
  let eventId: string;
  const parentPhone = '13912340000';
  const parentCode = '3469AC';
  beforeAll(async () => {
    eventId = randomUUID();
    await ctx.db.query(
      `insert into app.lecture_events (id, title, kind, venue, township, starts_at, ends_at, capacity, status, published_at, signups)
       values ($1, 'Attempts', 'parent_class', 'Hall', '秋浦街道', now() + interval '2 days', now() + interval '2 days 2 hours', 50, 'published', now(), 10)`,
      [eventId],
    );
    await ctx.db.query(
      `insert into app.lecture_registrations (event_id, code, signup_no, name, mobile, adults, child_age_band, consent_at, status, confirmed_at)
       values ($1, $2, 1, 'Parent', $3, 1, 'under_1', now(), 'confirmed', now())`,
      [eventId, parentCode, parentPhone],
    );
  });

  test('200 wrong look-ups from one address: 30 are answered, every later one is refused (429)', async () => {
    const who = from('198.51.100.10');
    const outcomes: string[] = [];
    // A different phone each time, so only the address limit is in play.
    for (let i = 0; i < 200; i++) outcomes.push(await lookup(ctx.db, who, strangerPhone(i), wrongCode(i)));
    expect(outcomes.slice(0, 30)).toEqual(Array(30).fill('lecture:not_found'));
    expect(outcomes.slice(30)).toEqual(Array(170).fill('lecture:rate_limited'));
    // Now even the right phone and code wait at this address; another address gets in.
    expect(await lookup(ctx.db, who, parentPhone, parentCode)).toBe('lecture:rate_limited');
    expect(await lookup(ctx.db, from(), parentPhone, parentCode)).toBe('ok');
  });

  test('200 wrong cancels from one address: 30 are answered, every later one is refused (429), nobody is cancelled', async () => {
    const who = from('198.51.100.11');
    const outcomes: string[] = [];
    for (let i = 0; i < 200; i++)
      outcomes.push(await cancel(ctx.db, who, strangerPhone(1000 + i), wrongCode(i)));
    expect(outcomes.slice(0, 30)).toEqual(Array(30).fill('lecture:not_found'));
    expect(outcomes.slice(30)).toEqual(Array(170).fill('lecture:rate_limited'));
    const { rows } = await ctx.db.query<{ status: string }>(
      'select status from app.lecture_registrations where code = $1',
      [parentCode],
    );
    expect(rows).toEqual([{ status: 'confirmed' }]);
  });

  test('a parent who mistypes the code twice still gets in', async () => {
    const who = from();
    const phone = '13912340001';
    await ctx.db.query(
      `insert into app.lecture_registrations (event_id, code, signup_no, name, mobile, adults, child_age_band, consent_at, status, confirmed_at)
       values ($1, '3469AD', 2, 'Typo', $2, 1, 'under_1', now(), 'confirmed', now())`,
      [eventId, phone],
    );
    expect(await lookup(ctx.db, who, phone, '3469AE')).toBe('lecture:not_found');
    expect(await lookup(ctx.db, who, phone, '3469A')).toBe('lecture:not_found');
    expect(await lookup(ctx.db, who, phone, '3469-ad')).toBe('ok');
    expect(await cancel(ctx.db, who, phone, '3469AD')).toBe('ok');
  });

  test('the per-phone limit holds across many addresses: after 10 wrong codes even the right one waits', async () => {
    const phone = '13912340002';
    await ctx.db.query(
      `insert into app.lecture_registrations (event_id, code, signup_no, name, mobile, adults, child_age_band, consent_at, status, confirmed_at)
       values ($1, '3469AF', 3, 'Target', $2, 1, 'under_1', now(), 'confirmed', now())`,
      [eventId, phone],
    );
    const outcomes: string[] = [];
    // 40 addresses, one guess each (well within each address's own limit), alternating look-up and cancel.
    for (let i = 0; i < 40; i++)
      outcomes.push(await (i % 2 ? cancel : lookup)(ctx.db, from(), phone, wrongCode(5000 + i)));
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('lecture:not_found'));
    expect(outcomes.slice(10)).toEqual(Array(30).fill('lecture:phone_rate_limited'));
    expect(await lookup(ctx.db, from(), phone, '3469AF')).toBe('lecture:phone_rate_limited');
    expect(await cancel(ctx.db, from(), phone, '3469AF')).toBe('lecture:phone_rate_limited');
    // Another phone is not affected.
    expect(await lookup(ctx.db, from(), parentPhone, parentCode)).toBe('ok');
    // The buckets hold no phone number.
    const { rows } = await ctx.db.query<{ n: number }>(
      `select count(*)::int as n from app_private.rate_limit_buckets where client_hash like '%' || $1 || '%' or action like '%' || $1 || '%'`,
      [phone],
    );
    expect(rows[0]!.n).toBe(0);
  });

  test('failed sign-ups count: per (event, phone) 5 attempts an hour from any address; per address 20', async () => {
    // "Is this phone registered?" asked from many addresses: 5 answers, then 429 for that event and phone.
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) outcomes.push(await signUp(ctx.db, from(), eventId, parentPhone));
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('lecture:duplicate'));
    expect(outcomes.slice(5)).toEqual(Array(7).fill('lecture:phone_rate_limited'));
    // The same phone for another (unknown) event has its own count; an unknown event is a 404 that counts.
    expect(await signUp(ctx.db, from(), randomUUID(), parentPhone)).toBe('lecture:no_event');
    // One address, invalid sign-ups: 20 answered, then refused.
    const who = from('198.51.100.12');
    const mine: string[] = [];
    for (let i = 0; i < 25; i++) mine.push(await signUp(ctx.db, who, eventId, strangerPhone(9000 + i), ''));
    expect(mine.slice(0, 20)).toEqual(Array(20).fill('lecture:bad_name'));
    expect(mine.slice(20)).toEqual(Array(5).fill('lecture:rate_limited'));
    expect(await signUp(ctx.db, who, eventId, '13912349999')).toBe('lecture:rate_limited');
    expect(await signUp(ctx.db, from(), eventId, '13912349999')).toBe('ok');
  });
});
