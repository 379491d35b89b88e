/** The questions of one step. Every step has exactly one h2 (the question, or the step's topic) that gets focus. */
import type { UseFormReturn } from 'react-hook-form';
import {
  CARE_FORMS,
  CARERS,
  DISTANCES,
  DROPOFFS,
  FEES,
  IN_CARE,
  MAX_CHILDREN,
  PICKUPS,
  PRIORITIES,
  PROVIDERS,
  REASONS_AGAINST,
  REASONS_FOR,
  RELATIONS,
  YES_NO,
  type StepName,
  type SurveyDraft,
} from '../../lib/schemas/survey.ts';
import type { SurveyStrings } from '../../lib/i18n/survey.ts';
import { TextField } from '../TextField.tsx';
import { ChoiceGroup, ErrorText } from './ChoiceGroup.tsx';

interface Props {
  step: StepName;
  form: UseFormReturn<SurveyDraft>;
  s: SurveyStrings;
  /** the townships to choose from: code and name in the page's language */
  townships: { code: string; name: string }[];
  /** translated message for a field path, if it has an error */
  err: (path: string) => string | undefined;
  /** A single-choice answer tapped (pointer, not keyboard): the form may move on. */
  onPick?: (field: keyof SurveyDraft, value: string) => void;
}

/** The single-choice questions of each step that a tap can complete (the step moves on when all are answered). */
export const TAP_FIELDS: Partial<Record<StepName, (keyof SurveyDraft)[]>> = {
  relation: ['relation'],
  carer: ['carer'],
  inCare: ['in_care'],
  wantsCare: ['wants_care'],
  provider: ['provider'],
  careForm: ['care_form'],
  fee: ['fee'],
  distance: ['distance'],
  times: ['dropoff', 'pickup'],
};

/** The single-choice and multiple-choice steps: field, answer list, question key, multiple? */
export const CHOICE_STEPS = {
  relation: ['relation', RELATIONS, 'survey.q.relation', false],
  carer: ['carer', CARERS, 'survey.q.carer', false],
  inCare: ['in_care', IN_CARE, 'survey.q.inCare', false],
  wantsCare: ['wants_care', YES_NO, 'survey.q.wantsCare', false],
  reasonsFor: ['reasons_for', REASONS_FOR, 'survey.q.reasonsFor', true],
  reasonsAgainst: ['reasons_against', REASONS_AGAINST, 'survey.q.reasonsAgainst', true],
  provider: ['provider', PROVIDERS, 'survey.q.provider', false],
  careForm: ['care_form', CARE_FORMS, 'survey.q.careForm', false],
  fee: ['fee', FEES, 'survey.q.fee', false],
  distance: ['distance', DISTANCES, 'survey.q.distance', false],
  priorities: ['priorities', PRIORITIES, 'survey.q.priorities', true],
} as const satisfies Partial<
  Record<StepName, readonly [keyof SurveyDraft, readonly string[], keyof SurveyStrings, boolean]>
>;

export const optionLabel = (s: SurveyStrings, field: string) => (v: string) =>
  s[`survey.option.${field}.${v}` as keyof SurveyStrings] ?? v;

