/**
 * The one form resolver (src/lib/schemas/form-resolver.ts): react-hook-form reads errors nested at each field's
 * path, the first issue of a field wins, and a valid form gives the parsed values over the typed ones.
 */
import { describe, expect, test } from 'vitest';
import { z } from 'zod/mini';
import { formResolver, resolveWith } from '../../src/lib/schemas/form-resolver.ts';
import { SignInSchema } from '../../src/lib/schemas/sign-in.ts';
import { StaffMemberSchema } from '../../src/lib/schemas/staff-member.ts';

const Nested = z.object({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, { error: 'name.missing' }), z.minLength(3, { error: 'name.short' })),
  child: z.object({ months: z.number().check(z.gte(1, { error: 'months.low' })) }),
  forms: z.array(z.string().check(z.minLength(1, { error: 'form.empty' }))),
});
const opts = { fields: {}, shouldUseNativeValidation: false } as const;

describe('resolveWith', () => {
  test('puts each issue at its path, nested, and keeps only the first issue of a field', () => {
    const r = resolveWith(Nested, { name: ' ', child: { months: 0 }, forms: ['a', ''] });
    expect(r.values).toEqual({});
    expect(r.errors).toEqual({
      name: { type: 'too_small', message: 'name.missing' },
      child: { months: { type: 'too_small', message: 'months.low' } },
      forms: { 1: { type: 'too_small', message: 'form.empty' } },
    });
  });

  test('a valid form: the parsed values over the typed ones, other fields kept', () => {
    const r = resolveWith(z.object({ name: z.string().check(z.trim()) }), { name: '  王芳 ', other: 'x' });
    expect(r).toEqual({ values: { name: '王芳', other: 'x' }, errors: {} });
  });
});

describe('formResolver', () => {
  test('the staff sign-in form: message keys of the staff dictionary', async () => {
    const r = await formResolver(SignInSchema)({ email: 'not-an-email', password: '' }, undefined, opts);
    expect(r.errors).toEqual({
      email: { type: 'invalid_format', message: 'staff.error.emailInvalid' },
      password: { type: 'too_small', message: 'staff.error.passwordMissing' },
    });
  });

  test('the add-member form: a valid entry comes back trimmed', async () => {
    const r = await formResolver(StaffMemberSchema)(
      { email: ' a@b.cn ', display_name: ' 李 ', role: 'admin' },
      undefined,
      opts,
    );
    expect(r).toEqual({ values: { email: 'a@b.cn', display_name: '李', role: 'admin' }, errors: {} });
  });
});
