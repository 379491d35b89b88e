/**
 * The survey's error contract, on the screen side: the islands show texts by code and never read the database's
 * message. That every refusal the live database raises carries PTnnn and a code with zh-CN and en text (and that no
 * text is left for a code nothing raises) is tested on the migrated catalogue: tests/db/refusal-codes.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { surveyRefusals } from '../../src/lib/refusals/survey.ts';
import { refusalText } from '../../src/lib/refusals/index.ts';

describe('survey refusals', () => {
  test('refusalText: the text of a known code in the page language; an unknown one generic with its code', () => {
    expect(refusalText({ details: 'survey_point_exists', code: 'PT409' }, 'zh-CN')).toBe(
      surveyRefusals.survey_point_exists['zh-CN'],
    );
    expect(refusalText({ details: 'survey_point_exists', code: 'PT409' }, 'en')).toBe(
      surveyRefusals.survey_point_exists.en,
    );
    const raw = {
      details: 'Key (code)=(x) already exists.',
      code: '23505',
      message: 'duplicate key value violates unique constraint "survey_distribution_points_pkey"',
    };
    const zh = refusalText(raw, 'zh-CN');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).not.toContain('duplicate key');
    expect(refusalText({ details: 'lecture_something_new', code: 'PT400' }, 'en')).toContain(
      'code: lecture_something_new',
    );
    expect(refusalText({ details: null, code: 'PGRST000' }, 'zh-CN')).toContain('PGRST000');
    expect(refusalText(null, 'en')).toContain('code: unknown');
  });

  test('the survey islands read no message text', () => {
    const dirs = ['src/islands/survey', 'src/islands/staff/survey', 'src/lib/survey'];
    const files = dirs.flatMap((d) =>
      readdirSync(d, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => [d, f] as const),
    );
    expect(files.map(([, f]) => f)).toContain(join('form', 'QuestionView.tsx')); // subfolders too
    for (const [d, f] of files) {
      const text = readFileSync(join(d, f), 'utf8');
      expect(text, `${d}/${f}`).not.toMatch(/error\.message|r\.message\)|\.test\(\s*\w+\.message/);
    }
  });
});
