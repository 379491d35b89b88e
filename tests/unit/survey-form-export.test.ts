/**
 * Exports across versions: one column per question ever asked, never dropped or shifted; blank where a version did
 * not ask; numbers stay numbers; the codebook has every label. Expected columns written out from the two fixture
 * forms (tests/fixtures/survey-form/*.json).
 */
import { expect, test } from 'vitest';
import type { FormDefinition } from '../../src/lib/survey-form/definition.ts';
import { codebook, exportColumns, exportRow } from '../../src/lib/survey-form/export.ts';
import guichi from '../fixtures/survey-form/guichi.json' with { type: 'json' };
import short from '../fixtures/survey-form/short.json' with { type: 'json' };

const defs = [short, guichi] as FormDefinition[]; // newest first
const kids = (n: number) => Array.from({ length: n }, (_, i) => `children.${i + 1}.birth_month`);

test('the columns: the newest form in its order, then what only the older one asked', () => {
  const cols = exportColumns(defs);
  expect(cols.map((c) => c.key)).toEqual([
    'household',
    'children.count',
    ...kids(6),
    'children_total',
    'wants_care',
    'care_form',
    'fee',
    'township',
    'due_month',
    'relation',
    'carer',
    'in_care',
    'reasons_for',
    'reasons_for_other',
    'priorities',
    'reasons_against',
    'reasons_against_other',
    'provider',
    'distance',
    'dropoff',
    'pickup',
    'community',
    'phone',
    'phone_consent',
  ]);
  expect(cols.find((c) => c.key === 'fee')?.versions).toEqual(['2027-01', '2026-12']);
  expect(cols.find((c) => c.key === 'provider')?.versions).toEqual(['2026-12']);
  expect(cols.find((c) => c.key === 'children_total')?.versions).toEqual(['2027-01']);
});

test('rows of both versions fill the same columns; blanks where a version did not ask; numbers as numbers', () => {
  const cols = exportColumns(defs);
  const at = (row: (string | number | null)[], key: string) => row[cols.findIndex((c) => c.key === key)];
  const old = exportRow(cols, {
    form_version: '2026-12',
    answers: {
      household: 'under3',
      children: [{ birth_month: '2025-03' }, { birth_month: '2026-01' }],
      wants_care: 'yes',
      reasons_for: ['early_learning', 'other'],
      reasons_for_other: '上班',
      fee: '1000_1999',
      provider: 'public_centre',
      township: '341702001',
      children_total: 9,
    },
  });
  const neu = exportRow(cols, {
    form_version: '2027-01',
    answers: {
      household: 'under3',
      children: [{ birth_month: '2026-02' }],
      children_total: 2,
      wants_care: 'no',
      township: '341702002',
      provider: 'stray',
    },
  });
  expect(old.length).toBe(cols.length);
  expect(neu.length).toBe(cols.length);
  expect([
    at(old, 'children.count'),
    at(old, 'children.1.birth_month'),
    at(old, 'children.2.birth_month'),
    at(old, 'children.3.birth_month'),
  ]).toEqual([2, '2025-03', '2026-01', null]);
  expect(at(old, 'reasons_for')).toBe('early_learning;other');
  expect(at(old, 'provider')).toBe('public_centre');
  // 2026-12 did not ask children_total: blank even if the JSON had one; 2027-01 did not ask provider.
  expect(at(old, 'children_total')).toBeNull();
  expect(at(neu, 'provider')).toBeNull();
  expect(at(neu, 'children_total')).toBe(2);
  expect(typeof at(neu, 'children.count')).toBe('number');
  expect(at(neu, 'fee')).toBeNull();
  // Converted pre-definition answers (version 2026-11, no definition) are read by name.
  const legacy = exportRow(cols, {
    form_version: '2026-11',
    answers: { household: 'under3', fee: '1000_2000', children: [{ birth_month: '2025-01' }] },
  });
  expect([at(legacy, 'fee'), at(legacy, 'children.count'), at(legacy, 'children.1.birth_month')]).toEqual([
    '1000_2000',
    1,
    '2025-01',
  ]);
});

test('the codebook: every column with its label and codes', () => {
  const book = codebook(exportColumns(defs), defs);
  expect(book.find((r) => r.column === 'fee')).toEqual({
    column: 'fee',
    label: '每月能接受的托育费用是多少？',
    type: 'select_one',
    versions: '2027-01 2026-12',
    codes: 'under_1000=1000 元以下; 1000_1999=1000–1999 元; 2000_2999=2000–2999 元; 3000_plus=3000 元及以上',
  });
  expect(book.find((r) => r.column === 'children.2.birth_month')?.label).toBe('孩子是哪年哪月出生的？ (2)');
  expect(codebook(exportColumns(defs), defs, 'en').find((r) => r.column === 'township')?.codes).toContain(
    '341702001=Chiyang Subdistrict',
  );
});