export function StepFields({ step, form, s, townships, err, onPick }: Props) {
  const { register } = form;
  const prefix = s['survey.error.prefix'];
  const tap = (field: keyof SurveyDraft) =>
    onPick && TAP_FIELDS[step]?.includes(field) ? (v: string) => onPick(field, v) : undefined;
  const oneTapHint = TAP_FIELDS[step] ? <p className="hint one-tap">{s['survey.oneTap']}</p> : null;
  if (step in CHOICE_STEPS) {
    const [field, options, question, multiple] = CHOICE_STEPS[step as keyof typeof CHOICE_STEPS];
    return (
      <>
        <ChoiceGroup
          heading
          name={field}
          legend={s[question]}
          options={options}
          label={optionLabel(s, field)}
          multiple={multiple}
          error={err(field)}
          errorPrefix={prefix}
          registration={register(field)}
          onPick={tap(field)}
        />
        {oneTapHint}
      </>
    );
  }
  switch (step) {
    case 'consent':
      return (
        <div className={err('consent') ? 'field has-error' : 'field'}>
          <h2 className="question" tabIndex={-1}>
            {s['survey.q.consent']}
          </h2>
          <p className="consent-text">{s['survey.consent.text']}</p>
          <ErrorText id="consent" text={err('consent')} prefix={prefix} />
          <label className="check choice" htmlFor="consent">
            <input
              type="checkbox"
              id="consent"
              aria-describedby={err('consent') ? 'consent-error' : undefined}
              {...register('consent')}
            />
            {s['survey.consent.label']}
          </label>
        </div>
      );
    case 'children':
      return <Children form={form} s={s} err={err} />;
    case 'times':
      return (
        <>
          <h2 className="question" tabIndex={-1}>
            {s['survey.q.times']}
          </h2>
          <ChoiceGroup
            name="dropoff"
            legend={s['survey.q.dropoff']}
            options={DROPOFFS}
            label={optionLabel(s, 'dropoff')}
            error={err('dropoff')}
            errorPrefix={prefix}
            registration={register('dropoff')}
            onPick={tap('dropoff')}
          />
          <ChoiceGroup
            name="pickup"
            legend={s['survey.q.pickup']}
            options={PICKUPS}
            label={optionLabel(s, 'pickup')}
            error={err('pickup')}
            errorPrefix={prefix}
            registration={register('pickup')}
            onPick={tap('pickup')}
          />
          {oneTapHint}
        </>
      );
    case 'township':
      return (
        <>
          <h2 className="question" tabIndex={-1}>
            {s['survey.q.township']}
          </h2>
          <div className={err('township') ? 'field has-error' : 'field'}>
            <label htmlFor="township">{s['survey.q.township']}</label>
            <ErrorText id="township" text={err('township')} prefix={prefix} />
            <select
              id="township"
              aria-invalid={!!err('township')}
              aria-describedby={err('township') ? 'township-error' : undefined}
              {...register('township')}
            >
              <option value="">{s['survey.choose']}</option>
              {townships.map((t) => (
                <option key={t.code} value={t.code}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="community"
            label={`${s['survey.q.community']} ${s['survey.optional']}`}
            autoComplete="off"
            error={err('community')}
            errorPrefix={prefix}
            registration={register('community')}
          />
        </>
      );
    case 'phone':
      return (
        <>
          <h2 className="question" tabIndex={-1}>
            {s['survey.q.phone']}
          </h2>
          <p className="hint">{s['survey.phone.hint']}</p>
          <TextField
            id="phone"
            type="tel"
            inputMode="numeric"
            autoComplete="tel-national"
            label={`${s['survey.phone.label']} ${s['survey.optional']}`}
            error={err('phone')}
            errorPrefix={prefix}
            registration={register('phone')}
          />
          <div className={err('phone_consent') ? 'field has-error' : 'field'}>
            <ErrorText id="phone_consent" text={err('phone_consent')} prefix={prefix} />
            <label className="check choice" htmlFor="phone_consent">
              <input
                type="checkbox"
                id="phone_consent"
                aria-describedby={err('phone_consent') ? 'phone_consent-error' : undefined}
                {...register('phone_consent')}
              />
              {s['survey.phone.consent']}
            </label>
          </div>
        </>
      );
    default:
      return null;
  }
}

function Children({ form, s, err }: Pick<Props, 'form' | 's' | 'err'>) {
  // A plain list instead of useFieldArray (1.7 KB): rows are the children array itself, keyed by position.
  const children = form.watch('children') ?? [];
  const setChildren = (list: { birth_month: string }[]) => form.setValue('children', list);
  const prefix = s['survey.error.prefix'];
  return (
    <div className={err('children') ? 'field has-error' : 'field'}>
      <h2 className="question" tabIndex={-1}>
        {s['survey.q.children']}
      </h2>
      <p className="hint" id="children-hint">
        {s['survey.children.hint']}
      </p>
      <ErrorText id="children" text={err('children')} prefix={prefix} />
      {children.map((_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the fields are registered by index (children.N.…), so the index is their identity
        <div key={i} className="child-row">
          <TextField
            id={`children-${i}-birth_month`}
            type="month"
            placeholder="2025-03"
            label={s['survey.children.label'].replace('{n}', String(i + 1))}
            error={err(`children.${i}.birth_month`)}
            errorPrefix={prefix}
            registration={form.register(`children.${i}.birth_month` as const)}
          />
          {children.length > 1 && (
            <button
              type="button"
              className="secondary"
              onClick={() => setChildren(form.getValues('children')!.filter((_, k) => k !== i))}
            >
              {s['survey.children.remove'].replace('{n}', String(i + 1))}
            </button>
          )}
        </div>
      ))}
      {children.length < MAX_CHILDREN && (
        <button
          type="button"
          className="secondary"
          onClick={() => setChildren([...(form.getValues('children') ?? []), { birth_month: '' }])}
        >
          {s['survey.children.add']}
        </button>
      )}
    </div>
  );
}
