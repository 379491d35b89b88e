/**
 * Why the database refused: its messages (pinned by tests/db/lectures.test.ts) → a reason the islands translate
 * as `lec.reason.<reason>`. Unknown messages fall back to 'other' (shown with the message itself).
 */
export type Reason =
  | 'duplicate'
  | 'cancelled'
  | 'over'
  | 'closed'
  | 'not_open'
  | 'no_event'
  | 'rate_limited'
  | 'not_found'
  | 'checked_in'
  | 'other';

const BY_MESSAGE: [RegExp, Reason][] = [
  [/^this phone number is already registered/, 'duplicate'],
  [/^this event has been cancelled/, 'cancelled'],
  [/^this event is over/, 'over'],
  [/^registration for this event has closed/, 'closed'],
  [/^registration for this event opens at/, 'not_open'],
  [/^no such event/, 'no_event'],
  [/^too many /, 'rate_limited'],
  [/^no registration matches/, 'not_found'],
  [/^you have already been checked in/, 'checked_in'],
];

export function reasonOf(message: string): Reason {
  return BY_MESSAGE.find(([re]) => re.test(message))?.[1] ?? 'other';
}
