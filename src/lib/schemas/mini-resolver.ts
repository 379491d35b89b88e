/**
 * A react-hook-form resolver for flat zod/mini schemas: the first issue of each field becomes its error (the
 * message is an i18n key). ~0.3 KB instead of @hookform/resolvers' ~2 KB, which keeps the lecture sign-up island
 * within its 100 KB budget.
 */
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod/mini';

export function miniResolver<T extends FieldValues>(schema: z.ZodMiniType<T, unknown>): Resolver<T> {
  return async (values) => {
    const result = schema.safeParse(values);
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.join('.');
      errors[key] ??= { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<T> };
  };
}
