/** What the staff lecture functions return (public.staff_list_lecture_events, lecture_roster, …). */
import type { LectureChildAge, Kind } from '../../../lib/lectures/model.ts';

export interface StaffEvent {
  id: string;
  title: string;
  kind: Kind;
  description: string;
  speaker: string;
  venue: string;
  township: string;
  audience: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  counts: 'adults' | 'adults_and_children';
  fill_smaller_parties: boolean;
  confirmed_people: number;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  status: 'draft' | 'published' | 'cancelled';
  cancel_reason: string | null;
  confirmed: number;
  waitlisted: number;
  checked_in: number;
  cancelled: number;
}
export interface RosterRow {
  id: number;
  code: string;
  signup_no: number;
  name: string | null;
  mobile_masked: string | null;
  adults: number;
  child_age_band: LectureChildAge;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  waitlist_position: number | null;
  checked_in_at: string | null;
  redacted: boolean;
}
/** One registration of export_lecture_roster's answer (its `columns`, read by exportRecords). */
export interface ExportRow {
  id: number;
  signup_no: number;
  code: string;
  name: string | null;
  /** Masked (138****1234) unless an admin exported full numbers with a reason. */
  mobile: string | null;
  adults: number;
  child_age_band: LectureChildAge;
  status: string;
  waitlist_position: number | null;
  checked_in_at: string | null;
}
