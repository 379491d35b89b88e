/**
 * Publishing an XLSForm workbook as a new questionnaire version (issue 16, item 4): read it (with the district's
 * townships from app.townships), check it, and store it with app_private.publish_survey_form. Used by
 * `npm run survey:publish` (scripts/survey-publish.ts); tested in tests/db/survey-form-publish.test.ts.
 */
import { gzipSync } from 'node:zlib';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { surveyRefusals } from '../../src/lib/refusals/survey.ts';
import { type FormDefinition, TOWNSHIP_LIST } from '../../src/lib/survey-form/definition.ts';
import { FormDefinitionSchema } from '../../src/lib/survey-form/definition-schema.ts';
import {
  formatXlsFormError,
  readXlsForm,
  type XlsFormError,
} from '../../src/lib/survey-form/read-xlsform.ts';

/** The published definition the survey page fetches must stay this small (gzip). */
export const MAX_DEFINITION_GZIP = 10 * 1024;

export type PublishResult =
  | { ok: true; version: string; accepting: string[]; definition: FormDefinition; gzipBytes: number }
  | { ok: false; errors: XlsFormError[] };

const whole = (zh: string, en: string): XlsFormError => ({
  sheet: '',
  row: 0,
  column: '',
  message_zh: zh,
  message_en: en,
});

/** One problem as a line a clerk can act on (the staff upload page shows the same lines). */
export const formatError = formatXlsFormError;

export async function publishXlsForm(
  db: Db,
  bytes: Buffer,
  options: { by: string; acceptDays: number; dryRun?: boolean },
): Promise<PublishResult> {
  const { rows: townships } = await db.query<{ code: string; name: string; name_en: string }>(
    'select code, name, name_en from app.townships where active order by sort_order, code',
  );
  const read = await readXlsForm(bytes, {
    external: {
      [TOWNSHIP_LIST]: townships.map((t) => ({ name: t.code, label: { 'zh-CN': t.name, en: t.name_en } })),
    },
  });
  if ('errors' in read) return { ok: false, errors: read.errors };
  const checked = FormDefinitionSchema.safeParse(read.definition);
  if (!checked.success) {
    return {
      ok: false,
      errors: checked.error.issues.map((i) =>
        whole(
          `问卷定义不完整：${i.path.join('.')}（${i.message}）`,
          `definition: ${i.path.join('.')}: ${i.message}`,
        ),
      ),
    };
  }
  const gzipBytes = gzipSync(JSON.stringify(read.definition)).length;
  if (gzipBytes > MAX_DEFINITION_GZIP) {
    return {
      ok: false,
      errors: [
        whole(
          `问卷太大：压缩后 ${gzipBytes} 字节，手机上最多 ${MAX_DEFINITION_GZIP} 字节。请删减题目或选项文字。`,
          `the form is ${gzipBytes} bytes gzip; the phone form allows ${MAX_DEFINITION_GZIP}`,
        ),
      ],
    };
  }
  if (options.dryRun) {
    return {
      ok: true,
      version: read.definition.version,
      accepting: [],
      definition: read.definition,
      gzipBytes,
    };
  }
  try {
    const { rows } = await db.query<{ r: { version: string; accepting: string[] } | string }>(
      'select app_private.publish_survey_form($1::jsonb, $2, $3) as r',
      [JSON.stringify(read.definition), options.by, options.acceptDays],
    );
    const r = typeof rows[0].r === 'string' ? JSON.parse(rows[0].r) : rows[0].r;
    return { ok: true, version: r.version, accepting: r.accepting, definition: read.definition, gzipBytes };
  } catch (error) {
    const code = (error as { detail?: string }).detail as keyof typeof surveyRefusals | undefined;
    const text = code && surveyRefusals[code];
    if (!text) throw error;
    return { ok: false, errors: [whole(text['zh-CN'], text.en)] };
  }
}
