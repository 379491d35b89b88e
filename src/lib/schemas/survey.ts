/**
 * The childcare-demand questionnaire: one schema, split into the steps the form shows (one topic each), composed
 * into the full response the database accepts. Messages are i18n keys (`survey.error.*`), translated by the island.
 * zod/mini keeps the browser bundle small. Every rule here is also a type or constraint in
 * supabase/migrations/20261130000300_survey.sql; tests/unit/survey-parity.test.ts compares the enum lists.
 */
import { z } from 'zod/mini';
import { CONSENT_VERSION } from '../survey/consent.ts';

/** The consent text's version, stored with every response (the SQL accepts exactly these). */
export { CONSENT_VERSION };
/** Phone numbers are deleted this many days after the answer (published in the consent text). */
export const PHONE_RETENTION_DAYS = 180;
export const MAX_CHILDREN = 6;
export const MAX_PRIORITIES = 3;

export const RELATIONS = ['mother', 'father', 'grandparent', 'other'] as const;
export const CARERS = ['parents', 'grandparents', 'nanny', 'childcare', 'other'] as const;
export const IN_CARE = ['enrolled', 'registered', 'not_enrolled'] as const;
export const YES_NO = ['yes', 'no'] as const;
export const REASONS_FOR = [
  'kindergarten_ready',
  'early_learning',
  'no_one_at_home',
  'professional_care',
] as const;
export const REASONS_AGAINST = ['too_young', 'family_cares', 'safety', 'cost'] as const;
export const PROVIDERS = [
  'kindergarten_class',
  'public_centre',
  'community_point',
  'employer_point',
  'early_learning_centre',
] as const;
export const CARE_FORMS = ['full_day', 'half_day', 'hourly', 'occasional'] as const;
export const FEES = ['under_1000', '1000_2000', '2001_3000', 'over_3000'] as const;
export const DISTANCES = ['within_1km', '1_3km', 'over_3km'] as const;
export const DROPOFFS = ['before_0730', '0730_0830', 'after_0830'] as const;
export const PICKUPS = ['before_1630', '1630_1730', '1730_1830', 'after_1830'] as const;
export const PRIORITIES = ['safety', 'health_care', 'caregivers', 'environment', 'meals', 'cost'] as const;
export const AGE_BANDS = ['0_12', '13_24', '25_36'] as const;
/**
 * A township is one of the district's statistical codes (9 digits). Which codes exist is the district's data
 * (src/districts/, app.townships): the page offers only those, and the database refuses any other.
 */
export const TOWNSHIP_CODE = /^\d{9}$/;

/** Each answer list and the SQL enum type that must hold the same values, in the same order. */
export const SQL_ENUMS = {
  'app.survey_relation': RELATIONS,
  'app.survey_carer': CARERS,
  'app.survey_in_care': IN_CARE,
  'app.survey_reason_for': REASONS_FOR,
  'app.survey_reason_against': REASONS_AGAINST,
  'app.survey_provider': PROVIDERS,
  'app.survey_care_form': CARE_FORMS,
  'app.survey_fee': FEES,
  'app.survey_distance': DISTANCES,
  'app.survey_dropoff': DROPOFFS,
  'app.survey_pickup': PICKUPS,
  'app.survey_priority': PRIORITIES,
} as const;

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Months from a `YYYY-MM` birth month to the month of `today` (negative = in the future). */
export function ageInMonths(birthMonth: string, today = new Date()): number {
  const [y, m] = birthMonth.split('-').map(Number);
  return today.getFullYear() * 12 + today.getMonth() + 1 - (y * 12 + m);
}

/** 0_12, 13_24 or 25_36 for an age in months 0–36. */
export function ageBand(months: number): (typeof AGE_BANDS)[number] {
  return months <= 12 ? '0_12' : months <= 24 ? '13_24' : '25_36';
}

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: 'survey.error.choose' });
const several = <T extends readonly [string, ...string[]]>(
  values: T,
  max: number,
  tooMany = 'survey.error.tooMany',
) =>
  z.array(z.enum(values)).check(
    z.minLength(1, { error: 'survey.error.chooseOne' }),
    z.maxLength(max, { error: tooMany }),
    z.refine((a) => new Set(a).size === a.length, { error: 'survey.error.choose' }),
  );

const birthMonth = z.string().check(
  z.regex(MONTH_PATTERN, { error: 'survey.error.birthMonth' }),
  z.refine((v) => ageInMonths(v) >= 0, { error: 'survey.error.birthFuture' }),
  z.refine((v) => ageInMonths(v) <= 36, { error: 'survey.error.birthOver3' }),
);

// The phone rule: a number only with consent to be called. Checked on the phone step and on the whole response (an
// object's shape does not carry its checks), so it is written once here.
const phoneConsent = z.refine<{ phone?: string; phone_consent?: boolean }>(
  (v) => !v.phone || v.phone_consent === true,
  { error: 'survey.error.phoneConsent', path: ['phone_consent'] },
);

