/**
 * The staff sign-in form. Messages are i18n keys (the island translates them), so the same schema serves both
 * locales and the tests. zod/mini keeps the browser bundle small.
 */
import { z } from 'zod/mini';

export const SignInSchema = z.object({
  email: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'staff.error.emailMissing' }),
      z.email({ error: 'staff.error.emailInvalid' }),
    ),
  password: z.string().check(z.minLength(1, { error: 'staff.error.passwordMissing' })),
});

export type SignIn = z.output<typeof SignInSchema>;
