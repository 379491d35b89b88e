/**
 * The phone form rendered from a published definition (issue 16), nothing hand-listed per question: one step per
 * top-level node (formSteps), select_one as answers that move on with one tap, select_multiple as checkboxes,
 * integer / month / date / text inputs, notes, a repeat as one block per child with add and remove; relevance and
 * choice filters by evaluate.ts; each step checked by validateAnswers (its constraint_message, else a text per
 * code); check your answers lists every answer still asked with its label and a change button; each step a history
 * entry (the phone's back button). Used by the preview page (answers stay on the page), the families' page
 * (FamilySurvey: consent, draft, send) and staff paper entry (PaperEntry: the form's date, no history).
 *
 * The answers are the definition's JSON itself (React state), and the inputs are this file's own, not
 * react-hook-form's: the state IS the payload `answers` (paths like `children.0.birth_month`), every check is
 * validateAnswers over it (the same verdicts as the database), and a resolver would only translate between two
 * shapes of the same thing; without react-hook-form the families' page is ~10 KB lighter.
 *
 * This file holds the form's state (answers, step, errors, history); what a step shows is in form/: StepView.tsx
 * (notes, groups, repeats), QuestionView.tsx (one question), CheckList.tsx (check your answers), view.ts (what they
 * share).
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { AnswerIssue, Answers, FormDefinition, FormNode } from '../../lib/survey-form/definition.ts';
import { isAnswered, isRelevant } from '../../lib/survey-form/evaluate.ts';
import {
  formSteps,
  keptAnswers,
  questionIndex,
  stepAsked,
  stepIssues,
  stepNames,
} from '../../lib/survey-form/steps.ts';
import CheckList from './form/CheckList.tsx';
import StepView from './form/StepView.tsx';
import { type FormStrings, idOf, type Lang, text, type View } from './form/view.ts';

export type { FormStrings } from './form/view.ts';

interface Props {
  definition: FormDefinition;
  locale: Lang;
  t: FormStrings;
  /** The form's date, `today()` of its rules (staff: the date on the paper form); else today. */
  formDate?: string;
  /** Where to start: a resumed draft's answers and step. */
  initial?: { answers: Answers; step?: string };
  /** Every change of the answers or the step (the family's draft on the device). */
  onChange?: (answers: Answers, step: string) => void;
  /** Sends the answers that still count, from the check page; without it the check page ends a preview. */
  onSend?: (answers: Answers) => void;
  sending?: boolean;
  /** The send button's words (and while sending). */
  sendLabel?: [string, string];
  /** Issues the server found (AnswerIssue[] of a refusal): shown at their questions, on the first such step. */
  issues?: AnswerIssue[];
  /** A message from outside the questions (a refusal, an offline note), listed in the error summary. */
  notice?: string | null;
  /** The first step's back link leads here (the page's consent screen). */
  onBackFirst?: () => void;
  /** Steps are not history entries (staff entry inside a tab). */
  noHistory?: boolean;
  /** Focus the first step's heading on mount (entered from a screen before it). */
  focusFirst?: boolean;
  /** Inside the form, before its button (the honeypot). */
  children?: ReactNode;
}

const HISTORY_KEY = 'tuoyuFormStep';
const CHECK = '#check';

/** The answers with one value set at a path ('name' or 'repeat.N.name'); '' and [] remove it. */
function withAnswer(answers: Answers, path: string, value: unknown): Answers {
  const [name, index, inner] = path.split('.');
  if (inner === undefined) {
    const next = { ...answers, [name!]: value };
    if (!isAnswered(value)) delete next[name!];
    return next;
  }
  const blocks = [...((answers[name!] as Answers[] | undefined) ?? [{}])];
  blocks[Number(index)] = withAnswer(blocks[Number(index)] ?? {}, inner, value);
  return { ...answers, [name!]: blocks };
}

