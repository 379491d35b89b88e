/**
 * Evaluates a form definition's expression trees and checks a set of answers against the definition. Browser-safe,
 * no dependencies. app_private.check_survey_answers (supabase/migrations/20261207016001_survey_forms.sql) gives the
 * same verdicts; tests/db/survey-form-parity.test.ts compares them case by case. The rules: README.md.
 */
import {
  type AnswerIssue,
  type Answers,
  type Choice,
  type Expr,
  type FormDefinition,
  type FormNode,
  MAX_TEXT_LENGTH,
  type QuestionNode,
} from './definition.ts';

/** A value while evaluating: an answer's JSON, a literal, or a result. null = nothing (unanswered). */
export type Value = string | number | boolean | string[] | null;

export interface EvalContext {
  /** all answers (top level) */
  answers: Answers;
  /** the form's date, 'YYYY-MM-DD' (today() — a paper form's date, not the day it is entered) */
  at: string;
  /** the repeat block being evaluated, and the names of the questions inside that repeat */
  instance?: Record<string, unknown>;
  local?: ReadonlySet<string>;
  /** `.`: the answer a constraint checks */
  self?: unknown;
  /** `col`: the choice a choice_filter checks */
  choice?: Choice;
}

/** An answer's JSON as a value: strings, numbers (|n| < 1e300), booleans, lists of strings; anything else is nothing. */
export function asValue(v: unknown): Value {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Math.abs(v) < 1e300 ? v : null;
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  return null;
}

/** Spaces are exactly space, tab, LF, CR (JavaScript's \s and PostgreSQL's differ beyond those). */
const NUMERIC = /^[ \t\n\r]*-?[0-9]+(\.[0-9]+)?[ \t\n\r]*$/;

export function toStr(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  return v.join(' ');
}
export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = toStr(v);
  return NUMERIC.test(s) ? Number(s) : Number.NaN;
}
export function toBool(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return v.length > 0;
}
function toList(v: Value): string[] {
  if (Array.isArray(v)) return v;
  return toStr(v)
    .split(/[ \t\n\r]+/)
    .filter((s) => s !== '');
}
/** A number result; NaN (a missing or non-numeric operand) is nothing, -0 is 0. */
function num(n: number): Value {
  return Number.isNaN(n) ? null : n === 0 ? 0 : n;
}

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBool(a) === toBool(b);
  if (typeof a === 'number' || typeof b === 'number') return toNum(a) === toNum(b);
  return toStr(a) === toStr(b);
}

const MONTH_PREFIX = /^([0-9]{4})-(0[1-9]|1[0-2])(-|$)/;

export function evaluate(e: Expr, ctx: EvalContext): Value {
  switch (e.op) {
    case 'lit':
      return e.value;
    case 'today':
      return ctx.at;
    case 'self':
      return asValue(ctx.self);
    case 'col':
      return asValue(ctx.choice?.[e.name]);
    case 'ref':
      return asValue(ctx.instance && ctx.local?.has(e.name) ? ctx.instance[e.name] : ctx.answers[e.name]);
    case 'and':
      return e.args.every((a) => toBool(evaluate(a, ctx)));
    case 'or':
      return e.args.some((a) => toBool(evaluate(a, ctx)));
    case 'not':
      return !toBool(evaluate(e.args[0], ctx));
    case 'neg':
      return num(-toNum(evaluate(e.args[0], ctx)));
    case '=':
      return equal(evaluate(e.args[0], ctx), evaluate(e.args[1], ctx));
    case '!=':
      return !equal(evaluate(e.args[0], ctx), evaluate(e.args[1], ctx));
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const a = toNum(evaluate(e.args[0], ctx));
      const b = toNum(evaluate(e.args[1], ctx));
      return e.op === '<' ? a < b : e.op === '<=' ? a <= b : e.op === '>' ? a > b : a >= b;
    }
    case '+':
    case '-':
    case '*': {
      const a = toNum(evaluate(e.args[0], ctx));
      const b = toNum(evaluate(e.args[1], ctx));
      return num(e.op === '+' ? a + b : e.op === '-' ? a - b : a * b);
    }
    case 'fn': {
      const args = e.args.map((a) => evaluate(a, ctx));
      switch (e.name) {
        case 'selected':
          return toList(args[0]).includes(toStr(args[1]));
        case 'count-selected':
          return toList(args[0]).length;
        case 'months': {
          const m = MONTH_PREFIX.exec(toStr(args[0]));
          return m ? Number(m[1]) * 12 + Number(m[2]) : null;
        }
        case 'string-length':
          return [...toStr(args[0])].length;
        case 'regex':
          return new RegExp(toStr(args[1]), 'u').test(toStr(args[0]));
      }
    }
  }
  throw new Error(`unknown expression ${JSON.stringify(e)}`);
}

export const truthy = (e: Expr, ctx: EvalContext): boolean => toBool(evaluate(e, ctx));

