/**
 * The staff Export tab's table (src/islands/staff/survey/ExportPanel.tsx `exportTable`): the answer's own fields,
 * one column per question of the published definition (tests/fixtures/survey-form/guichi.json), the township's name
 * beside its code, Beijing time, the answer count a number, the phone column only when asked for.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { exportTable } from '../../src/islands/staff/survey/ExportPanel.tsx';
import type { FormDefinition, FormNode, QuestionNode } from '../../src/lib/survey-form/definition.ts';

const FORM: FormDefinition = JSON.parse(readFileSync('tests/fixtures/survey-form/guichi.json', 'utf8'));
const names: Record<string, string> = { '341702001': '池阳街道' };
const row = {
  reference: 'ABC123',
  submitted_at: '2026-12-01T17:30:00Z',
  channel: 'online',
  source_code: 'p1',
  form_version: FORM.version,
  form_date: '2026-12-02',
  answers: { township: '341702001', children: [{ birth_month: '2025-01' }, { birth_month: '2024-05' }] },
  phone: '13800000000',
};

describe('exportTable', () => {
  test('Beijing time, township name beside the code, counts as numbers, no phone unless asked', () => {
    const t = exportTable([row], [FORM], (c) => names[c] ?? c, false);
    const at = (name: string) => t.body[0][t.header.indexOf(name)];
    expect(t.header.indexOf('township_name')).toBe(t.header.indexOf('township') + 1);
    expect(at('township_name')).toBe('池阳街道');
    // 17:30 UTC is 01:30 the next day in Beijing (UTC+8): the date's UTC fields are that wall-clock time.
    expect((at('submitted_at') as Date).toISOString()).toBe('2026-12-02T01:30:00.000Z');
    expect(at('children.count')).toBe(2);
    expect(at('children.2.birth_month')).toBe('2024-05');
    expect(t.header).not.toContain('phone');
    expect(t.body[0]).not.toContain('13800000000');
    expect(t.body[0]).toHaveLength(t.header.length);
  });

  test('the phone column for an admin who asks; the codebook has the zh-CN labels', () => {
    const t = exportTable([row], [FORM], (c) => c, true);
    expect(t.header.at(-1)).toBe('phone');
    expect(t.body[0].at(-1)).toBe('13800000000');
    const questions = (nodes: FormNode[]): FormNode[] =>
      nodes.flatMap((n) => (n.kind === 'group' || n.kind === 'repeat' ? questions(n.children) : [n]));
    const township = questions(FORM.body).find((n): n is QuestionNode => n.name === 'township')!;
    expect(t.codebook.find((c) => c[0] === 'township')?.[1]).toBe(township.label['zh-CN']);
    expect(t.codebook.map((c) => c[0])).not.toContain('phone');
  });
});
