/**
 * Staff paper entry (/staff/survey/, tab "paper"): the families' form made from the published definition
 * (DefinitionForm, no history, nothing kept on the device), with the paper's source, its form date (today() of the
 * rules: ages at that date) and, for double entry, its form number. Sends through public.enter_paper_survey or
 * public.enter_paper_survey_twice; a double entry's differences (answer paths) are named by question label, a
 * refusal's AnswerIssue[] shown at their questions. A paper form printed from an older version still taking answers
 * (survey_form()'s `accepting`) is entered with that version's form, chosen by the version printed on it.
 */
import { useState } from 'react';
import type { SurveyStrings } from '../../../lib/i18n/survey/index.ts';
import type { AnswerIssue, Answers, FormDefinition } from '../../../lib/survey-form/definition.ts';
import { questionIndex } from '../../../lib/survey-form/steps.ts';
import { CONSENT_VERSION } from '../../../lib/survey/consent.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import { refusalText } from '../../../lib/refusals/index.ts';
import DefinitionForm, { type FormStrings } from '../../survey/DefinitionForm.tsx';
import { SurveyOutcome, type Outcome } from '../../survey/SurveyOutcome.tsx';
import type { Point } from './Points.tsx';

interface Props {
  /** The newest published version. */
  definition: FormDefinition;
  /** Older versions still taking answers, newest first: a paper form printed from one is entered with its form. */
  older?: FormDefinition[];
  s: SurveyStrings;
  t: FormStrings;
  locale: 'zh-CN' | 'en';
  points: Point[];
  resultsHref: string;
  /** After an answer is stored (the dashboard reloads). */
  onStored: () => void;
}

/**
 * A differing path of a double entry ('children.1.birth_month', 'township', or one of the entry's own fields:
 * 'form_version', 'form_date', 'consent', 'source_code') as staff read it: "第 2 个：孩子是哪年哪月出生的？", "填表日期".
 */
export function pathLabel(
  def: FormDefinition,
  t: FormStrings,
  s: Pick<SurveyStrings, 'staff.survey.paperSource' | 'survey.q.consent'>,
  locale: 'zh-CN' | 'en',
  path: string,
): string {
  const own: Record<string, string> = {
    form_version: t['form.paper.versionChoice'],
    form_date: t['form.paper.date'],
    source_code: s['staff.survey.paperSource'],
    consent: s['survey.q.consent'],
  };
  if (own[path]) return own[path];
  const parts = path.split('.');
  const q = questionIndex(def).get(parts.at(-1)!);
  const words = (locale === 'en' ? q?.label.en : undefined) ?? q?.label['zh-CN'] ?? path;
  return parts.length === 3
    ? `${t['form.block'].replace('{n}', String(Number(parts[1]) + 1))}：${words}`
    : words;
}

