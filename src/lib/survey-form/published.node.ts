/**
 * The published questionnaire as the site's build sees it (Node only). The one place the printed form
 * (/survey/paper/), the phone form's first paint and /survey/preview/ get their definition from (the families' page
 * then asks the anon RPC `survey_form()` for a newer published version at run time):
 * - when the build environment names the API (FACILITIES_API_URL and its key, `facilitiesApi()`: the same switch
 *   that makes the build read `facility_catalogue()`), the newest version published in the database, one
 *   `survey_form()` call, checked with the zod schema publishing uses (definition-schema.ts); a database with no
 *   published version yet gives the workbook's. An API that cannot be reached, answers an error or returns a
 *   definition that breaks the schema fails the build, naming why: a silent fallback would print a stale form.
 *   `npm start` rebuilds when a new version is published (scripts/lib/facility-rebuild.ts);
 * - otherwise the district's workbook, the one src/districts/<district>/survey/seed.json names (the same one a
 *   fresh database publishes, see supabase/embedded/db/survey-form-seed.ts), read with exceljs, with the township
 *   list filled from the district's data as publishing fills it from app.townships.
 * A district without a questionnaire gets null (no paper form page).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DISTRICT } from '../../districts/index.ts';
import { buildApiRpc } from '../build-api-rpc.ts';
import { facilitiesApi } from '../facilities/load-api.ts';
import { TOWNSHIP_LIST, type FormDefinition } from './definition.ts';
import { FormDefinitionSchema } from './definition-schema.ts';
import { readXlsForm } from './read-xlsform.node.ts';

/** Why the build could not get the published questionnaire (the message names the source and the problem). */
export class SurveyFormDataError extends Error {
  override name = 'SurveyFormDataError';
}

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

/** One read per source and build: every page of a build shares it (keyed, so another environment reads anew). */
const loaded = new Map<string, Promise<FormDefinition | null>>();

/** The published questionnaire for this build's environment (cached per source). */
export function loadPublishedForm(
  env: Record<string, string | undefined> = process.env,
): Promise<FormDefinition | null> {
  const api = facilitiesApi(env);
  const key = api ? `api ${api.url} ${api.key}` : 'workbook';
  let definition = loaded.get(key);
  if (!definition) {
    definition = readPublishedForm(env);
    loaded.set(key, definition);
  }
  return definition;
}

/** The same, read now (no cache): the database's newest version when the environment names the API. */
export async function readPublishedForm(
  env: Record<string, string | undefined> = process.env,
): Promise<FormDefinition | null> {
  const api = facilitiesApi(env);
  if (api) {
    const fromApi = await readFromApi(api);
    if (fromApi) return fromApi;
  }
  return readWorkbook();
}

/** `survey_form()`'s newest version, checked; null when the database has none published yet. */
async function readFromApi(api: { url: string; key: string }): Promise<FormDefinition | null> {
  const where = `survey_form() on ${api.url}`;
  let response: Response;
  try {
    response = await buildApiRpc(api, 'survey_form', 30_000);
  } catch (error) {
    throw new SurveyFormDataError(
      `Could not reach ${api.url} for survey_form() (the published questionnaire): ${(error as Error).message}. ` +
        'The build stops rather than print an old questionnaire.',
    );
  }
  const text = await response.text();
  if (!response.ok) throw new SurveyFormDataError(`${where} answered HTTP ${response.status}: ${text}`);
  let body: { version?: unknown; definition?: unknown } | null;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new SurveyFormDataError(`${where} did not answer JSON: ${text.slice(0, 200)}`);
  }
  if (!body || typeof body !== 'object')
    throw new SurveyFormDataError(`${where} answered ${text.slice(0, 200)}`);
  if (body.version === null && body.definition === null) return null; // nothing published yet: the workbook's
  const checked = FormDefinitionSchema.safeParse(body.definition);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => `${i.path.join('.') || '(definition)'}: ${i.message}`);
    throw new SurveyFormDataError(
      `${where}: the published questionnaire version ${String(body.version)} is not a valid definition ` +
        `(src/lib/survey-form/definition-schema.ts): ${issues.join('; ')}. Publish a corrected version.`,
    );
  }
  if (checked.data.version !== body.version)
    throw new SurveyFormDataError(
      `${where}: version ${String(body.version)} holds a definition of version ${checked.data.version}`,
    );
  return checked.data;
}

async function readWorkbook(): Promise<FormDefinition | null> {
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
