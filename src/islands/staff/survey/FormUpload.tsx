/**
 * /staff/survey/form/ for admins (issue 16, item 4): choose an XLSForm workbook → it is read IN THE BROWSER by the
 * same reader as `npm run survey:publish` (src/lib/survey-form/read-xlsform.ts, loaded with exceljs once a file is
 * chosen) and checked against the definition schema (zod, in a worker: check-definition.worker.ts) and the 10 KB
 * gzip limit → every problem in an
 * error summary naming sheet, row and column (the CLI's lines; the markup of src/islands/ErrorSummary.tsx, written
 * here because sharing that module with the families' survey island splits its chunks and pushes /survey/ over its
 * 100 KB budget, as DefinitionForm.tsx explains) → or a preview of the phone form (DefinitionForm) and of the
 * printed form (PaperForm, the renderer of /survey/paper/, with a button that prints just it) → "发布为新版本" with the days older versions keep taking answers → public.publish_survey_form
 * (which checks the shape again, keeps versions unique and fills the townships from app.townships) → the version.
 */
import { useEffect, useRef, useState } from 'react';
import DefinitionForm, { type FormStrings } from '../../survey/DefinitionForm.tsx';
import PaperForm, { type PaperFormProps, printPaperForm } from '../../survey/PaperForm.tsx';
import { getSupabase } from '../../../lib/supabase/client.ts';
import type { Choice, FormDefinition } from '../../../lib/survey-form/definition.ts';
import type { SurveyAdminStrings } from '../../../lib/i18n/survey-admin/index.ts';
import { fill } from '../../../lib/i18n/fill.ts';
import type { SchemaIssue } from './check-definition.worker.ts';

/** The published definition the survey page fetches must stay this small (gzip), as scripts/lib/survey-publish.ts. */
const MAX_DEFINITION_GZIP = 10 * 1024;
const FILE_ID = 'survey-form-file';
const DAYS_ID = 'survey-accept-days';

interface Props {
  s: SurveyAdminStrings;
  t: FormStrings;
  locale: 'zh-CN' | 'en';
  /** the district's townships, as the reader needs the `townships` list (publishing refills it from app.townships) */
  townships: Choice[];
  signInHref: string;
  /** the staff print page (/staff/survey/paper/), which prints the version published now */
  printHref: string;
  /** the survey's refusal texts in the page's language, '*' the generic one (refusalTexts('survey', locale)) */
  refusals: Readonly<Record<string, string>>;
  /** what the printed form needs beside the definition: its words, the consent text, the QR code (drawn at build) */
  paper: Pick<PaperFormProps, 'p' | 'consent' | 'qr'>;
}

type Me = { role: 'outreach' | 'admin' | null };
type Checked =
  | { kind: 'none' }
  | { kind: 'reading' }
  | { kind: 'errors'; lines: string[] }
  | { kind: 'ok'; definition: FormDefinition; questions: number };
type Outcome = { kind: 'done' | 'error'; text: string } | null;

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** The definition schema's issues, from its worker (check-definition.worker.ts); [] when sound. */
async function schemaIssues(definition: FormDefinition): Promise<SchemaIssue[]> {
  const worker = new Worker(new URL('./check-definition.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<SchemaIssue[]>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<SchemaIssue[]>) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage(definition);
    });
  } finally {
    worker.terminate();
  }
}

/**
 * A refusal's code (when the table knows it) and sentence, as src/lib/refusals/text.ts's refusalTextIn does with
 * the table handed in as a prop: importing that module here would split it out of the families' survey chunk.
 */
function refusalOf(
  texts: Readonly<Record<string, string>>,
  error: { code?: string; details?: string | null },
): { code: string | null; text: string } {
  const details = error.details ?? '';
  if (details && details !== '*' && Object.hasOwn(texts, details))
    return { code: details, text: texts[details]! };
  const code = /^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?$/.test(details) ? details : error.code || 'unknown';
  return { code: null, text: (texts['*'] ?? '{code}').replace('{code}', code) };
}

function countQuestions(nodes: FormDefinition['body']): number {
  return nodes.reduce(
    (n, node) =>
      n +
      (node.kind === 'question' && !node.other_of
        ? 1
        : node.kind === 'group' || node.kind === 'repeat'
          ? countQuestions(node.children)
          : 0),
    0,
  );
}

