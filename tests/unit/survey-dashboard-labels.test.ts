/** The staff dashboard's answer blocks: values of every version, labelled from the published definitions. */
import { expect, test } from 'vitest';
import { answerValues } from '../../src/islands/staff/survey/Dashboard.tsx';
import short from '../fixtures/survey-form/short.json' with { type: 'json' };

test('published values first (their labels), then the old form’s (a clash named with its version), then others', () => {
  const data = {
    choices: { care_form: short.choices.care_form },
    answers: { care_form: { full_day: 4, occasional: 2, temporary: 1, mystery: 1 } },
  };
  const old: Record<string, string> = { full_day: '全日托', occasional: '临时托' };
  const values = answerValues(
    'care_form',
    ['full_day', 'occasional'],
    data,
    'care_form',
    'zh-CN',
    (v) => old[v],
    '{label}（2026-11 版问卷）',
  );
  expect(values).toEqual([
    ...short.choices.care_form.map((c) => ({
      value: c.name,
      label: c.label['zh-CN'],
      n: data.answers.care_form[c.name as keyof typeof data.answers.care_form] ?? 0,
    })),
    { value: 'occasional', label: '临时托（2026-11 版问卷）', n: 2 },
    { value: 'mystery', label: 'mystery', n: 1 },
  ]);
  // English labels where the definition has them.
  expect(answerValues('care_form', [], data, 'care_form', 'en', String)[3].label).toBe(
    short.choices.care_form[3].label.en,
  );
});
