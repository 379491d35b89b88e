/**
 * Lectures without zod: the kinds, the children's age groups and the code alphabet, and input normalisers.
 * Islands import this (not the zod schemas) where they need no form, so those pages load no zod. The cheap checks
 * of API answers are in answer-checks.ts (they need the answers' types, which come from lecture-api.ts: keeping
 * them apart keeps lecture-api.ts → model.ts one-way).
 */
export const KINDS = ['parent_class', 'health_talk', 'publicity_month', 'training'] as const;
export type Kind = (typeof KINDS)[number];
/**
 * How old the child a family brings to a lecture is (app.lecture_registrations.child_age_band; "expecting" before
 * birth). Not the survey's age bands (src/lib/schemas/survey.ts LECTURE_CHILD_AGES), which count months up to 3 years.
 */
export const LECTURE_CHILD_AGES = ['expecting', 'under_1', '1_to_2', '2_to_3', 'over_3'] as const;
export type LectureChildAge = (typeof LECTURE_CHILD_AGES)[number];
/** A registration's status (app.lecture_registrations.status). */
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
/** Confirmation-code characters: no 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
export const CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const CODE_LENGTH = 6;

/** A mainland mobile number from what people type (spaces, dashes, brackets, +86/0086/86), or null. */
export function normalizeMobile(input: string): string | null {
  const digits = input.replace(/[\s()-]/g, '').replace(/^(\+86|0086|86)(1\d{10})$/, '$2');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** A typed code upper-cased without spaces and dashes. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export function isCode(input: string): boolean {
  return new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`).test(normalizeCode(input));
}
