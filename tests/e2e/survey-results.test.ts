/**
 * Published results against the test API: fixture answers sent as anon (to townships no other browser test uses),
 * then the daily batch is run now (public.refresh_survey_results with the service key), and the page shows the
 * batch: true counts or "not published", never both figures of a township whose difference is under 5, "not
 * published" for a township with 3, and when the batch was made.
 */
import { randomUUID } from 'node:crypto';
import { test, expect } from './fixtures.ts';
import { violations } from './axe.ts';
import { surveyFixture } from '../fixtures/survey.ts';
import { E2E_API_URL, E2E_JWT_SECRET } from '../support/e2e-env.ts';
import { apiKeys } from '../../supabase/embedded/api/keys.ts';
import { S, submitAsFamily } from './survey-helpers.ts';

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

/** The daily batch, now: as a scheduler would, with the service key. */
async function refresh() {
  const { serviceRole } = await apiKeys(E2E_JWT_SECRET);
  const r = await fetch(`${E2E_API_URL}/rest/v1/rpc/refresh_survey_results`, {
    method: 'POST',
    headers: {
      apikey: serviceRole,
      authorization: `Bearer ${serviceRole}`,
      'content-type': 'application/json',
    },
    body: '{}',
  });
  expect(r.status, await r.clone().text()).toBe(200);
}

test('results: the daily batch per township, small counts and what would give them away "not published", no violations', async ({
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
    await submitAsFamily(a, `198.19.${info.project.name === 'mobile' ? 7 : 9}.${i + 1}`);
  const wantCare = tangxi.filter((a) => a.wants_care === 'yes').length;
  await refresh();

  await page.goto('/survey/results/');
  const row = (name: string) => page.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(row(bigName).getByRole('cell')).toHaveCount(2);
  await expect(page.locator('[data-refreshed]')).toHaveText(/\d{4}年\d{1,2}月\d{1,2}日/);
  // 8 answers, 6 wanting care: 8 − 6 = 2 families not wanting care, so both cannot be published.
  const [answers, wanting] = await row(bigName).getByRole('cell').allTextContents();
  expect([answers, wanting]).not.toEqual(['8', String(wantCare)]);
  expect(['8', S['results.suppressed']]).toContain(answers);
  expect([String(wantCare), S['results.suppressed']]).toContain(wanting);
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
