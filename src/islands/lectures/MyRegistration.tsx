/** Look up (and cancel) a registration with the mobile number and confirmation code. */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { formResolver } from '../../lib/schemas/form-resolver.ts';
import type { Locale } from '../../lib/i18n/index.ts';
import type { LectureKey, LectureStrings } from '../../lib/i18n/lectures/index.ts';
import { refusalTextIn } from '../../lib/refusals/text.ts';
import { looksLikeRegistration } from '../../lib/lectures/answer-checks.ts';
import { normalizeCode, normalizeMobile } from '../../lib/lectures/model.ts';
import { LookupSchema, type Lookup } from '../../lib/schemas/lecture.ts';
import type { Registration } from '../../lib/schemas/lecture-api.ts';
import { callPublic } from '../../lib/supabase/public-rpc.ts';
import { ErrorSummary, type FieldError } from '../ErrorSummary.tsx';
import { TextField } from '../TextField.tsx';
import { RegistrationCard } from './RegistrationCard.tsx';

export default function MyRegistration({
  s,
  locale,
  refusals,
}: {
  s: LectureStrings;
  locale: Locale;
  /** The lecture refusal texts in this page's language (refusalTexts('lecture', locale)). */
  refusals: Record<string, string>;
}) {
  const [reg, setReg] = useState<Registration | null>(null);
  const [creds, setCreds] = useState<{ p_mobile: string; p_code: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { register, handleSubmit, formState } = useForm<Lookup>({
    resolver: formResolver(LookupSchema),
    shouldFocusError: false,
  });
  const { errors, isSubmitting } = formState;
  const msg = (key?: string) => (key ? (s[key as LectureKey] ?? key) : undefined);

  const call = async (
    fn: 'lookup_lecture_registration' | 'cancel_lecture_registration',
    args: { p_mobile: string; p_code: string },
  ) => {
    const r = await callPublic<unknown>(fn, args);
    if (!r.ok) {
      if (r.network) return setFormError(s['lec.error.network']);
      return setFormError(refusalTextIn(refusals, r));
    }
    if (!looksLikeRegistration(r.data)) return setFormError(s['lec.error.network']);
    setFormError(null);
    setReg(r.data);
    setCreds(args);
    setConfirming(false);
  };
  const submit = handleSubmit((v) =>
    call('lookup_lecture_registration', {
      p_mobile: normalizeMobile(v.mobile) ?? v.mobile,
      p_code: normalizeCode(v.code),
    }),
  );
  const summary: FieldError[] = [
    ...(['mobile', 'code'] as const)
      .filter((f) => errors[f])
      .map((f) => ({ fieldId: `my-${f}`, message: msg(errors[f]?.message) ?? '' })),
    ...(formError ? [{ fieldId: '', message: formError }] : []),
  ];
  return (
    <div className="lec-my">
      <form noValidate onSubmit={submit} className="lec-form">
        <ErrorSummary title={s['lec.error.title']} errors={summary} />
        <TextField
          id="my-mobile"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          label={s['lec.mobile']}
          error={msg(errors.mobile?.message)}
          errorPrefix={s['lec.error.prefix']}
          registration={register('mobile')}
        />
        <TextField
          id="my-code"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          label={s['lec.code']}
          error={msg(errors.code?.message)}
          errorPrefix={s['lec.error.prefix']}
          registration={register('code')}
        />
        <button type="submit" disabled={isSubmitting}>
          {s['lec.lookup']}
        </button>
      </form>
      {reg && (
        <>
          <RegistrationCard
            r={reg}
            s={s}
            locale={locale}
            heading={reg.status === 'cancelled' ? s['lec.result.cancelled'] : s['lec.my']}
          />
          {reg.status !== 'cancelled' &&
            creds &&
            !reg.checked_in &&
            (confirming ? (
              // biome-ignore lint/a11y/useSemanticElements: two buttons that answer one question, not form fields
              <div className="lec-confirm" role="group" aria-label={s['lec.cancel']}>
                <p>{s['lec.cancelConfirm']}</p>
                <button
                  type="button"
                  className="danger"
                  onClick={() => call('cancel_lecture_registration', creds)}
                >
                  {s['lec.cancel']}
                </button>
              </div>
            ) : (
              <button type="button" className="secondary" onClick={() => setConfirming(true)}>
                {s['lec.cancel']}
              </button>
            ))}
        </>
      )}
    </div>
  );
}