/** Answered: not a missing key, null, '' or []. */
export function isAnswered(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/**
 * The node's own `relevant` (its groups' are the caller's: a node inside an irrelevant group is irrelevant too).
 * `instance` is the repeat block, for a node inside a repeat.
 */
export function isRelevant(
  node: FormNode,
  answers: Answers,
  at: string,
  instance?: Record<string, unknown>,
  local?: ReadonlySet<string>,
): boolean {
  return !node.relevant || truthy(node.relevant, { answers, at, instance, local });
}

/** The question's choices that pass its choice_filter, in list order. */
export function visibleChoices(
  question: QuestionNode,
  def: FormDefinition,
  answers: Answers,
  at: string,
  instance?: Record<string, unknown>,
  local?: ReadonlySet<string>,
): Choice[] {
  const list = def.choices[question.list ?? ''] ?? [];
  const filter = question.choice_filter;
  if (!filter) return list;
  return list.filter((choice) => truthy(filter, { answers, at, instance, local, choice }));
}

/** The names of the questions (at any depth) under a repeat. */
export function localNames(nodes: FormNode[], out: Set<string> = new Set()): Set<string> {
  for (const n of nodes) {
    if (n.kind === 'question') out.add(n.name);
    else if (n.kind === 'group' || n.kind === 'repeat') localNames(n.children, out);
  }
  return out;
}

const MONTH = /^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$/;
const DATE = /^((19|20)[0-9]{2})-(0[1-9]|1[0-2])-([0-9]{2})$/;
const MAX_INTEGER = 999_999_999;

/** Does the answer have the question's JSON type? (choices are checked apart) */
export function hasType(q: QuestionNode, v: unknown): boolean {
  switch (q.type) {
    case 'select_one':
      return typeof v === 'string';
    case 'select_multiple':
      return Array.isArray(v) && v.every((x) => typeof x === 'string') && new Set(v).size === v.length;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= MAX_INTEGER;
    case 'month':
      return typeof v === 'string' && MONTH.test(v);
    case 'date': {
      const m = typeof v === 'string' ? DATE.exec(v) : null;
      if (!m) return false;
      const d = new Date(Date.UTC(Number(m[1]), Number(m[3]) - 1, Number(m[4])));
      return d.getUTCMonth() === Number(m[3]) - 1 && d.getUTCDate() === Number(m[4]);
    }
    case 'text':
      return typeof v === 'string' && [...v].length <= MAX_TEXT_LENGTH;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every problem with `answers` against `def` at the form's date `formDate` ('YYYY-MM-DD'), in the form's order and
 * then keys the form does not have (sorted): a relevant required question unanswered ('required'), an answer of
 * the wrong JSON type ('type'), a choice not in the (filtered) list ('choice'), a constraint that fails
 * ('constraint'), an answer to a question that is not relevant or not in the form ('not_relevant'). One issue per
 * answer at most. [] = acceptable.
 */
export function validateAnswers(def: FormDefinition, answers: Answers, formDate: string): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const top = isPlainObject(answers) ? answers : {};

  const walk = (
    nodes: FormNode[],
    relevant: boolean,
    values: Record<string, unknown>,
    prefix: string,
    seen: Set<string>,
    instance?: Record<string, unknown>,
    local?: ReadonlySet<string>,
  ) => {
    for (const node of nodes) {
      const ctx: EvalContext = { answers: top, at: formDate, instance, local };
      const rel = relevant && (!node.relevant || truthy(node.relevant, ctx));
      if (node.kind === 'note') continue;
      if (node.kind === 'group') {
        walk(node.children, rel, values, prefix, seen, instance, local);
        continue;
      }
      seen.add(node.name);
      const v = values[node.name];
      const path = prefix + node.name;
      const issue = (code: AnswerIssue['code']) => issues.push({ path, code, question: node.name });
      if (!rel) {
        if (isAnswered(v)) issue('not_relevant');
        continue;
      }
      if (node.kind === 'repeat') {
        if (!isAnswered(v)) issue('required');
        else if (!Array.isArray(v) || !v.every(isPlainObject)) issue('type');
        else if (node.max !== undefined && v.length > node.max) issue('constraint');
        else {
          const names = localNames(node.children);
          v.forEach((block, i) => {
            const inner = new Set<string>();
            walk(node.children, true, block, `${path}.${i}.`, inner, block, names);
            for (const key of Object.keys(block).sort()) {
              if (!inner.has(key) && isAnswered(block[key])) {
                issues.push({ path: `${path}.${i}.${key}`, code: 'not_relevant', question: key });
              }
            }
          });
        }
        continue;
      }
      if (!isAnswered(v)) {
        const req = node.required;
        if (req === true || (typeof req === 'object' && truthy(req, ctx))) issue('required');
        continue;
      }
      if (!hasType(node, v)) {
        issue('type');
        continue;
      }
      if (node.type === 'select_one' || node.type === 'select_multiple') {
        const names = new Set(visibleChoices(node, def, top, formDate, instance, local).map((c) => c.name));
        const picked = node.type === 'select_one' ? [v as string] : (v as string[]);
        if (!picked.every((x) => names.has(x))) {
          issue('choice');
          continue;
        }
      }
      if (node.constraint && !truthy(node.constraint, { ...ctx, self: v })) issue('constraint');
    }
  };

  const seen = new Set<string>();
  walk(def.body, true, top, '', seen);
  for (const key of Object.keys(top).sort()) {
    if (!seen.has(key) && isAnswered(top[key]))
      issues.push({ path: key, code: 'not_relevant', question: key });
  }
  return issues;
}

/** Every question of the form, depth first (with the repeat it is in, if any). */
export function questionsOf(nodes: FormNode[], repeat?: string): { q: QuestionNode; repeat?: string }[] {
  const out: { q: QuestionNode; repeat?: string }[] = [];
  for (const n of nodes) {
    if (n.kind === 'question') out.push({ q: n, repeat });
    else if (n.kind === 'group') out.push(...questionsOf(n.children, repeat));
    else if (n.kind === 'repeat') out.push(...questionsOf(n.children, n.name));
  }
  return out;
}
