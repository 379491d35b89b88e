/**
 * The families' questionnaire (/survey/, src/islands/survey/FamilySurvey.tsx) in the browser against the test API,
 * which has the Guichi questionnaire published (tests/support/e2e-api.ts): the questions, answers and messages the
 * tests expect come from its definition fixture (tests/fixtures/survey-form/guichi.json). A complete answer on a
 * phone, the skip path, the error summary, server-found issues shown at their question, one tap and the back
 * button, consent before the script ran, resume after reload, the offline queue (exactly one stored), ?src=, the
 * honeypot, a newer published version reaching the page without a rebuild, axe on every step in both text modes,
 * no-JS.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';
import { sweep, violations } from './axe.ts';
import { surveyPaperZhCN as PAPER } from '../../src/lib/i18n/survey-paper/zh-CN.ts';
import type { QuestionNode } from '../../src/lib/survey-form/definition.ts';
import { birthMonthAgo } from '../fixtures/survey.ts';
import { surveyRefusals } from '../../src/lib/refusals/survey.ts';
import {
  agree,
  answerAll,
  choice,
  fakeSurveyForm,
  FORM,
  heading,
  label,
  newPoint,
  next,
  node,
  openSurvey,
  REFERENCE,
  responsesFrom,
  S,
  SEN,
  send,
  staffRpc,
  T,
  tap,
  TEN,
} from './survey-helpers.ts';

test('a complete answer: confirmation with a reference, stored once under its ?src= code, with its version', async ({
  page,
}) => {
  const code = await newPoint('full');
  await openSurvey(page, `?src=${code}`);
  await answerAll(page, 'yes');
  const list = page.locator('.summary-list');
  await expect(list).toContainText(choice('provider', 'community_point'));
  await expect(list).toContainText(choice('township', '341702002'));
  await send(page);
  await expect(page.getByRole('heading', { name: S['survey.done.title'] })).toBeFocused();
  await expect(page.locator('[data-reference]')).toHaveText(REFERENCE);
  expect(await responsesFrom(code)).toBe(1);
  // The saved draft is gone: a reload starts afresh, on the consent screen.
  await page.reload();
  await expect(page.locator('astro-island')).not.toHaveAttribute('ssr');
  await expect(page.getByRole('button', { name: T['form.consent.start'] })).toBeVisible();
  await expect(page.getByText(S['survey.resumed'])).toHaveCount(0);
});

test('skip path: "no" asks the reasons against and none of the care questions', async ({ page }) => {
  await openSurvey(page);
  await answerAll(page, 'no');
  const list = page.locator('.summary-list');
  await expect(list).toContainText(label('reasons_against'));
  await expect(list).not.toContainText(label('provider'));
  await expect(list).not.toContainText(label('fee'));
  await expect(list).not.toContainText(label('due_month'));
});

test('error summary: focused, linked to the field, message by the field, title prefixed; values kept', async ({
  page,
}) => {
  await openSurvey(page);
  await agree(page);
  await expect(heading(page, 'household')).toBeFocused();
  await next(page); // nothing chosen
  const summary = page.getByRole('alert').filter({ hasText: T['form.error.title'] });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: T['form.error.requiredChoice'] })).toHaveAttribute(
    'href',
    '#household-0',
  );
  await expect(page.locator('#household-error')).toHaveText(
    `${T['form.error.prefix']}${T['form.error.requiredChoice']}`,
  );
  await expect(page).toHaveTitle(/^错误：/);
  await tap(page, 'household', 'under3'); // one tap: the next step
  await expect(page).not.toHaveTitle(/^错误：/);
  await tap(page, 'relation', 'father');
  await page.locator('#children-0-birth_month').fill('2019-01');
  await next(page);
  const message = (node('birth_month') as QuestionNode).constraint_message!['zh-CN'];
  await expect(summary.getByRole('link', { name: message })).toHaveAttribute(
    'href',
    '#children-0-birth_month',
  );
  await page.getByRole('button', { name: T['form.back'] }).click();
  await expect(page.getByLabel(choice('relation', 'father'), { exact: true })).toBeChecked();
});

test('an answer the server finds wrong (survey_invalid_answer): its issues shown at their question', async ({
  page,
  guards,
}) => {
  await openSurvey(page);
  await answerAll(page, 'yes');
  // What an outdated or tampered page might send: a fee the questionnaire does not list.
  await page.route('**/rest/v1/rpc/submit_survey', (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}');
    body.p_response.answers.fee = 'free';
    return route.continue({ postData: JSON.stringify(body) });
  });
  await send(page);
  await expect(heading(page, 'fee')).toBeVisible();
  await expect(page.locator('#fee-error')).toHaveText(`${T['form.error.prefix']}${T['form.error.choice']}`);
  const summary = page.getByRole('alert').filter({ hasText: T['form.error.title'] });
  await expect(summary).toContainText(surveyRefusals.survey_invalid_answer['zh-CN']);
  await expect(summary.getByRole('link', { name: T['form.error.choice'] })).toHaveAttribute('href', '#fee-0');
  // The browser logs the refusal (400); that is the point of this test, not an error of the page.
  guards.consoleErrors.splice(
    0,
    guards.consoleErrors.length,
    ...guards.consoleErrors.filter((e) => !e.includes('status of 400')),
  );
  // Nothing was stored or queued; the answers are still there to send again.
  await page.unroute('**/rest/v1/rpc/submit_survey');
  expect(await page.evaluate(() => localStorage.getItem('tuoyu.survey.outbox'))).toBeNull();
  await tap(page, 'fee', '2000_2999');
  await expect(page.getByRole('heading', { name: T['form.check.title'] })).toBeVisible();
  await send(page);
  await expect(page.locator('[data-reference]')).toHaveText(REFERENCE);
});

