/**
 * The printed questionnaire's skip instructions (src/lib/survey-form/paper.ts, src/pages/[...lang]/survey/paper.astro).
 * Two independent checks:
 * - the plan of the two shipped forms against the jumps read off their definitions by hand (tests/fixtures);
 * - the built page (dist/, both languages), followed as a person with a pen would — tick the answer, obey any
 *   "请跳到第 N 题" — must visit exactly the questions the form's own relevance rules (evaluate.ts) ask, for every
 *   answer to the questions that steer the form.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { FormDefinition, FormNode } from '../../src/lib/survey-form/definition.ts';
import { isRelevant } from '../../src/lib/survey-form/evaluate.ts';
import { paperPlan, type Target } from '../../src/lib/survey-form/paper.ts';

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

/** The first question number in a node (a group's or repeat's first question). */
function firstNumber(node: FormNode): number | undefined {
  if (node.kind === 'question') return node.number;
  if (node.kind === 'note') return undefined;
  for (const c of node.children) {
    const n = firstNumber(c);
    if (n !== undefined) return n;
  }
  return undefined;
}

/** The top-level items the form asks for these answers to its steering questions, by first number (evaluate.ts). */
function askedByForm(def: FormDefinition, scenario: Record<string, string>): number[] {
  const answers: Record<string, string> = {};
  const asked: number[] = [];
  for (const node of def.body) {
    const first = firstNumber(node);
    if (first === undefined || (node.kind === 'question' && node.other_of)) continue;
    if (!isRelevant(node, answers, AT)) continue;
    asked.push(first);
    if (node.kind === 'question' && node.name in scenario) answers[node.name] = scenario[node.name]!;
  }
  return asked;
}

interface PrintedItem {
  first: number;
  question?: string;
  jumps: Map<string, string>;
  after: { target: string; question?: number; when?: string[] }[];
}

/** The page's top-level items with their printed instructions, in order (read from the data-* attributes). */
function printedItems(html: string): PrintedItem[] {
  const items: PrintedItem[] = [];
  const token =
    /data-(?:question="(\w+)" data-number="\d+"|group="\w+") data-item="(\d+)"|data-jump-choice="(\w+)" data-jump-target="(\w+)"|data-after-target="(\w+)"(?: data-after-question="(\d+)")?(?: data-after-when="([\w ]+)")?/g;
  for (const m of html.matchAll(token)) {
    if (m[2]) items.push({ first: Number(m[2]), question: m[1], jumps: new Map(), after: [] });
    else if (m[3]) items.at(-1)!.jumps.set(m[3], m[4]!);
    else if (m[5])
      items.at(-1)!.after.push({
        target: m[5],
        question: m[6] ? Number(m[6]) : undefined,
        when: m[7]?.split(' '),
      });
  }
  return items;
}

/** Follows the printed form: tick the scenario's answer, obey a jump, else go on to the next item. */
function followPaper(items: PrintedItem[], def: FormDefinition, scenario: Record<string, string>): number[] {
  const numberOf = new Map<string, number>();
  for (const n of def.body) if (n.kind === 'question') numberOf.set(n.name, n.number);
  const chosenAt = (question: number) =>
    Object.entries(scenario).find(([name]) => numberOf.get(name) === question)?.[1];
  const visited: number[] = [];
  let i = 0;
  while (i < items.length && visited.length <= items.length) {
    const item = items[i]!;
    visited.push(item.first);
    const answer = item.question ? scenario[item.question] : undefined;
    const jump: Target | string | undefined =
      (answer !== undefined ? item.jumps.get(answer) : undefined) ??
      item.after.find((a) => !a.question || a.when!.includes(chosenAt(a.question) ?? ''))?.target;
    if (jump === 'end') break;
    i = jump === undefined ? i + 1 : items.findIndex((x) => x.first === Number(jump));
    expect(i, `item ${item.first}: jump to ${jump} lands on a printed item`).not.toBe(-1);
  }
  return visited;
}

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
        expect(followPaper(items, guichi, scenario)).toEqual(askedByForm(guichi, scenario));
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
