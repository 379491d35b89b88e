/**
 * The questionnaire in the browser against the test API: a complete answer on a phone, the skip path, the error
 * summary, resume after reload, the offline queue (exactly one stored), ?src= recorded, axe on every step.
 */
import { test, expect } from './fixtures.ts';
import { sweep, violations } from './axe.ts';
import { surveyPaperZhCN as PAPER } from '../../src/lib/i18n/survey-paper/zh-CN.ts';
import { birthMonthAgo } from '../fixtures/survey.ts';
import { surveyRefusals } from '../../src/lib/refusals/survey.ts';
import {
  answerAll,
  newPoint,
  tap,
  next,
  openSurvey,
  REFERENCE,
  responsesFrom,
  S,
  SEN,
  send,
  staffRpc,
} from './survey-helpers.ts';

test('a complete answer: confirmation with a reference, stored once under its ?src= code', async ({
  page,
}) => {
  const code = await newPoint('full');
  await openSurvey(page, `?src=${code}`);
  await answerAll(page, 'yes');
  await expect(page.locator('.summary-list')).toContainText(S['survey.option.provider.community_point']);
  await send(page);
  await expect(page.getByRole('heading', { name: S['survey.done.title'] })).toBeFocused();
  await expect(page.locator('[data-reference]')).toHaveText(REFERENCE);
  expect(await responsesFrom(code)).toBe(1);
  // The saved draft is gone: a reload starts afresh.
  await page.reload();
  await expect(page.getByLabel(S['survey.consent.label'])).not.toBeChecked();
});

test('skip path: "no" goes straight to the reasons against, then the township', async ({ page }) => {
  await openSurvey(page);
  await answerAll(page, 'no');
  const list = page.locator('.summary-list');
  await expect(list).toContainText(S['survey.q.reasonsAgainst']);
  await expect(list).not.toContainText(S['survey.q.provider']);
  await expect(list).not.toContainText(S['survey.q.fee']);
  await expect(page.locator('.step-count')).toHaveText(
    S['survey.step'].replace('{n}', '10').replace('{total}', '10'),
  );
});

test('error summary: focused, linked to the field, message by the field, title prefixed; values kept', async ({
  page,
}) => {
  await openSurvey(page);
  await next(page);
  const summary = page.getByRole('alert').filter({ hasText: S['survey.error.title'] });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: S['survey.error.consent'] })).toHaveAttribute(
    'href',
    '#consent',
  );
  await expect(page.locator('#consent-error')).toHaveText(`错误：${S['survey.error.consent']}`);
  await expect(page).toHaveTitle(/^错误：/);
  await page.getByLabel(S['survey.consent.label']).check();
  await next(page);
  await next(page); // nothing chosen
  await expect(summary.getByRole('link', { name: S['survey.error.choose'] })).toHaveAttribute(
    'href',
    '#relation-0',
  );
  await tap(page, S['survey.option.relation.father']); // one tap: the next step
  await page.getByLabel(S['survey.children.label'].replace('{n}', '1')).fill('2019-01');
  await next(page);
  await expect(summary.getByRole('link', { name: S['survey.error.birthOver3'] })).toHaveAttribute(
    'href',
    '#children-0-birth_month',
  );
  await page.getByRole('button', { name: S['survey.back'] }).click();
  await expect(page.getByLabel(S['survey.option.relation.father'], { exact: true })).toBeChecked();
});

