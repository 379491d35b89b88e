/**
 * The printed questionnaire's plan, derived from a published definition (issue 16): the questions in order with
 * their printed numbers, and the skip logic written out as instructions a person can follow with a pen.
 *
 * - A choice jump: at a single-choice question P, choosing c leads past questions that are then not asked —
 *   "选“没有”的，请跳到第 9 题" (or "…问卷到此结束"). The target is the first later item still asked when P = c.
 * - An after jump: an item asked only on some answers of P is followed by questions the same answers skip —
 *   "答完本题请跳到第 10 题" (with "第 1 题选“…”的，" when the target differs between those answers).
 * - A condition line: a question whose `relevant` no single-choice question decides (a phone number typed, an
 *   "other" ticked) says when to answer it, worded from the expression.
 *
 * "Still asked when P = c" reads the expression as the phone form does (evaluate.ts), with P = c and every
 * question that P = c skips left unanswered. When an item's `relevant` also reads an answer that is still open at
 * that point (a question before P, or one between P and the item that P = c does not skip), the walk stops there:
 * that item is the target, and its own instructions take over.
 */
import type { Expr, FormDefinition, FormNode, LocalText, QuestionNode } from './definition.ts';
import { isRelevant } from './evaluate.ts';
import { refsOf } from './expr.ts';

/** Where a jump leads: a printed question number, or the end of the questionnaire. */
export type Target = number | 'end';

export interface PaperItem {
  node: FormNode;
  /** the first printed number in the item (a group's or repeat's first question); none for a note */
  number?: number;
  /** single-choice items: choice name → where to go when it is chosen (only where that is not the next item) */
  choiceJumps: Record<string, Target>;
  /** after answering this item: where to go, for the answers of `when` (all answers that ask it when absent) */
  afterJumps: { when?: { question: number; choices: string[] }; target: Target }[];
}

export interface PaperPlan {
  items: PaperItem[];
  /** question name → its printed number (every question, at any depth) */
  numbers: Map<string, number>;
  /** question name → the question */
  questions: Map<string, QuestionNode>;
}

function firstNumber(node: FormNode): number | undefined {
  if (node.kind === 'question') return node.number;
  if (node.kind === 'note') return undefined;
  for (const child of node.children) {
    const n = firstNumber(child);
    if (n !== undefined) return n;
  }
  return undefined;
}

function indexQuestions(nodes: FormNode[], plan: Pick<PaperPlan, 'numbers' | 'questions'>): void {
  for (const n of nodes) {
    if (n.kind === 'question') {
      plan.numbers.set(n.name, n.number);
      plan.questions.set(n.name, n);
    } else if (n.kind === 'group' || n.kind === 'repeat') indexQuestions(n.children, plan);
  }
}

/** A text question that only explains "其他" of a select question is printed with that question, not as an item. */
const isOtherText = (n: FormNode) => n.kind === 'question' && !!n.other_of;

