/**
 * The questionnaire upload page (/staff/survey/form/, admins) against the test API, as docs/survey.md (员工) tells
 * it step by step: the shipped short workbook is read in the browser and previewed as the phone form and as the
 * printed form (followed with a pen, and printed alone); a workbook
 * broken here with exceljs gets a Chinese error naming its sheet, row and column, and nothing is published; a new
 * version is published and public.survey_form() serves it; axe finds nothing in either text mode.
 *
 * The test API is shared with every other browser test running beside this one, and the survey page shows the
 * newest version. So what this test PUBLISHES is the form already in use (the Guichi workbook the API seeded) with
 * only its version changed (`e2e-…`): every question, choice and rule stays the same, answers on the old version
 * stay accepted (the accept period), and no other test sees a different form. The short workbook is only
 * previewed, never published here (tests/db/survey-form-upload.test.ts publishes it through the same call).
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { surveyAdminZhCN as A } from '../../src/lib/i18n/survey-admin/zh-CN.ts';
import { surveyFormZhCN as T } from '../../src/lib/i18n/survey-form/zh-CN.ts';
import { surveyPaperZhCN as P } from '../../src/lib/i18n/survey-paper/zh-CN.ts';
import type { FormDefinition } from '../../src/lib/survey-form/definition.ts';
import { surveyRefusals } from '../../src/lib/refusals/survey.ts';
import { E2E_API_URL, e2eBuildEnv } from '../support/e2e-env.ts';
import { report, violations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { ownSignInAddress, signInAs } from './survey-helpers.ts';
import short from '../fixtures/survey-form/short.json' with { type: 'json' };
import guichi from '../fixtures/survey-form/guichi.json' with { type: 'json' };
import { askedByForm, followPaper, printedItems, scenarios } from '../support/paper-pen.ts';

const shortDef = short as unknown as FormDefinition;

const SHORT_XLSX = 'src/districts/guichi/survey/childcare-demand-2027-01.xlsx';
const GUICHI_XLSX = 'src/districts/guichi/survey/childcare-demand-2026-12.xlsx';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE = A['surveyAdmin.file'];
test.describe.configure({ mode: 'serial' });

type FormRpc = { version: string | null; definition: { version: string } & Record<string, unknown> };
async function surveyForm(): Promise<FormRpc> {
  const r = await fetch(`${E2E_API_URL}/rest/v1/rpc/survey_form`, {
    method: 'POST',
    headers: { apikey: e2eBuildEnv().PUBLIC_SUPABASE_ANON_KEY, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(r.ok).toBe(true);
  return (await r.json()) as FormRpc;
}

/** A shipped workbook, changed by `edit` (exceljs, as an admin would in Excel), as bytes. */
async function workbook(file: string, edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** The 1-based column number of a header in row 1 of a sheet. */
function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, n) => {
    if (String(cell.value).toLowerCase() === header) found = n;
  });
  if (!found) throw new Error(`no ${header} column`);
  return found;
}

