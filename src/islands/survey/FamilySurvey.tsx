/**
 * The families' questionnaire (/survey/): guardian consent first, then the published form rendered from its
 * definition (DefinitionForm), then send. Rendered on the server too: its first screen (consent) is HTML before any
 * script runs, and the first render reads nothing from the browser; the draft, the outbox, ?src= and a consent given
 * before hydration (?consent=on, the form's native GET) are read after hydration.
 *
 * The definition: the build's (the district's workbook) paints first and serves offline; after hydration the page
 * asks public.survey_form() for the newest published version and changes over to it when it differs — unless the
 * family is already answering a version the server still accepts. So a newly published version reaches families
 * without a rebuild. The fetched definition is kept on the device for a reload offline.
 *
 * Saved on the device as it is answered (resume after reload); a send without network waits in the device's outbox
 * and goes out when the connection returns, never twice (the server stores each id once). Every refusal is shown by
 * its machine code (src/lib/refusals/survey.ts); `survey_invalid_answer` names its issues at their questions.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnswerIssue, Answers, FormDefinition } from '../../lib/survey-form/definition.ts';
import type { SurveyStrings } from '../../lib/i18n/survey/index.ts';
import { CONSENT_VERSION } from '../../lib/survey/consent.ts';
import {
  clearDraft,
  loadDraft,
  loadForm,
  outbox,
  saveDraft,
  saveForm,
} from '../../lib/survey/device-store.ts';
import { fetchStartToken, flushOutbox, sendResponse, type SendResult } from '../../lib/survey/send.ts';
import { callPublic } from '../../lib/supabase/public-rpc.ts';
import { refusalFrom, type LocaleRefusals } from '../../lib/refusals/text.ts';
import DefinitionForm, { type FormStrings } from './DefinitionForm.tsx';
import { SurveyOutcome, type Outcome } from './SurveyOutcome.tsx';

interface Props {
  /** The questionnaire at build time: first paint and offline. */
  definition: FormDefinition;
  s: SurveyStrings;
  t: FormStrings;
  locale: 'zh-CN' | 'en';
  resultsHref: string;
  /** The refusal texts in the page's language (rendered into the page: no table in the bundle). */
  refusals: LocaleRefusals;
  /** Where the form's native submission goes without JavaScript (the page's "answer on paper" note). */
  noJsAction?: string;
}

/** The history entry of the consent screen (the form's steps add their own). */
const HISTORY_KEY = 'tuoyuSurvey';

interface Session {
  id: string;
  startedAt: number;
  src?: string;
  startToken?: string;
}

