/**
 * The phone form's steps, derived from a definition (issue 16): one step per top-level node (a group is one step,
 * a repeat one step with a block per child); a note joins the step that follows it (the form's intro sits above
 * the first question), a note at the end is a step of its own; an "other, please specify" text joins the step of
 * the question it explains. Which steps are asked, which answers still count
 * after an earlier answer changed, and the issues of one step all come from evaluate.ts, so the phone, the paper
 * and the database agree.
 */
import type { AnswerIssue, Answers, FormDefinition, FormNode, QuestionNode } from './definition.ts';
import { isAnswered, isRelevant, localNames, validateAnswers } from './evaluate.ts';

export interface FormStep {
  /** the step's own node's name (its id in the page's history and the draft) */
  name: string;
  nodes: FormNode[];
}

export function formSteps(def: FormDefinition): FormStep[] {
  const steps: FormStep[] = [];
  let notes: FormNode[] = [];
  for (const node of def.body) {
    if (node.kind === 'note') {
      notes.push(node);
      continue;
    }
    // "其他（请注明）" is asked on the step of the question it explains, right under it.
    const parent = node.kind === 'question' && node.other_of && steps.find((st) => st.name === node.other_of);
    if (parent) {
      parent.nodes.push(node);
      continue;
    }
    steps.push({ name: node.name, nodes: [...notes, node] });
    notes = [];
  }
  if (notes.length) steps.push({ name: notes[0]!.name, nodes: notes });
  return steps;
}

/** The step is asked: one of its nodes is relevant with the answers so far. */
export const stepAsked = (step: FormStep, answers: Answers, at: string) =>
  step.nodes.some((n) => isRelevant(n, answers, at));

/**
 * The answers that still count: every answer to a node that is not relevant (at any depth, groups included) is
 * dropped, repeatedly until nothing changes (a dropped answer can make another node irrelevant), so what is sent
 * never carries an answer the form did not ask.
 */
export function keptAnswers(def: FormDefinition, answers: Answers, at: string): Answers {
  let current = answers;
  for (let round = 0; round < 10; round++) {
    const next: Answers = {};
    const walk = (
      nodes: FormNode[],
      relevant: boolean,
      from: Record<string, unknown>,
      to: Answers,
      inst?: Record<string, unknown>,
      local?: ReadonlySet<string>,
    ) => {
      for (const node of nodes) {
        const rel = relevant && isRelevant(node, current, at, inst, local);
        if (node.kind === 'note') continue;
        if (node.kind === 'group') {
          walk(node.children, rel, from, to, inst, local);
          continue;
        }
        const v = from[node.name];
        if (!rel || !isAnswered(v)) continue;
        if (node.kind === 'repeat' && Array.isArray(v)) {
          const names = localNames(node.children);
          to[node.name] = v.map((block) => {
            const out: Answers = {};
            const b = (block ?? {}) as Record<string, unknown>;
            walk(node.children, true, b, out, b, names);
            return out;
          });
        } else to[node.name] = v;
      }
    };
    walk(def.body, true, current, next);
    if (JSON.stringify(next) === JSON.stringify(current)) return next;
    current = next;
  }
  return current;
}

/** The names a step answers (top level: a group's questions, a repeat's name). */
export function stepNames(step: FormStep): Set<string> {
  const out = new Set<string>();
  const walk = (nodes: FormNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'group') walk(n.children);
      else if (n.kind !== 'note') out.add(n.name);
    }
  };
  walk(step.nodes);
  return out;
}

/** The issues of one step, by validateAnswers over the answers that still count. */
export function stepIssues(def: FormDefinition, step: FormStep, answers: Answers, at: string): AnswerIssue[] {
  const names = stepNames(step);
  return validateAnswers(def, keptAnswers(def, answers, at), at).filter((i) =>
    names.has(i.path.split('.')[0]!),
  );
}

/** Every question by name, at any depth. */
export function questionIndex(def: FormDefinition): Map<string, QuestionNode> {
  const out = new Map<string, QuestionNode>();
  const walk = (nodes: FormNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'question') out.set(n.name, n);
      else if (n.kind === 'group' || n.kind === 'repeat') walk(n.children);
    }
  };
  walk(def.body);
  return out;
}
