/**
 * The survey's error contract, database to screen: every refusal the survey's SQL raises carries PTnnn and a
 * survey_* machine code with a Chinese and an English text in src/lib/refusals/survey.ts; the islands show texts
 * by code and never read the database's message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { surveyRefusals } from '../../src/lib/refusals/survey.ts';
import { refusalText } from '../../src/lib/refusals/index.ts';

const MIGRATIONS = 'supabase/migrations';
const sql = (f: string) => readFileSync(join(MIGRATIONS, f), 'utf8');
const all = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql'));
/** The migration that (re)defines every survey function that can refuse a request. */
const CONTRACT = all.find((f) => f.endsWith('_survey_refusals_and_start_tokens.sql'))!;

/** Every `raise exception …;` statement of a SQL text. */
function raises(text: string): string[] {
  return [...text.matchAll(/raise exception[\s\S]*?;/g)].map((m) => m[0]);
}

describe('survey refusals', () => {
  test('every survey_* code in a migration has a zh-CN and an en text', () => {
    const codes = new Set(
      all.flatMap((f) => [...sql(f).matchAll(/detail = '(survey_[a-z_]+)'/g)].map((m) => m[1])),
    );
    expect(codes.size).toBeGreaterThan(15);
    for (const code of codes) {
      const t = (surveyRefusals as Record<string, { 'zh-CN': string; en: string }>)[code];
      expect(t, code).toBeDefined();
      expect(t['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
      expect(t.en, code).toMatch(/^[A-Z]/);
    }
    // and no text for a code nothing raises
    expect(Object.keys(surveyRefusals).sort()).toEqual([...codes].sort());
  });

  test('every raise in the survey functions uses PTnnn (the HTTP status PostgREST answers) and a survey_* code', () => {
    const found = raises(sql(CONTRACT)).filter((r) => !r.includes('survey_protected_figures'));
    expect(found.length).toBeGreaterThan(20);
    for (const r of found) {
      if (/^raise exception using errcode = 'XX000'/.test(r)) continue;
      expect(r, r).toMatch(/errcode = 'PT(400|401|403|404|409|429)'/);
      expect(r, r).toMatch(/detail = 'survey_[a-z_]+'/);
    }
  });

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
    for (const d of dirs)
      for (const f of readdirSync(d)) {
        const text = readFileSync(join(d, f), 'utf8');
        expect(text, `${d}/${f}`).not.toMatch(/error\.message|r\.message\)|\.test\(\s*\w+\.message/);
      }
  });
});