test("one tap per single choice; the phone's back button goes back one step; arrow keys never move on", async ({
  page,
}) => {
  await openSurvey(page);
  const heading = (key: keyof typeof S) => page.getByRole('heading', { level: 2, name: S[key] });
  await page.getByLabel(S['survey.consent.label']).check();
  await next(page);
  await expect(page.getByText(S['survey.oneTap'])).toBeVisible();
  await tap(page, S['survey.option.relation.mother']);
  await expect(heading('survey.q.children')).toBeVisible();
  await page.getByLabel(S['survey.children.label'].replace('{n}', '1')).fill(birthMonthAgo(14));
  await next(page);
  await expect(heading('survey.q.carer')).toBeVisible();
  await page.goBack();
  await expect(heading('survey.q.children')).toBeVisible();
  await expect(page.getByLabel(S['survey.children.label'].replace('{n}', '1'))).toHaveValue(
    birthMonthAgo(14),
  );
  await page.goBack();
  await expect(heading('survey.q.relation')).toBeVisible();
  await expect(page.getByLabel(S['survey.option.relation.mother'], { exact: true })).toBeChecked();
  // The keyboard: arrow keys change the choice and stay on the question; the button moves on.
  await page.getByLabel(S['survey.option.relation.mother'], { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel(S['survey.option.relation.father'], { exact: true })).toBeChecked();
  await expect(heading('survey.q.relation')).toBeVisible();
  await next(page);
  await expect(heading('survey.q.children')).toBeVisible();
  // Still one step back after a reload (resume keeps the steps' history).
  await page.reload();
  await expect(page.locator('astro-island')).not.toHaveAttribute('ssr');
  await expect(heading('survey.q.children')).toBeVisible();
  await page.goBack();
  await expect(heading('survey.q.relation')).toBeVisible();
  await expect(page.getByLabel(S['survey.option.relation.father'], { exact: true })).toBeChecked();
});

test('consent ticked before the script ran (the form sent as ?consent=on) is taken; ?src= stays', async ({
  page,
}) => {
  await openSurvey(page, '?src=leaflet-x&consent=on&website=');
  await expect(page.getByRole('heading', { level: 2, name: S['survey.q.relation'] })).toBeVisible();
  expect(new URL(page.url()).search).toBe('?src=leaflet-x');
  await page.getByRole('button', { name: S['survey.back'] }).click();
  await expect(page.getByLabel(S['survey.consent.label'])).toBeChecked();
});

test('save and resume: a reload comes back to the same step with the answers; "start again" clears them', async ({
  page,
}) => {
  await openSurvey(page);
  await page.getByLabel(S['survey.consent.label']).check();
  await next(page);
  await tap(page, S['survey.option.relation.grandparent']);
  await expect(page.getByRole('heading', { name: S['survey.q.children'] })).toBeVisible();
  await page.reload();
  await expect(page.locator('astro-island')).not.toHaveAttribute('ssr');
  await expect(page.getByText(S['survey.resumed'])).toBeVisible();
  await expect(page.getByRole('heading', { name: S['survey.q.children'] })).toBeVisible();
  await page.getByRole('button', { name: S['survey.back'] }).click();
  await expect(page.getByLabel(S['survey.option.relation.grandparent'], { exact: true })).toBeChecked();
  await page.getByRole('button', { name: S['survey.clear'] }).click();
  await expect(page.getByLabel(S['survey.consent.label'])).not.toBeChecked();
  expect(await page.evaluate(() => localStorage.getItem('tuoyu.survey.draft'))).not.toContain('grandparent');
});

test('offline: the answer waits on the device and is sent once when the connection returns', async ({
  page,
  context,
  guards,
}) => {
  const code = await newPoint('offline');
  await openSurvey(page, `?src=${code}`);
  await answerAll(page, 'yes');
  await context.setOffline(true);
  await send(page);
  await expect(page.getByRole('heading', { name: S['survey.queued.title'] })).toBeVisible();
  expect(
    await page.evaluate(() => JSON.parse(localStorage.getItem('tuoyu.survey.outbox') ?? '[]').length),
  ).toBe(1);
  expect(await responsesFrom(code)).toBe(0);
  // The browser logs the failed request; that is the point of this test, not an error of the page.
  guards.consoleErrors.splice(
    0,
    guards.consoleErrors.length,
    ...guards.consoleErrors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED')),
  );
  await context.setOffline(false);
  await expect(page.getByRole('heading', { name: S['survey.done.title'] })).toBeVisible();
  // A second resend of the same id (e.g. a second tab) stores nothing more.
  await page.getByRole('button', { name: S['survey.done.again'] }).waitFor();
  expect(await page.evaluate(() => localStorage.getItem('tuoyu.survey.outbox'))).toBeNull();
  expect(await responsesFrom(code)).toBe(1);
});

test('an unknown ?src= is accepted and kept as "unknown"', async ({ page }) => {
  await openSurvey(page, '?src=not-a-real-leaflet');
  await answerAll(page, 'no');
  await send(page);
  await expect(page.locator('[data-reference]')).toHaveText(REFERENCE);
  const reference = await page.locator('[data-reference]').textContent();
  const rows = await staffRpc<
    { reference: string; source_code: string; channel: string; wants_care: boolean }[]
  >('outreach', 'export_survey_responses', { p_source: 'unknown' });
  expect(rows.filter((r) => r.reference === reference)).toEqual([
    expect.objectContaining({ source_code: 'unknown', channel: 'online', wants_care: false }),
  ]);
});

test('axe: no violations on any step, in English and in large-text mode', async ({ page }) => {
  test.setTimeout(150_000); // fifteen axe runs
  await page.addInitScript(() => localStorage.setItem('tuoyu.text', 'large'));
  await openSurvey(page, '', '/en/survey/', { clock: false });
  await expect(page.locator('html')).toHaveAttribute('data-text', 'large');
  const found: string[] = [];
  found.push(...(await violations(page)));
  await next(page, SEN); // with the error summary showing
  found.push(...(await violations(page)));
  await page.getByLabel(SEN['survey.consent.label']).check();
  const steps = 15;
  for (let i = 0; i < steps; i++) {
    const heading = await page.locator('.survey-step h2').first().textContent();
    found.push(...(await violations(page)));
    if (heading === SEN['survey.check.title']) break;
    const first = page.locator('.survey-step input[type=radio], .survey-step input[type=checkbox]').first();
    if (await page.locator('#children-0-birth_month').count())
      await page.locator('#children-0-birth_month').fill(birthMonthAgo(17));
    else if (await page.locator('#township').count())
      await page.locator('#township').selectOption('341702003');
    else if ((await first.count()) && (await first.getAttribute('type')) === 'radio') {
      // Single choice: a tap answers and moves on (the times step once both of its questions are answered).
      await first.click();
      if (await page.locator('#pickup-0').count()) await page.locator('#pickup-0').click();
      await expect(page.locator('.survey-step h2').first()).not.toHaveText(heading ?? '');
      continue;
    } else if (await first.count()) await first.check();
    await next(page, SEN);
  }
  await expect(page.getByRole('heading', { name: SEN['survey.check.title'] })).toBeVisible();
  // Large text: body text ≥ 18 px and the answer options at least 44 px tall, no horizontal scrolling at 320 px.
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page
    .getByRole('button', { name: new RegExp(`^${SEN['survey.check.change']}`) })
    .first()
    .click();
  expect(
    parseFloat(await page.evaluate(() => getComputedStyle(document.body).fontSize)),
  ).toBeGreaterThanOrEqual(18);
  const box = await page.locator('.choice').first().boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(found, found.join('\n')).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the first screen is HTML: who, what, time, consent; the button leads to how to answer on paper', async ({
    page,
  }) => {
    await page.goto('/survey/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(S['survey.title']);
    for (const key of ['survey.who', 'survey.asks', 'survey.intro', 'survey.consent.text'] as const)
      await expect(page.getByText(S[key], { exact: true })).toBeVisible();
    await expect(page.getByLabel(S['survey.consent.label'])).toBeVisible();
    expect(await page.locator('#survey-paper > p').first().textContent()).toBe(
      S['survey.noJs'].replace('{phone}', '12345'),
    );
    await expect(page.locator('main noscript a[href="tel:12345"]')).toHaveCount(1);
    await expect(page.getByRole('link', { name: S['survey.paperLink'] })).toHaveAttribute(
      'href',
      '/survey/paper/',
    );
    // Never a dead form: without a script, the button goes to the note on paper and phone.
    await page.getByLabel(S['survey.consent.label']).check();
    await next(page);
    await expect(page).toHaveURL(/#survey-paper$/);
    await expect(page.locator('#survey-paper')).toBeInViewport();
  });
  test('the results page says it needs JavaScript and shows no empty tables', async ({ page }) => {
    await page.goto('/en/survey/results/');
    expect(await page.locator('main noscript > p').textContent()).toBe(SEN['results.noJs']);
    await expect(page.getByRole('table')).toHaveCount(0);
  });
});

