/** The UI strings the staff console needs, picked from the locale's dictionary on the server. */
import type { Translate, UiKey } from '../../lib/i18n/index.ts';

export const STAFF_KEYS = [
  'staff.email',
  'staff.password',
  'staff.signIn',
  'staff.signingIn',
  'staff.signOut',
  'staff.loading',
  'staff.error.title',
  'staff.error.prefix',
  'staff.error.emailMissing',
  'staff.error.emailInvalid',
  'staff.error.passwordMissing',
  'staff.error.wrongPassword',
  'staff.error.lockedOut',
  'staff.error.unavailable',
  'staff.signedInAs',
  'staff.role.admin',
  'staff.role.outreach',
  'staff.notStaff',
  'staff.areas',
  'staff.area.lectures',
  'staff.area.rosters',
  'staff.area.paperSurveys',
  'staff.area.results',
  'staff.area.soon',
  'staff.team',
  'staff.team.name',
  'staff.team.email',
  'staff.team.role',
  'staff.team.manage',
  'staff.team.members',
  'staff.team.you',
  'staff.team.statusActive',
  'staff.team.statusInactive',
  'staff.team.roleOf',
  'staff.team.saveRole',
  'staff.team.deactivate',
  'staff.team.reactivate',
  'staff.team.done.role',
  'staff.team.done.deactivated',
  'staff.team.done.reactivated',
  'staff.team.done.added',
  'staff.team.addExisting',
  'staff.team.addExistingHint',
  'staff.team.addSubmit',
  'staff.team.adminsOnly',
  'staff.team.back',
  'staff.team.error.nameMissing',
  'staff.team.error.nameTooLong',
] as const satisfies readonly UiKey[];

export type StaffStrings = Record<(typeof STAFF_KEYS)[number], string>;

export function staffStrings(t: Translate): StaffStrings {
  return Object.fromEntries(STAFF_KEYS.map((k) => [k, t(k)])) as StaffStrings;
}
