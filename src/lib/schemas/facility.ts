/**
 * The facility schema: one record per childcare facility, written as YAML under `src/districts/<district>/facilities/`.
 * Build-time only (content collection, open data, import command); browsers never load it.
 */
import { z } from 'zod';
import { DISTRICT, TOWNSHIP_CODES } from '../../data/district.ts';

import {
  AGE_BANDS,
  CARE_FORMS,
  DEMONSTRATION_LEVELS,
  FACILITY_TYPES,
  FILING_STATUSES,
  INSPECTION_RESULTS,
  OWNERSHIPS,
  VERIFIABLE_FIELDS,
  type CareForm,
} from './facility-enums.ts';

export * from './facility-enums.ts';

/** A calendar date written `YYYY-MM-DD`; YAML may hand it over as a Date. Output is always the string. */
export const IsoDateSchema = z
  .union([z.string(), z.date()], {
    error: (issue) =>
      issue.input === undefined
        ? 'is required (a date written YYYY-MM-DD)'
        : 'must be a date written YYYY-MM-DD',
  })
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD', abort: true })
      .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), {
        error: 'is not a real calendar date',
      }),
  );

/** A trimmed string with at least one character. */
const NonEmptyText = z.string().trim().min(1, { error: 'must not be empty' });
const Count = z.int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' });

/** WGS-84 position. `verified: false` means the point is an estimate still to be checked on site. */
export const LocationSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** true once someone has checked the point on site or against the filing record */
  verified: z.boolean(),
});

/**
 * Free places and the date the count was given. `by_age` (optional) splits the count by age band; when given it
 * names at least one band and its bands add up to `count`.
 */
export const VacanciesSchema = z
  .strictObject({
    count: Count,
    as_of: IsoDateSchema,
    by_age: z
      .strictObject({ under_12m: Count.optional(), m12_24: Count.optional(), m24_36: Count.optional() })
      .refine((b) => Object.values(b).some((n) => n !== undefined), {
        error: 'must name at least one age band',
      })
      .optional(),
  })
  .refine((v) => !v.by_age || AGE_BANDS.reduce((sum, k) => sum + (v.by_age?.[k] ?? 0), 0) === v.count, {
    error: 'count must equal the sum of by_age',
    path: ['count'],
  });

/**
 * Prepayment terms as the facility states them: the most months of fees it takes in advance (0: none, paid month
 * by month) and its refund rule in its own words.
 */
export const PrepaymentSchema = z.strictObject({
  max_months: z.int({ error: 'must be a whole number' }).min(0).max(12),
  refund: NonEmptyText.max(300, { error: 'must be at most 300 characters' }),
});

/** A temporary closure: from (and, when known, until) a date, with the reason the facility gives. */
export const ClosureSchema = z
  .strictObject({
    from: IsoDateSchema,
    until: IsoDateSchema.optional(),
    reason: NonEmptyText.max(200, { error: 'must be at most 200 characters' }),
  })
  .refine((c) => c.until === undefined || c.until >= c.from, {
    error: 'must not be before from',
    path: ['until'],
  });

/** Monthly fee in yuan for each care form offered; missing forms mean "not provided". */
export const FeesSchema = z.partialRecord(z.enum(CARE_FORMS), Count);

/** Fields every real record has once checked; until then they are left out and listed in `unverified`. */
const REQUIRED_UNLESS_UNVERIFIED = [
  'ownership',
  'inclusive',
  'filing',
  'township',
  'address',
  'ages',
  'care_forms',
] as const;
/** What a demo record must not carry: it would ring a real number or look like a real filing or check. */
const DEMO_FORBIDDEN = ['phone', 'filing', 'inspection', 'last_verified'] as const;

