/**
 * Type parsers shared by both adapters so rows look the same whichever database answers.
 * Both sessions run with TimeZone = UTC, so timestamptz text always ends in `+00`.
 */
import { types } from '@electric-sql/pglite';

/** Type OIDs (pg_type.oid) that both adapters parse themselves. */
export const OID = {
  int8: 20,
  json: 114,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  jsonb: 3802,
} as const;

/** The array type of each of the above, for the pg driver (PGlite derives array parsers itself). */
const ARRAY_OF: Record<number, number> = {
  1016: OID.int8,
  199: OID.json,
  1182: OID.date,
  1115: OID.timestamp,
  1185: OID.timestamptz,
  3807: OID.jsonb,
};

/** `2026-06-01 08:00:00.5+00` → `2026-06-01T08:00:00.5+00:00` (the form `to_json` writes). */
function isoTimestamp(text: string): string {
  const t = text.replace(' ', 'T');
  return /[+-]\d\d$/.test(t) ? `${t}:00` : t;
}

/** int8 as a JSON-safe value: a number when exact, else the decimal string. */
export function int8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/** Parsers by OID for the element types. */
export const parsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: int8,
  [OID.json]: (t) => JSON.parse(t),
  [OID.jsonb]: (t) => JSON.parse(t),
  [OID.date]: (t) => t,
  [OID.timestamp]: isoTimestamp,
  [OID.timestamptz]: isoTimestamp,
};

/** The parser for `oid` (text format) if we override it, including arrays of those types; else undefined. */
export function parserFor(oid: number): ((text: string) => unknown) | undefined {
  if (parsers[oid]) return parsers[oid];
  const element = ARRAY_OF[oid];
  if (element === undefined) return undefined;
  const parse = parsers[element];
  return (text) => types.arrayParser(text, parse, oid);
}
