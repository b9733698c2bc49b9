// A recursive-descent parser for the expression language, one function per precedence level (lowest first):
// ?:  or  and  not  comparisons  ??  + -  * / %  unary -  postfix . [] ()
import type { ArithmeticOperator, ComparisonOperator, ExpressionNode } from './expression-ast.js';
import { ExpressionSyntaxError } from './expression-problem.js';
import { tokenizeExpression, type Token } from './tokenize-expression.js';

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false']);
const COMPARISON_PUNCTUATORS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** Parses one expression; `maxDepth` bounds the parser's own recursion (deeply nested brackets). */
export function parseExpression(text: string, maxDepth: number): ExpressionNode {
  return new ExpressionParser(tokenizeExpression(text), maxDepth).parseAll();
}

class ExpressionParser {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly maxDepth: number,
  ) {}

  parseAll(): ExpressionNode {
    if (this.peek().type === 'end') throw new ExpressionSyntaxError(0, 'the expression is empty');
    const node = this.parseConditional();
    const rest = this.peek();
    if (rest.type !== 'end') throw new ExpressionSyntaxError(rest.start, `unexpected ${describe(rest)} after a complete expression`);
    return node;
  }

  private parseConditional(): ExpressionNode {
    return this.nested(() => {
      const test = this.parseOr();
      if (!this.isPunct('?')) return test;
      this.next();
      const consequent = this.parseConditional();
      this.expectPunct(':', "the ':' of this conditional (c ? a : b)");
      const alternate = this.parseConditional();
      return { kind: 'conditional', test, consequent, alternate, start: test.start, end: alternate.end };
    });
  }

  private parseOr(): ExpressionNode {
    let left = this.parseAnd();
    while (this.isWord('or') || this.isPunct('||')) {
      this.next();
      const right = this.parseAnd();
      left = { kind: 'logical', operator: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseAnd(): ExpressionNode {
    let left = this.parseNot();
    while (this.isWord('and') || this.isPunct('&&')) {
      this.next();
      const right = this.parseNot();
      left = { kind: 'logical', operator: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseNot(): ExpressionNode {
    if (!this.isWord('not') && !this.isPunct('!')) return this.parseComparison();
    const start = this.next().start;
    return this.nested(() => {
      const operand = this.parseNot();
      return { kind: 'not', operand, start, end: operand.end };
    });
  }

  private parseComparison(): ExpressionNode {
    const left = this.parseCoalesce();
    const node = this.parseComparisonTail(left);
    if (node !== left && (this.comparisonOperatorAhead() || this.isWord('is'))) {
      throw new ExpressionSyntaxError(this.peek().start, "comparisons cannot be chained; join them with 'and', as in a < b and b < c");
    }
    return node;
  }

  private parseComparisonTail(left: ExpressionNode): ExpressionNode {
    if (this.isWord('is')) {
      this.next();
      const negated = this.isWord('not');
      if (negated) this.next();
      const target = this.peek();
      if (!(target.type === 'name' && target.value === 'null')) {
        throw new ExpressionSyntaxError(target.start, `expected 'null' after '${negated ? 'is not' : 'is'}' but found ${describe(target)}; use == to compare values`);
      }
      this.next();
      return { kind: 'is-null', negated, operand: left, start: left.start, end: target.end };
    }
    const operator = this.comparisonOperatorAhead();
    if (!operator) return left;
    this.next();
    if (operator === 'not in') this.next();
    const right = this.parseCoalesce();
    return { kind: 'comparison', operator, left, right, start: left.start, end: right.end };
  }

  private comparisonOperatorAhead(): ComparisonOperator | null {
    const token = this.peek();
    if (token.type === 'punct' && COMPARISON_PUNCTUATORS.has(token.value)) return token.value as ComparisonOperator;
    if (this.isWord('in')) return 'in';
    if (this.isWord('not') && this.peek(1).type === 'name' && this.peek(1).value === 'in') return 'not in';
    return null;
  }

  private parseCoalesce(): ExpressionNode {
    let left = this.parseAdditive();
    while (this.isPunct('??')) {
      this.next();
      const right = this.parseAdditive();
      left = { kind: 'coalesce', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseAdditive(): ExpressionNode {
    let left = this.parseMultiplicative();
    while (this.isPunct('+') || this.isPunct('-')) {
      const operator = this.next().value as ArithmeticOperator;
      const right = this.parseMultiplicative();
      left = { kind: 'arithmetic', operator, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseMultiplicative(): ExpressionNode {
    let left = this.parseUnary();
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('%')) {
      const operator = this.next().value as ArithmeticOperator;
      const right = this.parseUnary();
      left = { kind: 'arithmetic', operator, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseUnary(): ExpressionNode {
    if (!this.isPunct('-')) return this.parsePostfix();
    const start = this.next().start;
    return this.nested(() => {
      const operand = this.parseUnary();
      return { kind: 'negate', operand, start, end: operand.end };
    });
  }

  private parsePostfix(): ExpressionNode {
    let node = this.parsePrimary();
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        const name = this.peek();
        if (name.type !== 'name') throw new ExpressionSyntaxError(name.start, `expected a property name after '.' but found ${describe(name)}`);
        this.next();
        node = { kind: 'member', object: node, property: name.value, propertyStart: name.start, start: node.start, end: name.end };
      } else if (this.isPunct('[')) {
        this.next();
        const index = this.nested(() => this.parseConditional());
        const close = this.expectPunct(']', "the ']' of this index");
        node = { kind: 'index', object: node, index, start: node.start, end: close.end };
      } else if (this.isPunct('(')) {
        throw new ExpressionSyntaxError(this.peek().start, 'only the built-in functions can be called, by name, as in len(x)');
      } else {
        return node;
      }
    }
  }

  private parsePrimary(): ExpressionNode {
    const token = this.peek();
    if (token.type === 'number') {
      this.next();
      return { kind: 'literal', value: Number(token.value), start: token.start, end: token.end };
    }
    if (token.type === 'string') {
      this.next();
      return { kind: 'literal', value: token.value, start: token.start, end: token.end };
    }
    if (token.type === 'name') return this.parseName(token);
    if (this.isPunct('(')) {
      this.next();
      const inner = this.nested(() => this.parseConditional());
      this.expectPunct(')', "the ')' closing this '('");
      return inner;
    }
    if (this.isPunct('[')) return this.parseArray();
    if (token.type === 'end') throw new ExpressionSyntaxError(token.start, 'the expression ends where a value was expected');
    throw new ExpressionSyntaxError(token.start, `expected a value but found ${describe(token)}`);
  }

  private parseName(token: Token): ExpressionNode {
    this.next();
    const literal = token.value === 'true' ? true : token.value === 'false' ? false : token.value === 'null' ? null : undefined;
    if (literal !== undefined) return { kind: 'literal', value: literal, start: token.start, end: token.end };
    if (KEYWORDS.has(token.value)) {
      const hint = token.value === 'not' ? "; put 'not ...' in parentheses here" : '';
      throw new ExpressionSyntaxError(token.start, `expected a value but found '${token.value}'${hint}`);
    }
    if (!this.isPunct('(')) return { kind: 'name', name: token.value, start: token.start, end: token.end };
    this.next();
    const args = this.parseList(')', 'argument');
    return { kind: 'call', callee: token.value, args: args.items, start: token.start, end: args.end };
  }

  private parseArray(): ExpressionNode {
    const start = this.next().start;
    const list = this.parseList(']', 'element');
    return { kind: 'array', elements: list.items, start, end: list.end };
  }

  /** Comma-separated expressions up to `close` (a trailing comma is allowed); the opening bracket is already read. */
  private parseList(close: ')' | ']', what: string): { items: ExpressionNode[]; end: number } {
    const items: ExpressionNode[] = [];
    while (!this.isPunct(close)) {
      items.push(this.nested(() => this.parseConditional()));
      if (this.isPunct(',')) this.next();
      else if (!this.isPunct(close)) throw new ExpressionSyntaxError(this.peek().start, `expected ',' or '${close}' after this ${what} but found ${describe(this.peek())}`);
    }
    return { items, end: this.next().end };
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > this.maxDepth) {
      throw new ExpressionSyntaxError(this.peek().start, `the expression nests more than ${this.maxDepth} levels deep`);
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.position++;
    return token;
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.type === 'punct' && token.value === value;
  }

  private isWord(value: string): boolean {
    const token = this.peek();
    return token.type === 'name' && token.value === value;
  }

  private expectPunct(value: string, what: string): Token {
    const token = this.peek();
    if (!this.isPunct(value)) throw new ExpressionSyntaxError(token.start, `expected ${what} but found ${describe(token)}`);
    return this.next();
  }
}

function describe(token: Token): string {
  if (token.type === 'end') return 'the end of the expression';
  if (token.type === 'string') return 'a string';
  return `'${token.value}'`;
}
