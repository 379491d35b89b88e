/**
 * A react-hook-form resolver for one zod/mini schema, in a few lines (instead of @hookform/resolvers, to keep the
 * survey page within its budget): parse, and on failure nest each issue's message at its path.
 */
import type { FieldErrors, FieldValues, ResolverResult } from 'react-hook-form';

interface Parser {
  safeParse(
    v: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string; code: string }[] } };
}

export function resolveWith<T extends FieldValues>(schema: Parser, values: T): ResolverResult<T> {
  const r = schema.safeParse(values);
  if (r.success) return { values, errors: {} };
  const errors: Record<string, unknown> = {};
  for (const issue of r.error.issues) {
    let node = errors;
    const path = issue.path.map(String);
    path.forEach((key, i) => {
      if (i === path.length - 1) node[key] ??= { type: issue.code, message: issue.message };
      else {
        node[key] ??= {};
        node = node[key] as Record<string, unknown>;
      }
    });
  }
  return { values: {}, errors: errors as FieldErrors<T> };
}
