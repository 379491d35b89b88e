/**
 * Figures the Guichi District health commission's 2024 report states (../shared/data/README.md lists them), for
 * pages that show them beside the site's own records. Quote the report; do not widen it.
 */
import type { DemonstrationLevel } from '../lib/schemas/facility-enums.ts';

/** Demonstration institutions in the district by level: 1 provincial, 4 city-level, 4 district-level. */
export const REPORTED_DEMONSTRATION: Record<DemonstrationLevel, number> = {
  province: 1,
  city: 4,
  district: 4,
};
