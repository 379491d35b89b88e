/**
 * Cheap runtime checks of the public lecture functions' answers: the islands skip full schema parsing
 * (src/lib/schemas/lecture-api.ts, which the tests use) to stay within their budget.
 */
import type { PublicEvent, Registration } from '../schemas/lecture-api.ts';
import { KINDS, REGISTRATION_STATUSES } from './model.ts';

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
    (REGISTRATION_STATUSES as readonly string[]).includes(r.status) &&
    looksLikeEvent(r.event)
  );
}
