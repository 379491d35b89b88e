/** Make an existing account staff (public.upsert_staff): email, name, role; errors summarised at the top. */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { formResolver } from '../../lib/schemas/form-resolver.ts';
import { pageLocale, refusalText } from '../../lib/refusals/index.ts';
import { getSupabase } from '../../lib/supabase/client.ts';
import { saveMember } from '../../lib/staff/team.ts';
import { STAFF_ROLES, StaffMemberSchema, type StaffMemberInput } from '../../lib/schemas/staff-member.ts';
import { ErrorSummary, type FieldError } from '../ErrorSummary.tsx';
import { TextField } from '../TextField.tsx';
import type { StaffStrings } from '../../lib/i18n/staff/index.ts';

export function AddMemberForm({ s, onAdded }: { s: StaffStrings; onAdded: (name: string) => Promise<void> }) {
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset } = useForm<StaffMemberInput>({
    resolver: formResolver(StaffMemberSchema),
    shouldFocusError: false,
    defaultValues: { email: '', display_name: '', role: 'outreach' },
  });
  const { errors, isSubmitting } = formState;
  const message = (key?: string) => (key ? (s[key as keyof StaffStrings] ?? key) : '');
  const summary: FieldError[] = [
    ...(['email', 'display_name'] as const)
      .filter((f) => errors[f])
      .map((f) => ({ fieldId: `member-${f}`, message: message(errors[f]?.message) })),
    ...(formError ? [{ fieldId: 'member-email', message: formError }] : []),
  ];
  const submit = handleSubmit(async (values) => {
    const error = await saveMember(getSupabase(), { ...values, active: true });
    setFormError(error ? refusalText(error, pageLocale()) : null);
    if (!error) {
      reset();
      await onAdded(values.display_name);
    }
  });

  return (
    <section aria-labelledby="add-member-heading">
      <h2 id="add-member-heading">{s['staff.team.addExisting']}</h2>
      <p>{s['staff.team.addExistingHint']}</p>
      <form noValidate onSubmit={submit} className="staff-form">
        <ErrorSummary title={s['staff.error.title']} errors={summary} />
        <TextField
          id="member-email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          label={s['staff.email']}
          error={errors.email && message(errors.email.message)}
          errorPrefix={s['staff.error.prefix']}
          registration={register('email')}
        />
        <TextField
          id="member-display_name"
          type="text"
          autoComplete="off"
          label={s['staff.team.name']}
          error={errors.display_name && message(errors.display_name.message)}
          errorPrefix={s['staff.error.prefix']}
          registration={register('display_name')}
        />
        <div className="field">
          <label htmlFor="member-role">{s['staff.team.role']}</label>
          <select id="member-role" {...register('role')}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {s[`staff.role.${r}`]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={isSubmitting}>
          {s['staff.team.addSubmit']}
        </button>
      </form>
    </section>
  );
}
