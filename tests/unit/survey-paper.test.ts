/**
 * The printed questionnaire's skip instructions (src/lib/survey-form/paper.ts, src/islands/survey/PaperForm.tsx on
 * src/pages/[...lang]/survey/paper.astro).
 * Two independent checks:
 * - the plan of the two shipped forms against the jumps read off their definitions by hand (tests/fixtures);
 * - the built page (dist/, both languages), followed as a person with a pen would — tick the answer, obey any
 *   "请跳到第 N 题" — must visit exactly the questions the form's own relevance rules (evaluate.ts) ask, for every
 *   answer to the questions that steer the form.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { FormDefinition } from '../../src/lib/survey-form/definition.ts';
import { paperPlan } from '../../src/lib/survey-form/paper.ts';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import PaperForm from '../../src/islands/survey/PaperForm.tsx';
import { surveyPaperEn } from '../../src/lib/i18n/survey-paper/en.ts';
import { surveyPaperZhCN } from '../../src/lib/i18n/survey-paper/zh-CN.ts';
import { askedByForm, followPaper, printedItems, scenarios } from '../support/paper-pen.ts';

const fixture = (name: string): FormDefinition =>
  JSON.parse(readFileSync(path.join('tests/fixtures/survey-form', `${name}.json`), 'utf8'));
const guichi = fixture('guichi');
const short = fixture('short');
const AT = '2026-12-07';

describe('paperPlan', () => {
  const jumps = (def: FormDefinition) => {
    const plan = paperPlan(def, AT);
    return {
      choice: Object.fromEntries(
        plan.items.filter((i) => Object.keys(i.choiceJumps).length).map((i) => [i.node.name, i.choiceJumps]),
      ),
      after: Object.fromEntries(
        plan.items.filter((i) => i.afterJumps.length).map((i) => [i.node.name, i.afterJumps]),
      ),
    };
  };

  test('the Guichi form: every skip of its relevance rules, read off the definition', () => {
    // household (Q1): under3 skips the due month (Q2) → Q3; older_only skips everything (thanks note) → end;
    // expecting → Q2, the next question anyway. wants_care (Q7): no → reasons against (Q10); undecided → the
    // township (Q17); yes → Q8, the next. The group of reasons for (Q8) and priorities (Q9) is followed by the
    // yes-questions at Q11; the reasons against (Q10) by the township (Q17); an expecting family answers the
    // relation (Q3), then the township (Q17).
    expect(jumps(guichi)).toEqual({
      choice: { household: { under3: 3, older_only: 'end' }, wants_care: { no: 10, undecided: 17 } },
      after: {
        relation: [{ when: { question: 1, choices: ['expecting'] }, target: 17 }],
        why: [{ target: 11 }],
        reasons_against: [{ target: 17 }],
      },
    });
  });

  test('the short form: expecting and older-only end at Q1; no/undecided jump to the township (Q7)', () => {
    expect(jumps(short)).toEqual({
      choice: { household: { expecting: 'end', older_only: 'end' }, wants_care: { no: 7, undecided: 7 } },
      after: {},
    });
  });
});

// ————— the built page, followed with a pen —————

describe('the printed form (dist/)', () => {
  const pages = ['survey/paper/index.html', 'en/survey/paper/index.html'];
  if (!pages.every((p) => existsSync(path.join('dist', p)))) {
    test('dist/ has the paper form', () => {
      throw new Error('dist/survey/paper/ is missing: run astro build first (npm run build)');
    });
    return;
  }
  const choices = (list: string) => guichi.choices[list]!.map((c) => c.name);
  const scenarios = choices('household').flatMap((household) =>
    choices('wants_care').map((wants_care) => ({ household, wants_care, relation: 'mother' })),
  );

  test.each(pages)('%s is the published Guichi form (its version)', (page) => {
    const html = readFileSync(path.join('dist', page), 'utf8');
    expect(html).toContain(`data-version="${guichi.version}"`);
  });

  for (const page of pages) {
    test.each(scenarios)(
      `${page}: household %o — the pen visits exactly the questions the form asks`,
      (scenario) => {
        const items = printedItems(readFileSync(path.join('dist', page), 'utf8'));
        expect(followPaper(items, guichi, scenario)).toEqual(askedByForm(guichi, scenario, AT));
      },
    );
  }

  test('the instructions are written out in words, with the number they point at', () => {
    const zh = readFileSync(path.join('dist', pages[0]!), 'utf8');
    const label = (list: string, name: string) =>
      guichi.choices[list]!.find((c) => c.name === name)!.label['zh-CN'];
    expect(zh).toContain(`选“${label('wants_care', 'no')}”的，请跳到第 10 题`);
    expect(zh).toContain(`选“${label('wants_care', 'undecided')}”的，请跳到第 17 题`);
    expect(zh).toContain(`选“${label('household', 'under3')}”的，请跳到第 3 题`);
    expect(zh).toContain(`选“${label('household', 'older_only')}”的，问卷到此结束`);
    expect(zh).toContain(`第 1 题选“${label('household', 'expecting')}”的，答完本题请跳到第 17 题`);
    expect(zh).toContain('答完本题请跳到第 11 题');
    const en = readFileSync(path.join('dist', pages[1]!), 'utf8');
    expect(en).toContain(
      `If you chose “${guichi.choices.wants_care!.find((c) => c.name === 'no')!.label.en}”, go to question 10`,
    );
  });

  test.each(pages)(
    '%s: the version, a form-number box, a date line and the QR code of the online form',
    (page) => {
      const html = readFileSync(path.join('dist', page), 'utf8');
      expect(html).toMatch(/class="paper-digit"/);
      expect(html).toContain(page.startsWith('en') ? 'Date filled in' : '填表日期');
      expect(html).toMatch(/<svg[^>]*viewBox/);
      expect(html).toContain(page.startsWith('en') ? '/en/survey/?src=paper' : '/survey/?src=paper');
      // Every printed question number of the form appears, in order.
      const numbers = [...html.matchAll(/data-number="(\d+)"/g)].map((m) => Number(m[1]));
      const unique = numbers.filter((n, i) => numbers.indexOf(n) === i);
      expect(unique).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    },
  );
});

// ————— the same renderer in the admins' upload preview (React, for any workbook) —————

describe('PaperForm, as the upload preview draws a workbook not yet published', () => {
  const qr = { href: 'http://localhost/survey/?src=paper', svg: '<svg viewBox="0 0 1 1"></svg>' };
  const draw = (def: FormDefinition, locale: 'zh-CN' | 'en') =>
    renderToStaticMarkup(
      createElement(PaperForm, {
        definition: def,
        locale,
        p: locale === 'en' ? surveyPaperEn : surveyPaperZhCN,
        consent: { text: 'consent text', label: 'consent box' },
        qr,
        today: AT,
        titleLevel: 3,
      }),
    );
  const steering = ['household', 'wants_care'];
  for (const [name, def] of [
    ['short', short],
    ['guichi', guichi],
  ] as const)
    for (const locale of ['zh-CN', 'en'] as const)
      test(`${name} (${locale}): for every steering answer, the pen visits exactly the questions the form asks`, () => {
        const html = draw(def, locale);
        expect(html).toContain(`data-version="${def.version}"`);
        for (const scenario of scenarios(def, steering))
          expect(followPaper(printedItems(html), def, scenario), JSON.stringify(scenario)).toEqual(
            askedByForm(def, scenario, AT),
          );
      });

  test('the short form: its end and jump instructions in words, its title one level under the page', () => {
    const html = draw(short, 'zh-CN');
    const label = (list: string, name: string) =>
      short.choices[list]!.find((c) => c.name === name)!.label['zh-CN'];
    expect(html).toContain(`选“${label('household', 'older_only')}”的，问卷到此结束，请交回`);
    expect(html).toContain(`选“${label('wants_care', 'no')}”的，请跳到第 7 题`);
    expect(html).toMatch(/<h3 class="paper-title">[^<]*（纸质问卷）<\/h3>/);
    expect(html).not.toMatch(/<h[12][ >]/);
  });
});
