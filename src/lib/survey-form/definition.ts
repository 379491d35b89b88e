/**
 * A published questionnaire as data (issue 16): the types of the JSON the XLSForm reader makes
 * (read-xlsform.node.ts), the database stores (app.survey_forms.definition) and the phone form, the paper form and
 * the SQL checker (app_private.check_survey_answers) all read. Browser-safe, types only (plus a few constants).
 * The zod schema of the same shape, used at publish time in Node, is definition-schema.ts.
 * The expression language and its JSON tree: README.md in this folder.
 */

export type Lang = 'zh-CN' | 'en';
export type LocalText = { 'zh-CN': string; en?: string };

/** The operators of an expression's JSON tree (README.md, "Expressions"). */
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*';

/**
 * An expression parsed from the XLSForm's `relevant`, `constraint`, `required` or `choice_filter` text.
 * - `ref`: `${name}` — inside a repeat, a question of the same repeat block first, else the top-level answer;
 * - `self`: `.` — the question's own answer (constraints);
 * - `col`: a bare name in a choice_filter — that column of the choice being filtered;
 * - `lit`: a string or number literal; `today`: the form's date as 'YYYY-MM-DD';
 * - `fn`: selected(a, b), count-selected(a), months(a), string-length(a), regex(a, 'pattern').
 */
export type Expr =
  | { op: 'ref'; name: string }
  | { op: 'self' }
  | { op: 'col'; name: string }
  | { op: 'lit'; value: string | number }
  | { op: 'today' }
  | { op: CompareOp | ArithOp; args: [Expr, Expr] }
  | { op: 'and' | 'or'; args: Expr[] }
  | { op: 'not'; args: [Expr] }
  | { op: 'neg'; args: [Expr] }
  | { op: 'fn'; name: FunctionName; args: Expr[] };

export const FUNCTIONS = {
  selected: 2,
  'count-selected': 1,
  months: 1,
  'string-length': 1,
  regex: 2,
} as const;
export type FunctionName = keyof typeof FUNCTIONS;

export interface Choice {
  name: string;
  label: LocalText;
  /** extra columns of the choices sheet, for choice_filter */
  [col: string]: unknown;
}

export type QuestionType = 'select_one' | 'select_multiple' | 'integer' | 'month' | 'date' | 'text';

export interface QuestionNode {
  kind: 'question';
  type: QuestionType;
  name: string;
  /** printed question number (1, 2, …; a question inside a repeat has one number for every block) */
  number: number;
  label: LocalText;
  hint?: LocalText;
  /** select_one / select_multiple: the list in `choices` */
  list?: string;
  required?: boolean | Expr;
  relevant?: Expr;
  constraint?: Expr;
  constraint_message?: LocalText;
  choice_filter?: Expr;
  appearance?: string;
  /** the "其他（请注明）" text of a select question with `or_other`: that question's name */
  other_of?: string;
}
export interface NoteNode {
  kind: 'note';
  name: string;
  label: LocalText;
  relevant?: Expr;
}
export interface GroupNode {
  kind: 'group';
  name: string;
  label?: LocalText;
  relevant?: Expr;
  /** one phone step */
  children: FormNode[];
}
export interface RepeatNode {
  kind: 'repeat';
  name: string;
  label: LocalText;
  relevant?: Expr;
  /** at most this many blocks; a relevant repeat needs at least one */
  max?: number;
  children: FormNode[];
}
export type FormNode = QuestionNode | NoteNode | GroupNode | RepeatNode;

export interface FormDefinition {
  form_id: string;
  version: string;
  title: LocalText;
  languages: Lang[];
  choices: Record<string, Choice[]>;
  body: FormNode[];
}

/**
 * Answers: plain JSON. Top-level names → value; a repeat → array of objects. select_multiple → string[];
 * integer → number; month → 'YYYY-MM'; date → 'YYYY-MM-DD'; text → string. Absent = not answered
 * (a missing key, null, '' and [] all count as not answered).
 */
export type Answers = Record<string, unknown>;

export type IssueCode = 'required' | 'type' | 'choice' | 'constraint' | 'not_relevant';
export interface AnswerIssue {
  /** 'q_name' or 'children.0.birth_month' */
  path: string;
  code: IssueCode;
  /** the node's name (for a key the form does not have: that key) */
  question: string;
}

/** The choice list whose entries are filled at publish time from app.townships (active rows, in order). */
export const TOWNSHIP_LIST = 'townships';
/** The choice an `or_other` select question gets, and the suffix of its text question's name. */
export const OTHER_CHOICE = 'other';
export const OTHER_SUFFIX = '_other';
/** A text answer longer than this (in characters) is refused as 'type'. */
export const MAX_TEXT_LENGTH = 500;
