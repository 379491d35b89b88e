/** Create or edit an event: react-hook-form + EventFormSchema; the server's refusals shown in the summary. */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  EventFormSchema,
  eventJson,
  toShanghaiLocal,
  type EventForm,
} from '../../../lib/schemas/lecture-event.ts';
import { KINDS } from '../../../lib/lectures/model.ts';
import { formResolver } from '../../../lib/schemas/form-resolver.ts';
import { fill } from '../../../lib/i18n/fill.ts';
import type { LectureStaffStrings } from '../../../lib/i18n/lectures-staff/index.ts';
import type { LectureKey, LectureStrings } from '../../../lib/i18n/lectures/index.ts';
import { pageLocale, refusalText } from '../../../lib/refusals/index.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import { ErrorSummary, type FieldError } from '../../ErrorSummary.tsx';
import { TextField } from '../../TextField.tsx';
import type { StaffEvent } from './types.ts';

const FIELDS = [
  'title',
  'kind',
  'description',
  'speaker',
  'venue',
  'township',
  'audience',
  'startsAt',
  'endsAt',
  'capacity',
  'opensAt',
  'closesAt',
  'counts',
] as const;

function defaults(e: StaffEvent | null): EventForm {
  return {
    title: e?.title ?? '',
    kind: e?.kind ?? 'parent_class',
    description: e?.description ?? '',
    speaker: e?.speaker ?? '',
    venue: e?.venue ?? '',
    township: e?.township ?? '',
    audience: e?.audience ?? '',
    startsAt: toShanghaiLocal(e?.starts_at ?? null),
    endsAt: toShanghaiLocal(e?.ends_at ?? null),
    capacity: e ? String(e.capacity) : '',
    opensAt: toShanghaiLocal(e?.registration_opens_at ?? null),
    closesAt: toShanghaiLocal(e?.registration_closes_at ?? null),
    counts: e?.counts ?? 'adults',
    fillSmallerParties: e?.fill_smaller_parties ?? false,
  };
}

export function EventEditor({
  t,
  ps,
  event,
  onSaved,
}: {
  t: LectureStaffStrings;
  ps: LectureStrings;
  event: StaffEvent | null;
  onSaved: (e: StaffEvent, note: string) => void;
}) {
  const [serverError, setServerError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<EventForm>({
    resolver: formResolver(EventFormSchema),
    defaultValues: defaults(event),
    shouldFocusError: false,
  });
  const { errors, isSubmitting } = formState;
  const msg = (k?: string) => (k ? (t[k as keyof LectureStaffStrings] ?? k) : undefined);
  const summary: FieldError[] = [
    ...FIELDS.filter((f) => errors[f]).map((f) => ({
      fieldId: `ev-${f}`,
      message: msg(errors[f]?.message) ?? '',
    })),
    ...(serverError ? [{ fieldId: '', message: serverError }] : []),
  ];
  const submit = handleSubmit(async (v) => {
    const { data, error } = await getSupabase().rpc('save_lecture_event', {
      p_id: event?.id ?? null,
      p_event: eventJson(v),
    });
    if (error) return setServerError(refusalText(error, pageLocale()));
    setServerError(null);
    const saved = data as StaffEvent & { promoted: number };
    onSaved(
      saved,
      saved.promoted
        ? `${t['lecs.saved']} ${fill(t['lecs.promoted'], { n: saved.promoted })}`
        : t['lecs.saved'],
    );
  });
  const field = (f: (typeof FIELDS)[number], label: string, type = 'text') => (
    <TextField
      id={`ev-${f}`}
      type={type}
      label={label}
      error={msg(errors[f]?.message)}
      errorPrefix={t['lecs.error.prefix']}
      registration={register(f)}
    />
  );
  return (
    <form noValidate onSubmit={submit} className="lec-form">
      <ErrorSummary title={t['lecs.error.title']} errors={summary} />
      {field('title', t['lecs.f.title'])}
      <div className="field">
        <label htmlFor="ev-kind">{t['lecs.f.kind']}</label>
        <select id="ev-kind" {...register('kind')}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {ps[`lec.kind.${k}` as LectureKey]}
            </option>
          ))}
        </select>
      </div>
      {field('venue', t['lecs.f.venue'])}
      {field('township', t['lecs.f.township'])}
      {field('startsAt', t['lecs.f.startsAt'], 'datetime-local')}
      {field('endsAt', t['lecs.f.endsAt'], 'datetime-local')}
      {field('capacity', t['lecs.f.capacity'], 'number')}
      <fieldset className="field">
        <legend>{t['lecs.f.counts']}</legend>
        {(['adults', 'adults_and_children'] as const).map((c) => (
          <label key={c} className="choice">
            <input
              type="radio"
              id={c === 'adults' ? 'ev-counts' : undefined}
              value={c}
              {...register('counts')}
            />{' '}
            {t[`lecs.counts.${c}`]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="choice">
          <input type="checkbox" id="ev-fillSmallerParties" {...register('fillSmallerParties')} />{' '}
          {t['lecs.f.fillSmallerParties']}
        </label>
        <p className="hint">{t['lecs.f.fillSmallerPartiesHint']}</p>
      </div>
      {field('speaker', t['lecs.f.speaker'])}
      {field('audience', t['lecs.f.audience'])}
      <div className="field">
        <label htmlFor="ev-description">{t['lecs.f.description']}</label>
        <textarea id="ev-description" rows={4} {...register('description')} />
      </div>
      {field('opensAt', t['lecs.f.opensAt'], 'datetime-local')}
      {field('closesAt', t['lecs.f.closesAt'], 'datetime-local')}
      <button type="submit" disabled={isSubmitting}>
        {t['lecs.save']}
      </button>
    </form>
  );
}