async function signInAndOpen(page: Page) {
  await ownSignInAddress(page);
  await signInAs(page, 'admin');
  // Step 1 of the docs: the staff home links admins to the upload page.
  await page.getByRole('link', { name: '上传新版问卷（管理员）' }).click();
  await expect(page).toHaveURL(/\/staff\/survey\/form\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(A['surveyAdmin.title']);
  await expect(page.getByLabel(FILE)).toBeVisible();
}

/** A workbook whose `relevant` on row 8 of the survey sheet names a question the form does not have. */
async function broken(): Promise<{ bytes: Buffer; where: string }> {
  let where = '';
  const bytes = await workbook(SHORT_XLSX, (wb) => {
    const ws = wb.getWorksheet('survey')!;
    const col = columnOf(ws, 'relevant');
    ws.getCell(8, col).value = "${nope} = 'x'";
    where = `工作表“survey”第 8 行 ${String.fromCharCode(64 + col)} 列`;
    const settings = wb.getWorksheet('settings')!;
    settings.getCell(2, columnOf(settings, 'version')).value = 'e2e-broken';
  });
  return { bytes, where };
}

test('upload: preview of the short form, a broken workbook refused by sheet/row/column, a new version published', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const before = await surveyForm();
  expect(before.version).toBe(guichi.version); // the API seeded the Guichi form
  await signInAndOpen(page);
  await expect(page.getByText(`现在使用的版本：${before.version}。`)).toBeVisible();

  // The shipped short form: checked, then previewed as the phone form (its first step, from the fixture).
  await page.getByLabel(FILE).setInputFiles({
    name: 'childcare-demand-2027-01.xlsx',
    mimeType: XLSX_TYPE,
    buffer: readFileSync(SHORT_XLSX),
  });
  await expect(page.getByText(`检查通过：${short.title['zh-CN']}，版本 ${short.version}`)).toBeVisible();
  const preview = page.getByRole('region', { name: A['surveyAdmin.preview.title'] });
  const intro = short.body[0] as { label: { 'zh-CN': string } };
  await expect(preview.getByText(intro.label['zh-CN'])).toBeVisible();
  await preview.getByRole('button', { name: T['form.next'] }).click();
  const household = short.body[1] as { label: { 'zh-CN': string } };
  await expect(preview.getByText(household.label['zh-CN'])).toBeVisible();

  // …and as the printed form: its version, and skip instructions that a pen following them, for every answer to
  // the questions that steer the form, visits exactly the questions the form asks (tests/support/paper-pen.ts).
  const paper = page.getByRole('region', { name: A['surveyAdmin.paper.title'] });
  await expect(paper.getByText(P['paper.version'].replace('{version}', short.version))).toBeVisible();
  const printed = printedItems(await paper.locator('.paper-form').innerHTML());
  const formDate = new Date().toISOString().slice(0, 10);
  for (const scenario of scenarios(shortDef, ['household', 'wants_care']))
    expect(followPaper(printed, shortDef, scenario), JSON.stringify(scenario)).toEqual(
      askedByForm(shortDef, scenario, formDate),
    );
  // "打印纸质问卷预览" prints the questionnaire alone: while the print dialog is up, nothing else of the page shows.
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => {
    window.addEventListener('beforeprint', () => {
      const shown = (e: Element | null) => !!e && (e as HTMLElement).checkVisibility();
      const w = window as unknown as { printed: Record<string, boolean> };
      w.printed = {
        form: shown(document.querySelector('.paper-form .paper-title')),
        question: shown(document.querySelector('.paper-form [data-number="1"]')),
        pageTitle: shown(document.querySelector('main h1')),
        phonePreview: shown(document.querySelector('.survey-upload-preview')),
        fileField: shown(document.querySelector('input[type=file]')),
        printButton: shown(document.querySelector('.survey-upload-paper > button')),
      };
    });
  });
  await paper.getByRole('button', { name: A['surveyAdmin.paper.print'] }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { printed?: object }).printed))
    .toEqual({
      form: true,
      question: true,
      pageTitle: false,
      phonePreview: false,
      fileField: false,
      printButton: false,
    });
  await page.emulateMedia({ media: 'screen' });

  // A broken workbook: the error summary names sheet, row and column in Chinese; no preview, no publish button.
  const bad = await broken();
  await page.getByLabel(FILE).setInputFiles({ name: 'broken.xlsx', mimeType: XLSX_TYPE, buffer: bad.bytes });
  const summary = page.getByRole('alert').filter({ hasText: '文件有 1 处需要修改，未发布' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link')).toHaveText(`${bad.where}：\${nope} 不是本问卷的题目`);
  await expect(page.getByRole('region', { name: A['surveyAdmin.preview.title'] })).toHaveCount(0);
  await expect(page.getByRole('button', { name: A['surveyAdmin.publish'] })).toHaveCount(0);
  // The summary's link takes the keyboard to the file field.
  await summary.getByRole('link').click();
  await expect(page.getByLabel(FILE)).toBeFocused();
  expect((await surveyForm()).version).toBe(before.version);

  // A new version: the form in use with only its version changed (see the header), 7 days for the old one.
  const version = `e2e-${Date.now().toString(36)}`;
  const next = await workbook(GUICHI_XLSX, (wb) => {
    const settings = wb.getWorksheet('settings')!;
    settings.getCell(2, columnOf(settings, 'version')).value = version;
  });
  await page.getByLabel(FILE).setInputFiles({ name: 'next.xlsx', mimeType: XLSX_TYPE, buffer: next });
  await expect(page.getByText(`检查通过：${guichi.title['zh-CN']}，版本 ${version}`)).toBeVisible();
  await page.getByLabel(A['surveyAdmin.acceptDays']).fill('7');
  await page.getByRole('button', { name: A['surveyAdmin.publish'] }).click();
  const done = page.getByRole('status').filter({ hasText: `已发布问卷版本 ${version}。` });
  await expect(done).toBeVisible();
  await expect(done).toContainText(`正在接收答案的版本：${version}、${before.version}`);
  await expect(page.getByRole('button', { name: A['surveyAdmin.publish'] })).toBeDisabled();
  await expect(page.getByRole('link', { name: A['surveyAdmin.printNew'] })).toHaveAttribute(
    'href',
    '/staff/survey/paper/',
  );

  // survey_form() now serves the new version: the same questions, choices and title as before.
  const after = await surveyForm();
  expect(after.version).toBe(version);
  expect({ ...after.definition, version: before.version }).toEqual(before.definition);
});