export const FacilitySchema = z
  .strictObject({
    /** URL slug, lower-case letters, digits and hyphens; unique. */
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be lower-case letters, digits and single hyphens' }),
    /**
     * Web ids this record had before (a long pinyin id shortened by `--short-ids`): their old addresses redirect to
     * the record's page, so a published link keeps working. Never reused for another record.
     */
    former_ids: z
      .array(
        z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
          error: 'must be lower-case letters, digits and single hyphens',
        }),
      )
      .optional(),
    /** 编号 as the district's list gives it, usually the filing number (备案编号, e.g. 池卫托备〔2024〕1号); unique.
     *  The import command matches records by it (docs/data.md). Absent when the list has none. */
    filing_number: NonEmptyText.optional(),
    /** Chinese name as filed. Demo records must start with "示例·". */
    name: NonEmptyText,
    /** English name, optional; the Chinese name is shown when absent. */
    name_en: NonEmptyText.optional(),
    type: z.enum(FACILITY_TYPES),
    /** Required unless listed in `unverified`. */
    ownership: z.enum(OWNERSHIPS).optional(),
    /** 普惠: inclusive, price-capped places recognised by the district */
    inclusive: z.boolean().optional(),
    /** Demonstration institution (示范性托育机构) level and the year it was named; absent if none. */
    demonstration: z
      .strictObject({ level: z.enum(DEMONSTRATION_LEVELS), year: z.int().min(2000).max(2100) })
      .optional(),
    /** 备案 status with the health commission. Real records only: a demo record carries none. */
    filing: z.enum(FILING_STATUSES).optional(),
    /** 9-digit statistical code of the township (街道/镇), see src/data/district.ts. */
    township: z
      .enum(TOWNSHIP_CODES, {
        error: `must be one of the ${TOWNSHIP_CODES.length} township codes of ${DISTRICT.name} (src/districts/${DISTRICT.id}/district.ts)`,
      })
      .optional(),
    address: NonEmptyText.optional(),
    /** Absent until the position is known: the facility is listed but not mapped. */
    location: LocationSchema.optional(),
    /**
     * Landline (0566-xxxxxxx, with an extension as `0566-2021234 转 8001`) or mobile (11 digits). Real records only: a
     * demo record must not ring anyone.
     */
    phone: z
      .string()
      .regex(/^((0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})( 转 \d{1,6})?|1\d{10})$/, {
        error: 'must be a phone number like 0566-1234567, 0566-1234567 转 8001 or 13800000000',
      })
      .optional(),
    /** Ages accepted, in months (0–36 for under-3 care; kindergarten classes may go to 48). */
    ages: z
      .strictObject({ min_months: z.int().min(0).max(72), max_months: z.int().min(0).max(72) })
      .refine((a) => a.min_months <= a.max_months, { error: 'min_months must not be above max_months' })
      .optional(),
    /** Approved number of places (托位). */
    places: Count.optional(),
    /** Free places and the date that count was given, optionally by age band. */
    vacancies: VacanciesSchema.optional(),
    care_forms: z.array(z.enum(CARE_FORMS)).min(1, { error: 'must list at least one care form' }).optional(),
    /** Opening hours as written by the facility, e.g. "周一至周五 7:30–17:30". */
    hours: NonEmptyText.optional(),
    fees: FeesSchema.optional(),
    /** Prepayment terms (预收费): most months taken in advance and the refund rule. */
    prepayment: PrepaymentSchema.optional(),
    /** A temporary closure (暂停服务); absent while the facility is open. */
    closure: ClosureSchema.optional(),
    /** 签约社区卫生服务中心: the community health centre that supports it. */
    health_partner: NonEmptyText.optional(),
    /** Latest inspection. Real records only: a demo record carries none. */
    inspection: z.strictObject({ date: IsoDateSchema, result: z.enum(INSPECTION_RESULTS) }).optional(),
    /** Where the record comes from (filing list, article, "示例数据"). */
    source: NonEmptyText,
    /**
     * When someone last checked the whole record. Required for a real record with nothing left in `unverified`;
     * absent on demo records (nobody checked a made-up record) and on records still waiting for their check.
     */
    last_verified: IsoDateSchema.optional(),
    /**
     * Fields not yet verified, shown as 待核实 / "To be verified"; each must then be left out of the record. The
     * hospital sites list everything the district's report does not state. Default: none.
     */
    unverified: z
      .array(z.enum(VERIFIABLE_FIELDS))
      .refine((list) => new Set(list).size === list.length, { error: 'must not list a field twice' })
      .default([]),
    /** true for made-up example records; the site then shows a demo-data notice. */
    demo: z.boolean().default(false),
  })
  .superRefine((f, ctx) => {
    for (const field of REQUIRED_UNLESS_UNVERIFIED) {
      if (field === 'filing' && f.demo) continue;
      if (f[field] === undefined && !f.unverified.includes(field)) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'is required (or list it under unverified until it is checked)',
        });
      }
    }
    for (const field of f.unverified) {
      if (f[field] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'must be left out while it is listed under unverified',
        });
    }
    if (!f.demo && f.unverified.length === 0 && f.last_verified === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['last_verified'],
        message: 'is required (a date written YYYY-MM-DD) once nothing is left unverified',
      });
    }
    if (f.demo) {
      for (const field of DEMO_FORBIDDEN) {
        if (f[field] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message:
              'must be left out of a demo record (it would look like a real phone number, filing or check)',
          });
      }
    }
  })
  .refine((f) => !f.demo || f.name.startsWith('示例·'), {
    error: 'demo records must have a name starting with "示例·"',
    path: ['name'],
  })
  .refine((f) => f.demo || !f.name.startsWith('示例·'), {
    error: 'only demo records may be named "示例·…"',
    path: ['demo'],
  })
  .refine((f) => !f.vacancies || f.places === undefined || f.vacancies.count <= f.places, {
    error: 'must not exceed places',
    path: ['vacancies', 'count'],
  })
  .refine(
    (f) =>
      !f.fees || !f.care_forms || Object.keys(f.fees).every((k) => f.care_forms!.includes(k as CareForm)),
    {
      error: 'fees may only be given for the listed care_forms',
      path: ['fees'],
    },
  );

export type FacilityInput = z.input<typeof FacilitySchema>;
export type Facility = z.output<typeof FacilitySchema>;
