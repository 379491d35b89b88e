/**
 * The published questionnaire as the site's build sees it (Node only: reads the district's XLSForm with exceljs).
 * The one place the printed form, and the phone form's first paint (the families' page then asks the anon RPC
 * `survey_form()` for a newer published version), get their definition from: the build reads the district's workbook,
 * src/districts/<district>/survey/<PUBLISHED_FORM>.xlsx, with the township list filled from the district's data as
 * publishing fills it from app.townships. A district without a questionnaire gets null (no paper form page).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DISTRICT } from '../../districts/index.ts';
import { TOWNSHIP_LIST, type FormDefinition } from './definition.ts';
import { readXlsForm } from './read-xlsform.node.ts';

/** The workbook in use (form_id-version); the second, shorter version is an example of a new version. */
export const PUBLISHED_FORM = 'childcare-demand-2026-12';

let loaded: Promise<FormDefinition | null> | undefined;

export function loadPublishedForm(): Promise<FormDefinition | null> {
  loaded ??= read();
  return loaded;
}

async function read(): Promise<FormDefinition | null> {
  const file = path.join(process.cwd(), 'src/districts', DISTRICT.id, 'survey', `${PUBLISHED_FORM}.xlsx`);
  if (!existsSync(file)) return null;
  const townships = DISTRICT.townships.map((t) => ({
    name: t.code,
    label: { 'zh-CN': t.name, en: t.name_en },
  }));
  const result = await readXlsForm(readFileSync(file), { external: { [TOWNSHIP_LIST]: townships } });
  if ('errors' in result)
    throw new Error(
      `${file}: ${result.errors.map((e) => `${e.sheet} ${e.row}${e.column}: ${e.message_en}`).join('; ')}`,
    );
  return result.definition;
}
