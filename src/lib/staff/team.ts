/**
 * The staff team through the API: list (public.list_staff) and change (public.upsert_staff: role, active, name).
 * Errors become i18n keys a person can act on; the last-admin guard of upsert_staff gets its own plain message.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { StaffMember, StaffRole } from '../schemas/staff-member.ts';

export type TeamErrorKey =
  | 'staff.team.error.lastAdmin'
  | 'staff.team.error.noUser'
  | 'staff.team.error.notAdmin'
  | 'staff.error.unavailable';

interface PgError {
  code?: string;
  message?: string;
}

/** The message for an error from upsert_staff / list_staff (SQLSTATE and text as the migration raises them). */
export function teamErrorKey(error: PgError): TeamErrorKey {
  if (error.code === 'P0001' && /last active admin/.test(error.message ?? ''))
    return 'staff.team.error.lastAdmin';
  if (error.code === 'P0002') return 'staff.team.error.noUser';
  if (error.code === '42501') return 'staff.team.error.notAdmin';
  return 'staff.error.unavailable';
}

export async function listTeam(
  db: SupabaseClient,
): Promise<{ team: StaffMember[] } | { error: TeamErrorKey }> {
  const { data, error } = await db.rpc('list_staff');
  return error ? { error: teamErrorKey(error) } : { team: (data ?? []) as StaffMember[] };
}

export interface StaffChange {
  email: string;
  display_name: string;
  role: StaffRole;
  active: boolean;
}

export async function saveMember(db: SupabaseClient, change: StaffChange): Promise<TeamErrorKey | null> {
  const { error } = await db.rpc('upsert_staff', {
    p_email: change.email,
    p_display_name: change.display_name,
    p_role: change.role,
    p_active: change.active,
  });
  return error ? teamErrorKey(error) : null;
}
