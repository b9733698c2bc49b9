// The grammar: every construct, the precedence table of the README, and syntax errors at their offsets.
import { describe, expect, it } from 'vitest';
import type { ExpressionNode } from './expression-ast.js';
import { ExpressionSyntaxError } from './expression-problem.js';
import { parseExpression } from './parse-expression.js';

/** The AST as an s-expression, so that precedence reads at a glance. */
function show(node: ExpressionNode): string {
  switch (node.kind) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'name':
      return node.name;
    case 'array':
      return `[${node.elements.map(show).join(' ')}]`;
    case 'member':
      return `${show(node.object)}.${node.property}`;
    case 'index':
      return `${show(node.object)}[${show(node.index)}]`;
    case 'call':
      return `${node.callee}(${node.args.map(show).join(' ')})`;
    case 'negate':
      return `(neg ${show(node.operand)})`;
    case 'not':
      return `(not ${show(node.operand)})`;
    case 'arithmetic':
    case 'comparison':
      return `(${node.operator} ${show(node.left)} ${show(node.right)})`;
    case 'logical':
      return `(${node.operator} ${show(node.left)} ${show(node.right)})`;
    case 'coalesce':
      return `(?? ${show(node.left)} ${show(node.right)})`;
    case 'is-null':
      return `(${node.negated ? 'is-not-null' : 'is-null'} ${show(node.operand)})`;
    case 'conditional':
      return `(? ${show(node.test)} ${show(node.consequent)} ${show(node.alternate)})`;
  }
}

const parse = (text: string) => show(parseExpression(text, 64));

function syntaxError(text: string, maxDepth = 64): { offset: number; message: string } {
  try {
    parseExpression(text, maxDepth);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return { offset: error.offset, message: error.message };
    throw error;
  }
  throw new Error(`${text} parsed without an error`);
}

describe('parseExpression: every construct', () => {
  it.each([
    ['42', '42'],
    ['2.5', '2.5'],
    ["'text'", '"text"'],
    ['"text"', '"text"'],
    ['true', 'true'],
    ['false', 'false'],
    ['null', 'null'],
    ['[1, "a", null]', '[1 "a" null]'],
    ['[1, 2,]', '[1 2]'],
    ['[]', '[]'],
    ['features', 'features'],
    ['features.ratings_count', 'features.ratings_count'],
    ['output.items[0].id', 'output.items[0].id'],
    ['headers["x-region"]', 'headers["x-region"]'],
    ['features.in', 'features.in'],
    ['clamp(x, 0, 1)', 'clamp(x 0 1)'],
    ['len([])', 'len([])'],
    ['-x', '(neg x)'],
    ['- -x', '(neg (neg x))'],
    ['x is null', '(is-null x)'],
    ['x is not null', '(is-not-null x)'],
    ['x in xs', '(in x xs)'],
    ['x not in xs', '(not in x xs)'],
    ['x ?? 0', '(?? x 0)'],
    ['c ? a : b', '(? c a b)'],
    ['a && b || !c', '(or (and a b) (not c))'],
    ['a and b or not c', '(or (and a b) (not c))'],
  ])('parses %s', (text, expected) => {
    expect(parse(text)).toBe(expected);
  });
});

