/** Old addresses of facility pages (see `former_ids` in FacilitySchema). Pure, so tests and pages share it. */
import type { Facility } from '../schemas/facility.ts';

/** Each former id of a record with the path it redirects to (`/facilities/<id>/`, as facilityPath gives it). */
export function redirects(facilities: readonly Facility[]): { from: string; to: string }[] {
  return facilities.flatMap((f) =>
    (f.former_ids ?? []).map((old) => ({ from: old, to: `/facilities/${f.id}/` })),
  );
}
