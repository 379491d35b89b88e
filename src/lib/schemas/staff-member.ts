/**
 * Making an existing account staff, or changing a staff member (public.upsert_staff). Messages are i18n keys, as
 * in sign-in.ts. zod/mini keeps the browser bundle small.
 */
import { z } from 'zod/mini';

export const STAFF_ROLES = ['outreach', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const StaffMemberSchema = z.object({
  email: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'staff.error.emailMissing' }),
      z.email({ error: 'staff.error.emailInvalid' }),
    ),
  /** 1–80 characters, as app.staff allows */
  display_name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'staff.team.error.nameMissing' }),
      z.maxLength(80, { error: 'staff.team.error.nameTooLong' }),
    ),
  role: z.enum(STAFF_ROLES),
});
export type StaffMemberInput = z.output<typeof StaffMemberSchema>;

/** One row of public.list_staff(). */
export interface StaffMember {
  user_id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  active: boolean;
  created_at: string;
}
