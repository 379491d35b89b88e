/**
 * Lectures without zod: the kinds, age bands and code alphabet, input normalisers, and cheap shape checks for API
 * answers. Islands import this (not the zod schemas) where they need no form, so those pages load no zod; the
 * types come from the schemas in src/lib/schemas/lecture.ts.
 */
import type { PublicEvent, Registration } from '../schemas/lecture-api.ts';

export const KINDS = ['parent_class', 'health_talk', 'publicity_month', 'training'] as const;
export type Kind = (typeof KINDS)[number];
export const AGE_BANDS = ['expecting', 'under_1', '1_to_2', '2_to_3', 'over_3'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
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
/** Cheap runtime checks for API answers (the islands skip full schema parsing to stay within their budget). */
export function looksLikeEvent(x: unknown): x is PublicEvent {
  const e = x as PublicEvent | null;
  return (
    !!e &&
    typeof e.id === 'string' &&
    typeof e.starts_at === 'string' &&
    (KINDS as readonly string[]).includes(e.kind) &&
    typeof e.registration === 'string'
  );
}
export function looksLikeRegistration(x: unknown): x is Registration {
  const r = x as Registration | null;
  return (
    !!r &&
    typeof r.code === 'string' &&
    ['confirmed', 'waitlisted', 'cancelled'].includes(r.status) &&
    looksLikeEvent(r.event)
  );
}
