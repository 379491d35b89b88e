/**
 * The phone form rendered from the published definition (/survey/preview/, src/islands/survey/DefinitionForm.tsx):
 * the labels, skips and messages the test expects are read from the Guichi form's definition fixture, never from
 * the page's code. The main family path with its tap count, the two short paths (older children only; expecting),
 * a constraint message, the phone's back button, and axe on every step in both text modes.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { FormDefinition, FormNode, QuestionNode } from '../../src/lib/survey-form/definition.ts';
import { surveyFormZhCN as T } from '../../src/lib/i18n/survey-form/zh-CN.ts';
import { birthMonthAgo } from '../fixtures/survey.ts';
import { violations } from './axe.ts';
import { expect, test } from './fixtures.ts';

const def: FormDefinition = JSON.parse(readFileSync('tests/fixtures/survey-form/guichi.json', 'utf8'));
const all = (nodes: FormNode[]): FormNode[] =>
  nodes.flatMap((n) => (n.kind === 'group' || n.kind === 'repeat' ? [n, ...all(n.children)] : [n]));
const node = (name: string) => all(def.body).find((n) => n.name === name)!;
const label = (name: string) => (node(name) as { label: { 'zh-CN': string } }).label['zh-CN'];
const choice = (question: string, name: string) =>
  def.choices[(node(question) as QuestionNode).list!]!.find((c) => c.name === name)!.label['zh-CN'];
const heading = (page: Page, name: string) =>
  page.locator('.survey-step h2').filter({ hasText: label(name) });

/** Counts taps the way the journeys do: every tap, including the one that focuses a field. */
class Taps {
  n = 0;
  private readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }
  async choose(question: string, name: string) {
    await this.page.getByLabel(choice(question, name), { exact: true }).tap();
    this.n++;
  }
  async next() {
    await this.page.getByRole('button', { name: T['form.next'] }).tap();
    this.n++;
  }
  async type(id: string, text: string) {
    await this.page.locator(`#${id}`).tap();
    this.n++;
    await this.page.locator(`#${id}`).fill(text);
  }
}

async function open(page: Page, path = '/survey/preview/') {
  await page.goto(path);
  await expect(page.locator('astro-island')).not.toHaveAttribute('ssr');
  await expect(heading(page, 'household')).toBeVisible();
}

test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

test('the main family path: one tap per single choice, every answer on the check page', async ({ page }) => {
  await open(page);
  const t = new Taps(page);
  await t.choose('household', 'under3');
  await expect(heading(page, 'relation')).toBeVisible();
  await t.choose('relation', 'mother');
  await expect(heading(page, 'children')).toBeVisible();
  await t.type('children-0-birth_month', birthMonthAgo(14));
  await t.next();
  await t.choose('carer', 'grandparents');
  await t.choose('in_care', 'not_enrolled');
  await t.choose('wants_care', 'yes');
  // The reasons and the priorities: one step (the workbook's group), one 继续.
  await expect(heading(page, 'why')).toBeVisible();
  await t.choose('reasons_for', 'no_one_at_home');
  await t.choose('priorities', 'safety');
  await t.next();
  await t.choose('provider', 'community_point');
  await t.choose('care_form', 'full_day');
  await t.choose('fee', '1000_1999');
  await t.choose('distance', 'within_1km');
  await expect(heading(page, 'times')).toBeVisible();
  await t.choose('dropoff', '0730_0830');
  await t.choose('pickup', '1730_1830'); // both answered: the step moves on
  // The place, with the optional community and phone on the same step.
  await expect(heading(page, 'place')).toBeVisible();
  await expect(page.locator('#phone')).toBeVisible();
  await t.choose('township', '341702002');
  await t.next(); // the community and the phone are optional
  await expect(page.getByRole('heading', { name: T['form.check.title'] })).toBeVisible();
  const list = page.locator('.summary-list');
  for (const [q, c] of [
    ['household', 'under3'],
    ['fee', '1000_1999'],
    ['township', '341702002'],
  ] as const) {
    await expect(list).toContainText(label(q));
    await expect(list).toContainText(choice(q, c));
  }
  await expect(list).not.toContainText(label('reasons_against'));
  await expect(list).not.toContainText(label('due_month'));
  // The form's questions from household to the place-and-phone step, one reason and one priority: 18 taps; the
  // families' page adds its consent and send, 20, the issue's limit for the main path.
  expect(t.n).toBe(18);
});

test('older children only: a thank-you and straight to the check page; expecting: due month, relation, place', async ({
  page,
}) => {
  await open(page);
  await page.getByLabel(choice('household', 'older_only'), { exact: true }).tap();
  await expect(page.locator('.survey-step h2')).toHaveText(label('thanks_older'));
  await page.getByRole('button', { name: T['form.next'] }).tap();
  await expect(page.getByRole('heading', { name: T['form.check.title'] })).toBeVisible();
  await expect(page.locator('.summary-list dt')).toHaveText([label('household')]);

  await page.goBack();
  await page.goBack();
  await expect(heading(page, 'household')).toBeVisible();
  await page.getByLabel(choice('household', 'expecting'), { exact: true }).tap();
  await expect(heading(page, 'due_month')).toBeVisible();
  // A due month three years ago breaks the form's constraint: its own message, by the field and in the summary.
  await page.locator('#due_month').fill(birthMonthAgo(36));
  await page.getByRole('button', { name: T['form.next'] }).tap();
  const message = (node('due_month') as QuestionNode).constraint_message!['zh-CN'];
  await expect(page.locator('#due_month-error')).toHaveText(`${T['form.error.prefix']}${message}`);
  await expect(page.getByRole('alert').getByRole('link', { name: message })).toHaveAttribute(
    'href',
    '#due_month',
  );
  await page.locator('#due_month').fill(birthMonthAgo(-3));
  await page.getByRole('button', { name: T['form.next'] }).tap();
  await page.getByLabel(choice('relation', 'mother'), { exact: true }).tap();
  await expect(heading(page, 'place')).toBeVisible();
});

