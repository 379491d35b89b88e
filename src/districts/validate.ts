/** Validates every district configuration with its schema; the build calls this first (astro.config.mjs). */
import { DISTRICTS, selectedDistrictId } from './index.ts';
import { DistrictSchema } from './schema.ts';

/** Throws one readable error naming the file and each problem; returns the selected district's id. */
export function validateDistricts(): string {
  const problems: string[] = [];
  for (const [id, config] of Object.entries(DISTRICTS)) {
    const parsed = DistrictSchema.safeParse(config);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        problems.push(`src/districts/${id}/district.ts: ${issue.path.join('.')}: ${issue.message}`);
    else if (parsed.data.id !== id)
      problems.push(`src/districts/${id}/district.ts: its id says "${parsed.data.id}"`);
  }
  if (problems.length) throw new Error(`District configuration:\n  ${problems.join('\n  ')}`);
  return selectedDistrictId();
}