export default function FormUpload({
  s,
  t,
  locale,
  townships,
  signInHref,
  printHref,
  refusals,
  paper,
}: Props) {
  const [me, setMe] = useState<Me | 'signedOut' | 'loading'>('loading');
  const [current, setCurrent] = useState<string | null | undefined>(undefined);
  const [checked, setChecked] = useState<Checked>({ kind: 'none' });
  const [days, setDays] = useState('30');
  const [daysError, setDaysError] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  async function loadCurrent() {
    const { data } = await getSupabase().rpc('survey_form');
    setCurrent((data as { version: string | null } | null)?.version ?? null);
  }

  useEffect(() => {
    // Ask who we are only with a session: an anonymous whoami is a 401 the browser logs as an error.
    void getSupabase()
      .auth.getSession()
      .then(({ data: { session } }) =>
        session
          ? getSupabase()
              .rpc('whoami')
              .then(({ data, error }) => setMe(error ? 'signedOut' : (data as Me)))
          : setMe('signedOut'),
      );
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once an admin is known
  useEffect(() => {
    if (typeof me === 'object' && me.role === 'admin') void loadCurrent();
  }, [me]);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  // The error summary takes the focus when it appears (as src/islands/ErrorSummary.tsx does).
  useEffect(() => {
    if (checked.kind === 'errors') summaryRef.current?.focus();
  }, [checked]);

  if (me === 'loading') return <p role="status">{s['surveyAdmin.loading']}</p>;
  if (me === 'signedOut')
    return (
      <p className="note">
        {s['surveyAdmin.signIn']} <a href={signInHref}>{s['surveyAdmin.signInLink']}</a>
      </p>
    );
  if (me.role !== 'admin') return <p className="note">{s['surveyAdmin.adminsOnly']}</p>;

  async function read(file: File | undefined) {
    setOutcome(null);
    if (!file) return setChecked({ kind: 'none' });
    setChecked({ kind: 'reading' });
    const [{ readXlsForm, formatXlsFormError }, bytes] = await Promise.all([
      import('../../../lib/survey-form/read-xlsform.ts'),
      file.arrayBuffer(),
    ]);
    const result = await readXlsForm(bytes, { external: { townships } });
    if ('errors' in result)
      return setChecked({ kind: 'errors', lines: result.errors.map(formatXlsFormError) });
    const issues = await schemaIssues(result.definition);
    if (issues.length)
      return setChecked({
        kind: 'errors',
        lines: issues.map((i) => fill(s['surveyAdmin.incomplete'], { path: i.path, message: i.message })),
      });
    const bytesGzip = await gzipSize(JSON.stringify(result.definition));
    if (bytesGzip > MAX_DEFINITION_GZIP)
      return setChecked({
        kind: 'errors',
        lines: [fill(s['surveyAdmin.tooLarge'], { bytes: bytesGzip, max: MAX_DEFINITION_GZIP })],
      });
    setChecked({
      kind: 'ok',
      definition: result.definition,
      questions: countQuestions(result.definition.body),
    });
  }

  async function publish(e: { preventDefault(): void }) {
    e.preventDefault();
    if (checked.kind !== 'ok') return;
    const n = Number(days);
    if (!/^\d{1,3}$/.test(days.trim()) || n > 366) return setDaysError(s['surveyAdmin.acceptDaysError']);
    setDaysError('');
    setBusy(true);
    const { data, error } = await getSupabase().rpc('publish_survey_form', {
      p_definition: checked.definition,
      p_accept_days: n,
    });
    setBusy(false);
    if (error) {
      const refusal = refusalOf(refusals, error);
      return setOutcome({
        kind: 'error',
        text:
          refusal.code === 'survey_bad_definition'
            ? s['surveyAdmin.badDefinition']
            : fill(s['surveyAdmin.failed'], { message: refusal.text }),
      });
    }
    const r = data as { version: string; older_accepted_until: string; accepting: string[] };
    const until = new Date(r.older_accepted_until).toLocaleString(locale, {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'long',
      timeStyle: 'short',
    });
    setOutcome({
      kind: 'done',
      text: fill(s['surveyAdmin.published'], {
        version: r.version,
        until,
        accepting: r.accepting.join(locale === 'en' ? ', ' : '、'),
      }),
    });
    setCurrent(r.version);
  }

  const fileErrors = checked.kind === 'errors' ? checked.lines : [];
  const def = checked.kind === 'ok' ? checked.definition : null;
  const published = outcome?.kind === 'done';

  return (
    <div className="survey-upload">
      {fileErrors.length > 0 && (
        <div
          className="error-summary"
          role="alert"
          aria-labelledby="upload-errors-title"
          tabIndex={-1}
          ref={summaryRef}
        >
          <h2 id="upload-errors-title">{fill(s['surveyAdmin.errors.title'], { n: fileErrors.length })}</h2>
          <ul>
            {fileErrors.map((message) => (
              <li key={message}>
                <a href={`#${FILE_ID}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>
        {current === undefined
          ? ''
          : current
            ? fill(s['surveyAdmin.current'], { version: current })
            : s['surveyAdmin.noneYet']}
      </p>
      <div className={`field${fileErrors.length ? ' has-error' : ''}`}>
        <label htmlFor={FILE_ID}>{s['surveyAdmin.file']}</label>
        <p className="hint" id={`${FILE_ID}-hint`}>
          {s['surveyAdmin.fileHint']}
        </p>
        {fileErrors.length > 0 && (
          <p className="error-message" id={`${FILE_ID}-error`}>
            {s['surveyAdmin.errors.fix']}
          </p>
        )}
        <input
          id={FILE_ID}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={`${FILE_ID}-hint${fileErrors.length ? ` ${FILE_ID}-error` : ''}`}
          aria-invalid={fileErrors.length > 0 || undefined}
          onChange={(e) => void read(e.currentTarget.files?.[0])}
        />
      </div>
      <p role="status">{checked.kind === 'reading' ? s['surveyAdmin.reading'] : ''}</p>
      {def && checked.kind === 'ok' && (
        <>
          <p className="note">
            {fill(s['surveyAdmin.checked'], {
              title: (locale === 'en' ? def.title.en : undefined) ?? def.title['zh-CN'],
              version: def.version,
              n: checked.questions,
            })}
          </p>
          {def.version === current && !published && (
            <p className="note">{fill(s['surveyAdmin.sameVersion'], { version: def.version })}</p>
          )}
          <section aria-labelledby="survey-upload-preview" className="survey-upload-preview">
            <h2 id="survey-upload-preview">{s['surveyAdmin.preview.title']}</h2>
            <p>{s['surveyAdmin.preview.intro']}</p>
            <DefinitionForm key={def.version} definition={def} locale={locale} t={t} />
          </section>
          <section aria-labelledby="survey-upload-paper" className="survey-upload-paper">
            <h2 id="survey-upload-paper">{s['surveyAdmin.paper.title']}</h2>
            <p>{s['surveyAdmin.paper.intro']}</p>
            <button type="button" className="secondary" onClick={printPaperForm}>
              {s['surveyAdmin.paper.print']}
            </button>
            <PaperForm definition={def} locale={locale} {...paper} titleLevel={3} />
          </section>
          <section aria-labelledby="survey-upload-publish">
            <h2 id="survey-upload-publish">{s['surveyAdmin.publish.title']}</h2>
            <form noValidate onSubmit={(e) => void publish(e)}>
              <div className={`field${daysError ? ' has-error' : ''}`}>
                <label htmlFor={DAYS_ID}>{s['surveyAdmin.acceptDays']}</label>
                <p className="hint" id={`${DAYS_ID}-hint`}>
                  {s['surveyAdmin.acceptDaysHint']}
                </p>
                {daysError && (
                  <p className="error-message" id={`${DAYS_ID}-error`}>
                    {daysError}
                  </p>
                )}
                <input
                  id={DAYS_ID}
                  type="text"
                  inputMode="numeric"
                  value={days}
                  aria-describedby={`${DAYS_ID}-hint${daysError ? ` ${DAYS_ID}-error` : ''}`}
                  aria-invalid={daysError ? true : undefined}
                  onChange={(e) => setDays(e.currentTarget.value)}
                />
              </div>
              <button type="submit" className="primary" disabled={busy || published}>
                {busy ? s['surveyAdmin.publishing'] : s['surveyAdmin.publish']}
              </button>
            </form>
          </section>
        </>
      )}
      {outcome && (
        <p
          ref={outcomeRef}
          tabIndex={-1}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
          className={outcome.kind === 'error' ? 'error-message' : 'note'}
        >
          {outcome.text}
        </p>
      )}
      {published && (
        <p>
          <a href={printHref}>{s['surveyAdmin.printNew']}</a>
        </p>
      )}
    </div>
  );
}
