/**
 * Following a printed questionnaire with a pen (PaperForm.tsx's HTML, on /survey/paper/ in dist/ or in the upload
 * page's preview): tick the scenario's answer, obey any "请跳到第 N 题", else go on to the next item. What it visits
 * must be exactly what the form's own relevance rules (evaluate.ts) ask: askedByForm(), an independent reading.
 * Used by tests/unit/survey-paper.test.ts and the browser tests of the upload preview.
 */
import type { FormDefinition, FormNode } from '../../src/lib/survey-form/definition.ts';
import { isRelevant } from '../../src/lib/survey-form/evaluate.ts';

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
export function askedByForm(
  def: FormDefinition,
  scenario: Record<string, string>,
  formDate: string,
): number[] {
  const answers: Record<string, string> = {};
  const asked: number[] = [];
  for (const node of def.body) {
    const first = firstNumber(node);
    if (first === undefined || (node.kind === 'question' && node.other_of)) continue;
    if (!isRelevant(node, answers, formDate)) continue;
    asked.push(first);
    if (node.kind === 'question' && node.name in scenario) answers[node.name] = scenario[node.name]!;
  }
  return asked;
}

export interface PrintedItem {
  first: number;
  question?: string;
  jumps: Map<string, string>;
  after: { target: string; question?: number; when?: string[] }[];
}

/** The page's top-level items with their printed instructions, in order (read from the data-* attributes). */
export function printedItems(html: string): PrintedItem[] {
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

/**
 * Follows the printed form: tick the scenario's answer, obey a jump, else go on to the next item. The printed
 * numbers of the items visited; throws when a jump points at no printed item.
 */
export function followPaper(
  items: PrintedItem[],
  def: FormDefinition,
  scenario: Record<string, string>,
): number[] {
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
    const jump =
      (answer !== undefined ? item.jumps.get(answer) : undefined) ??
      item.after.find((a) => !a.question || a.when!.includes(chosenAt(a.question) ?? ''))?.target;
    if (jump === 'end') break;
    i = jump === undefined ? i + 1 : items.findIndex((x) => x.first === Number(jump));
    if (i === -1) throw new Error(`item ${item.first}: the jump to ${jump} lands on no printed item`);
  }
  return visited;
}

/** Every combination of answers to the named single-choice questions (the questions that steer a form). */
export function scenarios(def: FormDefinition, steering: string[]): Record<string, string>[] {
  return steering.reduce<Record<string, string>[]>(
    (all, name) => {
      const q = def.body.find((n) => n.kind === 'question' && n.name === name);
      const list = q?.kind === 'question' ? (def.choices[q.list ?? ''] ?? []) : [];
      if (!list.length) throw new Error(`${name} is no single-choice question of ${def.version}`);
      return all.flatMap((s) => list.map((c) => ({ ...s, [name]: c.name })));
    },
    [{}],
  );
}
