/**
 * Helpers for the survey's browser tests (not a test file): the page's strings, the Guichi questionnaire's labels
 * (from its definition fixture, never from the page's code), answering each step, and calls to the test API as
 * staff (to create a distribution point and to count what was stored).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import { surveyStrings } from '../../src/lib/i18n/survey/index.ts';
import { surveyFormZhCN } from '../../src/lib/i18n/survey-form/zh-CN.ts';
import { surveyFormEn } from '../../src/lib/i18n/survey-form/en.ts';
import type { FormDefinition, FormNode, QuestionNode } from '../../src/lib/survey-form/definition.ts';
import { E2E_API_URL, E2E_STAFF, e2eBuildEnv } from '../support/e2e-env.ts';
import { birthMonthAgo } from '../fixtures/survey.ts';

export const S = surveyStrings('zh-CN');
export const SEN = surveyStrings('en');
/** The phone form's own words (continue, back, errors, check page). */
type Words = Record<keyof typeof surveyFormZhCN, string>;
export const T: Words = surveyFormZhCN;
export const TEN: Words = surveyFormEn;
type Lang = 'zh-CN' | 'en';

/** The published Guichi questionnaire (tests/fixtures/survey-form/guichi.json). */
export const FORM: FormDefinition = JSON.parse(
  readFileSync('tests/fixtures/survey-form/guichi.json', 'utf8'),
);
const all = (nodes: FormNode[]): FormNode[] =>
  nodes.flatMap((n) => (n.kind === 'group' || n.kind === 'repeat' ? [n, ...all(n.children)] : [n]));
export const node = (name: string) => all(FORM.body).find((n) => n.name === name)!;
/** A question's (or group's, note's) label in the definition. */
export const label = (name: string, lang: Lang = 'zh-CN') =>
  (node(name) as { label: Record<Lang, string | undefined> }).label[lang]!;
/** An answer's label, by question and choice name. */
export const choice = (question: string, name: string, lang: Lang = 'zh-CN') =>
  FORM.choices[(node(question) as QuestionNode).list!]!.find((c) => c.name === name)!.label[lang]!;

const anonKey = () => e2eBuildEnv().PUBLIC_SUPABASE_ANON_KEY;

/** The reference a family is shown: GC- and 6 random characters. */
export const REFERENCE = /^GC-[34679ACDEFGHJKMNPQRTUVWXY]{6}$/;

/** Sends one answer as a family's page does: a start token from start_survey, then submit_survey with it (the
 * test API waits 0 s after a token, see tests/support/e2e-api.ts). Returns the HTTP status. */
export async function submitAsFamily(answer: object, ip: string): Promise<number> {
  const headers = {
    apikey: anonKey(),
    authorization: `Bearer ${anonKey()}`,
    'content-type': 'application/json',
    'x-forwarded-for': ip,
  };
  const start = await fetch(`${E2E_API_URL}/rest/v1/rpc/start_survey`, {
    method: 'POST',
    headers,
    body: '{}',
  });
  expect(start.status, await start.clone().text()).toBe(200);
  const { token } = (await start.json()) as { token: string };
  const r = await fetch(`${E2E_API_URL}/rest/v1/rpc/submit_survey`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ p_response: { ...answer, start_token: token } }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
  return r.status;
}

const tokens = new Map<string, string>();
/** This worker's own client address for the helper's sign-ins (the test API trusts X-Forwarded-For in tests), so
 * they never share a sign-in rate-limit bucket with the browser tests that sign in through the page. */
const helperAddress = `10.88.${process.pid % 250}.${Math.floor(Math.random() * 250) + 1}`;

/** Calls a public function on the test API as a staff member (signed in once per worker and role). */
export async function staffRpc<T>(
  role: keyof typeof E2E_STAFF,
  fn: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  const who = E2E_STAFF[role];
  const headers = { apikey: anonKey(), 'content-type': 'application/json', 'x-forwarded-for': helperAddress };
  if (!tokens.has(role)) {
    const auth = await fetch(`${E2E_API_URL}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: who.email, password: who.password }),
    });
    if (!auth.ok) throw new Error(`sign-in failed: ${auth.status} ${await auth.text()}`);
    tokens.set(role, ((await auth.json()) as { access_token: string }).access_token);
  }
  const r = await fetch(`${E2E_API_URL}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${tokens.get(role)}` },
    body: JSON.stringify(args),
  });
  if (!r.ok) throw new Error(`${fn}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/**
 * Answers the page's survey_form() as the server would after `newest` was published with `accepting` still taking
 * answers (newest first); survey_form_versions() and every other call still reach the real API.
 */
export async function fakeSurveyForm(page: Page, newest: FormDefinition, accepting: string[]): Promise<void> {
  await page.route(
    (url) => url.pathname.endsWith('/rest/v1/rpc/survey_form'),
    (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ version: newest.version, definition: newest, accepting }),
      }),
  );
}

