/** "Check your answers": every answered step as a summary row with a "change" button that returns to it. */
import type { StepName, SurveyDraft } from '../../lib/schemas/survey.ts';
import type { SurveyStrings } from '../../lib/i18n/survey.ts';
import { CHOICE_STEPS, optionLabel } from './StepFields.tsx';

interface Props {
  steps: StepName[];
  values: SurveyDraft;
  s: SurveyStrings;
  locale: 'zh-CN' | 'en';
  townships: { code: string; name: string }[];
  onChange: (step: StepName) => void;
}

const QUESTION: Partial<Record<StepName, keyof SurveyStrings>> = {
  children: 'survey.q.children',
  times: 'survey.q.times',
  township: 'survey.q.township',
  phone: 'survey.q.phone',
};

export function answerText(
  step: StepName,
  v: SurveyDraft,
  s: SurveyStrings,
  locale: 'zh-CN' | 'en',
  townships: { code: string; name: string }[],
): string {
  const join = (a: string[]) =>
    a.filter(Boolean).join(locale === 'en' ? ', ' : '、') || s['survey.check.none'];
  if (step in CHOICE_STEPS) {
    const [field] = CHOICE_STEPS[step as keyof typeof CHOICE_STEPS];
    const value = v[field];
    const label = optionLabel(s, field);
    return join((Array.isArray(value) ? value : value ? [value] : []).map(String).map(label));
  }
  switch (step) {
    case 'children':
      return join((v.children ?? []).map((c) => c.birth_month));
    case 'times':
      return join(
        [
          v.dropoff && `${s['survey.q.dropoff']} ${optionLabel(s, 'dropoff')(v.dropoff)}`,
          v.pickup && `${s['survey.q.pickup']} ${optionLabel(s, 'pickup')(v.pickup)}`,
        ].filter((x): x is string => !!x),
      );
    case 'township': {
      return join([townships.find((x) => x.code === v.township)?.name ?? '', v.community?.trim() ?? '']);
    }
    case 'phone':
      return v.phone?.trim() || s['survey.check.none'];
    default:
      return '';
  }
}

export function CheckAnswers({ steps, values, s, locale, townships, onChange }: Props) {
  const rows = steps.filter((st) => st !== 'consent');
  return (
    <>
      <h2 className="question" tabIndex={-1}>
        {s['survey.check.title']}
      </h2>
      <dl className="summary-list">
        {rows.map((step) => {
          const q =
            step in CHOICE_STEPS ? CHOICE_STEPS[step as keyof typeof CHOICE_STEPS][2] : QUESTION[step]!;
          return (
            <div className="summary-row" key={step}>
              <dt>{s[q]}</dt>
              <dd>{answerText(step, values, s, locale, townships)}</dd>
              <dd className="summary-action">
                <button type="button" className="link-button" onClick={() => onChange(step)}>
                  {s['survey.check.change']}
                  <span className="visually-hidden"> {s[q]}</span>
                </button>
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}
