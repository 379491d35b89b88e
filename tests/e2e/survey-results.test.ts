/**
 * Published results against the test API: fixture answers sent as anon (to townships no other browser test uses),
 * then the page shows their counts, and "fewer than 5" for a township with 3.
 */
import { randomUUID } from 'node:crypto';
import { test, expect } from './fixtures.ts';
import { violations } from './axe.ts';
import { surveyFixture } from '../fixtures/survey.ts';
import { E2E_API_URL, e2eBuildEnv } from '../support/e2e-env.ts';
import { S } from './survey-helpers.ts';

/** Townships no other browser test answers for; one pair per project, as both projects share the test API. */
const PAIRS = {
  mobile: [
    ['341702108', '棠溪镇'],
    ['341702107', '乌沙镇'],
  ],
  desktop: [
    ['341702106', '牌楼镇'],
    ['341702105', '唐田镇'],
  ],
} as const;

async function submit(answer: object, ip: string) {
  const key = e2eBuildEnv().PUBLIC_SUPABASE_ANON_KEY;
  const r = await fetch(`${E2E_API_URL}/rest/v1/rpc/submit_survey`, {
    method: 'POST',
    headers: {
      apikey: key,
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'x-forwarded-for': ip,
    },
    body: JSON.stringify({ p_response: answer }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
}

test('results: counts per township from the fixtures, small counts shown as "fewer than 5", no violations', async ({
  page,
}, info) => {
  const [[big, bigName], [small, smallName]] = PAIRS[info.project.name as keyof typeof PAIRS];
  // 8 answers in one township (fixtures 0–7: wants care unless i % 4 == 3 → 6 want care), 3 in another.
  const tangxi = Array.from({ length: 8 }, (_, i) => ({
    ...surveyFixture(i, randomUUID(), ''),
    township: big,
  }));
  const wusha = Array.from({ length: 3 }, (_, i) => ({
    ...surveyFixture(i, randomUUID(), ''),
    township: small,
  }));
  for (const [i, a] of [...tangxi, ...wusha].entries())
    await submit(a, `198.19.${info.project.name === 'mobile' ? 7 : 9}.${i + 1}`);
  const wantCare = tangxi.filter((a) => a.wants_care === 'yes').length;

  await page.goto('/survey/results/');
  const row = (name: string) => page.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(row(bigName).getByRole('cell')).toHaveText(['8', String(wantCare)]);
  await expect(row(smallName).getByRole('cell')).toHaveText([
    S['results.suppressed'],
    S['results.suppressed'],
  ]);
  expect(await violations(page)).toEqual([]);
});

test('the home page survey card links to the survey and to the results', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('link', { name: /托育服务需求调查/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/survey\/$/);
  await page.goto('/');
  await page.getByRole('link', { name: '查看已公布的调查结果' }).click();
  await expect(page).toHaveURL(/\/survey\/results\/$/);
});