/** Gives the page's sign-in requests their own client address, so they have their own rate-limit bucket. */
export async function ownSignInAddress(page: Page): Promise<void> {
  const address = `10.89.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
  await page
    .context()
    .route('**/auth/v1/token**', (route) =>
      route.continue({ headers: { ...route.request().headers(), 'x-forwarded-for': address } }),
    );
}

/** Signs in at /staff/ as one of the test API's staff accounts, signing out first whoever is signed in. */
export async function signInAs(page: Page, who: keyof typeof E2E_STAFF) {
  await page.goto('/staff/');
  await expect(page.locator('astro-island')).not.toHaveAttribute('ssr');
  const out = page.getByRole('button', { name: '退出登录' });
  await expect(page.getByLabel('邮箱').or(out)).toBeVisible(); // signed in already, or the form
  if (await out.isVisible()) await out.click();
  await page.getByLabel('邮箱').fill(E2E_STAFF[who].email);
  await page.getByLabel('密码').fill(E2E_STAFF[who].password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(out).toBeVisible();
}

/** A fresh distribution point; returns its code (unique per test, so counts belong to one test). */
export async function newPoint(label: string): Promise<string> {
  const code = `e2e-${label}-${Math.random().toString(36).slice(2, 8)}`;
  await staffRpc('outreach', 'create_distribution_point', {
    p_code: code,
    p_name: `E2E ${label}`,
    p_township: '341702001',
    p_distributed_on: '2026-06-01',
  });
  return code;
}

export async function responsesFrom(code: string): Promise<number> {
  const points = await staffRpc<{ code: string; responses: number }[]>(
    'outreach',
    'list_distribution_points',
  );
  return points.find((p) => p.code === code)?.responses ?? -1;
}

/** Opens the survey (fake clock installed, so the minimum fill time can be passed) and waits for the island. */
export async function openSurvey(
  page: Page,
  query = '',
  path = '/survey/',
  opts: { clock?: boolean } = {},
): Promise<void> {
  // Without the fake clock where axe runs: axe waits on real timers.
  if (opts.clock !== false) await page.clock.install();
  // Each test its own client address (the API trusts X-Forwarded-For in tests), so rate limits do not collide.
  await page.setExtraHTTPHeaders({
    'x-forwarded-for': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
  await page.goto(`${path}${query}`);
  await expect(page.locator('astro-island')).not.toHaveAttribute('ssr');
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
}

/** The step's heading (h2) holding a question's or group's label. */
export const heading = (page: Page, name: string, lang: Lang = 'zh-CN') =>
  page.locator('.survey-step h2').filter({ hasText: label(name, lang) });

/** The consent screen's one button: consent given, the first question. */
export async function agree(page: Page, t = T): Promise<void> {
  await page.getByRole('button', { name: t['form.consent.start'] }).click();
  await expect(heading(page, 'household', t === T ? 'zh-CN' : 'en')).toBeVisible();
}
export const next = (page: Page, t = T) => page.getByRole('button', { name: t['form.next'] }).click();
/** A multiple-choice answer (the step moves on with the button). */
export const pick = (page: Page, question: string, name: string, lang: Lang = 'zh-CN') =>
  page.getByLabel(choice(question, name, lang), { exact: true }).check();
/** A single-choice answer: one tap, and the step moves on once its single-choice questions are all answered. */
export const tap = (page: Page, question: string, name: string, lang: Lang = 'zh-CN') =>
  page.getByLabel(choice(question, name, lang), { exact: true }).click();

/** From the consent screen to the check page, a household with one child of 14 months; `wants` chooses the branch. */
export async function answerAll(page: Page, wants: 'yes' | 'no', lang: Lang = 'zh-CN'): Promise<void> {
  await agree(page, lang === 'en' ? TEN : T);
  await answerForm(page, wants, { lang });
}

/** From the first question to the check page (staff paper entry starts there): one child born `birth`. */
export async function answerForm(
  page: Page,
  wants: 'yes' | 'no',
  { lang = 'zh-CN', birth = birthMonthAgo(14) }: { lang?: Lang; birth?: string } = {},
): Promise<void> {
  const t = lang === 'en' ? TEN : T;
  await tap(page, 'household', 'under3', lang);
  await tap(page, 'relation', 'mother', lang);
  await page.locator('#children-0-birth_month').fill(birth);
  await next(page, t);
  await tap(page, 'carer', 'grandparents', lang);
  await tap(page, 'in_care', 'not_enrolled', lang);
  await tap(page, 'wants_care', wants, lang);
  if (wants === 'no') {
    await pick(page, 'reasons_against', 'family_cares', lang);
    await next(page, t);
  } else {
    // One step (the workbook's group): the reasons and the priorities.
    await pick(page, 'reasons_for', 'no_one_at_home', lang);
    await pick(page, 'priorities', 'safety', lang);
    await pick(page, 'priorities', 'cost', lang);
    await next(page, t);
    await tap(page, 'provider', 'community_point', lang);
    await tap(page, 'care_form', 'full_day', lang);
    await tap(page, 'fee', '1000_1999', lang);
    await tap(page, 'distance', 'within_1km', lang);
    await tap(page, 'dropoff', '0730_0830', lang);
    await tap(page, 'pickup', '1730_1830', lang);
  }
  // The place and the optional phone: one step; no phone given.
  await tap(page, 'township', '341702002', lang);
  await next(page, t);
  await expect(page.getByRole('heading', { name: t['form.check.title'] })).toBeVisible();
}

/** Sends from the check page after the minimum fill time has passed. */
export async function send(page: Page, s = S): Promise<void> {
  await page.clock.fastForward('00:45');
  await page.getByRole('button', { name: s['survey.send'] }).click();
}
