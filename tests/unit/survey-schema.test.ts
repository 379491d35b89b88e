/** The questionnaire's rules: each step, the skip logic, and the full response as the database receives it. */
import { describe, expect, test } from 'vitest';
import {
  ageBand,
  ageInMonths,
  CARE_STEPS,
  stepsFor,
  SurveyResponseSchema,
  SurveySteps,
} from '../../src/lib/schemas/survey.ts';

/** YYYY-MM for `months` months before this month. */
function monthsAgo(months: number): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - months);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const yes = {
  id: '6f1c2b1e-8a43-4d8e-9a55-0d7f3b6c1a20',
  consent: true,
  consent_version: '2026-11',
  relation: 'mother',
  children: [{ birth_month: monthsAgo(14) }],
  carer: 'grandparents',
  in_care: 'not_enrolled',
  wants_care: 'yes',
  reasons_for: ['no_one_at_home'],
  provider: 'community_point',
  care_form: 'full_day',
  fee: '1000_2000',
  distance: 'within_1km',
  dropoff: '0730_0830',
  pickup: '1730_1830',
  priorities: ['safety', 'cost'],
  township: '341702001',
  community: '',
  phone: '',
  phone_consent: false,
};
const no = { ...yes, wants_care: 'no', reasons_against: ['family_cares'] };

const messages = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('SurveyResponseSchema', () => {
  test('accepts a complete "wants care" response', () => {
    expect(messages(SurveyResponseSchema.safeParse(yes))).toEqual([]);
  });

  test('"no" needs the reasons against and drops the care questions it skipped', () => {
    const r = SurveyResponseSchema.safeParse(no);
    expect(messages(r)).toEqual([]);
    expect(r.data).not.toHaveProperty('provider');
    expect(r.data).not.toHaveProperty('reasons_for');
    expect(messages(SurveyResponseSchema.safeParse({ ...no, reasons_against: [] }))).toEqual([
      'reasons_against: survey.error.chooseOne',
    ]);
  });

  test('"yes" needs every care question', () => {
    const { provider: _p, fee: _f, ...missing } = yes;
    expect(messages(SurveyResponseSchema.safeParse(missing)).sort()).toEqual([
      'fee: survey.error.choose',
      'provider: survey.error.choose',
    ]);
  });

  test('consent is required and its version must be the current one', () => {
    expect(messages(SurveyResponseSchema.safeParse({ ...yes, consent: false }))).toEqual([
      'consent: survey.error.consent',
    ]);
    expect(SurveyResponseSchema.safeParse({ ...yes, consent_version: '2025-01' }).success).toBe(false);
  });

  test('a phone number needs its own consent and must be a mainland mobile number', () => {
    expect(messages(SurveyResponseSchema.safeParse({ ...yes, phone: '13800138000' }))).toEqual([
      'phone_consent: survey.error.phoneConsent',
    ]);
    expect(
      messages(SurveyResponseSchema.safeParse({ ...yes, phone: '13800138000', phone_consent: true })),
    ).toEqual([]);
    expect(
      messages(SurveyResponseSchema.safeParse({ ...yes, phone: '0566-1234567', phone_consent: true })),
    ).toEqual(['phone: survey.error.phone']);
  });

  test('the honeypot must stay empty; the id must be a UUID', () => {
    expect(SurveyResponseSchema.safeParse({ ...yes, website: 'http://spam' }).success).toBe(false);
    expect(SurveyResponseSchema.safeParse({ ...yes, id: 'not-a-uuid' }).success).toBe(false);
  });
});

describe('SurveySteps', () => {
  test('children: 1–6, each born this month up to 36 months ago, as YYYY-MM', () => {
    const step = SurveySteps.children;
    expect(
      step.safeParse({ children: [{ birth_month: monthsAgo(0) }, { birth_month: monthsAgo(36) }] }).success,
    ).toBe(true);
    expect(messages(step.safeParse({ children: [] }))).toEqual(['children: survey.error.children']);
    expect(messages(step.safeParse({ children: Array(7).fill({ birth_month: monthsAgo(3) }) }))).toEqual([
      'children: survey.error.children',
    ]);
    expect(messages(step.safeParse({ children: [{ birth_month: monthsAgo(37) }] }))).toEqual([
      'children.0.birth_month: survey.error.birthOver3',
    ]);
    expect(messages(step.safeParse({ children: [{ birth_month: monthsAgo(-1) }] }))).toEqual([
      'children.0.birth_month: survey.error.birthFuture',
    ]);
    expect(messages(step.safeParse({ children: [{ birth_month: '2025-13' }] }))).toEqual([
      'children.0.birth_month: survey.error.birthMonth',
    ]);
  });

  test('priorities: one to three, none twice', () => {
    expect(SurveySteps.priorities.safeParse({ priorities: ['safety', 'meals', 'cost'] }).success).toBe(true);
    expect(
      messages(SurveySteps.priorities.safeParse({ priorities: ['safety', 'meals', 'cost', 'environment'] })),
    ).toEqual(['priorities: survey.error.priorities']);
    expect(SurveySteps.priorities.safeParse({ priorities: ['safety', 'safety'] }).success).toBe(false);
  });

  test('a radio left unanswered (null) asks the person to choose', () => {
    expect(messages(SurveySteps.relation.safeParse({ relation: null }))).toEqual([
      'relation: survey.error.choose',
    ]);
  });
});

describe('skip logic and ages', () => {
  test('"no" skips every care step and asks the reasons against; "yes" the reverse', () => {
    const noSteps = stepsFor('no');
    for (const s of CARE_STEPS) expect(noSteps).not.toContain(s);
    expect(noSteps.slice(noSteps.indexOf('wantsCare'), noSteps.indexOf('wantsCare') + 3)).toEqual([
      'wantsCare',
      'reasonsAgainst',
      'township',
    ]);
    const yesSteps = stepsFor('yes');
    expect(yesSteps).not.toContain('reasonsAgainst');
    expect(yesSteps.slice(yesSteps.indexOf('wantsCare'), yesSteps.indexOf('wantsCare') + 2)).toEqual([
      'wantsCare',
      'reasonsFor',
    ]);
    expect(yesSteps[0]).toBe('consent');
  });

  test('age in months and bands: 0–12, 13–24, 25–36', () => {
    expect(ageInMonths('2024-03', new Date(2026, 2, 31))).toBe(24);
    expect(ageInMonths('2025-12', new Date(2026, 0, 1))).toBe(1);
    expect([0, 12, 13, 24, 25, 36].map(ageBand)).toEqual([
      '0_12',
      '0_12',
      '13_24',
      '13_24',
      '25_36',
      '25_36',
    ]);
  });
});