describe('parseExpression: precedence and associativity', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['10 - 2 - 3', '(- (- 10 2) 3)'],
    ['8 / 4 / 2', '(/ (/ 8 4) 2)'],
    ['7 % 4 * 2', '(* (% 7 4) 2)'],
    ['-2 * 3', '(* (neg 2) 3)'],
    ['-a.b', '(neg a.b)'],
    ['a + b < c * d', '(< (+ a b) (* c d))'],
    ['x ?? 0 >= 0.7', '(>= (?? x 0) 0.7)'],
    ['x ?? y + 1', '(?? x (+ y 1))'],
    ['a ?? b ?? c', '(?? (?? a b) c)'],
    ['a == b and c != d', '(and (== a b) (!= c d))'],
    ['a or b and c', '(or a (and b c))'],
    ['a and b or c and d', '(or (and a b) (and c d))'],
    ['not a == b', '(not (== a b))'],
    ['!a == b', '(not (== a b))'],
    ['not a and b', '(and (not a) b)'],
    ['not not a', '(not (not a))'],
    ['x in xs and y not in ys', '(and (in x xs) (not in y ys))'],
    ['x is null or y is not null', '(or (is-null x) (is-not-null y))'],
    ['a or b ? c : d', '(? (or a b) c d)'],
    ['a ? b : c ? d : e', '(? a b (? c d e))'],
    ['a ? b ? c : d : e', '(? a (? b c d) e)'],
    ['s >= 0.7 ? "approve" : "review"', '(? (>= s 0.7) "approve" "review")'],
    ['min(a, b) + max([1, 2])', '(+ min(a b) max([1 2]))'],
  ])('parses %s as %s', (text, expected) => {
    expect(parse(text)).toBe(expected);
  });
});

describe('parseExpression: spans', () => {
  it('gives every node its start and end offset', () => {
    const node = parseExpression('features.k  <  clamp(x, 1, 2)', 64);
    expect(node).toMatchObject({ kind: 'comparison', start: 0, end: 29 });
    if (node.kind !== 'comparison') throw new Error('not a comparison');
    expect(node.left).toMatchObject({ kind: 'member', start: 0, end: 10, propertyStart: 9 });
    expect(node.right).toMatchObject({ kind: 'call', callee: 'clamp', start: 15, end: 29 });
  });
});

describe('parseExpression: errors point at the offending token', () => {
  it.each([
    ['', 0, 'the expression is empty'],
    ['   ', 0, 'the expression is empty'],
    ['1 +', 3, 'the expression ends where a value was expected'],
    ['a < b < c', 6, 'comparisons cannot be chained'],
    ['a == b is null', 7, 'comparisons cannot be chained'],
    ['x is 5', 5, "expected 'null' after 'is'"],
    ['x is not true', 9, "expected 'null' after 'is not'"],
    ['c ? a b', 6, "expected the ':' of this conditional"],
    ['(a + b', 6, "expected the ')' closing this '('"],
    ['xs[0', 4, "expected the ']' of this index"],
    ['min(a b)', 6, "expected ',' or ')' after this argument"],
    ['[1 2]', 3, "expected ',' or ']' after this element"],
    ['a b', 2, "unexpected 'b' after a complete expression"],
    ['a.1', 2, "expected a property name after '.'"],
    ['features.f(1)', 10, 'only the built-in functions can be called'],
    ['(min)(1)', 5, 'only the built-in functions can be called'],
    ['a + not b', 4, "expected a value but found 'not'; put 'not ...' in parentheses here"],
    ['and', 0, "expected a value but found 'and'"],
    [')', 0, "expected a value but found ')'"],
  ])('%j fails at offset %i', (text, offset, message) => {
    const found = syntaxError(text);
    expect(found.message).toContain(message);
    expect(found.offset).toBe(offset);
  });

  it('refuses nesting deeper than the limit, at the bracket that goes too deep', () => {
    const deep = `${'('.repeat(70)}1${')'.repeat(70)}`;
    const found = syntaxError(deep);
    expect(found.message).toBe('the expression nests more than 64 levels deep');
    expect(found.offset).toBeLessThan(70);
    expect(parse(`${'('.repeat(20)}1${')'.repeat(20)}`)).toBe('1');
  });

  it('survives pathological nesting without exhausting the stack', () => {
    expect(syntaxError('['.repeat(100_000)).message).toContain('nests more than 64 levels');
    expect(syntaxError('-'.repeat(100_000) + '1').message).toContain('nests more than 64 levels');
    expect(syntaxError('not '.repeat(10_000) + 'x').message).toContain('nests more than 64 levels');
  });
});
