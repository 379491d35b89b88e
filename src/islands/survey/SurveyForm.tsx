/**
 * The childcare-demand questionnaire: guardian consent first, one topic per step, skip logic ("no care wanted"
 * jumps to the reasons against), check your answers, then send. GOV.UK behaviour: validated on "continue", error
 * summary focused and linked, values kept. Saved on the device as it is answered (resume after reload); a send
 * without network waits in the device's outbox and goes out when the connection returns, never twice. The server
 * signs a start token when the form first opens (its minimum fill time runs from there); every refusal is shown by
 * its machine code (src/lib/refusals/survey.ts), never by the server's words.
 *
 * Rendered on the server too (the page's first screen, the consent step, is HTML before any script runs): the
 * first render reads nothing from the browser; the draft, the outbox and ?src= are read after hydration. A consent
 * given before hydration arrives as ?consent=on (the form's native GET) and is taken. Each step is a history entry,
 * so the phone's back button goes back one step. A tap on a single-choice answer moves on when it completes its
 * step (keyboard users, whose arrow keys also change the choice, continue with the button).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import {
  CONSENT_VERSION,
  stepsFor,
  SurveyResponseSchema,
  SurveySteps,
  type StepName,
  type SurveyDraft,
  type SurveyResponse,
} from '../../lib/schemas/survey.ts';
import type { SurveyStrings } from '../../lib/i18n/survey.ts';
import { clearDraft, loadDraft, outbox, saveDraft } from '../../lib/survey/device-store.ts';
import { fetchStartToken, flushOutbox, sendResponse, type SendResult } from '../../lib/survey/send.ts';
import { refusalFrom, type LocaleRefusals } from '../../lib/refusals/text.ts';
import { ErrorSummary } from '../ErrorSummary.tsx';
import { StepFields, TAP_FIELDS } from './StepFields.tsx';
import { CheckAnswers } from './CheckAnswers.tsx';
import { SurveyOutcome, type Outcome } from './SurveyOutcome.tsx';
import { summarise } from './form-errors.ts';
import { resolveWith } from './step-resolver.ts';

interface Props {
  s: SurveyStrings;
  locale: 'zh-CN' | 'en';
  resultsHref: string;
  townships: { code: string; name: string }[];
  /** The refusal texts in the page's language (localeRefusals, rendered into the page: no table in the bundle). */
  refusals: LocaleRefusals;
  /** Staff mode (paper entry): answers go through this instead of the family's submit; nothing kept on the device. */
  paper?: { send: (r: SurveyResponse) => Promise<SendResult> };
  /** Where the form's native submission goes without JavaScript (the page's "answer on paper" note). */
  noJsAction?: string;
}

type Step = StepName | 'check';
const EMPTY: SurveyDraft = {
  consent: false as unknown as true,
  children: [{ birth_month: '' }],
  reasons_for: [],
  reasons_against: [],
  priorities: [],
  community: '',
  phone: '',
  phone_consent: false,
  website: '',
};
const CHOICE_FIELDS = new Set([
  'relation',
  'carer',
  'in_care',
  'wants_care',
  'reasons_for',
  'reasons_against',
  'provider',
  'care_form',
  'fee',
  'distance',
  'dropoff',
  'pickup',
  'priorities',
]);

/** The history entry of a step (the phone's back button walks these). */
const HISTORY_KEY = 'tuoyuSurveyStep';