/** The steps, in order. Each is one page of the form; `reasonsFor` … `priorities` only when care is wanted. */
export const SurveySteps = {
  consent: z.object({ consent: z.literal(true, { error: 'survey.error.consent' }) }),
  relation: z.object({ relation: choice(RELATIONS) }),
  children: z.object({
    children: z
      .array(z.object({ birth_month: birthMonth }))
      .check(
        z.minLength(1, { error: 'survey.error.children' }),
        z.maxLength(MAX_CHILDREN, { error: 'survey.error.children' }),
      ),
  }),
  carer: z.object({ carer: choice(CARERS) }),
  inCare: z.object({ in_care: choice(IN_CARE) }),
  wantsCare: z.object({ wants_care: choice(YES_NO) }),
  reasonsFor: z.object({ reasons_for: several(REASONS_FOR, REASONS_FOR.length) }),
  reasonsAgainst: z.object({ reasons_against: several(REASONS_AGAINST, REASONS_AGAINST.length) }),
  provider: z.object({ provider: choice(PROVIDERS) }),
  careForm: z.object({ care_form: choice(CARE_FORMS) }),
  fee: z.object({ fee: choice(FEES) }),
  distance: z.object({ distance: choice(DISTANCES) }),
  times: z.object({ dropoff: choice(DROPOFFS), pickup: choice(PICKUPS) }),
  priorities: z.object({ priorities: several(PRIORITIES, MAX_PRIORITIES, 'survey.error.priorities') }),
  township: z.object({
    township: z
      .string({ error: 'survey.error.township' })
      .check(z.regex(TOWNSHIP_CODE, { error: 'survey.error.township' })),
    community: z.optional(z.string().check(z.trim(), z.maxLength(60, { error: 'survey.error.community' }))),
  }),
  phone: z
    .object({
      phone: z.optional(
        z.string().check(
          z.trim(),
          z.refine((v) => v === '' || PHONE_PATTERN.test(v), { error: 'survey.error.phone' }),
        ),
      ),
      phone_consent: z.optional(z.boolean()),
    })
    .check(phoneConsent),
} as const;

export type StepName = keyof typeof SurveySteps;
/** Steps skipped when the family does not want childcare ("no" jumps to the reasons against). */
export const CARE_STEPS: StepName[] = [
  'reasonsFor',
  'provider',
  'careForm',
  'fee',
  'distance',
  'times',
  'priorities',
];

/** The order a family sees, given their answer to "wants childcare?". */
export function stepsFor(wantsCare: 'yes' | 'no' | undefined | null): StepName[] {
  const all = Object.keys(SurveySteps) as StepName[];
  return all.filter((s) => (wantsCare === 'no' ? !CARE_STEPS.includes(s) : s !== 'reasonsAgainst'));
}

/** What travels with every answer besides the questions: id, consent version, source, honeypot, start token. */
const Envelope = z.object({
  id: z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)),
  consent_version: z.literal(CONSENT_VERSION),
  /** ?src= of the leaflet's QR code; unknown codes are kept as 'unknown' by the database. */
  src: z.optional(z.string().check(z.maxLength(64))),
  /** Honeypot: hidden from people, so it stays empty. */
  website: z.optional(z.string().check(z.maxLength(0))),
  /** Milliseconds from the first answer to sending (informative only: the server ignores it). */
  fill_ms: z.optional(z.number().check(z.refine((n) => Number.isInteger(n) && n >= 0))),
  /** The server-signed start token (public.start_survey) the minimum fill time is measured from. */
  start_token: z.optional(z.string().check(z.maxLength(200))),
});

const common = {
  ...Envelope.shape,
  ...SurveySteps.consent.shape,
  ...SurveySteps.relation.shape,
  ...SurveySteps.children.shape,
  ...SurveySteps.carer.shape,
  ...SurveySteps.inCare.shape,
  ...SurveySteps.township.shape,
  ...SurveySteps.phone.shape,
};

const WantsCare = z
  .object({
    ...common,
    wants_care: z.literal('yes'),
    ...SurveySteps.reasonsFor.shape,
    ...SurveySteps.provider.shape,
    ...SurveySteps.careForm.shape,
    ...SurveySteps.fee.shape,
    ...SurveySteps.distance.shape,
    ...SurveySteps.times.shape,
    ...SurveySteps.priorities.shape,
  })
  .check(phoneConsent);
const NoCare = z
  .object({ ...common, wants_care: z.literal('no'), ...SurveySteps.reasonsAgainst.shape })
  .check(phoneConsent);

/**
 * A complete response as sent to public.submit_survey. Skip logic: the answer to "wants care?" picks the branch, and
 * each branch carries only its own questions (a hand-made discriminator: z.discriminatedUnion costs 0.8 KB gzip).
 */
export const SurveyResponseSchema = {
  safeParse(value: unknown) {
    const v = value as { wants_care?: unknown } | null;
    return v?.wants_care === 'no' ? NoCare.safeParse(value) : WantsCare.safeParse(value);
  },
};

export type SurveyResponse = z.output<typeof WantsCare> | z.output<typeof NoCare>;
/** What the form holds while a family answers: every question, possibly unanswered. */
export type SurveyDraft = Partial<Omit<z.input<typeof WantsCare>, 'wants_care'>> &
  Partial<z.input<typeof SurveySteps.reasonsAgainst>> & { wants_care?: (typeof YES_NO)[number] };