test("one tap per single choice; the phone's back button goes back one step; arrow keys never move on", async ({
  page,
}) => {
  await openSurvey(page);
  await agree(page);
  await expect(page.getByText(T['form.oneTap'])).toBeVisible();
  await tap(page, 'household', 'under3');
  await tap(page, 'relation', 'mother');
  await expect(heading(page, 'children')).toBeVisible();
  await page.locator('#children-0-birth_month').fill(birthMonthAgo(14));
  await next(page);
  await expect(heading(page, 'carer')).toBeVisible();
  await page.goBack();
  await expect(heading(page, 'children')).toBeVisible();
  await expect(page.locator('#children-0-birth_month')).toHaveValue(birthMonthAgo(14));
  await page.goBack();
  await expect(heading(page, 'relation')).toBeVisible();
  await expect(page.getByLabel(choice('relation', 'mother'), { exact: true })).toBeChecked();
  // The keyboard: arrow keys change the choice and stay on the question; the button moves on.
  await page.getByLabel(choice('relation', 'mother'), { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel(choice('relation', 'father'), { exact: true })).toBeChecked();
  await expect(heading(page, 'relation')).toBeVisible();
  await next(page);
  await expect(heading(page, 'children')).toBeVisible();
  // Back from the first question: the consent screen.
  await page.goBack();
  await page.goBack();
  await expect(heading(page, 'household')).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('button', { name: T['form.consent.start'] })).toBeVisible();
});

test('consent given before the script ran (the form sent as ?consent=on) is taken; ?src= stays', async ({
  page,
}) => {
  await openSurvey(page, '?src=leaflet-x&consent=on&website=');
  await expect(heading(page, 'household')).toBeVisible();
  expect(new URL(page.url()).search).toBe('?src=leaflet-x');
  await page.getByRole('button', { name: T['form.back'] }).click();
  await expect(page.getByRole('button', { name: T['form.consent.start'] })).toBeVisible();
});

test('a newer version arriving after the family went back to the consent screen leaves them there', async ({
  page,
}) => {
  // The device holds an older version of the form (a visit before a new one was published), so the page changes
  // over when survey_form() answers; that answer is held back (not changed) until the family has gone back.
  await page.addInitScript(
    (def) =>
      localStorage.setItem('tuoyu.survey.form', JSON.stringify({ ...def, version: 'e2e-older-cache' })),
    FORM,
  );
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  let answered = false;
  await page.route(/\/rest\/v1\/rpc\/survey_form/, async (route) => {
    await held;
    await route.continue();
    answered = true;
  });
  await openSurvey(page, '?consent=on');
  await expect(heading(page, 'household')).toBeVisible();
  await page.getByRole('button', { name: T['form.back'] }).click();
  const consent = page.getByRole('button', { name: T['form.consent.start'] });
  await expect(consent).toBeVisible();
  release();
  await expect.poll(() => answered).toBe(true);
  await expect
    .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('tuoyu.survey.form') ?? '{}').version))
    .not.toBe('e2e-older-cache');
  await expect(consent).toBeVisible();
  // The consent button opens the newer version's first question.
  await consent.click();
  await expect(heading(page, 'household')).toBeVisible();
});

test('save and resume: a reload comes back to the same step with the answers; "start again" clears them', async ({
  page,
}) => {
  await openSurvey(page);
  await agree(page);
  await tap(page, 'household', 'under3');
  await tap(page, 'relation', 'grandparent');
  await expect(heading(page, 'children')).toBeVisible();
  await page.reload();
  await expect(page.locator('astro-island')).not.toHaveAttribute('ssr');
  await expect(page.getByText(S['survey.resumed'])).toBeVisible();
  await expect(heading(page, 'children')).toBeVisible();
  await page.getByRole('button', { name: T['form.back'] }).click();
  await expect(page.getByLabel(choice('relation', 'grandparent'), { exact: true })).toBeChecked();
  await page.getByRole('button', { name: S['survey.clear'] }).click();
  await expect(page.getByRole('button', { name: T['form.consent.start'] })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('tuoyu.survey.draft'))).toBeNull();
  await agree(page);
  await expect(page.getByLabel(choice('household', 'under3'), { exact: true })).not.toBeChecked();
});

