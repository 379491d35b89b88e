/**
 * A fresh database has no questionnaire version, and the database refuses answers without one
 * (`survey_unknown_form_version`) while the site already shows the district's form. `npm start` (and the browser
 * tests' API) therefore publish the district's shipped workbook once, as `npm run survey:publish` would, when no
 * version is published yet; a version published later (by the admin) is never touched.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { DISTRICT } from '../../src/districts/index.ts';
import { PUBLISHED_FORM } from '../../src/lib/survey-form/published.node.ts';
import { formatError, publishXlsForm } from './survey-publish.ts';

/** Publishes the district's workbook when nothing is published; the version published, or null when nothing was. */
export async function publishShippedFormIfNone(db: Db, root = process.cwd()): Promise<string | null> {
  const file = path.join(root, 'src/districts', DISTRICT.id, 'survey', `${PUBLISHED_FORM}.xlsx`);
  if (!existsSync(file)) return null;
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from app.survey_forms');
  if (rows[0]!.n > 0) return null;
  const result = await publishXlsForm(db, readFileSync(file), { by: 'npm start', acceptDays: 30 });
  if (!result.ok) throw new Error(`${file}:\n${result.errors.map(formatError).join('\n')}`);
  return result.version;
}
