/**
 * What the public lecture functions return (public.list_lecture_events, get_lecture_event, sign_up_for_lecture,
 * lookup_/cancel_lecture_registration). The islands use the derived types and cheap checks (src/lib/lectures/
 * model.ts); tests parse real answers with these schemas.
 */
import { z } from 'zod/mini';
import { KINDS, LECTURE_CHILD_AGES, REGISTRATION_STATUSES } from '../lectures/model.ts';

const RegistrationStates = ['open', 'waitlist', 'not_open', 'closed', 'over', 'cancelled'] as const;

/** An event as public.list_lecture_events / get_lecture_event return it. */
export const PublicEventSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(KINDS),
  description: z.string(),
  speaker: z.string(),
  venue: z.string(),
  township: z.string(),
  audience: z.string(),
  starts_at: z.string(),
  ends_at: z.string(),
  capacity: z.number(),
  seats_left: z.number(),
  waitlist: z.number(),
  registration_opens_at: z.nullable(z.string()),
  registration_closes_at: z.string(),
  status: z.enum(['published', 'cancelled']),
  cancel_reason: z.nullable(z.string()),
  registration: z.enum(RegistrationStates),
});
export type PublicEvent = z.output<typeof PublicEventSchema>;

/** A registration as its owner sees it (sign-up, look-up, cancel). */
export const RegistrationSchema = z.object({
  code: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  waitlist_position: z.nullable(z.number()),
  adults: z.number(),
  child_age_band: z.enum(LECTURE_CHILD_AGES),
  checked_in: z.boolean(),
  event: PublicEventSchema,
});
export type Registration = z.output<typeof RegistrationSchema>;
