/**
 * The district's questionnaire on a database that has none yet: with `seed` (npm start, `npm run db:migrate --
 * --seed`), prepareDatabase publishes the workbook that src/districts/<id>/survey/seed.json names, so a fresh
 * install shows the survey at once. Later versions are published with `npm run survey:publish` (docs/survey.md);
 * a database that has any version is left alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './adapter.ts';
import { selectedDistrictId } from '../../../src/districts/index.ts';
import { shippedWorkbook } from '../../../src/lib/survey-form/published.node.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Publishes the district's seed questionnaire if no version is published; returns its version, else null. */
export async function seedSurveyForm(
  db: Db,
  districtId: string = selectedDistrictId(),
): Promise<string | null> {
  const file = shippedWorkbook(districtId, root);
  if (!file) return null;
  const published = async () =>
    (await db.query<{ n: number }>('select count(*)::int as n from app.survey_forms')).rows[0].n > 0;
  if (await published()) return null;
  const workbook = path.basename(file);
  const { formatError, publishXlsForm } = await import('../../../scripts/lib/survey-publish.ts');
  const r = await publishXlsForm(db, readFileSync(file), {
    by: `seed (${workbook})`,
    acceptDays: 30,
  });
  if (r.ok) return r.version;
  if (await published()) return null; // another process seeded it meanwhile
  throw new Error(`${districtId}/survey/${workbook}: ${r.errors.map(formatError).join('; ')}`);
}
