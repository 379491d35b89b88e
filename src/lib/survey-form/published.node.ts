/**
 * The published questionnaire as the site's build sees it (Node only: reads the district's XLSForm with exceljs).
 * The one place the printed form, and the phone form's first paint (the families' page then asks the anon RPC
 * `survey_form()` for a newer published version), get their definition from: the build reads the district's workbook,
 * the workbook src/districts/<district>/survey/seed.json names (the same one a fresh database publishes, see
 * supabase/embedded/db/survey-form-seed.ts), with the township list filled from the district's data as publishing
 * fills it from app.townships. A district without a questionnaire gets null (no paper form page).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DISTRICT } from '../../districts/index.ts';
import { TOWNSHIP_LIST, type FormDefinition } from './definition.ts';
import { readXlsForm } from './read-xlsform.node.ts';

/**
 * The district's shipped workbook: the file `src/districts/<district>/survey/seed.json` names (the second, shorter
 * workbook beside it is an example of a new version), or null for a district without a questionnaire.
 */
export function shippedWorkbook(
  districtId: string = DISTRICT.id,
  root: string = process.cwd(),
): string | null {
  const dir = path.join(root, 'src/districts', districtId, 'survey');
  const seed = path.join(dir, 'seed.json');
  if (!existsSync(seed)) return null;
  const { workbook } = JSON.parse(readFileSync(seed, 'utf8')) as { workbook: string };
  return path.join(dir, workbook);
}

let loaded: Promise<FormDefinition | null> | undefined;

export function loadPublishedForm(): Promise<FormDefinition | null> {
  loaded ??= read();
  return loaded;
}

async function read(): Promise<FormDefinition | null> {
  const file = shippedWorkbook();
  if (!file) return null;
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
