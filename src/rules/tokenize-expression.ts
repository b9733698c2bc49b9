// The tokenizer: expression text to tokens with offsets. Only the characters of the language are accepted, so
// nothing else (backticks, `=>`, `;`, braces) can even reach the parser.
import { ExpressionSyntaxError } from './expression-problem.js';

export type TokenType = 'number' | 'string' | 'name' | 'punct' | 'end';

export interface Token {
  readonly type: TokenType;
  /** The number's text, the string's decoded value, the name, or the punctuator. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

// Longest first, so `<=` wins over `<` and `??` over `?`.
const PUNCTUATORS = ['==', '!=', '<=', '>=', '&&', '||', '??', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '.', '?', ':', '!'];

const MISTAKES = new Map([
  ['=', "'=' is not an operator; compare with '=='"],
  ['&', "'&' is not an operator; use 'and' (or '&&')"],
  ['|', "'|' is not an operator; use 'or' (or '||')"],
]);

const ESCAPES = new Map([['n', '\n'], ['t', '\t'], ['r', '\r'], ['\\', '\\'], ["'", "'"], ['"', '"'], ['0', '\0']]);

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isNamePart = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

export function tokenizeExpression(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c)) {
      i = readNumber(text, i, tokens);
    } else if (c === '"' || c === "'") {
      i = readString(text, i, tokens);
    } else if (isNameStart(c)) {
      const start = i;
      while (isNamePart(text[i])) i++;
      tokens.push({ type: 'name', value: text.slice(start, i), start, end: i });
    } else {
      const punct = PUNCTUATORS.find((p) => text.startsWith(p, i));
      if (!punct) throw new ExpressionSyntaxError(i, MISTAKES.get(c) ?? `unexpected character ${JSON.stringify(c)}`);
      tokens.push({ type: 'punct', value: punct, start: i, end: i + punct.length });
      i += punct.length;
    }
  }
  tokens.push({ type: 'end', value: '', start: text.length, end: text.length });
  return tokens;
}

function readNumber(text: string, start: number, tokens: Token[]): number {
  let i = start;
  while (isDigit(text[i])) i++;
  if (text[i] === '.' && isDigit(text[i + 1])) {
    i++;
    while (isDigit(text[i])) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    const signed = text[i + 1] === '+' || text[i + 1] === '-';
    if (isDigit(text[i + (signed ? 2 : 1)])) {
      i += signed ? 2 : 1;
      while (isDigit(text[i])) i++;
    }
  }
  if (isNamePart(text[i])) throw new ExpressionSyntaxError(i, `unexpected ${JSON.stringify(text[i])} after the number ${text.slice(start, i)}`);
  const value = text.slice(start, i);
  if (!Number.isFinite(Number(value))) throw new ExpressionSyntaxError(start, `the number ${value} is too large`);
  tokens.push({ type: 'number', value, start, end: i });
  return i;
}

function readString(text: string, start: number, tokens: Token[]): number {
  const quote = text[start]!;
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== quote) {
    const c = text[i]!;
    if (c === '\n') break;
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const escape = text[i + 1];
    if (escape === 'u') {
      const hex = /^[0-9a-fA-F]{4}/.exec(text.slice(i + 2, i + 6))?.[0];
      if (!hex) throw new ExpressionSyntaxError(i, 'a \\u escape needs four hex digits, as in \\u00e9');
      value += String.fromCharCode(parseInt(hex, 16));
      i += 6;
      continue;
    }
    const decoded = escape === undefined ? undefined : ESCAPES.get(escape);
    if (decoded === undefined) throw new ExpressionSyntaxError(i, `unknown escape \\${escape ?? ''}; known escapes: \\n \\t \\r \\\\ \\' \\" \\0 \\uXXXX`);
    value += decoded;
    i += 2;
  }
  if (text[i] !== quote) throw new ExpressionSyntaxError(start, 'this string is not closed');
  tokens.push({ type: 'string', value, start, end: i + 1 });
  return i + 1;
}
