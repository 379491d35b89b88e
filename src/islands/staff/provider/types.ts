/** What my_facilities() returns for each facility (the facility record with the editor's extras). */
import type { AgeBand, CareForm } from '../../../lib/schemas/facility-enums.ts';

export interface EditorFacility {
  id: string;
  name: string;
  ages?: { min_months: number; max_months: number };
  places?: number;
  vacancies?: { count: number; as_of: string; by_age?: Partial<Record<AgeBand, number>> };
  care_forms?: CareForm[];
  hours?: string;
  fees?: Partial<Record<CareForm, number>>;
  phone?: string;
  prepayment?: { max_months: number; refund: string };
  closure?: { from: string; until?: string; reason: string };
  stale: boolean;
  pending: { id: number; field: 'fees' | 'phone' | 'prepayment'; value: unknown; reason?: string }[];
}

/** The age bands a facility takes children in (all three when its ages are not known). */
export function bandsOf(f: Pick<EditorFacility, 'ages'>): AgeBand[] {
  const all: [AgeBand, number, number][] = [
    ['under_12m', 0, 12],
    ['m12_24', 12, 24],
    ['m24_36', 24, 36],
  ];
  if (!f.ages) return all.map(([b]) => b);
  const { min_months: lo, max_months: hi } = f.ages;
  const bands = all.filter(([, from, to]) => lo < to && hi > from).map(([b]) => b);
  return bands.length ? bands : ['m24_36'];
}
