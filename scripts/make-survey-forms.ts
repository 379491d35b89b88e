/**
 * Writes the district's questionnaires as XLSForm workbooks, src/districts/guichi/survey/<form_id>-<version>.xlsx,
 * from their readable source (scripts/survey-forms/guichi.ts), then reads each workbook back with the publisher's
 * reader and writes the definitions the tests use: tests/fixtures/survey-form/guichi.json and short.json (the
 * township list filled from the district's configuration, as publishing fills it from app.townships).
 * The .xlsx is what staff edit and `npm run survey:publish` reads; this script only makes the first ones.
 *
 *   ./node_modules/.bin/node scripts/make-survey-forms.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { DISTRICTS } from '../src/districts/index.ts';
import { TOWNSHIP_LIST } from '../src/lib/survey-form/definition.ts';
import { readXlsForm } from '../src/lib/survey-form/read-xlsform.node.ts';
import { guichiForm, shortForm } from './survey-forms/guichi.ts';
import {
  CHOICE_COLUMNS,
  type Row,
  SETTINGS_COLUMNS,
  SURVEY_COLUMNS,
  type XlsFormSource,
} from './survey-forms/xlsform.ts';

const FIXED_DATE = new Date('2026-12-07T00:00:00Z');

/** The workbook of a form source: one sheet per XLSForm sheet, a bold header row, readable column widths. */
export async function xlsxOf(form: XlsFormSource): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tuoyu';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const sheet = (name: string, columns: readonly string[], rows: Row[], widths: Record<string, number>) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c, key: c, width: widths[c] ?? 16 }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c, r[c] ?? ''])));
  };
  const wide = { 'label::zh-CN': 40, 'label::en': 40, relevant: 36, constraint: 40, 'hint::zh-CN': 30 };
  sheet('survey', SURVEY_COLUMNS, form.survey, { type: 36, name: 18, ...wide });
  sheet('choices', CHOICE_COLUMNS, form.choices, { ...wide, 'label::zh-CN': 30, 'label::en': 30 });
  sheet('settings', SETTINGS_COLUMNS, [form.settings], { 'title::zh-CN': 30, 'title::en': 30 });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

if (import.meta.main) {
  const district = DISTRICTS.guichi;
  const townships = district.townships.map((t) => ({
    name: t.code,
    label: { 'zh-CN': t.name, en: t.name_en },
  }));
  await mkdir('src/districts/guichi/survey', { recursive: true });
  await mkdir('tests/fixtures/survey-form', { recursive: true });
  for (const [form, fixture] of [
    [guichiForm, 'guichi'],
    [shortForm, 'short'],
  ] as const) {
    const file = `src/districts/guichi/survey/${form.settings.form_id}-${form.settings.version}.xlsx`;
    await writeFile(file, await xlsxOf(form));
    const read = await readXlsForm(await readFile(file), { external: { [TOWNSHIP_LIST]: townships } });
    if ('errors' in read) {
      console.error(read.errors);
      process.exit(1);
    }
    await writeFile(
      `tests/fixtures/survey-form/${fixture}.json`,
      `${JSON.stringify(read.definition, null, 2)}\n`,
    );
    console.log(`${file} → tests/fixtures/survey-form/${fixture}.json`);
  }
  // The house format (Biome), so a regenerated fixture differs only where the form did.
  execFileSync('node_modules/.bin/biome', ['format', '--write', 'tests/fixtures/survey-form'], {
    stdio: 'inherit',
  });
}
