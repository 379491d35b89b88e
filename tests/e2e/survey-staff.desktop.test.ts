/**
 * Staff survey page against the test API: the dashboard's figures for one distribution point match the fixture
 * answers sent to it, the CSV export has their rows (formula injection neutralised), and a paper form entered with
 * the form made from the published definition is stored under the point, its child's age counted at the paper's
 * date; double entry names the differing answers by their question's label (the definition fixture's words).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { staffZhCN } from '../../src/lib/i18n/staff/zh-CN.ts';
import { test, expect } from './fixtures.ts';
import { FIXTURE_TOWNSHIPS, surveyFixture } from '../fixtures/survey.ts';
import { parse } from 'yaml';
import type { FormNode, QuestionNode } from '../../src/lib/survey-form/definition.ts';
import { surveyRefusals } from '../../src/lib/refusals/survey.ts';
import { violations } from './axe.ts';
import { birthMonthAgo } from '../fixtures/survey.ts';
import {
  answerForm,
  fakeSurveyForm,
  choice,
  FORM,
  label,
  newPoint,
  ownSignInAddress,
  REFERENCE,
  S,
  signInAs,
  staffRpc,
  submitAsFamily,
  T,
  tap,
} from './survey-helpers.ts';

/** A day `months` months before today, YYYY-MM-DD (the date written on a paper form). */
function daysAgoMonths(months: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

test('dashboard figures, CSV export and paper entry for one distribution point', async ({ page, guards }) => {
  test.setTimeout(120_000);
  const code = await newPoint('staff');
  const answers = Array.from({ length: 6 }, (_, i) => surveyFixture(i, randomUUID(), code));
  for (const [i, a] of answers.entries()) await submitAsFamily(a, `198.19.8.${i + 1}`);
  const wantCare = answers.filter((a) => a.wants_care === 'yes').length;

  await ownSignInAddress(page);
  await signInAs(page, 'admin');

  await page.getByRole('link', { name: staffZhCN['staff.area.results'] }).click();
  await expect(page).toHaveURL(/\/staff\/survey\/$/);
  await page.getByLabel(S['staff.survey.source'], { exact: true }).selectOption(code);
  await page.getByRole('button', { name: S['staff.survey.apply'] }).click();
  await expect(page.locator('[data-figure=responses]')).toHaveText('6');
  await expect(page.locator('[data-figure=wants_care]')).toHaveText(String(wantCare));
  await expect(page.locator('canvas').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.getByRole('button', { name: S['staff.survey.tab.export'] }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: S['staff.survey.exportCsv'] }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('\uFEFFreference,')).toBe(true);
  const lines = csv.trim().split('\r\n');
  expect(lines).toHaveLength(1 + 6);
  expect(lines.filter((l) => l.includes(`,${code},`))).toHaveLength(6);
  expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  expect(csv).not.toContain(',=HYPERLINK');
  // The XLSX opens (exceljs reads it back) with the same rows and a codebook sheet: the answer count a number, the
  // submission time Beijing wall-clock time (UTC + 8 h from the stored instant), the township's name (the district
  // fixture's) beside its code, and the codebook has every question's label of the published definition.
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: S['staff.survey.exportXlsx'] }).click(),
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await xlsx.path())!);
  expect(book.worksheets.map((w) => w.name)).toEqual(['responses', 'codebook']);
  const sheet = book.getWorksheet('responses')!;
  expect(sheet.rowCount).toBe(1 + 6);
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header[0]).toBe('reference');
  const col = (name: string) => header.indexOf(name) + 1;
  expect(col('township_name')).toBe(col('township') + 1);
  const communities = sheet.getColumn(col('community')).values.slice(2).map(String);
  expect(communities).toContain(`'=HYPERLINK("http://evil")`);
  const sent = await staffRpc<
    { reference: string; submitted_at: string; answers: { children: unknown[] } }[]
  >('outreach', 'export_survey_answers', { p_source: code });
  const townshipNames = new Map(
    (
      parse(readFileSync('tests/fixtures/guichi-district.yaml', 'utf8')).townships as {
        code: string;
        name: string;
      }[]
    ).map((t) => [t.code, t.name]),
  );
  for (let r = 2; r <= 7; r++) {
    const row = sheet.getRow(r);
    const stored = sent.find((x) => x.reference === row.getCell(1).value)!;
    const count = row.getCell(col('children.count')).value;
    expect(typeof count).toBe('number');
    expect(count).toBe(stored.answers.children.length);
    const at = row.getCell(col('submitted_at')).value as Date;
    expect(at).toBeInstanceOf(Date);
    expect(Math.abs(at.getTime() - (Date.parse(stored.submitted_at) + 8 * 3_600_000))).toBeLessThan(1000);
    const township = row.getCell(col('township')).value as string;
    expect(FIXTURE_TOWNSHIPS).toContain(township);
    expect(row.getCell(col('township_name')).value).toBe(townshipNames.get(township));
  }
  const labels = new Set(
    (book.getWorksheet('codebook')!.getColumn(2).values as unknown[]).slice(2).map((v) => String(v)),
  );
  const questions = (nodes: FormNode[]): FormNode[] =>
    nodes.flatMap((n) => (n.kind === 'group' || n.kind === 'repeat' ? questions(n.children) : [n]));
  // Every question but the phone number, which is kept apart from the answers (admins export it as `phone`).
  const asked = questions(FORM.body).filter(
    (n): n is QuestionNode => n.kind === 'question' && n.name !== 'phone',
  );
  expect(asked.length).toBeGreaterThan(10);
  for (const q of asked)
    expect(
      [...labels].some((l) => l === q.label['zh-CN'] || l === `${q.label['zh-CN']} (1)`),
      q.name,
    ).toBe(true);

  await page.getByRole('button', { name: S['staff.survey.tab.paper'] }).click();
  await choosePrinted(page, FORM.version);
  await page.getByLabel(S['staff.survey.paperSource']).selectOption(code);
  // A paper form filled three months ago for a child then 35 months old (38 today): its age counts at the form's
  // date, so the form and the database accept it.
  await page.getByLabel(T['form.paper.date']).fill(daysAgoMonths(3));
  expect(await violations(page)).toEqual([]);
  await answerForm(page, 'no', { birth: birthMonthAgo(38) });
  await page.getByRole('button', { name: S['survey.send'] }).click();
  await expect(page.locator('[data-reference]')).toHaveText(REFERENCE);
  const reference = await page.locator('[data-reference]').textContent();
  const stored = await staffRpc<
    {
      reference: string;
      channel: string;
      form_version: string;
      form_date: string;
      answers: { children: unknown };
    }[]
  >('outreach', 'export_survey_answers', { p_source: code });
  expect(stored.filter((r) => r.reference === reference)).toEqual([
    expect.objectContaining({
      channel: 'paper',
      form_version: FORM.version,
      form_date: daysAgoMonths(3),
      answers: expect.objectContaining({ children: [{ birth_month: birthMonthAgo(38) }] }),
    }),
  ]);

  // A distribution point code that is taken: a clear Chinese message, not the database's words.
  await page.getByRole('button', { name: S['staff.survey.tab.points'] }).click();
  await page.getByLabel(S['staff.survey.pointCode']).fill(code);
  await page.getByLabel(S['staff.survey.pointName']).fill('重复的代码');
  await page.getByLabel(S['staff.survey.pointDate']).fill('2026-06-02');
  await page.getByRole('button', { name: S['staff.survey.pointAdd'] }).click();
  const alert = page.getByRole('alert').filter({ hasText: surveyRefusals.survey_point_exists['zh-CN'] });
  await expect(alert).toBeVisible();
  await expect(alert).not.toContainText('duplicate key');
  // The browser logs the refused request itself; that one 409, and nothing else, is expected.
  expect(guards.consoleErrors).toEqual([
    'Failed to load resource: the server responded with a status of 409 (Conflict)',
  ]);
  guards.consoleErrors.length = 0;

  // Its A5 sheet: on paper, the QR code of the online form with ?src=<code>, and nothing else of the console
  // (src/styles/qr-sheet.css, loaded by this page only).
  // (newPoint('staff') names the point "E2E staff"; this test is the only one that makes it)
  await page.getByRole('button', { name: `${S['staff.survey.pointPrint']}: E2E staff`, exact: true }).click();
  const qrSheet = page.locator('[data-qr-sheet]');
  await expect(qrSheet).toBeAttached();
  await page.emulateMedia({ media: 'print' });
  await expect(qrSheet).toBeVisible();
  await expect(qrSheet.locator('.qr[role=img]')).toHaveAttribute('aria-label', new RegExp(`\\?src=${code}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(qrSheet).toBeHidden();
});

/**
 * On the paper tab, chooses the version printed on the paper form when there is a choice ('newest' leaves the
 * default). The browser tests share one API, and survey-form-upload.desktop.test.ts publishes a new version (the
 * same questions) at any moment: a test that enters the Guichi version says so, as a clerk reads it off the paper.
 */
async function choosePrinted(page: import('@playwright/test').Page, version: string | 'newest') {
  const versions = page.getByLabel(T['form.paper.versionChoice']);
  const onlyOne = page.getByText(T['form.paper.version'].replace('{version}', FORM.version), { exact: true });
  await expect(versions.or(onlyOne)).toBeVisible();
  if (version !== 'newest' && (await versions.isVisible())) await versions.selectOption(version);
}

/** Opens paper entry for double entry of form `formNo`, printed from `version`. */
async function openPaperDouble(
  page: import('@playwright/test').Page,
  formNo: string,
  version: string | 'newest' = FORM.version,
) {
  await page.goto('/staff/survey/');
  await page.getByRole('button', { name: S['staff.survey.tab.paper'] }).click();
  await choosePrinted(page, version);
  await page.getByLabel(T['form.paper.date']).fill(daysAgoMonths(1));
  await page.getByLabel(S['staff.survey.double']).check();
  await page.getByLabel(S['staff.survey.formNo']).fill(formNo);
}

/** The first clerk (outreach) enters paper form `formNo` with the Guichi version, answered as answerForm() does. */
async function enterFirst(page: import('@playwright/test').Page, formNo: string) {
  await ownSignInAddress(page);
  await signInAs(page, 'outreach');
  await openPaperDouble(page, formNo);
  await answerForm(page, 'no');
  await page.getByRole('button', { name: S['survey.send'] }).click();
  await expect(
    page.getByRole('heading', { name: S['staff.survey.firstEntrySaved'].replace('{form}', formNo) }),
  ).toBeVisible();
}

test('double entry: a differing second entry is flagged and not stored; a matching one is accepted', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const formNo = `E2E-${Math.random().toString(36).slice(2, 8)}`;
  await enterFirst(page, formNo);

  await signInAs(page, 'admin');
  await openPaperDouble(page, formNo);
  await answerForm(page, 'no', { birth: birthMonthAgo(20) });
  // A different answer to the relation question than the first person gave, and a different birth month.
  await page.getByRole('button', { name: `${T['form.check.change']} ${label('relation')}` }).click();
  await tap(page, 'relation', 'father'); // one tap, back to the check page
  await expect(page.getByRole('heading', { name: T['form.check.title'] })).toBeVisible();
  await page.getByRole('button', { name: S['survey.send'] }).click();
  const summary = page.getByRole('alert').filter({ hasText: T['form.error.title'] });
  // Named by the questionnaire's labels; an answer in a child's block with the block's number.
  const child = `${T['form.block'].replace('{n}', '1')}：${label('birth_month')}`;
  await expect(summary).toContainText(label('relation'));
  await expect(summary).toContainText(child);
  await expect(summary).not.toContainText('children.0');
  // Corrected to what the paper says: accepted.
  await page.getByRole('button', { name: `${T['form.check.change']} ${label('relation')}` }).click();
  await tap(page, 'relation', 'mother');
  await page.getByRole('button', { name: `${T['form.check.change']} ${child}` }).click();
  await page.locator('#children-0-birth_month').fill(birthMonthAgo(14));
  await page.getByRole('button', { name: T['form.next'] }).click();
  await expect(page.getByLabel(choice('relation', 'mother'), { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: S['survey.send'] }).click();
  await expect(page.locator('[data-reference]')).toHaveText(REFERENCE);
});

test('double entry across a new version: the second entry made with another version is told to check the version printed on the form', async ({
  page,
}) => {
  test.setTimeout(150_000);
  // The server as it is right after an admin republished the same questions as a new version (what
  // survey-form-upload.desktop.test.ts does) between the two entries of one paper form: survey_form()'s answer
  // faked, the Guichi definition from the real survey_form_versions(), both entries compared by the real
  // enter_paper_survey_twice.
  const reprint = `e2e-reprint-${Date.now().toString(36)}`;
  await fakeSurveyForm(page, { ...FORM, version: reprint }, [reprint, FORM.version]);
  const formNo = `E2E-${Math.random().toString(36).slice(2, 8)}`;
  await enterFirst(page, formNo); // with the version printed on the paper, 2026-12

  // The second clerk leaves the newest version chosen and types the same answers: only the version differs, named
  // in words, and nothing is stored.
  await signInAs(page, 'admin');
  await openPaperDouble(page, formNo, 'newest');
  await expect(page.getByLabel(T['form.paper.versionChoice'])).toHaveValue(reprint);
  await answerForm(page, 'no');
  await page.getByRole('button', { name: S['survey.send'] }).click();
  await expect(
    page.getByText(S['staff.survey.mismatch'].replace('{fields}', T['form.paper.versionChoice']), {
      exact: true,
    }),
  ).toBeVisible();
  await expect(page.getByText('form_version')).toHaveCount(0);

  // The version printed on the paper chosen: the same answers are accepted (the first entry was kept), stored once,
  // with that version.
  await openPaperDouble(page, formNo, FORM.version);
  await answerForm(page, 'no');
  await page.getByRole('button', { name: S['survey.send'] }).click();
  await expect(page.locator('[data-reference]')).toHaveText(REFERENCE);
  const reference = await page.locator('[data-reference]').textContent();
  const stored = await staffRpc<{ reference: string; form_version: string }[]>(
    'outreach',
    'export_survey_answers',
    {
      p_source: 'paper',
    },
  );
  expect(stored.filter((r) => r.reference === reference)).toEqual([
    expect.objectContaining({ form_version: FORM.version }),
  ]);
});

test('a paper form printed from an older version still taking answers is entered with that version', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The server as it would be after the shorter example version was published with 2026-12 still accepting answers
  // (survey_form()'s answer, as in survey.test.ts); the older versions' definitions come from the real
  // survey_form_versions(), and the entry is stored by the real enter_paper_survey.
  const short = JSON.parse(readFileSync('tests/fixtures/survey-form/short.json', 'utf8'));
  await fakeSurveyForm(page, short, [short.version, FORM.version]);
  await ownSignInAddress(page);
  await signInAs(page, 'outreach');
  await page.goto('/staff/survey/');
  await page.getByRole('button', { name: S['staff.survey.tab.paper'] }).click();
  const version = page.getByLabel(T['form.paper.versionChoice']);
  // The newest by default, and its form: the short version asks no relation.
  await expect(version).toHaveValue(short.version);
  await expect(version.locator('option')).toHaveText([
    T['form.paper.versionNewest'].replace('{version}', short.version),
    FORM.version,
  ]);
  await tap(page, 'household', 'under3');
  await expect(page.locator('#children-0-birth_month')).toBeVisible();
  await expect(page.getByLabel(choice('relation', 'mother'), { exact: true })).toHaveCount(0);

  // The paper says 2026-12: its own form, from the first question.
  await version.selectOption(FORM.version);
  await page.getByLabel(T['form.paper.date']).fill(daysAgoMonths(2));
  await answerForm(page, 'no', { birth: birthMonthAgo(20) });
  await page.getByRole('button', { name: S['survey.send'] }).click();
  await expect(page.locator('[data-reference]')).toHaveText(REFERENCE);
  const reference = await page.locator('[data-reference]').textContent();
  const stored = await staffRpc<
    { reference: string; channel: string; form_version: string; answers: object }[]
  >('outreach', 'export_survey_answers', { p_source: 'paper' });
  expect(stored.filter((r) => r.reference === reference)).toEqual([
    expect.objectContaining({
      channel: 'paper',
      form_version: FORM.version,
      answers: expect.objectContaining({ relation: 'mother', wants_care: 'no' }),
    }),
  ]);
});
