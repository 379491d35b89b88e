/** The sign-up form: react-hook-form + the shared zod schema; errors summarised at the top and beside each field. */
import { useState } from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { formResolver } from '../../lib/schemas/form-resolver.ts';
import { LECTURE_CHILD_AGES, SignUpSchema, type SignUp } from '../../lib/schemas/lecture.ts';
import type { LectureKey, LectureStrings } from '../../lib/i18n/lectures/index.ts';
import { ErrorSummary, type FieldError } from '../ErrorSummary.tsx';
import { TextField } from '../TextField.tsx';

interface Props {
  s: LectureStrings;
  waitlist: boolean;
  /** sends the form; resolves to an error message to show, or null when it worked */
  onSubmit: (values: SignUp) => Promise<string | null>;
}

function Radios({
  id,
  legend,
  options,
  error,
  errorPrefix,
  registration,
}: {
  id: string;
  legend: string;
  options: [string, string][];
  error?: string;
  errorPrefix: string;
  registration: UseFormRegisterReturn;
}) {
  return (
    <fieldset
      className={error ? 'field has-error' : 'field'}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{errorPrefix}</span>
          {error}
        </p>
      )}
      {options.map(([value, label], i) => (
        <label key={value} className="choice">
          <input type="radio" value={value} id={i === 0 ? id : undefined} {...registration} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

export function SignUpForm({ s, waitlist, onSubmit }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignUp>({
    resolver: formResolver(SignUpSchema),
    // Most families come without older children in tow; "none" is preselected, one tap changes it.
    defaultValues: { children: '0' },
    shouldFocusError: false,
  });
  const { errors, isSubmitting } = formState;
  const msg = (key?: string) => (key ? (s[key as LectureKey] ?? key) : undefined);
  const fields = ['name', 'mobile', 'adults', 'children', 'childAgeBand', 'consent'] as const;
  const summary: FieldError[] = [
    ...fields
      .filter((f) => errors[f])
      .map((f) => ({ fieldId: `lec-${f}`, message: msg(errors[f]?.message) ?? '' })),
    ...(formError ? [{ fieldId: '', message: formError }] : []),
  ];
  const submit = handleSubmit(async (values) => setFormError(await onSubmit(values)));
  const p = s['lec.error.prefix'];
  return (
    <form noValidate onSubmit={submit} className="lec-form">
      <ErrorSummary title={s['lec.error.title']} errors={summary} />
      <TextField
        id="lec-name"
        autoComplete="name"
        label={s['lec.name']}
        error={msg(errors.name?.message)}
        errorPrefix={p}
        registration={register('name')}
      />
      <TextField
        id="lec-mobile"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        label={`${s['lec.mobile']}（${s['lec.mobileHint']}）`}
        error={msg(errors.mobile?.message)}
        errorPrefix={p}
        registration={register('mobile')}
      />
      <Radios
        id="lec-adults"
        legend={s['lec.adults']}
        options={[
          ['1', s['lec.adults.1']],
          ['2', s['lec.adults.2']],
        ]}
        error={msg(errors.adults?.message)}
        errorPrefix={p}
        registration={register('adults')}
      />
      <Radios
        id="lec-children"
        legend={s['lec.children']}
        options={(['0', '1', '2', '3'] as const).map((n) => [n, s[`lec.children.${n}` as LectureKey]])}
        error={msg(errors.children?.message)}
        errorPrefix={p}
        registration={register('children')}
      />
      <Radios
        id="lec-childAgeBand"
        legend={s['lec.ageBand']}
        options={LECTURE_CHILD_AGES.map((b) => [b, s[`lec.age.${b}` as LectureKey]])}
        error={msg(errors.childAgeBand?.message)}
        errorPrefix={p}
        registration={register('childAgeBand')}
      />
      <div className={errors.consent ? 'field has-error' : 'field'}>
        {errors.consent && (
          <p className="error-message" id="lec-consent-error">
            <span className="visually-hidden">{p}</span>
            {msg(errors.consent.message)}
          </p>
        )}
        <label className="choice">
          <input
            type="checkbox"
            id="lec-consent"
            aria-invalid={!!errors.consent}
            aria-describedby={errors.consent ? 'lec-consent-error' : undefined}
            {...register('consent')}
          />{' '}
          {s['lec.consent']}
        </label>
      </div>
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? s['lec.submitting'] : waitlist ? s['lec.joinWaitlist'] : s['lec.submit']}
      </button>
    </form>
  );
}
