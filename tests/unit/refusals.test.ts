import { describe, expect, test } from 'vitest';
import {
  REFUSAL_TABLES,
  type RefusalTable,
  refusalCode,
  refusalText,
  refusalTexts,
} from '../../src/lib/refusals/index.ts';
import { refusalTextIn } from '../../src/lib/refusals/text.ts';
import { lectureRefusals } from '../../src/lib/refusals/lecture.ts';
import { staffRefusals } from '../../src/lib/refusals/staff.ts';

const HAN = /\p{Script=Han}/u;

describe('refusal tables', () => {
  test('every code is in exactly one table, with a Chinese and an English sentence', () => {
    const seen = new Map<string, string>();
    for (const [feature, table] of Object.entries(REFUSAL_TABLES as Record<string, RefusalTable>)) {
      for (const [code, text] of Object.entries(table)) {
        expect(seen.get(code), `${code} is in ${seen.get(code)} and ${feature}`).toBeUndefined();
        seen.set(code, feature);
        expect(code).toMatch(/^([a-z][a-z0-9_]*:[a-z][a-z0-9_]*|survey_[a-z0-9_]+)$/);
        expect(text['zh-CN'], code).toMatch(HAN);
        expect(text.en, code).toMatch(/^[A-Z][^\p{Script=Han}]+[.!]$/u);
      }
    }
    expect(seen.size).toBeGreaterThan(30);
  });
});

describe('refusalText', () => {
  test('a known code gives that code’s text in the page’s language, whatever the message says', () => {
    const error = {
      code: 'PT409',
      message: 'cannot demote or deactivate the last active admin',
      details: 'staff:last_admin',
    };
    expect(refusalText(error, 'zh-CN')).toBe(staffRefusals['staff:last_admin']['zh-CN']);
    expect(refusalText(error, 'en')).toBe(staffRefusals['staff:last_admin'].en);
    expect(refusalText({ code: 'PT404', details: 'lecture:not_found' }, 'zh-CN')).toBe(
      lectureRefusals['lecture:not_found']['zh-CN'],
    );
    expect(refusalCode({ code: 'PT404', details: 'lecture:not_found' })).toBe('lecture:not_found');
  });

  test('an unknown machine code gives a generic sentence with the code, never the database’s words', () => {
    const zh = refusalText({ code: 'PT409', details: 'survey:some_new_rule' }, 'zh-CN');
    expect(zh).toMatch(HAN);
    expect(zh).toContain('survey:some_new_rule');
    const en = refusalText({ code: 'PT409', details: 'survey:some_new_rule' }, 'en');
    expect(en).toContain('survey:some_new_rule');
    expect(en).not.toMatch(HAN);
  });

  test('database text in details (a constraint, a row) is never shown: the SQLSTATE instead', () => {
    const error = {
      code: '23505',
      message: 'duplicate key value violates unique constraint "survey_distribution_points_pkey"',
      details: 'Key (code)=(13812345678) already exists.',
    };
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = refusalText(error, locale);
      expect(text).toContain('23505');
      expect(text).not.toContain('13812345678');
      expect(text).not.toContain('duplicate key');
    }
    expect(refusalCode(error)).toBeNull();
    expect(refusalText(null, 'en')).toContain('unknown');
  });
});

describe('refusalTexts + refusalTextIn (what parent islands get as a prop)', () => {
  test('one feature in one language gives the same text as refusalText', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const texts = refusalTexts('lecture', locale);
      // every code of the feature, and the generic sentence under '*'
      expect(Object.keys(texts).sort()).toEqual(['*', ...Object.keys(lectureRefusals)].sort());
      const error = { code: 'PT429', details: 'lecture:phone_rate_limited' };
      expect(refusalTextIn(texts, error)).toBe(refusalText(error, locale));
      expect(refusalTextIn(texts, { code: '23505', details: 'Key (x)=(1) exists.' })).toBe(
        refusalText({ code: '23505', details: 'Key (x)=(1) exists.' }, locale),
      );
      expect(refusalTextIn(texts, { code: 'PT400', details: '*' })).toContain('PT400');
    }
  });
});