test('a version published after the build reaches the page: the newest definition from survey_form()', async ({
  page,
}) => {
  // The server's answer as it would be after `npm run survey:publish` of the shorter example version.
  const short = JSON.parse(readFileSync('tests/fixtures/survey-form/short.json', 'utf8'));
  await fakeSurveyForm(page, short, [short.version, FORM.version]);
  await openSurvey(page);
  await expect
    .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('tuoyu.survey.form') ?? '{}').version))
    .toBe(short.version);
  await agree(page);
  await tap(page, 'household', 'under3');
  // The short version asks no relation: straight to the children.
  await expect(heading(page, 'children')).toBeVisible();
  await expect(page.getByLabel(choice('relation', 'mother'), { exact: true })).toHaveCount(0);
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

for (const [mode, lang] of [
  ['large', 'en'],
  ['normal', 'zh-CN'],
] as const) {
  test(`axe: no violations on any step, the outcome included (${lang}, ${mode} text)`, async ({ page }) => {
    test.setTimeout(150_000);
    const t = lang === 'en' ? TEN : T;
    const s = lang === 'en' ? SEN : S;
    await page.addInitScript((m) => localStorage.setItem('tuoyu.text', m), mode);
    await openSurvey(page, '', lang === 'en' ? '/en/survey/' : '/survey/', { clock: false });
    await expect(page.locator('html')).toHaveAttribute('data-text', mode);
    const found: string[] = [...(await violations(page))];
    await agree(page, t);
    await next(page, t); // with the error summary showing
    found.push(...(await violations(page)));
    await tap(page, 'household', 'under3', lang);
    for (let i = 0; i < 20; i++) {
      found.push(...(await violations(page)));
      if (await page.getByRole('heading', { name: t['form.check.title'] }).count()) break;
      const before = await page.locator('.survey-step h2').first().textContent();
      if (await page.locator('#children-0-birth_month').count())
        await page.locator('#children-0-birth_month').fill(birthMonthAgo(17));
      const radio = page.locator('.survey-step input[type=radio]');
      const boxes = page.locator('.survey-step input[type=checkbox]');
      const onlyRadios = !(await page.locator('.survey-step input:not([type=radio])').count());
      if (await radio.count()) {
        const names = await radio.evaluateAll((els) => [
          ...new Set(els.map((e) => (e as HTMLInputElement).name)),
        ]);
        for (const name of names) await page.locator(`.survey-step input[name="${name}"]`).first().click();
        if (onlyRadios) {
          await expect(page.locator('.survey-step h2').first()).not.toHaveText(before ?? '');
          continue;
        }
      } else if (await boxes.count()) {
        // The first answer of each multiple choice on the step (a step can hold two).
        const names = await boxes.evaluateAll((els) => [
          ...new Set(els.map((e) => (e as HTMLInputElement).name)),
        ]);
        for (const name of names) await page.locator(`.survey-step input[name="${name}"]`).first().check();
      }
      await next(page, t);
      await expect(page.locator('.survey-step h2').first()).not.toHaveText(before ?? '');
    }
    await expect(page.getByRole('heading', { name: t['form.check.title'] })).toBeVisible();
    await page.getByRole('button', { name: s['survey.send'] }).click();
    await expect(page.locator('[data-reference]')).toHaveText(REFERENCE);
    found.push(...(await violations(page)));
    if (mode === 'large') {
      // Large text: body text ≥ 18 px, answers ≥ 44 px tall, no horizontal scrolling at 320 px.
      await page.getByRole('button', { name: s['survey.done.again'] }).click();
      await agree(page, t);
      await page.setViewportSize({ width: 320, height: 640 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(
        parseFloat(await page.evaluate(() => getComputedStyle(document.body).fontSize)),
      ).toBeGreaterThanOrEqual(18);
      const box = await page.locator('.choice').first().boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
    }
    expect(found, found.join('\n')).toEqual([]);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the first screen is HTML: who, what, time, consent; the button leads to how to answer on paper', async ({
    page,
  }) => {
    await page.goto('/survey/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(S['survey.title']);
    for (const key of ['survey.who', 'survey.asks', 'survey.intro', 'survey.consent.text'] as const)
      await expect(page.getByText(S[key], { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: T['form.consent.start'] })).toBeVisible();
    expect(await page.locator('#survey-paper > p').first().textContent()).toBe(
      S['survey.noJs'].replace('{phone}', '12345'),
    );
    await expect(page.locator('main noscript a[href="tel:12345"]')).toHaveCount(1);
    await expect(page.getByRole('link', { name: S['survey.paperLink'] })).toHaveAttribute(
      'href',
      '/survey/paper/',
    );
    // Never a dead form: without a script, the button goes to the note on paper and phone.
    await page.getByRole('button', { name: T['form.consent.start'] }).click();
    await expect(page).toHaveURL(/\?consent=on#survey-paper$/);
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
  const summary = page.getByRole('alert').filter({ hasText: T['form.error.title'] });
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
