/**
 * Numbers a parent can call, never invented. 12345 is the national government-service hotline (政务服务便民热线),
 * answered in every city. The district health commission's own consultation number is a setting
 * (PUBLIC_CONSULT_PHONE, read at build time by ./config.ts), empty by default and then not shown anywhere.
 * Pure: unit-tested without Astro (tests/unit/contact.test.ts).
 */
export interface PhoneNumber {
  /** as printed, e.g. 0566-1234567 */
  display: string;
  /** for the tel: link, digits (and a leading +) only */
  tel: string;
}

export const HOTLINE_12345: PhoneNumber = { display: '12345', tel: '12345' };

/** The same forms the facility schema accepts: a landline with area code, an 11-digit mobile, a 400 number. */
const PHONE = /^(0\d{2,3}-?\d{7,8}|1\d{10}|400-?\d{3}-?\d{4})$/;

/**
 * The configured consultation number, or null when the setting is empty. A malformed setting stops the build
 * with a message naming the variable, so a typo never reaches a parent's phone.
 */
export function parseConsultPhone(raw: string | undefined): PhoneNumber | null {
  const value = (raw ?? '').trim();
  if (!value) return null;
  if (!PHONE.test(value)) {
    throw new Error(
      `PUBLIC_CONSULT_PHONE="${value}" is not a phone number: use a landline with area code like 0566-1234567, an 11-digit mobile or a 400 number, or leave it empty`,
    );
  }
  return { display: value, tel: value.replace(/[^\d+]/g, '') };
}

/** A number to ask, and whether it is the commission's own (true) or the 12345 hotline (false). */
export interface AskPhone extends PhoneNumber {
  consultation: boolean;
}

/** Whom to call about something that has no number of its own: the commission when configured, else 12345. */
export function askNumber(consultation: PhoneNumber | null): AskPhone {
  return consultation ? { ...consultation, consultation: true } : { ...HOTLINE_12345, consultation: false };
}
