/**
 * Numbers a parent can call, never invented. 12345 is the national government-service hotline (政务服务便民热线),
 * answered in every city. The district health commission's own consultation number is district data
 * (`consultation_phones` in src/districts/<id>/district.ts, checked by its schema), empty until the district
 * confirms one, and then not shown anywhere.
 * Pure: unit-tested without Astro (tests/unit/contact.test.ts).
 */
export interface PhoneNumber {
  /** as printed, e.g. 0566-1234567 */
  display: string;
  /** for the tel: link, digits (and a leading +) only */
  tel: string;
}

export const HOTLINE_12345: PhoneNumber = { display: '12345', tel: '12345' };

/** The district's first consultation number, as printed and as dialled; null while it lists none. */
export function consultationFrom(phones: readonly { display: string; tel: string }[]): PhoneNumber | null {
  const first = phones[0];
  return first ? { display: first.display, tel: first.tel } : null;
}

/** A number to ask, and whether it is the commission's own (true) or the 12345 hotline (false). */
export interface AskPhone extends PhoneNumber {
  consultation: boolean;
}

/** Whom to call about something that has no number of its own: the commission when configured, else 12345. */
export function askNumber(consultation: PhoneNumber | null): AskPhone {
  return consultation ? { ...consultation, consultation: true } : { ...HOTLINE_12345, consultation: false };
}
