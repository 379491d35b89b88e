/** The staff sign-in form: react-hook-form + the shared zod schema, errors summarised at the top. */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { formResolver } from '../../lib/schemas/form-resolver.ts';
import { SignInSchema, type SignIn } from '../../lib/schemas/sign-in.ts';
import { ErrorSummary, type FieldError } from '../ErrorSummary.tsx';
import { TextField } from '../TextField.tsx';
import type { StaffStrings } from '../../lib/i18n/staff/index.ts';

interface Props {
  s: StaffStrings;
  onSubmit: (values: SignIn) => Promise<string | null>;
}

export function SignInForm({ s, onSubmit }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignIn>({
    resolver: formResolver(SignInSchema),
    shouldFocusError: false,
  });
  const { errors, isSubmitting } = formState;
  const message = (key?: string) => (key ? (s[key as keyof StaffStrings] ?? key) : '');
  const summary: FieldError[] = [
    ...(['email', 'password'] as const)
      .filter((f) => errors[f])
      .map((f) => ({ fieldId: `staff-${f}`, message: message(errors[f]?.message) })),
    ...(formError ? [{ fieldId: 'staff-email', message: formError }] : []),
  ];
  const submit = handleSubmit(async (values) => setFormError(await onSubmit(values)));

  return (
    <form noValidate onSubmit={submit} className="staff-form">
      <ErrorSummary title={s['staff.error.title']} errors={summary} />
      <TextField
        id="staff-email"
        type="email"
        autoComplete="username"
        spellCheck={false}
        label={s['staff.email']}
        error={errors.email && message(errors.email.message)}
        errorPrefix={s['staff.error.prefix']}
        registration={register('email')}
      />
      <TextField
        id="staff-password"
        type="password"
        autoComplete="current-password"
        label={s['staff.password']}
        error={errors.password && message(errors.password.message)}
        errorPrefix={s['staff.error.prefix']}
        registration={register('password')}
      />
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? s['staff.signingIn'] : s['staff.signIn']}
      </button>
    </form>
  );
}
