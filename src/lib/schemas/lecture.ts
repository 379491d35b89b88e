/**
 * Lectures: the sign-up and look-up forms (zod/mini, messages are keys of src/lib/i18n/lectures/zh-CN.ts) and the
 * shapes the public functions return. The same rules as the SQL (20261130000200_lectures.sql): a mainland mobile
 * number, 1–2 adults, 0–3 children coming along (migration 20261206001300_capacity_in_people.sql), one of five
 * child age bands, consent; codes of 6 characters without look-alikes.
 */
import { z } from 'zod/mini';

import { LECTURE_CHILD_AGES, isCode, normalizeMobile } from '../lectures/model.ts';

export {
  LECTURE_CHILD_AGES,
  CODE_ALPHABET,
  CODE_LENGTH,
  KINDS,
  isCode,
  normalizeCode,
  normalizeMobile,
} from '../lectures/model.ts';
export type { LectureChildAge, Kind } from '../lectures/model.ts';

const mobile = z.string().check(
  z.trim(),
  z.minLength(1, { error: 'lec.error.mobileMissing' }),
  z.refine((v) => normalizeMobile(v) !== null, { error: 'lec.error.mobileInvalid' }),
);

export const SignUpSchema = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'lec.error.nameMissing' }),
      z.maxLength(40, { error: 'lec.error.nameLong' }),
    ),
  mobile,
  adults: z.enum(['1', '2'], { error: 'lec.error.adults' }),
  children: z.enum(['0', '1', '2', '3'], { error: 'lec.error.children' }),
  childAgeBand: z.enum(LECTURE_CHILD_AGES, { error: 'lec.error.ageBand' }),
  consent: z.literal(true, { error: 'lec.error.consent' }),
});
export type SignUp = z.output<typeof SignUpSchema>;

export const LookupSchema = z.object({
  mobile,
  code: z.string().check(
    z.trim(),
    z.minLength(1, { error: 'lec.error.codeMissing' }),
    z.refine((v) => isCode(v), { error: 'lec.error.codeInvalid' }),
  ),
});
export type Lookup = z.output<typeof LookupSchema>;

/** The arguments of public.sign_up_for_lecture for a valid form. */
export function signUpArgs(eventId: string, v: SignUp) {
  return {
    p_event_id: eventId,
    p_name: v.name,
    p_mobile: normalizeMobile(v.mobile),
    p_adults: Number(v.adults),
    p_children: Number(v.children),
    p_child_age_band: v.childAgeBand,
    p_consent: v.consent,
  };
}