export function paperPlan(def: FormDefinition, formDate: string): PaperPlan {
  const plan: PaperPlan = { items: [], numbers: new Map(), questions: new Map() };
  indexQuestions(def.body, plan);
  const nodes = def.body.filter((n) => !isOtherText(n));
  /** position of each top-level item, and of every question by the item that holds it */
  const itemOf = new Map<string, number>();
  nodes.forEach((n, i) => {
    itemOf.set(n.name, i);
    const inner = new Map<string, number>();
    indexQuestions([n], { numbers: inner, questions: new Map() });
    for (const name of inner.keys()) itemOf.set(name, i);
  });
  for (const n of def.body)
    if (isOtherText(n)) itemOf.set(n.name, itemOf.get((n as QuestionNode).other_of!) ?? -1);

  /**
   * Is item i asked when P (at item p) is c? true = asked, or not decided by P = c alone (the walk stops);
   * false = skipped. Memoised per (p, c).
   */
  const askedUnder = (p: number, question: string, c: string) => {
    const memo = new Map<number, boolean>();
    const asked = (i: number): boolean => {
      const hit = memo.get(i);
      if (hit !== undefined) return hit;
      const node = nodes[i]!;
      let result = true;
      if (node.relevant) {
        const refs = refsOf(node.relevant);
        const open = [...refs].some((r) => {
          if (r === question) return false;
          const at = itemOf.get(r);
          // Before P (already answered, value unknown here), or between P and this item and still asked.
          return at === undefined || at <= p || at >= i || asked(at);
        });
        result = open || isRelevant(node, { [question]: c }, formDate);
      }
      memo.set(i, result);
      return result;
    };
    return asked;
  };
  const nextAsked = (from: number, asked: (i: number) => boolean): Target => {
    for (let i = from + 1; i < nodes.length; i++) {
      const number = firstNumber(nodes[i]!);
      if (number !== undefined && asked(i)) return number;
    }
    return 'end';
  };
  const nextNumbered = (from: number): Target => {
    for (let i = from + 1; i < nodes.length; i++) {
      const number = firstNumber(nodes[i]!);
      if (number !== undefined) return number;
    }
    return 'end';
  };

  nodes.forEach((node, i) => {
    const item: PaperItem = { node, number: firstNumber(node), choiceJumps: {}, afterJumps: [] };
    if (node.kind === 'question' && node.type === 'select_one') {
      for (const choice of def.choices[node.list ?? ''] ?? []) {
        const target = nextAsked(i, askedUnder(i, node.name, choice.name));
        if (target !== nextNumbered(i)) item.choiceJumps[choice.name] = target;
      }
    }
    plan.items.push(item);
  });

  // After jumps: an item governed by one earlier single-choice question P.
  nodes.forEach((node, i) => {
    if (!node.relevant || firstNumber(node) === undefined) return;
    const governing = [...refsOf(node.relevant)];
    if (governing.length !== 1) return;
    const p = itemOf.get(governing[0]!);
    const pNode = p === undefined ? undefined : nodes[p];
    if (p === undefined || p >= i || pNode?.kind !== 'question' || pNode.type !== 'select_one') return;
    const byTarget = new Map<Target, string[]>();
    for (const choice of def.choices[pNode.list ?? ''] ?? []) {
      if (!isRelevant(node, { [pNode.name]: choice.name }, formDate)) continue;
      const target = nextAsked(i, askedUnder(p, pNode.name, choice.name));
      byTarget.set(target, [...(byTarget.get(target) ?? []), choice.name]);
    }
    const immediate = nextNumbered(i);
    for (const [target, choices] of byTarget) {
      if (target === immediate) continue;
      plan.items[i]!.afterJumps.push(
        byTarget.size === 1 ? { target } : { when: { question: pNode.number, choices }, target },
      );
    }
  });
  return plan;
}

/** The words a condition line is made of, in one language. */
export interface ConditionWords {
  /** "第 {n} 题选“{choice}”" */
  chose: string;
  /** "第 {n} 题选了“{choice}”" (a multiple choice) */
  ticked: string;
  /** "第 {n} 题没有选“{choice}”" */
  notChose: string;
  /** "第 {n} 题填写了" */
  filled: string;
  or: string;
  and: string;
}

/**
 * An expression as words ("第 19 题填写了"), or null when it is not one of the shapes a paper form can say:
 * `${q} = 'c'`, `${q} != 'c'`, `${q} != ''`, `selected(${q}, 'c')`, and `and`/`or` of those.
 */
export function describeCondition(
  e: Expr,
  def: FormDefinition,
  plan: PaperPlan,
  lang: 'zh-CN' | 'en',
  words: ConditionWords,
): string | null {
  const label = (q: QuestionNode, value: string | number) => {
    const choice = (def.choices[q.list ?? ''] ?? []).find((c) => c.name === String(value));
    return choice ? local(choice.label, lang) : String(value);
  };
  const fill = (template: string, n: number, choice = '') =>
    template.replace('{n}', String(n)).replace('{choice}', choice);
  const refLit = (args: Expr[]) => {
    const [a, b] = args;
    if (a?.op !== 'ref' || b?.op !== 'lit') return null;
    const q = plan.questions.get(a.name);
    return q ? { q, value: b.value } : null;
  };
  switch (e.op) {
    case '=':
    case '!=': {
      const rl = refLit(e.args);
      if (!rl) return null;
      if (e.op === '!=' && rl.value === '') return fill(words.filled, rl.q.number);
      return fill(e.op === '=' ? words.chose : words.notChose, rl.q.number, label(rl.q, rl.value));
    }
    case 'fn': {
      if (e.name !== 'selected') return null;
      const rl = refLit(e.args);
      return rl ? fill(words.ticked, rl.q.number, label(rl.q, rl.value)) : null;
    }
    case 'and':
    case 'or': {
      const parts = e.args.map((a) => describeCondition(a, def, plan, lang, words));
      return parts.every((p) => p !== null) ? parts.join(e.op === 'or' ? words.or : words.and) : null;
    }
    default:
      return null;
  }
}

/** A text in the language, falling back to Chinese (the key source). */
export const local = (text: LocalText | undefined, lang: 'zh-CN' | 'en'): string =>
  (lang === 'en' ? text?.en : undefined) ?? text?.['zh-CN'] ?? '';
