/**
 * What a district is to the site: everything that differs between two districts running tuoyu, in one object per
 * district (`src/districts/<id>/district.ts`), validated here. What changes in a normal year (facilities, lectures,
 * the questionnaire) is data elsewhere; this is what changes when another district takes the site.
 */
import { z } from 'zod';

const Bilingual = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });

/** A phone number people may call, with what it is for. `tel` is the dialled form (+86…). */
const PublicPhoneSchema = z.object({
  /** What the number is for, e.g. 区卫健委托育咨询 / District health commission, childcare questions */
  label: Bilingual,
  /** As printed: 0566-1234567 */
  display: z.string().regex(/^(0\d{2,3}-\d{7,8}|1\d{10}|12345|400-\d{3}-\d{4})$/),
  /** As dialled: +865661234567, or 12345 */
  tel: z.string().regex(/^(\+86\d{9,12}|12345)$/),
  /** When people can call, e.g. 工作日 8:00–12:00, 14:30–17:30 */
  hours: Bilingual.optional(),
});

const TownshipSchema = z.object({
  /** The 9-digit statistical division code (统计用区划代码): the district's 6 digits + 3 */
  code: z.string().regex(/^\d{9}$/),
  name: z.string().min(2),
  name_en: z.string().min(2),
  /** 街道 (sub-district), 镇 (town) or 乡 (township) */
  type: z.enum(['街道', '镇', '乡']),
  /** Resident population, only where a public source states it (never estimated) */
  population: z.number().int().positive().optional(),
});

export const DistrictSchema = z
  .object({
    /** Folder name under src/districts/ and the value of TUOYU_DISTRICT */
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /**
     * A configuration shipped to show how another district runs the site: pages say so on every screen, and it
     * carries no facility data beyond a few clearly marked examples.
     */
    example: z.boolean(),
    name: z.string().min(2),
    name_en: z.string().min(2),
    /** The 6-digit administrative division code (GB/T 2260) */
    adcode: z.string().regex(/^\d{6}$/),
    parent: z.object({ name: z.string(), name_en: z.string(), adcode: z.string().regex(/^\d{6}$/) }),
    province: z.string(),
    province_en: z.string(),
    /** Landline area code, with its leading 0 */
    phone_area_code: z.string().regex(/^0\d{2,3}$/),
    /** The site's name and its publisher, as pages, navigation links and calendar files show them */
    app: z.object({
      name: Bilingual,
      /** ASCII name for map apps' `src=` and the calendar file's PRODID */
      slug: z.string().regex(/^[a-z][a-z0-9-]*$/),
      /** The health commission that runs the site */
      owner: Bilingual,
    }),
    /** Numbers families may call about childcare. Empty until the district confirms them: never invented. */
    consultation_phones: z.array(PublicPhoneSchema),
    /**
     * A vacancy figure older than this many days may have changed: pages then ask parents to call, and it no longer
     * counts for the 有空位 filter (src/lib/facilities/freshness.ts). Default 14.
     */
    vacancy_stale_after_days: z.number().int().min(1).max(365).default(14),
    /** [lng, lat] in GCJ-02: where the map starts */
    center_gcj02: z.tuple([z.number(), z.number()]),
    /** The outline file beside district.ts: GCJ-02 GeoJSON, Polygon or MultiPolygon features */
    outline: z.object({ file: z.string().regex(/\.geojson$/), source: z.string().min(1) }),
    /** 7th census (2020) figures where a public source states them */
    census_2020: z
      .object({
        source: z.string(),
        resident_population: z.number().int().positive(),
        households_family: z.number().int().positive().optional(),
        age_0_14: z.number().int().positive().optional(),
        age_60_plus: z.number().int().positive().optional(),
      })
      .optional(),
    townships: z.array(TownshipSchema).min(1),
    /**
     * What the district health commission's own report states, where the site quotes it: the report's name (shown
     * as the source) and the demonstration institutions it counts by level. Absent: those sentences are left out.
     */
    report: z
      .object({
        source: Bilingual,
        demonstration: z.object({
          province: z.number().int().nonnegative(),
          city: z.number().int().nonnegative(),
          district: z.number().int().nonnegative(),
        }),
      })
      .optional(),
    /** Source names for the figures above, by key */
    sources: z.record(z.string(), z.string()),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    for (const [i, t] of d.townships.entries()) {
      if (!t.code.startsWith(d.adcode))
        ctx.addIssue({ code: 'custom', path: ['townships', i, 'code'], message: `not in ${d.adcode}` });
      if (seen.has(t.code))
        ctx.addIssue({ code: 'custom', path: ['townships', i, 'code'], message: 'listed twice' });
      seen.add(t.code);
    }
    if (!d.parent.adcode.startsWith(d.adcode.slice(0, 4)))
      ctx.addIssue({
        code: 'custom',
        path: ['parent', 'adcode'],
        message: `${d.adcode} is not in this city`,
      });
  });

export type District = z.output<typeof DistrictSchema>;
export type DistrictInput = z.input<typeof DistrictSchema>;
export type Township = z.output<typeof TownshipSchema>;
