/**
 * validateAnswers against the shipped Guichi form (tests/fixtures/survey-form/guichi.json): complete answers of
 * each path, and each kind of issue, with the expected issues worked out by hand from the form's rules
 * (src/lib/survey-form/README.md).
 */
import { describe, expect, test } from 'vitest';
import type { FormDefinition } from '../../src/lib/survey-form/definition.ts';
import { validateAnswers } from '../../src/lib/survey-form/evaluate.ts';
import guichi from '../fixtures/survey-form/guichi.json' with { type: 'json' };
import short from '../fixtures/survey-form/short.json' with { type: 'json' };

const def = guichi as FormDefinition;
const AT = '2027-01-10';
const wantsCare = {
  household: 'under3',
  relation: 'mother',
  children: [{ birth_month: '2025-03' }],
  carer: 'grandparents',
  in_care: 'not_enrolled',
  wants_care: 'yes',
  reasons_for: ['early_learning', 'other'],
  reasons_for_other: '上班',
  provider: 'community_point',
  care_form: 'full_day',
  fee: '1000_1999',
  distance: 'within_1km',
  dropoff: '0730_0830',
  pickup: '1630_1730',
  priorities: ['safety', 'cost'],
  township: '341702001',
};
const issues = (a: object, at = AT) => validateAnswers(def, a as Record<string, unknown>, at);

describe('complete answers', () => {
  test('the main path, a "no" path, an expecting family, a household with older children only', () => {
    expect(issues(wantsCare)).toEqual([]);
    expect(
      issues({
        household: 'under3',
        relation: 'father',
        children: [{ birth_month: '2024-01' }, { birth_month: '2026-12' }],
        carer: 'parents',
        in_care: 'enrolled',
        wants_care: 'no',
        reasons_against: ['family_cares'],
        township: '341702002',
        community: '秋浦社区',
        phone: '13800138000',
        phone_consent: ['yes'],
      }),
    ).toEqual([]);
    expect(
      issues({ household: 'expecting', due_month: '2027-05', relation: 'mother', township: '341702003' }),
    ).toEqual([]);
    expect(issues({ household: 'older_only' })).toEqual([]);
    expect(
      issues({
        household: 'under3',
        relation: 'mother',
        children: [{ birth_month: '2026-01' }],
        carer: 'parents',
        in_care: 'not_enrolled',
        wants_care: 'undecided',
        township: '341702001',
      }),
    ).toEqual([]);
  });
});