export function PaperEntry({
  definition: newest,
  older = [],
  s,
  t,
  locale,
  points,
  resultsHref,
  onStored,
}: Props) {
  const forms = [newest, ...older.filter((f) => f.version !== newest.version)];
  const [version, setVersion] = useState(newest.version);
  const def = forms.find((f) => f.version === version) ?? newest;
  const [source, setSource] = useState('paper');
  const [double, setDouble] = useState(false);
  const [formNo, setFormNo] = useState('');
  const [formDate, setFormDate] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [issues, setIssues] = useState<AnswerIssue[] | undefined>();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [sending, setSending] = useState(false);
  const [round, setRound] = useState(0);
  const db = getSupabase;

  const refused = (error: { code?: string; details?: string; hint?: string; message: string }) => {
    if (error.details === 'survey_invalid_answer' && error.hint) {
      try {
        setIssues(JSON.parse(error.hint) as AnswerIssue[]);
      } catch {
        /* no list: the text alone */
      }
    }
    setNotice(refusalText(error, locale));
  };

  const send = async (answers: Answers) => {
    setNotice(null);
    setIssues(undefined);
    if (!formDate) return setNotice(t['form.paper.dateMissing']);
    if (double && !formNo.trim()) return setNotice(s['staff.survey.formNoMissing']);
    const payload = {
      id: crypto.randomUUID(),
      consent: true,
      consent_version: CONSENT_VERSION,
      form_version: def.version,
      form_date: formDate,
      answers,
    };
    setSending(true);
    try {
      if (double) {
        const { data, error } = await db().rpc('enter_paper_survey_twice', {
          p_form_no: formNo.trim(),
          p_response: payload,
          p_source_code: source,
        });
        if (error) return refused(error);
        const out = data as { status: string; reference?: string; fields?: string[] };
        if (out.status === 'first_entry_saved')
          return setOutcome({
            kind: 'held',
            message: s['staff.survey.firstEntrySaved'].replace('{form}', formNo.trim()),
          });
        if (out.status === 'mismatch')
          return setNotice(
            s['staff.survey.mismatch'].replace(
              '{fields}',
              (out.fields ?? [])
                .map((f) => pathLabel(def, t, s, locale, f))
                .join(locale === 'en' ? '; ' : '；'),
            ),
          );
        onStored();
        return setOutcome({ kind: 'sent', reference: out.reference ?? '' });
      }
      const { data, error } = await db().rpc('enter_paper_survey', {
        p_response: payload,
        p_source_code: source,
      });
      if (error) return refused(error);
      onStored();
      setOutcome({ kind: 'sent', reference: (data as { reference: string }).reference });
    } finally {
      setSending(false);
    }
  };

  const again = () => {
    setOutcome(null);
    setNotice(null);
    setIssues(undefined);
    setFormNo('');
    setRound((r) => r + 1);
  };
  if (outcome)
    return (
      <SurveyOutcome outcome={outcome} s={s} resultsHref={resultsHref} onRetry={again} onAgain={again} />
    );

  return (
    <>
      <p>{s['staff.survey.paperIntro']}</p>
      {forms.length > 1 ? (
        <>
          <label htmlFor="paper-version">{t['form.paper.versionChoice']}</label>
          <p className="hint" id="paper-version-hint">
            {t['form.paper.versionHint']}
          </p>
          <select
            id="paper-version"
            value={def.version}
            aria-describedby="paper-version-hint"
            onChange={(e) => {
              setVersion(e.target.value);
              setNotice(null);
              setIssues(undefined);
            }}
          >
            {forms.map((f, i) => (
              <option key={f.version} value={f.version}>
                {i === 0 ? t['form.paper.versionNewest'].replace('{version}', f.version) : f.version}
              </option>
            ))}
          </select>
        </>
      ) : (
        <p className="hint">{t['form.paper.version'].replace('{version}', def.version)}</p>
      )}
      <label htmlFor="paper-source">{s['staff.survey.paperSource']}</label>
      <select id="paper-source" value={source} onChange={(e) => setSource(e.target.value)}>
        <option value="paper">{s['staff.survey.paperOther']}</option>
        {points.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name} ({p.code})
          </option>
        ))}
      </select>
      <label htmlFor="paper-date">{t['form.paper.date']}</label>
      <p className="hint" id="paper-date-hint">
        {t['form.paper.dateHint']}
      </p>
      <input
        id="paper-date"
        type="date"
        value={formDate}
        aria-describedby="paper-date-hint"
        onChange={(e) => setFormDate(e.target.value)}
      />
      <label className="check" htmlFor="paper-double">
        <input
          id="paper-double"
          type="checkbox"
          checked={double}
          onChange={(e) => setDouble(e.target.checked)}
        />
        {s['staff.survey.double']}
      </label>
      {double && (
        <>
          <label htmlFor="paper-form-no">{s['staff.survey.formNo']}</label>
          <input
            id="paper-form-no"
            type="text"
            value={formNo}
            onChange={(e) => setFormNo(e.target.value)}
            autoComplete="off"
          />
        </>
      )}
      <DefinitionForm
        key={`${def.version}-${round}`}
        definition={def}
        locale={locale}
        t={t}
        formDate={formDate || undefined}
        noHistory
        onSend={(a) => void send(a)}
        sending={sending}
        sendLabel={[s['survey.send'], s['survey.sending']]}
        issues={issues}
        notice={notice}
      />
    </>
  );
}
