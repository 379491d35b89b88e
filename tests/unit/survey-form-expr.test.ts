/**
 * The XLSForm expression subset: parse trees and values worked out by hand (README.md in src/lib/survey-form/ gives
 * the rules each expected value follows).
 */
import { describe, expect, test } from 'vitest';
import { ExprError, parseExpr, refsOf } from '../../src/lib/survey-form/expr.ts';
import { evaluate, toBool, type EvalContext } from '../../src/lib/survey-form/evaluate.ts';

describe('parser', () => {
  test('a comparison with a reference and a quoted literal', () => {
    expect(parseExpr("${wants_care} = 'yes'")).toEqual({
      op: '=',
      args: [
        { op: 'ref', name: 'wants_care' },
        { op: 'lit', value: 'yes' },
      ],
    });
  });
  test('and binds tighter than or; not() and parentheses', () => {
    expect(parseExpr("${a} = 'x' or ${b} = 'y' and not(${c} = 'z')")).toEqual({
      op: 'or',
      args: [
        {
          op: '=',
          args: [
            { op: 'ref', name: 'a' },
            { op: 'lit', value: 'x' },
          ],
        },
        {
          op: 'and',
          args: [
            {
              op: '=',
              args: [
                { op: 'ref', name: 'b' },
                { op: 'lit', value: 'y' },
              ],
            },
            {
              op: 'not',
              args: [
                {
                  op: '=',
                  args: [
                    { op: 'ref', name: 'c' },
                    { op: 'lit', value: 'z' },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(parseExpr('(${a} or ${b}) and ${c}').op).toBe('and');
    expect(parseExpr('${a} and (${b} or ${c})')).toEqual({
      op: 'and',
      args: [
        { op: 'ref', name: 'a' },
        {
          op: 'or',
          args: [
            { op: 'ref', name: 'b' },
            { op: 'ref', name: 'c' },
          ],
        },
      ],
    });
  });
  test('functions, self, today(), arithmetic left to right, unary minus', () => {
    expect(parseExpr("selected(${r}, 'cost')")).toEqual({
      op: 'fn',
      name: 'selected',
      args: [
        { op: 'ref', name: 'r' },
        { op: 'lit', value: 'cost' },
      ],
    });
    expect(parseExpr('count-selected(.) <= 3')).toEqual({
      op: '<=',
      args: [
        { op: 'fn', name: 'count-selected', args: [{ op: 'self' }] },
        { op: 'lit', value: 3 },
      ],
    });
    expect(parseExpr('months(today()) - months(.) - 1')).toEqual({
      op: '-',
      args: [
        {
          op: '-',
          args: [
            { op: 'fn', name: 'months', args: [{ op: 'today' }] },
            { op: 'fn', name: 'months', args: [{ op: 'self' }] },
          ],
        },
        { op: 'lit', value: 1 },
      ],
    });
    expect(parseExpr('-2 * 3')).toEqual({
      op: '*',
      args: [
        { op: 'neg', args: [{ op: 'lit', value: 2 }] },
        { op: 'lit', value: 3 },
      ],
    });
  });
  test('a bare name is a choice column only in a choice_filter', () => {
    expect(parseExpr("kind = 'town'", { columns: true })).toEqual({
      op: '=',
      args: [
        { op: 'col', name: 'kind' },
        { op: 'lit', value: 'town' },
      ],
    });
    expect(() => parseExpr("kind = 'town'")).toThrow(ExprError);
  });
  test('refsOf lists every ${name}', () => {
    expect([...refsOf(parseExpr("${a} = 'x' and selected(${b}, ${c}) or ."))]).toEqual(['a', 'b', 'c']);
  });
  test.each([
    ["${a} = 'x", '引号没有配对'],
    ['${a} = = 1', '缺少一个值'],
    ['${a} div 2', '不支持 div'],
    ['${a} < 1 < 2', '两个比较连在一起'],
    ['position(..)', '不支持函数 position()'],
    ['selected(${a})', 'selected() 需要 2 个参数'],
    ['today(1)', 'today() 不带参数'],
    ['${a} = 1)', '多出来的内容'],
    ['${} = 1', '题目名称'],
    ["regex(., '(?=x)')", '超出支持范围'],
    ['regex(., ${p})', '带引号的文字'],
    ['${a} # 1', '不认识'],
  ])('%s is refused in Chinese: %s', (src, zh) => {
    try {
      parseExpr(src);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExprError);
      expect((e as ExprError).message_zh).toContain(zh);
      expect((e as ExprError).message_en.length).toBeGreaterThan(0);
    }
  });
});

describe('values (hand-worked)', () => {
  const ctx: EvalContext = {
    answers: { one: 'a', many: ['x', 'y'], n: 4, text: '', word: '12', b: true },
    at: '2027-01-15',
  };
  const v = (src: string, c: Partial<EvalContext> = {}) => evaluate(parseExpr(src), { ...ctx, ...c });
  test.each([
    ["${one} = 'a'", true],
    ["${one} != 'a'", false],
    ["${missing} = ''", true], // unanswered reads as ''
    ["${missing} != 'a'", true],
    ["${missing} = 'a'", false],
    ['${n} = 4', true],
    ["${n} = '4'", true], // a number on one side compares numbers
    ['${word} = 12', true],
    ["${word} = '12.0'", false], // two strings compare as text
    ['${missing} = 0', false], // '' is not a number: NaN = 0 is false
    ['${missing} != 0', true],
    ['${missing} < 1', false],
    ['${n} >= 4 and ${n} < 5', true],
    ["selected(${many}, 'y')", true],
    ["selected(${many}, 'z')", false],
    ["selected(${one}, 'a')", true], // a string is a space-separated list
    ["${many} = 'x y'", true],
    ['count-selected(${many})', 2],
    ['count-selected(${missing})', 0],
    ['months(today())', 2027 * 12 + 1],
    ["months('2024-11')", 2024 * 12 + 11],
    ["months(today()) - months('2024-11')", 26],
    ["months('2024-13')", null],
    ['months(${missing}) - 1', null], // a missing operand makes nothing
    ['${missing} + 1', null],
    ['-(${n} - 4)', 0],
    ['${n} * 2 + 1', 9],
    ["string-length('托育服务')", 4],
    ["regex('13800138000', '^1[3-9][0-9]{9}$')", true],
    ["regex('12800138000', '^1[3-9][0-9]{9}$')", false],
    ['${b} = 1', true], // a boolean on one side compares booleans
    ["${b} = ''", false],
    ['not(${text})', true], // '' is false
    ['${one} or ${missing}', true],
  ])('%s → %j', (src, expected) => {
    expect(v(src)).toEqual(expected);
  });
  test('self, col and a repeat block', () => {
    expect(v('. + 1', { self: 2 })).toBe(3);
    expect(
      evaluate(parseExpr("kind = 'town'", { columns: true }), {
        ...ctx,
        choice: { name: 'c', label: { 'zh-CN': 'c' }, kind: 'town' },
      }),
    ).toBe(true);
    const block = { one: 'b' };
    expect(v("${one} = 'b'", { instance: block, local: new Set(['one']) })).toBe(true);
    expect(v("${one} = 'a'", { instance: block, local: new Set(['other']) })).toBe(true);
  });
  test('truth of values', () => {
    expect([null, '', 'x', 0, 1, [], ['a'], false].map((x) => toBool(x as never))).toEqual([
      false,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
  });
});
