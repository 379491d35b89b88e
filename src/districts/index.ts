/**
 * The districts this site can run for, and the one it runs for: `TUOYU_DISTRICT` (default `guichi`), read at build
 * time (astro.config.mjs turns it into the constant `__TUOYU_DISTRICT__` for browser code) and by the scripts.
 * `npm run new-district -- <adcode>` adds one here (docs/districts.md).
 */
import guichi from './guichi/district.ts';
import { type District, DistrictSchema, type Township } from './schema.ts';
import dongzhi from './dongzhi/district.ts';
// new-district: imports

const CONFIGS = {
  guichi,
  dongzhi,
  // new-district: entries
};

export type DistrictId = keyof typeof CONFIGS;
export type { District, Township };

/** Every configured district, validated. */
export const DISTRICTS: Record<DistrictId, District> = Object.fromEntries(
  Object.entries(CONFIGS).map(([id, config]) => {
    const parsed = DistrictSchema.safeParse(config);
    if (!parsed.success)
      throw new Error(
        `src/districts/${id}/district.ts: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    if (parsed.data.id !== id)
      throw new Error(`src/districts/${id}/district.ts: its id says "${parsed.data.id}"`);
    return [id, parsed.data];
  }),
) as Record<DistrictId, District>;

declare const __TUOYU_DISTRICT__: string | undefined;

/** The selected district's id: the build's constant in browser code, TUOYU_DISTRICT in Node, else guichi. */
export function selectedDistrictId(
  env: string | undefined = typeof __TUOYU_DISTRICT__ === 'string'
    ? __TUOYU_DISTRICT__
    : globalThis.process?.env?.TUOYU_DISTRICT,
): DistrictId {
  const id = env || 'guichi';
  if (!(id in DISTRICTS))
    throw new Error(
      `TUOYU_DISTRICT=${id}: no such district; configured: ${Object.keys(DISTRICTS).join(', ')}`,
    );
  return id as DistrictId;
}

/** The district this build or process runs for. */
export const DISTRICT: District = DISTRICTS[selectedDistrictId()];

/** The outline file of a district, relative to the repository root. */
export const outlinePath = (d: District = DISTRICT) => `src/districts/${d.id}/${d.outline.file}`;

export function townshipByCode(code: string, d: District = DISTRICT): Township | undefined {
  return d.townships.find((t) => t.code === code);
}
