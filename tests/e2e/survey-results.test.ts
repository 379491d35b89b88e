/**
 * Published results against the test API: fixture answers sent as anon (township 棠溪镇 and 乌沙镇, which no
 * other browser test uses), then the page shows their counts, and "fewer than 5" for a township with 3.
 */
import { randomUUID } from 'node:crypto';
import { test, expect } from './fixtures.ts';
import { violations } from './axe.ts';
import { surveyFixture } from '../fixtures/survey.ts';
import { E2E_API_URL, e2eBuildEnv } from '../support/e2e-env.ts';
import { S } from './survey-helpers.ts';

const TANGXI = '341702108';
const WUSHA = '341702107';

async function submit(answer: object, ip: string) {
  const key = e2eBuildEnv().PUBLIC_SUPABASE_ANON_KEY;
  const r = await fetch(`${E2E_API_URL}/rest/v1/rpc/submit_survey`, {
    method: 'POST',
    headers: { apikey: key, authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ p_response: answer }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
}

test('results: counts per township from the fixtures, small counts shown as "fewer than 5", no violations', async ({ page }) => {
  // 8 answers in 棠溪镇 (fixtures 0–7: wants care unless i % 4 == 3 → 6 want care), 3 in 乌沙镇.
  const tangxi = Array.from({ length: 8 }, (_, i) => ({ ...surveyFixture(i, randomUUID(), ''), township: TANGXI }));
  const wusha = Array.from({ length: 3 }, (_, i) => ({ ...surveyFixture(i, randomUUID(), ''), township: WUSHA }));
  for (const [i, a] of [...tangxi, ...wusha].entries()) await submit(a, `198.19.7.${i + 1}`);
  const wantCare = tangxi.filter((a) => a.wants_care === 'yes').length;

  await page.goto('/survey/results/');
  const row = (name: string) => page.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(row('棠溪镇').getByRole('cell')).toHaveText(['8', String(wantCare)]);
  await expect(row('乌沙镇').getByRole('cell')).toHaveText([S['results.suppressed'], S['results.suppressed']]);
  expect(await violations(page)).toEqual([]);
});

test('the home page survey card links to the survey and to the results', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /托育服务需求调查/ }).first().click();
  await expect(page).toHaveURL(/\/survey\/$/);
  await page.goto('/');
  await page.getByRole('link', { name: '查看已公布的调查结果' }).click();
  await expect(page).toHaveURL(/\/survey\/results\/$/);
});
