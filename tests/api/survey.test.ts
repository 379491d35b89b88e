/**
 * The survey's refusals through the real API and supabase-js (PGlite): each carries the HTTP status PostgREST
 * gives its PTnnn SQLSTATE and its machine code in `details` — never a 5xx; and the start token works over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';
import { surveyFixture } from '../fixtures/survey.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

/** A start token signed a minute ago (the owner's signing function), as if the form had been open that long. */
const aged = async () =>
  (
    await api.db.query<{ t: string }>(
      `select app_private.sign_survey_start(now() - interval '1 minute') as t`,
    )
  ).rows[0].t;
const answer = (token: string, extra: object = {}) => ({
  ...surveyFixture(1, randomUUID(), ''),
  start_token: token,
  ...extra,
});
const outcome = (r: { status: number; error: { code: string; details: string | null } | null }) =>
  r.error ? `${r.status} ${r.error.code} ${r.error.details}` : `${r.status}`;

test('start_survey gives a token; sent straight away it is 400 survey_too_fast with the seconds to wait', async () => {
  const sb = api.client();
  const start = await sb.rpc('start_survey');
  expect(start.status).toBe(200);
  expect(start.data.min_fill_seconds).toBe(20);
  const r = await sb.rpc('submit_survey', { p_response: answer(start.data.token) });
  expect(outcome(r)).toBe('400 PT400 survey_too_fast');
  expect(Number(r.error?.hint)).toBeGreaterThan(15);
  expect(Number(r.error?.hint)).toBeLessThanOrEqual(20);
});

test('refusals by status and code: honeypot 400, reused token 409, unknown paper source 404, taken point 409', async () => {
  const sb = api.client();
  const token = await aged();
  expect(outcome(await sb.rpc('submit_survey', { p_response: answer(token, { website: 'x' }) }))).toBe(
    '400 PT400 survey_honeypot',
  );
  const first = await sb.rpc('submit_survey', { p_response: answer(token) });
  expect(first.status).toBe(200);
  expect(first.data.reference).toMatch(/^GC-[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);
  expect(outcome(await sb.rpc('submit_survey', { p_response: answer(token) }))).toBe(
    '409 PT409 survey_start_token_used',
  );
  expect(outcome(await sb.rpc('submit_survey', { p_response: answer('forged') }))).toBe(
    '400 PT400 survey_start_token_invalid',
  );
  expect(
    outcome(await sb.rpc('submit_survey', { p_response: answer(await aged(), { relation: 'uncle' }) })),
  ).toBe('400 PT400 survey_invalid_answer');
  const staff = await api.signedIn('outreach');
  expect(
    outcome(await staff.rpc('enter_paper_survey', { p_response: answer(''), p_source_code: 'nowhere' })),
  ).toBe('404 PT404 survey_unknown_source');
  const point = { p_code: 'api-point', p_name: 'x', p_township: '341702001', p_distributed_on: '2026-06-01' };
  expect((await staff.rpc('create_distribution_point', point)).status).toBe(200);
  expect(outcome(await staff.rpc('create_distribution_point', point))).toBe('409 PT409 survey_point_exists');
});

test('over the per-address limit: 429 survey_rate_limited', async () => {
  await api.db.query('update app_private.survey_settings set max_submissions_per_minute = 1');
  try {
    const sb = api.client();
    const results: string[] = [];
    for (let i = 0; i < 3; i++)
      results.push(outcome(await sb.rpc('submit_survey', { p_response: answer(await aged()) })));
    // One answer a minute from this address (one may already have come from the test above): then 429.
    expect(results.filter((r) => r === '200').length).toBeLessThanOrEqual(1);
    expect(results.at(-1)).toBe('429 PT429 survey_rate_limited');
    expect(results.every((r) => r === '200' || r === '429 PT429 survey_rate_limited')).toBe(true);
  } finally {
    await api.db.query('update app_private.survey_settings set max_submissions_per_minute = 30');
  }
});