export default function SurveyForm({
  s,
  locale,
  resultsHref,
  townships,
  refusals,
  paper,
  noJsAction,
}: Props) {
  const refusalText = (error: { details?: string | null; code?: string | null }) =>
    refusalFrom(refusals, error);
  // Filled after hydration (the server render and the first client render must be the same).
  const session = useRef<{ id: string; startedAt: number; src?: string; startToken?: string }>({
    id: '',
    startedAt: 0,
  });
  const [step, setStep] = useState<Step>('consent');
  const [resumed, setResumed] = useState(false);
  const [returnToCheck, setReturnToCheck] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const stepRef = useRef(step);
  stepRef.current = step;
  const resolver: Resolver<SurveyDraft> = (values) =>
    stepRef.current === 'check' ? { values, errors: {} } : resolveWith(SurveySteps[stepRef.current], values);
  const form = useForm<SurveyDraft>({ defaultValues: EMPTY, resolver, shouldFocusError: false });
  const { getValues, handleSubmit, formState, watch, reset, register, setValue } = form;
  const order = stepsFor(watch('wants_care'));
  const t = (key: string) => s[key as keyof SurveyStrings] ?? key;
  const err = (path: string) => {
    const e = path
      .split('.')
      .reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], formState.errors) as
      | { message?: string }
      | undefined;
    return e?.message ? t(e.message) : undefined;
  };

  const save = useCallback(
    (at: Step) =>
      paper || !session.current.id || saveDraft({ ...session.current, step: at, values: getValues() }),
    [getValues, paper],
  );
  useEffect(() => {
    const sub = watch(() => save(stepRef.current));
    return () => sub.unsubscribe();
  }, [watch, save]);

  // The server's start token, once per form session (paper entry needs none).
  const startToken = useCallback(async () => {
    if (paper || !session.current.id || session.current.startToken) return;
    const token = await fetchStartToken();
    if (token && !session.current.startToken) {
      session.current.startToken = token;
      save(stepRef.current);
    }
  }, [paper, save]);

  // Moving between steps puts focus on the new question (not on first load: the page's intro comes first).
  const moved = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each step change, which it does not read
  useEffect(() => {
    if (outcome) return;
    if (moved.current) document.querySelector<HTMLElement>('.survey-step h2.question')?.focus();
    moved.current = true;
  }, [step, outcome]);

  // After hydration: the saved draft (resume), the outbox, ?src=, and a consent given before the script ran.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on mount
  useEffect(() => {
    const draft = paper ? null : loadDraft();
    const query = new URLSearchParams(location.search);
    session.current = {
      id: draft?.id ?? crypto.randomUUID(),
      startedAt: draft?.startedAt ?? Date.now(),
      // A code over the 64 characters the form carries is cut, never a reason to refuse (the server keeps 'unknown').
      src: (query.get('src') ?? draft?.src)?.slice(0, 64),
      startToken: draft?.startToken,
    };
    let at: Step = draft?.step ?? 'consent';
    if (draft) {
      reset(draft.values);
      setResumed(true);
    }
    if (!paper && query.get('consent') === 'on') {
      // The family ticked consent and pressed "continue" before the script had loaded.
      query.delete('consent');
      query.delete('website');
      const rest = query.toString();
      history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}`);
      if (at === 'consent') {
        setValue('consent', true);
        at = stepsFor(getValues('wants_care'))[1] ?? 'consent';
      }
    }
    if (at !== 'consent') {
      moved.current = false; // a restored step is not a move: focus stays where the page put it
      setStep(at);
    }
    if (!paper) history.replaceState({ ...history.state, [HISTORY_KEY]: at }, '');
    if (draft || at !== 'consent') save(at);
    if (!paper && outbox().length) setOutcome({ kind: 'queued' });
    void startToken();
  }, []);

  // The phone's back (and forward) button: each step is a history entry.
  useEffect(() => {
    if (paper) return;
    const onPop = (e: PopStateEvent) => {
      const at = (e.state as Record<string, unknown> | null)?.[HISTORY_KEY] as Step | undefined;
      if (!at || (at !== 'check' && !(at in SurveySteps))) return;
      setServerError(null);
      setStep(at);
      save(at);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [paper, save]);

  const go = (next: Step) => {
    setServerError(null);
    if (!paper && next !== stepRef.current) history.pushState({ [HISTORY_KEY]: next }, '');
    setStep(next);
    save(next);
  };

  /** The first step whose answers are incomplete, given the skip logic; else the check page. */
  const firstIncomplete = (): Step =>
    stepsFor(getValues('wants_care')).find((st) => !SurveySteps[st].safeParse(getValues()).success) ??
    'check';

  const next = handleSubmit(() => {
    const steps = stepsFor(getValues('wants_care'));
    const after = steps[steps.indexOf(step as StepName) + 1];
    if (returnToCheck || !after) {
      const target = firstIncomplete();
      if (target === 'check') setReturnToCheck(false);
      go(target);
    } else go(after);
  });
  /** A tapped single choice moves on once every single-choice question of its step is answered. */
  const pick = (field: keyof SurveyDraft, value: string) => {
    setValue(field, value as never);
    if (TAP_FIELDS[step as StepName]?.every((f) => getValues(f))) void next();
  };
  const back = () =>
    go(step === 'check' ? order[order.length - 1] : order[Math.max(0, order.indexOf(step) - 1)]);

  const settle = (r: SendResult) => {
    if (r.status === 'sent') {
      clearDraft();
      setOutcome({ kind: 'sent', reference: r.reference });
    } else if (r.status === 'held') {
      setOutcome({ kind: 'held', message: r.message });
    } else if (r.status === 'queued') {
      clearDraft();
      setOutcome({ kind: 'queued' });
    } else {
      setOutcome(null);
      if (r.details === 'survey_honeypot') setValue('website', '');
      if (r.details === 'survey_start_token_invalid' || r.details === 'survey_start_token_expired') {
        session.current.startToken = undefined;
        void startToken();
      }
      setServerError(r.message ?? refusalText(r).replace('{seconds}', r.hint ?? '20'));
    }
  };
  const [sending, setSending] = useState(false);
  const send = async () => {
    setServerError(null);
    if (!paper && getValues('website')) {
      // A browser's autofill filled the hidden honeypot: say so, clear it, and let the family send again.
      setValue('website', '');
      return setServerError(refusalText({ details: 'survey_honeypot' }));
    }
    const parsed = SurveyResponseSchema.safeParse({
      ...getValues(),
      id: session.current.id,
      src: session.current.src,
      start_token: session.current.startToken,
      consent_version: CONSENT_VERSION,
      fill_ms: Date.now() - session.current.startedAt,
    });
    if (!parsed.success) {
      const target = firstIncomplete();
      // Every step is complete, so the fault is not the family's answers: say so instead of doing nothing.
      if (target === 'check') return setServerError(refusalText({ details: 'survey_invalid_answer' }));
      return go(target);
    }
    setSending(true);
    settle(await (paper ? paper.send(parsed.data) : sendResponse(parsed.data)));
    setSending(false);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: settle() only sets state; one listener for the page's life
  const retry = useCallback(async () => {
    const results = await flushOutbox();
    const last = results[results.length - 1];
    if (last) settle(last);
  }, []);
  useEffect(() => {
    if (paper) return;
    window.addEventListener('online', retry);
    if (outbox().length && navigator.onLine) void retry();
    return () => window.removeEventListener('online', retry);
  }, [retry, paper]);

  const startAgain = () => {
    clearDraft();
    session.current = { id: crypto.randomUUID(), startedAt: Date.now(), src: session.current.src };
    void startToken();
    reset(EMPTY);
    setResumed(false);
    setOutcome(null);
    setReturnToCheck(false);
    go('consent');
  };

  const errors = [
    ...summarise(formState.errors, t, (p) => CHOICE_FIELDS.has(p)),
    ...(serverError ? [{ fieldId: '', message: serverError }] : []),
  ];
  useEffect(() => {
    const base = document.title.replace(/^(错误：|Error: )/, '');
    document.title = errors.length ? `${s['survey.error.prefix']}${locale === 'en' ? ' ' : ''}${base}` : base;
  });

  if (outcome)
    return (
      <SurveyOutcome outcome={outcome} s={s} resultsHref={resultsHref} onRetry={retry} onAgain={startAgain} />
    );
  const position = step === 'check' ? order.length + 1 : order.indexOf(step) + 1;
  return (
    <form
      noValidate
      method="get"
      action={noJsAction}
      className="survey-form"
      onSubmit={
        step === 'check'
          ? (e) => {
              e.preventDefault();
              void send();
            }
          : next
      }
    >
      {resumed && step !== 'consent' && (
        <div className="note resumed">
          <p>{s['survey.resumed']}</p>
          <button type="button" className="link-button" onClick={startAgain}>
            {s['survey.clear']}
          </button>
        </div>
      )}
      <ErrorSummary title={s['survey.error.title']} errors={errors} />
      <p className="step-count">
        {s['survey.step'].replace('{n}', String(position)).replace('{total}', String(order.length + 1))}
      </p>
      {step !== 'consent' && (
        <button type="button" className="link-button back-link" onClick={back}>
          {s['survey.back']}
        </button>
      )}
      <div className="survey-step">
        {step === 'check' ? (
          <CheckAnswers
            steps={order}
            values={getValues()}
            s={s}
            locale={locale}
            townships={townships}
            onChange={(st) => {
              setReturnToCheck(true);
              go(st);
            }}
          />
        ) : (
          <StepFields step={step} form={form} s={s} townships={townships} err={err} onPick={pick} />
        )}
      </div>
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="website">{s['survey.honeypot']}</label>
        <input id="website" type="text" tabIndex={-1} autoComplete="off" {...register('website')} />
      </div>
      <button type="submit" className="primary" disabled={sending}>
        {step === 'check' ? (sending ? s['survey.sending'] : s['survey.send']) : s['survey.next']}
      </button>
    </form>
  );
}
