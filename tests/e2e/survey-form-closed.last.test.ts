/**
 * Issue 16: the questionnaire version a family is answering stops taking answers before they send (an admin
 * published a new version with 0 days for the older ones). The family, on a 360 px phone in Chinese, is refused
 * with `survey_form_closed` (its text from src/lib/refusals/survey.ts) and nothing is stored; they reload the page
 * as the text says, find their answers again on the new version (the draft carries over, FamilySurvey.tsx), send,
 * get a reference, and the server holds that answer under the NEW version.
 *
 * Closing the version in use would break every survey test still answering it, since all browser tests share one
 * test API: so this file is a `*.last.test.ts`, run by the `closing` project after the mobile and desktop projects
 * have finished (playwright.config.ts). What it publishes is the form in use with only its version changed, as
 * tests/e2e/survey-form-upload.desktop.test.ts does, through the real supabase-js client signed in as an admin.
 */
import type { Page } from '@playwright/test';
import { createClient } from '@supabase/supabase-js';
import { surveyRefusals } from '../../src/lib/refusals/survey.ts';
import type { FormDefinition } from '../../src/lib/survey-form/definition.ts';
import { E2E_API_URL, E2E_STAFF, e2eBuildEnv } from '../support/e2e-env.ts';
import { expect, test } from './fixtures.ts';
import {
  answerAll,
  choice,
  newPoint,
  openSurvey,
  REFERENCE,
  responsesFrom,
  S,
  send,
  staffRpc,
  T,
} from './survey-helpers.ts';

test.use({ viewport: { width: 360, height: 740 } });

type FormRpc = { version: string | null; definition: FormDefinition | null; accepting: string[] };
type ExportRow = { reference: string; form_version: string; source_code: string; channel: string };

/** A supabase-js client with its own client address (the test API keys sign-in limits by X-Forwarded-For). */
const client = () =>
  createClient(E2E_API_URL, e2eBuildEnv().PUBLIC_SUPABASE_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: {
      headers: {
        'x-forwarded-for': `10.90.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`,
      },
    },
  });

/** What the family's device holds: the draft's questionnaire version (FamilySurvey.tsx saves it with each change). */
const draftVersion = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('tuoyu.survey.draft') ?? '{}').form_version as string);

test('a version closed while a family answers: refused as survey_form_closed, nothing stored; after a reload the same answers are sent under the new version', async ({
  page,
  guards,
}) => {
  test.setTimeout(90_000);
  const closedText = surveyRefusals.survey_form_closed['zh-CN'];
  const code = await newPoint('closed');

  // The family opens the leaflet's link, consents and answers up to "check your answers".
  await openSurvey(page, `?src=${code}`);
  const anon = client();
  const served = await anon.rpc('survey_form');
  expect(served.error).toBeNull();
  const before = served.data as FormRpc;
  // The page has taken the server's newest version before the family starts (it changes over on its first answer).
  await expect
    .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('tuoyu.survey.form') ?? '{}').version))
    .toBe(before.version);
  await answerAll(page, 'yes');
  const answering = await draftVersion(page);
  expect(before.accepting).toContain(answering);

  // Meanwhile an admin publishes the same questions as a new version, the older ones closed at once (0 days).
  const admin = client();
  const signIn = await admin.auth.signInWithPassword({
    email: E2E_STAFF.admin.email,
    password: E2E_STAFF.admin.password,
  });
  expect(signIn.error).toBeNull();
  const version = `e2e-closed-${Date.now().toString(36)}`;
  const published = await admin.rpc('publish_survey_form', {
    p_definition: { ...before.definition, version },
    p_accept_days: 0,
  });
  expect(published.error).toBeNull();
  expect((published.data as { accepting: string[] }).accepting).toEqual([version]);
  await admin.auth.signOut();
  const now = (await anon.rpc('survey_form')).data as FormRpc;
  expect(now.version).toBe(version);
  expect(now.accepting).not.toContain(answering);

  // The family sends: the refusal's own text, in the error summary (focused), and nothing stored.
  await send(page);
  const summary = page.getByRole('alert').filter({ hasText: T['form.error.title'] });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('listitem')).toHaveText([closedText]);
  await expect(page.getByRole('heading', { name: T['form.check.title'] })).toBeVisible();
  await expect(page.locator('[data-reference]')).toHaveCount(0);
  expect(await responsesFrom(code)).toBe(0);
  expect(await staffRpc<ExportRow[]>('outreach', 'export_survey_answers', { p_source: code })).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem('tuoyu.survey.outbox'))).toBeNull();
  // The browser logs the refused call (HTTP 409) itself; drop exactly that line, keep any other error.
  const refused = /^Failed to load resource: the server responded with a status of 409 /;
  const rest = guards.consoleErrors.filter((m) => !refused.test(m));
  expect(guards.consoleErrors.length - rest.length).toBe(1);
  guards.consoleErrors.splice(0, guards.consoleErrors.length, ...rest);

  // "请刷新页面": the reload comes back to the check page with the answers, now on the new version.
  await page.reload();
  await expect(page.locator('astro-island')).not.toHaveAttribute('ssr');
  await expect(page.getByText(S['survey.resumed'])).toBeVisible();
  await expect.poll(() => draftVersion(page)).toBe(version);
  await expect(page.getByRole('heading', { name: T['form.check.title'] })).toBeVisible();
  const list = page.locator('.summary-list');
  await expect(list).toContainText(choice('provider', 'community_point'));
  await expect(list).toContainText(choice('township', '341702002'));
  await expect(list).toContainText(choice('fee', '1000_1999'));
  await expect(page.getByText(closedText)).toHaveCount(0);

  // Sent again: a reference, stored once under the new version with the leaflet's code.
  await send(page);
  await expect(page.getByRole('heading', { name: S['survey.done.title'] })).toBeFocused();
  const reference = page.locator('[data-reference]');
  await expect(reference).toHaveText(REFERENCE);
  expect(await responsesFrom(code)).toBe(1);
  const rows = await staffRpc<ExportRow[]>('outreach', 'export_survey_answers', { p_source: code });
  expect(rows).toEqual([
    expect.objectContaining({
      reference: await reference.textContent(),
      form_version: version,
      source_code: code,
      channel: 'online',
    }),
  ]);
});
