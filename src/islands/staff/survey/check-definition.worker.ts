/**
 * The zod check of a definition the upload page read (src/lib/survey-form/definition-schema.ts, the check
 * `npm run survey:publish` makes), in a worker: the worker is bundled on its own, so the full zod it needs never
 * joins the chunks the families' survey page shares with the staff pages (that page's 100 KB budget), and the
 * page stays responsive. Posts back the issues, [] when the definition is sound.
 */
import './zod-jitless.ts';
import { FormDefinitionSchema } from '../../../lib/survey-form/definition-schema.ts';

export type SchemaIssue = { path: string; message: string };

self.onmessage = (e: MessageEvent<unknown>) => {
  const checked = FormDefinitionSchema.safeParse(e.data);
  const issues: SchemaIssue[] = checked.success
    ? []
    : checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  self.postMessage(issues);
};
