/** The staff sign-in form: react-hook-form + the shared zod schema, errors summarised at the top. */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { SignInSchema, type SignIn } from '../../lib/schemas/sign-in.ts';
import { ErrorSummary, type FieldError } from '../ErrorSummary.tsx';
import type { StaffStrings } from './strings.ts';

interface Props {
  s: StaffStrings;
  onSubmit: (values: SignIn) => Promise<string | null>;
}

export function SignInForm({ s, onSubmit }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignIn>({ resolver: zodResolver(SignInSchema), shouldFocusError: false });
  const { errors, isSubmitting } = formState;
  const message = (key?: string) => (key ? (s[key as keyof StaffStrings] ?? key) : '');
  const summary: FieldError[] = [
    ...(['email', 'password'] as const).filter((f) => errors[f]).map((f) => ({ fieldId: `staff-${f}`, message: message(errors[f]?.message) })),
    ...(formError ? [{ fieldId: 'staff-email', message: formError }] : []),
  ];
  const submit = handleSubmit(async (values) => setFormError(await onSubmit(values)));
  const described = (f: 'email' | 'password') => (errors[f] ? `staff-${f}-error` : undefined);

  return (
    <form noValidate onSubmit={submit} className="staff-form">
      <ErrorSummary title={s['staff.error.title']} errors={summary} />
      <div className={errors.email ? 'field has-error' : 'field'}>
        <label htmlFor="staff-email">{s['staff.email']}</label>
        {errors.email && (
          <p className="error-message" id="staff-email-error">
            <span className="visually-hidden">{s['staff.error.prefix']}</span>
            {message(errors.email.message)}
          </p>
        )}
        <input id="staff-email" type="email" autoComplete="username" spellCheck={false} aria-invalid={!!errors.email} aria-describedby={described('email')} {...register('email')} />
      </div>
      <div className={errors.password ? 'field has-error' : 'field'}>
        <label htmlFor="staff-password">{s['staff.password']}</label>
        {errors.password && (
          <p className="error-message" id="staff-password-error">
            <span className="visually-hidden">{s['staff.error.prefix']}</span>
            {message(errors.password.message)}
          </p>
        )}
        <input id="staff-password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} aria-describedby={described('password')} {...register('password')} />
      </div>
      <button type="submit" disabled={isSubmitting}>{isSubmitting ? s['staff.signingIn'] : s['staff.signIn']}</button>
    </form>
  );
}