export default function DefinitionForm({
  definition: def,
  locale,
  t,
  formDate,
  initial,
  onChange,
  onSend,
  sending,
  sendLabel,
  issues,
  notice,
  onBackFirst,
  noHistory,
  focusFirst,
  children,
}: Props) {
  const today = useRef(new Date().toISOString().slice(0, 10)).current;
  const at = formDate || today;
  const steps = useRef(formSteps(def)).current;
  const questions = useRef(questionIndex(def)).current;
  const [step, setStep] = useState<string>(() =>
    initial?.step && (initial.step === CHECK || steps.some((s) => s.name === initial.step))
      ? initial.step
      : (steps[0]?.name ?? CHECK),
  );
  const [answers, setAnswers] = useState<Answers>(initial?.answers ?? {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [returnToCheck, setReturnToCheck] = useState(false);
  const stepRef = useRef(step);
  stepRef.current = step;
  const kept = keptAnswers(def, answers, at);
  const order = steps.filter((s) => stepAsked(s, kept, at));

  const message = (code: string, name: string): string => {
    const q = questions.get(name);
    if (code === 'constraint' && q?.constraint_message) return text(q.constraint_message, locale);
    if (code === 'required' && (q?.type === 'select_one' || q?.type === 'select_multiple'))
      return t['form.error.requiredChoice'];
    return t[`form.error.${code === 'not_relevant' ? 'required' : code}` as keyof FormStrings];
  };

  const go = (next: string) => {
    if (!noHistory && next !== stepRef.current) history.pushState({ [HISTORY_KEY]: next }, '');
    setErrors({});
    setStep(next);
  };
  useEffect(() => onChange?.(answers, step), [answers, step, onChange]);
  // Issues the server found: shown at their questions, on the first step that has one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new list of issues only
  useEffect(() => {
    if (!issues?.length) return;
    const first = steps.find((s) => issues.some((i) => stepNames(s).has(i.path.split('.')[0]!)));
    if (first) {
      setReturnToCheck(true); // once fixed, back to the check page
      go(first.name);
    }
    setErrors(Object.fromEntries(issues.map((i) => [i.path, message(i.code, i.question)])));
  }, [issues]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on mount
  useEffect(() => {
    if (noHistory) return;
    history.replaceState({ ...history.state, [HISTORY_KEY]: stepRef.current }, '');
    const onPop = (e: PopStateEvent) => {
      const to = (e.state as Record<string, unknown> | null)?.[HISTORY_KEY];
      if (typeof to === 'string') {
        setErrors({});
        setStep(to);
      }
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  // A new step puts focus on its heading; errors put it on the summary (not on first load).
  const moved = useRef(!!focusFirst);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each step change, which it does not read
  useEffect(() => {
    if (moved.current) document.querySelector<HTMLElement>('.survey-step h2')?.focus();
    moved.current = true;
  }, [step]);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (Object.keys(errors).length || notice) summary.current?.focus();
  }, [errors, notice]);
  // GOV.UK: the page's title starts with 错误： / Error: while the form shows errors.
  const failing = Object.keys(errors).length > 0 || !!notice;
  useEffect(() => {
    const prefix = `${t['form.error.prefix']}${locale === 'en' ? ' ' : ''}`;
    const base = document.title.startsWith(prefix) ? document.title.slice(prefix.length) : document.title;
    document.title = failing ? `${prefix}${base}` : base;
  }, [failing, t, locale]);

  /** Checks the step; moves on (or back to the check page) when it has no issues. */
  const next = (now: Answers = answers) => {
    const current = steps.find((s) => s.name === step);
    const keptNow = keptAnswers(def, now, at);
    const issues = current ? stepIssues(def, current, keptNow, at) : [];
    if (issues.length) {
      setErrors(Object.fromEntries(issues.map((i) => [i.path, message(i.code, i.question)])));
      return;
    }
    const asked = steps.filter((s) => stepAsked(s, keptNow, at));
    const after = asked[asked.findIndex((s) => s.name === step) + 1];
    if (returnToCheck || !after) {
      const incomplete = asked.find((s) => stepIssues(def, s, keptNow, at).length);
      if (!incomplete) setReturnToCheck(false);
      go(incomplete?.name ?? CHECK);
    } else go(after.name);
  };
  const back = () => {
    const i = order.findIndex((s) => s.name === step);
    if (i === 0 && onBackFirst) return onBackFirst();
    go(step === CHECK ? (order.at(-1)?.name ?? CHECK) : (order[Math.max(0, i - 1)]?.name ?? CHECK));
  };
  const current = steps.find((s) => s.name === step);
  const set = (path: string, value: unknown, tapped = false) => {
    const now = withAnswer(answers, path, value);
    setAnswers(now);
    if (!tapped || !current) return;
    // A tap completes the step when its asked questions are all single-choice and all answered.
    const asked = askedQuestions(current.nodes, now, at);
    if (asked.length && asked.every((q) => q.type === 'select_one' && isAnswered(now[q.name]))) next(now);
  };

  const list = Object.entries(errors).map(([path, msg]) => {
    const q = questions.get(path.split('.').at(-1)!);
    const choice = q?.type === 'select_one' || q?.type === 'select_multiple';
    return { id: choice ? `${idOf(path)}-0` : idOf(path), msg };
  });
  if (notice) list.push({ id: '', msg: notice });
  const position = step === CHECK ? order.length + 1 : order.findIndex((s) => s.name === step) + 1;
  const view: View = { def, locale, t, at, answers: kept, errors, set };

  return (
    <form
      noValidate
      className="survey-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (step === CHECK && onSend) {
          const incomplete = order.find((s) => stepIssues(def, s, kept, at).length);
          if (incomplete) go(incomplete.name);
          else onSend(kept);
        } else next();
      }}
    >
      {!onSend && <p className="note">{t['form.preview.note'].replace('{version}', def.version)}</p>}
      {list.length > 0 && (
        <div
          className="error-summary"
          role="alert"
          aria-labelledby="form-errors-title"
          tabIndex={-1}
          ref={summary}
        >
          <h2 id="form-errors-title">{t['form.error.title']}</h2>
          <ul>
            {list.map((e) => (
              <li key={e.id + e.msg}>{e.id ? <a href={`#${e.id}`}>{e.msg}</a> : e.msg}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="step-count">{t['form.step'].replace('{n}', String(position))}</p>
      {(step !== order[0]?.name || onBackFirst) && (
        <button type="button" className="link-button back-link" onClick={back}>
          {t['form.back']}
        </button>
      )}
      <div className="survey-step">
        {step === CHECK || !current ? (
          <CheckList
            def={def}
            order={order}
            answers={kept}
            locale={locale}
            t={t}
            at={at}
            onChange={(name) => {
              setReturnToCheck(true);
              go(name);
            }}
          />
        ) : (
          <StepView step={current} {...view} />
        )}
      </div>
      {children}
      {step === CHECK && onSend ? (
        <button type="submit" className="primary" disabled={sending}>
          {sendLabel?.[sending ? 1 : 0]}
        </button>
      ) : step === CHECK ? (
        <p>{t['form.preview.end']}</p>
      ) : (
        <button type="submit" className="primary">
          {t['form.next']}
        </button>
      )}
    </form>
  );
}

/** The questions of these nodes that are asked, groups opened (a repeat never completes with a tap). */
function askedQuestions(nodes: FormNode[], answers: Answers, at: string): { type: string; name: string }[] {
  return nodes.flatMap((n) => {
    if (!isRelevant(n, answers, at)) return [];
    if (n.kind === 'question') return [n];
    if (n.kind === 'group') return askedQuestions(n.children, answers, at);
    return n.kind === 'repeat' ? [{ type: 'repeat', name: n.name }] : [];
  });
}
