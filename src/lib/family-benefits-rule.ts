/**
 * The 育儿补贴 month rule, as the official text states it (src/data/family-benefits.ts quotes it with its source):
 * from 1 January 2025, 3,600 yuan a year — 300 yuan a month — for each child under 3, until the child turns 3;
 * a child born before 2025 and still under 3 gets it pro-rated by the number of eligible months.
 * Counted here: every calendar month from January 2025 (or the month of birth, if later) up to the month BEFORE
 * the month of the 3rd birthday. The official wording leaves the two boundary months open (the month of birth
 * and the month the child turns 3): the page shows such results as 约 and names the source; the province sets
 * the details. Browser code: no imports.
 */
const START = { year: 2025, month: 1 } as const;
const PER_YEAR = 3600;
export const PER_MONTH = PER_YEAR / 12;

export interface SubsidyEstimate {
  /** eligible months per calendar year, e.g. { 2025: 12, 2026: 5 } */
  byYear: Record<number, number>;
  months: number;
  total: number;
  /** true when a boundary month the official text leaves open could change the count (shown as 约) */
  approximate: boolean;
}

const index = (year: number, month: number) => year * 12 + (month - 1);

/** `month` 1–12. A child born in the future, or who turned 3 before 2025, gets 0 months. */
export function subsidyFor(birthYear: number, birthMonth: number): SubsidyEstimate {
  const first = Math.max(index(birthYear, birthMonth), index(START.year, START.month));
  const end = index(birthYear + 3, birthMonth); // the month of the 3rd birthday, not counted
  const byYear: Record<number, number> = {};
  for (let i = first; i < end; i++) {
    const y = Math.floor(i / 12);
    byYear[y] = (byYear[y] ?? 0) + 1;
  }
  const months = Math.max(0, end - first);
  // Born in 2025 or later: whole years from birth to the 3rd birthday, 36 months. Born earlier: the month of the
  // 3rd birthday (and for a child born in the last days of 2024, December itself) is the open case.
  const approximate = index(birthYear, birthMonth) < index(START.year, START.month) && end > first - 1;
  return { byYear, months, total: months * PER_MONTH, approximate };
}
