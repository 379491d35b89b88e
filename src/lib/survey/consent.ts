/**
 * The consent text's version, stored with every response (the SQL accepts exactly the listed versions). Its own
 * module so the families' page can send it without loading the zod schemas of src/lib/schemas/survey.ts.
 */
export const CONSENT_VERSION = '2026-11';
