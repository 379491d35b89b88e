/** Export escaping: formula injection neutralised, CSV quoting, BOM and CRLF. */
import { describe, expect, test } from 'vitest';
import { csvField, safeCell, toCsv } from '../../src/lib/survey/export.ts';

describe('safeCell', () => {
  test.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+86 138', `'+86 138`],
    ['-1', `'-1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tx', `'\tx`],
    ['池阳街道', '池阳街道'],
    ['a=b', 'a=b'],
  ])('%j → %j', (input, output) => expect(safeCell(input)).toBe(output));
  test('null and booleans', () => {
    expect([safeCell(null), safeCell(undefined), safeCell(true), safeCell(false), safeCell(3)]).toEqual([
      '',
      '',
      'yes',
      'no',
      '3',
    ]);
  });
});

describe('csv', () => {
  test('quotes fields with commas, quotes and line breaks; doubles quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+1')).toBe(`'=1+1`);
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
  });
  test('a file: UTF-8 BOM, header, CRLF, trailing CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          { a: '社区', b: null },
          { a: '=x', b: 2 },
        ],
      ),
    ).toBe("\uFEFFa,b\r\n社区,\r\n'=x,2\r\n");
  });
});
