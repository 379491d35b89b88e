/**
 * The staff team through the API: list (public.list_staff) and change (public.upsert_staff: role, active, name).
 * A refusal comes back as the error itself; islands show `refusalText(error, locale)` (src/lib/refusals/staff.ts:
 * the last-admin guard, an unknown email, a missing role, each a sentence a person can act on).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { RefusalLike } from '../refusals/index.ts';
import type { StaffMember, StaffRole } from '../schemas/staff-member.ts';

function refusal(error: { code?: string; details?: string | null }): RefusalLike {
  return { code: error.code ?? null, details: error.details ?? null };
}

export async function listTeam(
  db: SupabaseClient,
): Promise<{ team: StaffMember[] } | { error: RefusalLike }> {
  const { data, error } = await db.rpc('list_staff');
  return error ? { error: refusal(error) } : { team: (data ?? []) as StaffMember[] };
}

export interface StaffChange {
  email: string;
  display_name: string;
  role: StaffRole;
  active: boolean;
}

export async function saveMember(db: SupabaseClient, change: StaffChange): Promise<RefusalLike | null> {
  const { error } = await db.rpc('upsert_staff', {
    p_email: change.email,
    p_display_name: change.display_name,
    p_role: change.role,
    p_active: change.active,
  });
  return error ? refusal(error) : null;
}
