/**
 * The one react-hook-form resolver of every island (instead of @hookform/resolvers, ~2 KB more): check the form's
 * values with a zod or zod/mini schema; on failure each field's first issue becomes its error, nested at its path
 * as react-hook-form reads it (the message is an i18n key the island translates).
 */
import type { FieldErrors, FieldValues, Resolver, ResolverResult } from 'react-hook-form';

/** What the resolver needs of a schema: its `safeParse` (zod and zod/mini schemas have it). */
export interface FormSchema<T> {
  safeParse(values: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: readonly { path: PropertyKey[]; message: string; code: string }[] };
      };
}

/**
 * `values` checked against `schema`: valid → the values with the schema's parsed ones laid over them (so a schema
 * for one step of a longer form keeps the other steps' answers); invalid → no values and the errors.
 */
export function resolveWith<T extends FieldValues>(
  schema: FormSchema<unknown>,
  values: T,
): ResolverResult<T> {
  const r = schema.safeParse(values);
  const errors: Record<string, unknown> = {};
  if (r.success) return { values: { ...values, ...(r.data as T) }, errors: {} };
  for (const { path, code, message } of r.error.issues) {
    const keys = path.slice() as string[];
    const last = keys.pop() as string;
    let node = errors;
    for (const k of keys) {
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    node[last] ??= { type: code, message };
  }
  return { values: {}, errors: errors as FieldErrors<T> };
}

/** `useForm({ resolver: formResolver(SignUpSchema) })`: the resolver for a form that is one schema. */
export function formResolver<T extends FieldValues>(schema: FormSchema<T>): Resolver<T> {
  return (values) => resolveWith(schema, values);
}
