/**
 * The staff event form (/staff/lectures/), apart from the parents' schemas so their islands do not carry it.
 * Same rules as app.lecture_events' constraints; messages are keys of src/lib/i18n/lectures-staff/zh-CN.ts.
 */
import { z } from 'zod/mini';
import { KINDS } from '../lectures/model.ts';

/** The staff event form: datetime-local values are Beijing time. Messages are keys of the staff strings. */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const localTime = (missing: string) =>
  z.string().check(z.minLength(1, { error: missing }), z.regex(LOCAL_TIME, { error: 'lecs.error.time' }));
const optionalLocalTime = z
  .string()
  .check(z.refine((v) => v === '' || LOCAL_TIME.test(v), { error: 'lecs.error.time' }));

export const EventFormSchema = z
  .object({
    title: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, { error: 'lecs.error.titleField' }),
        z.maxLength(120, { error: 'lecs.error.titleField' }),
      ),
    kind: z.enum(KINDS, { error: 'lecs.error.kind' }),
    description: z.string().check(z.trim(), z.maxLength(4000, { error: 'lecs.error.long' })),
    speaker: z.string().check(z.trim(), z.maxLength(120, { error: 'lecs.error.long' })),
    venue: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, { error: 'lecs.error.venue' }),
        z.maxLength(200, { error: 'lecs.error.long' }),
      ),
    township: z.string().check(z.trim(), z.minLength(1, { error: 'lecs.error.township' })),
    audience: z.string().check(z.trim(), z.maxLength(200, { error: 'lecs.error.long' })),
    startsAt: localTime('lecs.error.startsAt'),
    endsAt: localTime('lecs.error.endsAt'),
    capacity: z.string().check(
      z.refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 2000, {
        error: 'lecs.error.capacity',
      }),
    ),
    opensAt: optionalLocalTime,
    closesAt: optionalLocalTime,
    /** Who takes a place (app.lecture_events.counts). */
    counts: z.enum(['adults', 'adults_and_children'], { error: 'lecs.error.counts' }),
    /** May a smaller party behind one that does not fit take the places left? (docs/database.md) */
    fillSmallerParties: z.boolean(),
  })
  .check(
    z.refine((v) => !LOCAL_TIME.test(v.startsAt) || !LOCAL_TIME.test(v.endsAt) || v.endsAt > v.startsAt, {
      error: 'lecs.error.endsBeforeStart',
      path: ['endsAt'],
    }),
    z.refine((v) => v.closesAt === '' || v.closesAt <= v.endsAt, {
      error: 'lecs.error.closesAfterEnd',
      path: ['closesAt'],
    }),
    z.refine((v) => v.opensAt === '' || v.closesAt === '' || v.opensAt < v.closesAt, {
      error: 'lecs.error.window',
      path: ['opensAt'],
    }),
  );
export type EventForm = z.output<typeof EventFormSchema>;

/** Beijing wall-clock "2026-06-01T09:30" → ISO with +08:00; and back from an ISO instant. */
export const fromShanghaiLocal = (v: string) => (v ? `${v}:00+08:00` : null);
export function toShanghaiLocal(iso: string | null): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

/** p_event of public.save_lecture_event for a valid form. */
export function eventJson(v: EventForm) {
  return {
    title: v.title,
    kind: v.kind,
    description: v.description,
    speaker: v.speaker,
    venue: v.venue,
    township: v.township,
    audience: v.audience,
    starts_at: fromShanghaiLocal(v.startsAt),
    ends_at: fromShanghaiLocal(v.endsAt),
    capacity: Number(v.capacity),
    registration_opens_at: fromShanghaiLocal(v.opensAt),
    registration_closes_at: fromShanghaiLocal(v.closesAt),
    counts: v.counts,
    fill_smaller_parties: v.fillSmallerParties,
  };
}