test("the phone's back button goes back one step, answers kept", async ({ page }) => {
  await open(page);
  await page.getByLabel(choice('household', 'under3'), { exact: true }).tap();
  await page.getByLabel(choice('relation', 'father'), { exact: true }).tap();
  await expect(heading(page, 'children')).toBeVisible();
  await page.goBack();
  await expect(heading(page, 'relation')).toBeVisible();
  await expect(page.getByLabel(choice('relation', 'father'), { exact: true })).toBeChecked();
  await page.goBack();
  await expect(heading(page, 'household')).toBeVisible();
  await page.goForward();
  await expect(heading(page, 'relation')).toBeVisible();
});

for (const mode of ['normal', 'large'] as const) {
  test(`axe: no violations on any step (${mode} text)`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.addInitScript((m) => localStorage.setItem('tuoyu.text', m), mode);
    await open(page);
    const found: string[] = [...(await violations(page))];
    await page.getByRole('button', { name: T['form.next'] }).tap(); // with the error summary
    found.push(...(await violations(page)));
    const path: [string, string][] = [
      ['household', 'under3'],
      ['relation', 'mother'],
    ];
    for (const [q, c] of path) await page.getByLabel(choice(q, c), { exact: true }).tap();
    for (let i = 0; i < 20; i++) {
      found.push(...(await violations(page)));
      if (await page.getByRole('heading', { name: T['form.check.title'] }).count()) break;
      const before = await page.locator('.survey-step h2').first().textContent();
      if (await page.locator('#children-0-birth_month').count())
        await page.locator('#children-0-birth_month').fill(birthMonthAgo(10));
      const radio = page.locator('.survey-step input[type=radio]');
      const boxes = page.locator('.survey-step input[type=checkbox]');
      // Only single choices on the step: the last tap moves on by itself.
      const onlyRadios = !(await page.locator('.survey-step input:not([type=radio])').count());
      if (await radio.count()) {
        const names = await radio.evaluateAll((els) => [
          ...new Set(els.map((e) => (e as HTMLInputElement).name)),
        ]);
        for (const name of names) await page.locator(`.survey-step input[name="${name}"]`).first().tap();
        if (onlyRadios) {
          await expect(page.locator('.survey-step h2').first()).not.toHaveText(before ?? '');
          continue;
        }
      } else if (await boxes.count()) {
        // The first answer of each multiple choice on the step (a step can hold two).
        const names = await boxes.evaluateAll((els) => [
          ...new Set(els.map((e) => (e as HTMLInputElement).name)),
        ]);
        for (const name of names) await page.locator(`.survey-step input[name="${name}"]`).first().tap();
      }
      await page.getByRole('button', { name: T['form.next'] }).tap();
      await expect(page.locator('.survey-step h2').first()).not.toHaveText(before ?? '');
    }
    await expect(page.getByRole('heading', { name: T['form.check.title'] })).toBeVisible();
    expect(found, found.join('\n')).toEqual([]);
  });
}

test('arrow keys never move on; a second child is added and removed; "other" asks for its text on the same step', async ({
  page,
}) => {
  await open(page);
  await page.getByLabel(choice('household', 'under3'), { exact: true }).tap();
  await page.getByLabel(choice('relation', 'mother'), { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel(choice('relation', 'father'), { exact: true })).toBeChecked();
  await expect(heading(page, 'relation')).toBeVisible();
  await page.getByRole('button', { name: T['form.next'] }).click();
  await expect(heading(page, 'children')).toBeVisible();
  await page.getByRole('button', { name: T['form.add'] }).tap();
  await expect(page.locator('#children-1-birth_month')).toBeVisible();
  await page.locator('#children-1-birth_month').fill(birthMonthAgo(30));
  await page.getByRole('button', { name: T['form.remove'].replace('{n}', '2') }).tap();
  await expect(page.locator('#children-1-birth_month')).toHaveCount(0);
  await page.locator('#children-0-birth_month').fill(birthMonthAgo(8));
  await page.getByRole('button', { name: T['form.next'] }).tap();
  await page.getByLabel(choice('carer', 'parents'), { exact: true }).tap();
  await page.getByLabel(choice('in_care', 'not_enrolled'), { exact: true }).tap();
  await page.getByLabel(choice('wants_care', 'yes'), { exact: true }).tap();
  await expect(heading(page, 'why')).toBeVisible();
  await expect(page.getByLabel(label('reasons_for_other'), { exact: true })).toHaveCount(0);
  await page.getByLabel(choice('reasons_for', 'other'), { exact: true }).tap();
  const other = page.getByLabel(label('reasons_for_other'), { exact: true });
  await expect(other).toBeVisible();
  await page.getByRole('button', { name: T['form.next'] }).tap();
  await expect(page.locator('#reasons_for_other-error')).toHaveText(
    `${T['form.error.prefix']}${T['form.error.required']}`,
  );
  await other.fill('上班时间长');
  await page.getByLabel(choice('priorities', 'safety'), { exact: true }).tap();
  await page.getByRole('button', { name: T['form.next'] }).tap();
  await expect(heading(page, 'provider')).toBeVisible();
});