test('an over-long ?src= and an autofilled honeypot: never a dead button, the family is told what to do', async ({
  page,
}) => {
  await openSurvey(page, `?src=${'leaflet-'.repeat(40)}`);
  await answerAll(page, 'yes');
  // What a browser's autofill might do to the hidden field.
  await page.locator('#website').fill('wang@example.com', { force: true });
  await send(page);
  const summary = page.getByRole('alert').filter({ hasText: S['survey.error.title'] });
  await expect(summary).toContainText(surveyRefusals.survey_honeypot['zh-CN']);
  await expect(page.locator('#website')).toHaveValue('');
  await send(page);
  await expect(page.getByRole('heading', { name: S['survey.done.title'] })).toBeFocused();
  await expect(page.locator('[data-reference]')).toHaveText(REFERENCE);
});

test('the paper form: axe clean in both languages and text modes; on paper only the questionnaire, on A4', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const found: string[] = [];
  for (const mode of ['normal', 'large']) {
    await page.addInitScript((m) => localStorage.setItem('tuoyu.text', m), mode);
    for (const path of ['/survey/paper/', '/en/survey/paper/'])
      found.push(...(await sweep(page, mode, path)));
  }
  expect(found, found.join('\n')).toEqual([]);
  await page.goto('/survey/paper/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByText(PAPER['paper.print'])).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  // A4 is 595 × 842 points: the PDF's first page box says which paper the print CSS asked for.
  const box = pdf.toString('latin1').match(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/);
  expect(Number(box?.[1])).toBeCloseTo(595, 0);
  expect(Number(box?.[2])).toBeCloseTo(842, 0);
});
