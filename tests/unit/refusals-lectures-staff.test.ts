/**
 * Every machine code raised by the roster/export/waitlist migration has text in both locales, and refusalText never
 * shows the database's words: an unknown code gives the generic message in the page's language plus the code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { refusalText } from '../../src/lib/refusals/index.ts';
import { lecturesStaffRefusals } from '../../src/lib/refusals/lectures-staff.ts';

const sql = readFileSync(
  new URL('../../supabase/migrations/20261206002100_lecture_rosters.sql', import.meta.url),
  'utf8',
);

describe('lectures-staff refusals', () => {
  const raised = [
    ...sql.matchAll(/raise exception using errcode = '(PT\d{3})'[^;]*?detail = '([a-z_:]+)'/gs),
  ].map((m) => m[2]!);
  test('the migration raises only contract codes (PTnnn + detail)', () => {
    expect(sql.match(/raise exception/g)?.length).toBe(raised.length);
    expect(raised.length).toBeGreaterThanOrEqual(10);
  });
  test.each([...new Set(raised)])('%s has zh-CN and en text', (code) => {
    const entry = (lecturesStaffRefusals as Record<string, Record<string, string>>)[code];
    expect(entry?.['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(entry?.en).toMatch(/[a-z]/);
  });
  test('an unknown code: generic text in the page language with the code, never the message', () => {
    const error = {
      code: 'PT409',
      message: 'duplicate key value violates unique constraint',
      details: 'x:y',
    };
    expect(refusalText(error, 'zh-CN', lecturesStaffRefusals)).toMatch(/^没有成功.*x:y$/);
    expect(refusalText(error, 'en', lecturesStaffRefusals)).toMatch(/^That did not work.*x:y$/);
    expect(refusalText(error, 'en', lecturesStaffRefusals)).not.toContain('duplicate');
    expect(refusalText({ code: '42501', details: null }, 'en')).toMatch(/42501$/);
    expect(refusalText({ details: 'lecture:waitlist_full' }, 'zh-CN', lecturesStaffRefusals)).toBe(
      '本场候补名额已满，暂时不能再报名。',
    );
  });
});