describe('issues', () => {
  test('nothing answered: only the first question is required (the rest depend on it)', () => {
    expect(issues({})).toEqual([{ path: 'household', code: 'required', question: 'household' }]);
  });
  test('older children only, with answers to questions not asked of them', () => {
    expect(
      issues({ household: 'older_only', relation: 'mother', children: [{ birth_month: '2025-01' }], zzz: 1 }),
    ).toEqual([
      { path: 'relation', code: 'not_relevant', question: 'relation' },
      { path: 'children', code: 'not_relevant', question: 'children' },
      { path: 'zzz', code: 'not_relevant', question: 'zzz' },
    ]);
  });
  test('age at the form date: 36 months is in, 37 is out, next month is out', () => {
    const at = (bm: string) => issues({ ...wantsCare, children: [{ birth_month: bm }] }, '2027-01-31');
    expect(at('2024-01')).toEqual([]); // 2027-01 − 2024-01 = 36 months
    expect(at('2023-12')).toEqual([
      { path: 'children.0.birth_month', code: 'constraint', question: 'birth_month' },
    ]);
    expect(at('2027-01')).toEqual([]);
    expect(at('2027-02')).toEqual([
      { path: 'children.0.birth_month', code: 'constraint', question: 'birth_month' },
    ]);
    // The same child on a paper form dated November 2026 entered in January: 35 months at the form's date.
    expect(issues({ ...wantsCare, children: [{ birth_month: '2023-12' }] }, '2026-11-20')).toEqual([]);
  });
  test('types, choices, lists, other, max children', () => {
    expect(
      issues({
        ...wantsCare,
        relation: 3,
        carer: 'robot',
        children: [{ birth_month: '2025-3' }, { birth_month: '2025-04', name: '小明' }],
        reasons_for: ['early_learning', 'early_learning'],
        priorities: ['safety', 'cost', 'meals', 'caregivers'],
        township: '341702999',
      }),
    ).toEqual([
      { path: 'relation', code: 'type', question: 'relation' },
      { path: 'children.0.birth_month', code: 'type', question: 'birth_month' },
      { path: 'children.1.name', code: 'not_relevant', question: 'name' },
      { path: 'carer', code: 'choice', question: 'carer' },
      { path: 'reasons_for', code: 'type', question: 'reasons_for' },
      // reasons_for is not a list of distinct strings, so `other` is not selected: its text is not relevant
      { path: 'reasons_for_other', code: 'not_relevant', question: 'reasons_for_other' },
      { path: 'priorities', code: 'constraint', question: 'priorities' },
      { path: 'township', code: 'choice', question: 'township' },
    ]);
    expect(issues({ ...wantsCare, reasons_for: ['other'], reasons_for_other: '' })).toEqual([
      { path: 'reasons_for_other', code: 'required', question: 'reasons_for_other' },
    ]);
    const seven = Array.from({ length: 7 }, () => ({ birth_month: '2025-01' }));
    expect(issues({ ...wantsCare, children: seven })).toEqual([
      { path: 'children', code: 'constraint', question: 'children' },
    ]);
    expect(issues({ ...wantsCare, children: [] })).toEqual([
      { path: 'children', code: 'required', question: 'children' },
    ]);
    expect(issues({ ...wantsCare, children: ['2025-01'] })).toEqual([
      { path: 'children', code: 'type', question: 'children' },
    ]);
  });
  test('phone: the pattern, and consent required only with a number', () => {
    expect(issues({ ...wantsCare, phone: '12345', phone_consent: ['yes'] })).toEqual([
      { path: 'phone', code: 'constraint', question: 'phone' },
    ]);
    expect(issues({ ...wantsCare, phone: '13800138000' })).toEqual([
      { path: 'phone_consent', code: 'required', question: 'phone_consent' },
    ]);
    expect(issues({ ...wantsCare, phone_consent: ['yes'] })).toEqual([
      { path: 'phone_consent', code: 'not_relevant', question: 'phone_consent' },
    ]);
    expect(issues({ ...wantsCare, community: '社'.repeat(61) })).toEqual([
      { path: 'community', code: 'constraint', question: 'community' },
    ]);
  });
  test('the care questions are not asked when care is not wanted', () => {
    expect(issues({ ...wantsCare, wants_care: 'no', reasons_against: ['cost'] }).map((i) => i.path)).toEqual([
      'reasons_for',
      'reasons_for_other',
      'priorities',
      'provider',
      'care_form',
      'fee',
      'distance',
      'dropoff',
      'pickup',
    ]);
  });
  test('the short form: an integer with a range', () => {
    const s = short as FormDefinition;
    const a = {
      household: 'under3',
      children: [{ birth_month: '2026-02' }],
      children_total: 2,
      wants_care: 'yes',
      care_form: 'temporary',
      fee: '3000_plus',
      township: '341702001',
    };
    expect(validateAnswers(s, a, AT)).toEqual([]);
    expect(validateAnswers(s, { ...a, children_total: 11 }, AT)).toEqual([
      { path: 'children_total', code: 'constraint', question: 'children_total' },
    ]);
    expect(validateAnswers(s, { ...a, children_total: 2.5 }, AT)).toEqual([
      { path: 'children_total', code: 'type', question: 'children_total' },
    ]);
    expect(validateAnswers(s, { ...a, children_total: '2' }, AT)).toEqual([
      { path: 'children_total', code: 'type', question: 'children_total' },
    ]);
    expect(validateAnswers(s, { ...a, fee: '1000_2000' }, AT)).toEqual([
      { path: 'fee', code: 'choice', question: 'fee' },
    ]);
  });
});
