// Tokens with offsets, and the characters the language refuses.
import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError } from './expression-problem.js';
import { tokenizeExpression } from './tokenize-expression.js';

const summary = (text: string) => tokenizeExpression(text).map((t) => [t.type, t.value, t.start]);

function problem(text: string): { offset: number; message: string } {
  try {
    tokenizeExpression(text);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return { offset: error.offset, message: error.message };
    throw error;
  }
  throw new Error(`${text} tokenized without a problem`);
}

describe('tokenizeExpression', () => {
  it('splits names, numbers, operators and strings and keeps each offset', () => {
    expect(summary('features.k <= 10')).toEqual([
      ['name', 'features', 0],
      ['punct', '.', 8],
      ['name', 'k', 9],
      ['punct', '<=', 11],
      ['number', '10', 14],
      ['end', '', 16],
    ]);
  });

  it('prefers the longest operator', () => {
    expect(summary('a??b!=c&&!d||e>=f').filter(([type]) => type === 'punct').map(([, value]) => value)).toEqual(['??', '!=', '&&', '!', '||', '>=']);
  });

  it('reads integers, decimals and exponents', () => {
    expect(summary('0 12 3.25 1e3 2.5E-2').filter(([t]) => t === 'number').map(([, v]) => Number(v))).toEqual([0, 12, 3.25, 1000, 0.025]);
  });

  it('reads strings in either quote with escapes', () => {
    const strings = tokenizeExpression(`'it\\'s' "say \\"hi\\"" 'tab\\there' 'caf\\u00e9' "a'b"`).filter((t) => t.type === 'string');
    expect(strings.map((t) => t.value)).toEqual(["it's", 'say "hi"', 'tab\there', 'café', "a'b"]);
  });

  it('skips spaces, tabs and line breaks', () => {
    expect(summary('a\n\t and\r\n b').map(([, v]) => v)).toEqual(['a', 'and', 'b', '']);
  });

  it.each([
    ["'open", 0, 'this string is not closed'],
    ['"a\\qb"', 2, 'unknown escape \\q'],
    ["'\\u12'", 1, 'a \\u escape needs four hex digits'],
    ['a = 1', 2, "'=' is not an operator; compare with '=='"],
    ['a & b', 2, "use 'and'"],
    ['a | b', 2, "use 'or'"],
    ['a @ b', 2, 'unexpected character "@"'],
    ['a; b', 1, 'unexpected character ";"'],
    ['`x`', 0, 'unexpected character "`"'],
    ['12abc', 2, 'unexpected "a" after the number 12'],
    ['1e999', 0, 'the number 1e999 is too large'],
  ])('refuses %j at offset %i', (text, offset, message) => {
    const found = problem(text);
    expect(found.offset).toBe(offset);
    expect(found.message).toContain(message);
  });
});
