/**
 * The XLSForm expression subset (README.md, "Expressions") → its JSON tree (definition.ts `Expr`). A small
 * recursive-descent parser: the XPath libraries on npm evaluate against an XML DOM, and neither they nor the DOM
 * exist in PostgreSQL, which must evaluate the same tree (README.md says why in full). Used at publish time; the
 * browser gets trees already parsed.
 */
import { type Expr, FUNCTIONS, type FunctionName } from './definition.ts';

export class ExprError extends Error {
  readonly message_zh: string;
  readonly message_en: string;
  /** character offset in the source */
  readonly at: number;
  constructor(message_zh: string, message_en: string, at: number) {
    super(message_en);
    this.message_zh = message_zh;
    this.message_en = message_en;
    this.at = at;
  }
}

type Token =
  | { t: 'ref'; v: string; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'num'; v: number; at: number }
  | { t: 'name'; v: string; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'end'; at: number };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*/;
const NUMBER = /^[0-9]+(\.[0-9]+)?/;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const rest = src.slice(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '$') {
      const m = /^\$\{([A-Za-z_][A-Za-z0-9_-]*)\}/.exec(rest);
      if (!m)
        throw new ExprError(
          `第 ${i + 1} 个字符：\${…} 里应是题目名称`,
          `at ${i + 1}: \${…} needs a question name`,
          i,
        );
      out.push({ t: 'ref', v: m[1], at: i });
      i += m[0].length;
    } else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new ExprError(`第 ${i + 1} 个字符：引号没有配对`, `at ${i + 1}: unclosed quote`, i);
      out.push({ t: 'str', v: src.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (/[0-9]/.test(c)) {
      const m = NUMBER.exec(rest)!;
      out.push({ t: 'num', v: Number(m[0]), at: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = NAME.exec(rest)!;
      // "a-b" reads as a name only for the functions with a dash; elsewhere a dash is a minus.
      let v = m[0];
      if (!(v in FUNCTIONS)) v = /^[A-Za-z_][A-Za-z0-9_]*/.exec(v)![0];
      out.push({ t: 'name', v, at: i });
      i += v.length;
    } else {
      const two = src.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        out.push({ t: 'op', v: two, at: i });
        i += 2;
      } else if ('=<>+-*(),.'.includes(c)) {
        out.push({ t: 'op', v: c, at: i });
        i++;
      } else {
        throw new ExprError(`第 ${i + 1} 个字符“${c}”不认识`, `at ${i + 1}: unexpected character "${c}"`, i);
      }
    }
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

export interface ParseOptions {
  /** choice_filter: bare names are columns of the choices sheet */
  columns?: boolean;
}

/** Parses one expression; throws ExprError (Chinese and English message, offset) on anything outside the subset. */
export function parseExpr(src: string, options: ParseOptions = {}): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => {
    const t = toks[p];
    return t.t === 'op' && t.v === v;
  };
  const isWord = (v: string) => {
    const t = toks[p];
    // after a value, `and` / `or` are operators even before a parenthesis: `… and (…)`
    return t.t === 'name' && t.v === v;
  };
  const fail = (zh: string, en: string): never => {
    const at = peek().at;
    throw new ExprError(`第 ${at + 1} 个字符：${zh}`, `at ${at + 1}: ${en}`, at);
  };
  const expect = (v: string) => {
    if (!isOp(v)) fail(`这里应是“${v}”`, `expected "${v}"`);
    p++;
  };

  function or(): Expr {
    const args = [and()];
    while (isWord('or')) {
      p++;
      args.push(and());
    }
    return args.length === 1 ? args[0] : { op: 'or', args };
  }
  function and(): Expr {
    const args = [compare()];
    while (isWord('and')) {
      p++;
      args.push(compare());
    }
    return args.length === 1 ? args[0] : { op: 'and', args };
  }
  function compare(): Expr {
    const left = additive();
    const t = peek();
    if (t.t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      p++;
      const right = additive();
      const u = peek();
      if (u.t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(u.v)) {
        fail('两个比较连在一起，请用 and 或括号分开', 'two comparisons in a row: use "and" or parentheses');
      }
      return { op: t.v as '=', args: [left, right] };
    }
    return left;
  }
  function additive(): Expr {
    let left = multiplicative();
    for (;;) {
      const t = peek();
      if (t.t === 'op' && (t.v === '+' || t.v === '-')) {
        p++;
        left = { op: t.v, args: [left, multiplicative()] };
      } else return left;
    }
  }
  function multiplicative(): Expr {
    let left = unary();
    while (isOp('*')) {
      p++;
      left = { op: '*', args: [left, unary()] };
    }
    const t = peek();
    if (t.t === 'name' && (t.v === 'div' || t.v === 'mod')) {
      fail(`不支持 ${t.v}（只支持 + - *）`, `${t.v} is not supported (only + - *)`);
    }
    return left;
  }
  function unary(): Expr {
    if (isOp('-')) {
      p++;
      return { op: 'neg', args: [unary()] };
    }
    return primary();
  }
  function primary(): Expr {
    const t = peek();
    if (t.t === 'ref') {
      p++;
      return { op: 'ref', name: t.v };
    }
    if (t.t === 'str') {
      p++;
      return { op: 'lit', value: t.v };
    }
    if (t.t === 'num') {
      p++;
      return { op: 'lit', value: t.v };
    }
    if (t.t === 'op' && t.v === '.') {
      p++;
      return { op: 'self' };
    }
    if (t.t === 'op' && t.v === '(') {
      p++;
      const e = or();
      expect(')');
      return e;
    }
    if (t.t === 'name') {
      const call = toks[p + 1].t === 'op' && (toks[p + 1] as { v: string }).v === '(';
      if (!call) {
        if (options.columns) {
          p++;
          return { op: 'col', name: t.v };
        }
        return fail(
          `“${t.v}”不认识：题目要写成 \${${t.v}}，文字要加引号`,
          `unknown name "${t.v}": write a question as \${${t.v}}, text in quotes`,
        );
      }
      if (t.v !== 'today' && t.v !== 'not' && !(t.v in FUNCTIONS)) {
        return fail(`不支持函数 ${t.v}()`, `function ${t.v}() is not supported`);
      }
      p += 2;
      const args: Expr[] = [];
      if (!isOp(')')) {
        args.push(or());
        while (isOp(',')) {
          p++;
          args.push(or());
        }
      }
      expect(')');
      if (t.v === 'today') {
        if (args.length) fail('today() 不带参数', 'today() takes no arguments');
        return { op: 'today' };
      }
      if (t.v === 'not') {
        if (args.length !== 1) fail('not() 需要 1 个参数', 'not() takes one argument');
        return { op: 'not', args: [args[0]] };
      }
      const name = t.v as FunctionName;
      if (args.length !== FUNCTIONS[name]) {
        fail(`${name}() 需要 ${FUNCTIONS[name]} 个参数`, `${name}() takes ${FUNCTIONS[name]} argument(s)`);
      }
      if (name === 'regex') checkRegex(args[1], t.at);
      return { op: 'fn', name, args };
    }
    return fail('这里缺少一个值', 'a value is missing here');
  }

  const e = or();
  if (peek().t !== 'end') fail('多出来的内容', 'unexpected text after the expression');
  return e;
}

/**
 * regex()'s pattern must be a literal in the part of regular expressions JavaScript and PostgreSQL read alike:
 * literal characters, [classes], \d, ^ $, groups, |, and the quantifiers ? * + {n} {n,m}.
 */
function checkRegex(pattern: Expr, at: number) {
  if (pattern.op !== 'lit' || typeof pattern.value !== 'string') {
    throw new ExprError(
      'regex() 的第 2 个参数要写成带引号的文字',
      "regex()'s pattern must be quoted text",
      at,
    );
  }
  const ok = /^(?:[^\\(){}]|\\d|\\\.|\((?!\?)|\)|\{\d+(?:,\d+)?\})*$/.test(pattern.value);
  let valid = ok;
  try {
    new RegExp(pattern.value, 'u');
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new ExprError(
      `regex() 的规则“${pattern.value}”超出支持范围（只能用字符、[ ]、\\d、^ $、( )、|、? * + {n,m}）`,
      `regex() pattern "${pattern.value}" is outside the supported subset`,
      at,
    );
  }
}

/** Every `${name}` an expression reads. */
export function refsOf(e: Expr, out: Set<string> = new Set()): Set<string> {
  if (e.op === 'ref') out.add(e.name);
  if ('args' in e) for (const a of e.args) refsOf(a, out);
  return out;
}
