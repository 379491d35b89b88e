/**
 * Every attempt counts, through the embedded API and supabase-js as a page sees it: a returned refusal
 * (response.status) answers its HTTP status with PostgREST's error body, and the attempt it counted is committed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

test('200 wrong look-ups from one address: 30 answered 404 lecture:not_found, the rest 429, counted in the database', async () => {
  const eventId = randomUUID();
  await api.db.query(
    `insert into app.lecture_events (id, title, kind, venue, township, starts_at, ends_at, capacity, status, published_at, signups)
     values ($1, 'API attempts', 'parent_class', 'Hall', '秋浦街道', now() + interval '2 days', now() + interval '2 days 2 hours', 5, 'published', now(), 1)`,
    [eventId],
  );
  await api.db.query(
    `insert into app.lecture_registrations (event_id, code, signup_no, name, mobile, adults, child_age_band, consent_at, status, confirmed_at)
     values ($1, '3469AC', 1, 'Parent', '13912340000', 1, 'under_1', now(), 'confirmed', now())`,
    [eventId],
  );
  const sb = api.client();
  const statuses: number[] = [];
  const started = performance.now();
  for (let i = 0; i < 200; i++) {
    const { data, error, status } = await sb.rpc('lookup_lecture_registration', {
      p_mobile: `1590${String(i).padStart(7, '0')}`,
      p_code: 'WXYWXY',
    });
    expect(data).toBeNull();
    expect(error).toMatchObject(
      i < 30
        ? {
            code: 'PT404',
            details: 'lecture:not_found',
            message: 'no registration matches this phone number and code',
          }
        : { code: 'PT429', details: 'lecture:rate_limited' },
    );
    statuses.push(status);
  }
  const seconds = (performance.now() - started) / 1000;
  expect(statuses.filter((s) => s === 404)).toHaveLength(30);
  expect(statuses.filter((s) => s === 429)).toHaveLength(170);
  // The refused attempts were committed: the address's bucket is full.
  const { rows } = await api.db.query<{ hits: number }>(
    `select hits from app_private.rate_limit_buckets where action = 'lectures.lookup'`,
  );
  expect(rows).toEqual([{ hits: 31 }]);
  // The right code from this address waits too (the limit is on guesses, not on wrong answers only).
  expect(
    (await sb.rpc('lookup_lecture_registration', { p_mobile: '13912340000', p_code: '3469AC' })).status,
  ).toBe(429);
  console.info(
    `lecture look-ups through the API: 200 attempts in ${seconds.toFixed(1)} s (${Math.round((200 / seconds) * 60)}/min offered), 30 evaluated, 170 refused`,
  );
});

test('a raised refusal and a returned one look the same to supabase-js', async () => {
  const raised = await api.client().rpc('get_lecture_event', { p_id: randomUUID() });
  expect(raised.status).toBe(404);
  expect(raised.error).toEqual({
    code: 'PT404',
    message: 'no such event',
    details: 'lecture:no_event',
    hint: null,
  });
  const returned = await api.client().rpc('sign_up_for_lecture', {
    p_event_id: randomUUID(),
    p_name: 'Parent',
    p_mobile: '13912345678',
    p_adults: 1,
    p_child_age_band: 'under_1',
    p_consent: true,
  });
  expect(returned.status).toBe(404);
  expect(returned.error).toEqual({
    code: 'PT404',
    message: 'no such event',
    details: 'lecture:no_event',
    hint: null,
  });
});