export default function FamilySurvey({ definition, s, t, locale, resultsHref, refusals, noJsAction }: Props) {
  const session = useRef<Session>({ id: '', startedAt: 0 });
  const [def, setDef] = useState(definition);
  const [phase, setPhase] = useState<'consent' | 'form'>('consent');
  const [start, setStart] = useState<{ answers: Answers; step?: string; key: number; focus: boolean }>({
    answers: {},
    key: 0,
    focus: false,
  });
  const [resumed, setResumed] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [issues, setIssues] = useState<AnswerIssue[] | undefined>();
  const [sending, setSending] = useState(false);
  const honeypot = useRef<HTMLInputElement>(null);
  const latest = useRef<{ answers: Answers; step?: string }>({ answers: {} });
  const defRef = useRef(def);
  defRef.current = def;
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const refusalText = (e: { details?: string | null; code?: string | null }) => refusalFrom(refusals, e);

  const save = useCallback((answers: Answers, step: string) => {
    latest.current = { answers, step };
    if (session.current.id)
      saveDraft({ ...session.current, step, values: answers, form_version: defRef.current.version });
  }, []);

  const startToken = useCallback(async () => {
    if (!session.current.id || session.current.startToken) return;
    const token = await fetchStartToken();
    if (token && !session.current.startToken) {
      session.current.startToken = token;
      if (latest.current.step) save(latest.current.answers, latest.current.step);
    }
  }, [save]);

  /** Shows the form from a step (a new mount of DefinitionForm: its steps belong to the definition). */
  const open = (answers: Answers, step: string | undefined, focus: boolean) => {
    latest.current = { answers, step };
    setStart((p) => ({ answers, step, key: p.key + 1, focus }));
    setPhase('form');
  };

  // After hydration: the draft (resume), ?src=, a consent given before the script ran, the outbox, the token and
  // the newest published definition.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on mount
  useEffect(() => {
    const draft = loadDraft();
    const cached = loadForm<FormDefinition>();
    const query = new URLSearchParams(location.search);
    session.current = {
      id: draft?.id ?? crypto.randomUUID(),
      startedAt: draft?.startedAt ?? Date.now(),
      // A code over the 64 characters the form carries is cut, never a reason to refuse (the server keeps 'unknown').
      src: (query.get('src') ?? draft?.src)?.slice(0, 64),
      startToken: draft?.startToken,
    };
    let current = definition;
    if (cached?.version && (draft ? draft.form_version === cached.version : true)) current = cached;
    if (current !== definition) setDef(current);
    defRef.current = current;
    const keep = draft && (draft.form_version ?? current.version) === current.version;
    // This history entry is the consent screen's, unless a reload resumes a step (the entry is that step's).
    if (!keep) history.replaceState({ ...history.state, [HISTORY_KEY]: 'consent' }, '');
    if (keep) {
      setResumed(true);
      open(draft.values, draft.step, false);
    } else if (query.get('consent') === 'on') {
      // The family ticked consent and pressed "continue" before the script had loaded.
      query.delete('consent');
      query.delete('website');
      const rest = query.toString();
      history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}`);
      history.pushState({ [HISTORY_KEY]: 'form' }, '');
      open({}, undefined, false);
    }
    if (outbox().length) setOutcome({ kind: 'queued' });
    void startToken();
    void callPublic<{ version: string | null; definition: FormDefinition | null; accepting: string[] }>(
      'survey_form',
      {},
      { get: true },
    ).then((r) => {
      if (!r.ok || !r.data.version || !r.data.definition) return;
      saveForm(r.data.definition);
      const mine = defRef.current.version;
      if (r.data.version === mine) return;
      // A family already answering a version still accepted finishes it; otherwise the newest one.
      const answering = Object.keys(latest.current.answers).length > 0;
      if (answering && r.data.accepting.includes(mine)) return;
      defRef.current = r.data.definition;
      setDef(r.data.definition);
      // The form on screen is redrawn for the new version; a family back on the consent screen stays there (the
      // consent button then opens the new version).
      if (phaseRef.current === 'form' && latest.current.step)
        open(latest.current.answers, latest.current.step, false);
    });
  }, []);

  // The phone's back button from the first question returns to the consent screen.
  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      const at = (e.state as Record<string, unknown> | null)?.[HISTORY_KEY];
      if (at === 'consent') setPhase('consent');
      else if (at === 'form' && phase === 'consent') open(latest.current.answers, undefined, true);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  });

  const settle = (r: SendResult) => {
    if (r.status === 'sent') {
      clearDraft();
      setOutcome({ kind: 'sent', reference: r.reference });
    } else if (r.status === 'queued') {
      clearDraft();
      setOutcome({ kind: 'queued' });
    } else if (r.status === 'held') {
      setOutcome({ kind: 'held', message: r.message });
    } else {
      setOutcome(null);
      if (r.details === 'survey_start_token_invalid' || r.details === 'survey_start_token_expired') {
        session.current.startToken = undefined;
        void startToken();
      }
      if (r.details === 'survey_invalid_answer' && r.hint) {
        try {
          setIssues(JSON.parse(r.hint) as AnswerIssue[]);
        } catch {
          /* no list: the text alone */
        }
      }
      setNotice(r.message ?? refusalText(r).replace('{seconds}', r.hint ?? '20'));
    }
  };

  const send = async (answers: Answers) => {
    setNotice(null);
    setIssues(undefined);
    if (honeypot.current?.value) {
      // A browser's autofill filled the hidden honeypot: say so, clear it, and let the family send again.
      honeypot.current.value = '';
      setNotice(refusalText({ details: 'survey_honeypot' }));
      return;
    }
    setSending(true);
    settle(
      await sendResponse({
        id: session.current.id,
        consent: true,
        consent_version: CONSENT_VERSION,
        form_version: def.version,
        answers,
        start_token: session.current.startToken,
        ...(session.current.src ? { src: session.current.src } : {}),
      }),
    );
    setSending(false);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: settle() only sets state; one listener for the page's life
  const retry = useCallback(async () => {
    const results = await flushOutbox();
    const last = results[results.length - 1];
    if (last) settle(last);
  }, []);
  useEffect(() => {
    window.addEventListener('online', retry);
    if (outbox().length && navigator.onLine) void retry();
    return () => window.removeEventListener('online', retry);
  }, [retry]);

  const startAgain = () => {
    clearDraft();
    session.current = { id: crypto.randomUUID(), startedAt: Date.now(), src: session.current.src };
    void startToken();
    latest.current = { answers: {} };
    setResumed(false);
    setOutcome(null);
    setNotice(null);
    setIssues(undefined);
    setPhase('consent');
    history.pushState({ [HISTORY_KEY]: 'consent' }, '');
  };

  if (outcome)
    return (
      <SurveyOutcome outcome={outcome} s={s} resultsHref={resultsHref} onRetry={retry} onAgain={startAgain} />
    );

  if (phase === 'form')
    return (
      <>
        {resumed && (
          <div className="note resumed">
            <p>{s['survey.resumed']}</p>
            <button type="button" className="link-button" onClick={startAgain}>
              {s['survey.clear']}
            </button>
          </div>
        )}
        <DefinitionForm
          key={`${def.version}-${start.key}`}
          definition={def}
          locale={locale}
          t={t}
          initial={start}
          focusFirst={start.focus}
          onChange={save}
          onSend={(a) => void send(a)}
          sending={sending}
          sendLabel={[s['survey.send'], s['survey.sending']]}
          issues={issues}
          notice={notice}
          onBackFirst={() => {
            setPhase('consent');
            history.pushState({ [HISTORY_KEY]: 'consent' }, '');
          }}
        >
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="website">{s['survey.honeypot']}</label>
            <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" ref={honeypot} />
          </div>
        </DefinitionForm>
      </>
    );

  // One tap: the button is the consent (its words say so); without JavaScript it sends ?consent=on.
  return (
    <form
      noValidate
      method="get"
      action={noJsAction}
      className="survey-form"
      onSubmit={(e) => {
        e.preventDefault();
        history.pushState({ [HISTORY_KEY]: 'form' }, '');
        open(latest.current.answers, latest.current.step, true);
      }}
    >
      <div className="survey-step">
        <h2 className="question" tabIndex={-1}>
          {s['survey.q.consent']}
        </h2>
        <p className="consent-text" id="consent-text">
          {s['survey.consent.text']}
        </p>
        <p>{s['survey.consent.label']}</p>
      </div>
      <button type="submit" className="primary" name="consent" value="on" aria-describedby="consent-text">
        {t['form.consent.start']}
      </button>
    </form>
  );
}