test('the same version again: warned on the page, and refused by the database if sent anyway', async ({
  page,
  guards,
}) => {
  const current = (await surveyForm()).version!;
  await signInAndOpen(page);
  await expect(page.getByText(`现在使用的版本：${current}。`)).toBeVisible();
  const same = await workbook(GUICHI_XLSX, (wb) => {
    const settings = wb.getWorksheet('settings')!;
    settings.getCell(2, columnOf(settings, 'version')).value = current;
  });
  await page.getByLabel(FILE).setInputFiles({ name: 'same.xlsx', mimeType: XLSX_TYPE, buffer: same });
  await expect(
    page.getByText(`版本 ${current} 已经发布过了。请在 settings 工作表里改一个新的 version`),
  ).toBeVisible();
  await page.getByRole('button', { name: A['surveyAdmin.publish'] }).click();
  await expect(page.getByRole('alert').filter({ hasText: '没有发布：' })).toHaveText(
    `没有发布：${surveyRefusals.survey_form_version_exists['zh-CN']}`,
  );
  expect((await surveyForm()).version).toBe(current);
  // The browser logs the refused call (HTTP 409) itself; drop exactly that line, keep any other error.
  const refused = /^Failed to load resource: the server responded with a status of 409 /;
  const rest = guards.consoleErrors.filter((m) => !refused.test(m));
  expect(guards.consoleErrors.length - rest.length).toBe(1);
  guards.consoleErrors.splice(0, guards.consoleErrors.length, ...rest);
});

test('outreach staff print the version published now (the one the first test published in the console), and only it', async ({
  page,
}) => {
  await ownSignInAddress(page);
  await signInAs(page, 'outreach');
  await page.getByRole('link', { name: '打印纸质问卷' }).click();
  await expect(page).toHaveURL(/\/staff\/survey\/paper\/$/);
  const now = (await surveyForm()).version!;
  await expect(page.getByRole('status')).toHaveText(P['paper.staff.current'].replace('{version}', now));
  const form = page.locator('.paper-form');
  await expect(form).toHaveAttribute('data-version', now);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(
    `${guichi.title['zh-CN']}${P['paper.suffix']}`,
  );
  // The same questions as the Guichi form (the published one differs only in its version), followed with a pen.
  const def = { ...(guichi as unknown as FormDefinition), version: now };
  const printed = printedItems(await form.innerHTML());
  const formDate = new Date().toISOString().slice(0, 10);
  for (const scenario of scenarios(def, ['household', 'wants_care']))
    expect(followPaper(printed, def, scenario), JSON.stringify(scenario)).toEqual(
      askedByForm(def, scenario, formDate),
    );
  // On paper: the questionnaire, not the page's title, words or buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(form.locator('[data-number="1"]')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(page.getByRole('button', { name: P['paper.staff.print'] })).toBeHidden();
  await expect(page.getByText(P['paper.staff.intro'])).toBeHidden();
});

test('outreach staff are told only admins publish; signed out, the page links to the sign-in', async ({
  page,
}) => {
  await page.goto('/staff/survey/form/');
  await expect(page.getByText(A['surveyAdmin.signIn'])).toBeVisible();
  await expect(page.getByRole('link', { name: A['surveyAdmin.signInLink'] })).toHaveAttribute(
    'href',
    '/staff/',
  );
  await ownSignInAddress(page);
  await signInAs(page, 'outreach');
  await expect(page.getByRole('heading', { name: '工作区' })).toBeVisible();
  await expect(page.getByRole('link', { name: '上传新版问卷（管理员）' })).toHaveCount(0);
  await page.goto('/staff/survey/form/');
  await expect(page.getByText(A['surveyAdmin.adminsOnly'])).toBeVisible();
  await expect(page.getByLabel(FILE)).toHaveCount(0);
});

for (const mode of ['normal', 'large'] as const) {
  test(`axe: the upload page with errors and with a preview (${mode} text)`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.addInitScript((m) => localStorage.setItem('tuoyu.text', m), mode);
    await signInAndOpen(page);
    await expect(page.locator('html')).toHaveAttribute('data-text', mode);
    const found = [...(await violations(page))];
    const bad = await broken();
    await page
      .getByLabel(FILE)
      .setInputFiles({ name: 'broken.xlsx', mimeType: XLSX_TYPE, buffer: bad.bytes });
    await expect(page.getByRole('alert').filter({ hasText: '未发布' })).toBeVisible();
    found.push(...(await violations(page)));
    await page.getByLabel(FILE).setInputFiles({
      name: 'short.xlsx',
      mimeType: XLSX_TYPE,
      buffer: readFileSync(SHORT_XLSX),
    });
    await expect(page.getByRole('button', { name: A['surveyAdmin.publish'] })).toBeVisible();
    found.push(...(await violations(page)));
    report(found);
  });
}
