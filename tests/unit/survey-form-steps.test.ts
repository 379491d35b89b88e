/**
 * The phone form's steps from a definition (src/lib/survey-form/steps.ts), on the Guichi form's fixture: notes
 * join the step after them, answers a later choice makes irrelevant stop counting (also through a chain), and a
 * step's issues are only its own. Expectations are read off the fixture by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { FormDefinition } from '../../src/lib/survey-form/definition.ts';
import { formSteps, keptAnswers, stepAsked, stepIssues, stepNames } from '../../src/lib/survey-form/steps.ts';

const def: FormDefinition = JSON.parse(readFileSync('tests/fixtures/survey-form/guichi.json', 'utf8'));
const AT = '2026-12-07';
const steps = formSteps(def);
const step = (name: string) => steps.find((s) => s.name === name)!;

describe('formSteps', () => {
  test('one step per top-level question, group or repeat; a note joins the step after it, "other" its question', () => {
    expect(steps.map((s) => s.name)).toEqual([
      'household',
      'due_month',
      'relation',
      'children',
      'carer',
      'in_care',
      'wants_care',
      'why',
      'reasons_against',
      'provider',
      'care_form',
      'fee',
      'distance',
      'times',
      'place',
    ]);
    expect(step('household').nodes.map((n) => n.name)).toEqual(['intro', 'household']);
    expect(step('due_month').nodes.map((n) => n.name)).toEqual(['thanks_older', 'due_month']);
    expect(step('reasons_against').nodes.map((n) => n.name)).toEqual([
      'reasons_against',
      'reasons_against_other',
    ]);
    // A group is one step: the reasons for and the priorities (its "other" inside it, under its question); the
    // place with the optional phone (a group inside the group).
    expect([...stepNames(step('why'))]).toEqual(['reasons_for', 'reasons_for_other', 'priorities']);
    expect([...stepNames(step('place'))]).toEqual(['township', 'community', 'phone', 'phone_consent']);
  });

  test('older children only: the thank-you step is asked, the due month and everything after are not', () => {
    const asked = steps.filter((s) => stepAsked(s, { household: 'older_only' }, AT)).map((s) => s.name);
    expect(asked).toEqual(['household', 'due_month']); // the due-month step, for its thank-you note
  });
});

describe('keptAnswers', () => {
  test('answers the household no longer asks are dropped, repeat blocks included', () => {
    expect(
      keptAnswers(
        def,
        { household: 'older_only', relation: 'mother', children: [{ birth_month: '2025-01' }] },
        AT,
      ),
    ).toEqual({ household: 'older_only' });
  });

  test('through a chain: "no care wanted" drops the reasons for and their "other" text', () => {
    const answers = {
      household: 'under3',
      wants_care: 'no',
      reasons_for: ['other'],
      reasons_for_other: '上班',
      reasons_against: ['family_cares'],
    };
    expect(keptAnswers(def, answers, AT)).toEqual({
      household: 'under3',
      wants_care: 'no',
      reasons_against: ['family_cares'],
    });
  });
});

describe('stepIssues', () => {
  test("a step's own issues only: nothing chosen at the household step is 'required' there", () => {
    expect(stepIssues(def, step('household'), {}, AT)).toEqual([
      { path: 'household', code: 'required', question: 'household' },
    ]);
  });

  test('a child born 40 months before the form date breaks the birth month constraint, by block', () => {
    const answers = { household: 'under3', relation: 'mother', children: [{ birth_month: '2023-08' }] };
    expect(stepIssues(def, step('children'), answers, AT)).toEqual([
      { path: 'children.0.birth_month', code: 'constraint', question: 'birth_month' },
    ]);
    expect(
      stepIssues(def, step('children'), { ...answers, children: [{ birth_month: '2025-08' }] }, AT),
    ).toEqual([]);
  });
});
