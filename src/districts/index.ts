/**
 * The districts this site can run for, and the one it runs for: `TUOYU_DISTRICT` (default `guichi`), read at build
 * time (astro.config.mjs turns it into the constant `__TUOYU_DISTRICT__` for browser code) and by the scripts.
 * `npm run new-district -- <adcode>` adds one here (docs/districts.md).
 */
import guichi from './guichi/district.ts';
import type { District, Township } from './schema.ts';
import dongzhi from './dongzhi/district.ts';
// new-district: imports

const CONFIGS = {
  guichi,
  dongzhi,
  // new-district: entries
};

export type DistrictId = keyof typeof CONFIGS;
export type { District, Township };

/**
 * Every configured district. Typed by the schema here; validated in full (codes, phone formats, townships in the
 * district) when the site builds (astro.config.mjs → validate.ts) and by tests/unit/districts.test.ts. No zod here:
 * browser code may read these facts without shipping a schema library.
 */
export const DISTRICTS: Record<DistrictId, District> = CONFIGS;

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

function pickDistrict(): District {
  return DISTRICTS[selectedDistrictId()];
}

/** The district this build or process runs for. */
// Pure: a browser bundle that imports this module for something else drops the configurations it never reads.
export const DISTRICT: District = /* @__PURE__ */ pickDistrict();

/** What the map apps are told: the district's app slug (`src=`) and its city (Baidu's search region). */
export const NAV_ORIGIN = { app: DISTRICT.app.slug, city: DISTRICT.parent.name } as const;

/** A district's facility files (one YAML per facility), relative to the repository root. */
export const facilitiesDir = (d: District = DISTRICT) => `src/districts/${d.id}/facilities`;

/** The outline file of a district, relative to the repository root. */
export const outlinePath = (d: District = DISTRICT) => `src/districts/${d.id}/${d.outline.file}`;

export function townshipByCode(code: string, d: District = DISTRICT): Township | undefined {
  return d.townships.find((t) => t.code === code);
}
