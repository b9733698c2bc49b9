// The only functions a rule can call: pure, total (wrong argument types give null, never an error) and charged
// to the evaluation budget by the size of what they walk. Arity is checked at compile time.
import type { EvaluationBudget } from './evaluation-budget.js';
import { finiteOrNull, hasOwnKey, isPlainObject, readProperty, valuesEqual, type RuleValue } from './rule-values.js';

export interface RuleFunction {
  /** How it is called, for messages and the README: `clamp(x, lo, hi)`. */
  readonly signature: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly call: (args: readonly RuleValue[], budget: EvaluationBudget) => RuleValue;
}

// Variadic functions still have a ceiling, so that a call's cost is visible in its source.
const MANY = 32;

const num = (value: RuleValue | undefined): value is number => typeof value === 'number' && Number.isFinite(value);
const str = (value: RuleValue | undefined): value is string => typeof value === 'string';

/** The first `count` elements of a list, each read as a rule value (no array method of the data is ever called). */
function elementsOf(list: readonly RuleValue[], budget: EvaluationBudget, count = list.length): RuleValue[] {
  const n = Math.min(count, list.length);
  budget.spend(n);
  const elements: RuleValue[] = [];
  for (let i = 0; i < n; i++) elements.push(readProperty(list, i));
  return elements;
}

function numeric(operation: (x: number) => number): RuleFunction['call'] {
  return ([x]) => (num(x) ? finiteOrNull(operation(x)) : null);
}

/** min/max take numbers, or one list of numbers; anything else (or an empty list) gives null. */
function extreme(pick: (a: number, b: number) => number): RuleFunction['call'] {
  return (args, budget) => {
    const values = args.length === 1 && Array.isArray(args[0]) ? elementsOf(args[0], budget) : args;
    if (values.length === 0 || !values.every(num)) return null;
    return (values as readonly number[]).reduce((a, b) => pick(a, b));
  };
}

function round([x, digits]: readonly RuleValue[]): RuleValue {
  if (!num(x)) return null;
  const places = digits ?? 0;
  if (!num(places) || !Number.isInteger(places) || places < 0 || places > 15) return null;
  const scale = 10 ** places;
  return finiteOrNull(Math.round(x * scale) / scale);
}

function clamp([x, low, high]: readonly RuleValue[]): RuleValue {
  if (!num(x) || !num(low) || !num(high) || low > high) return null;
  return Math.min(Math.max(x, low), high);
}

function len([x]: readonly RuleValue[]): RuleValue {
  if (str(x) || Array.isArray(x)) return x.length;
  return isPlainObject(x) ? Object.keys(x).length : null;
}

/** `contains(haystack, needle)`: a substring of a string, an element of a list, or a key of an object. */
export function contains(haystack: RuleValue, needle: RuleValue, budget: EvaluationBudget): boolean {
  if (str(haystack)) {
    // One step per character searched, as for every element of a list (README, "Limits").
    budget.spend(1 + haystack.length + (str(needle) ? needle.length : 0));
    return str(needle) && haystack.includes(needle);
  }
  if (Array.isArray(haystack)) {
    for (let i = 0; i < haystack.length; i++) if (valuesEqual(readProperty(haystack, i), needle, budget)) return true;
    return false;
  }
  return hasOwnKey(haystack, needle);
}

function concat(args: readonly RuleValue[], budget: EvaluationBudget): RuleValue {
  if (!args.every((a) => str(a) || num(a) || typeof a === 'boolean')) return null;
  return budget.produced(args.map(String).join(''));
}

function take([list, n]: readonly RuleValue[], budget: EvaluationBudget): RuleValue {
  if (!Array.isArray(list) || !num(n) || !Number.isInteger(n) || n < 0) return null;
  return elementsOf(list, budget, n);
}

function sum([list]: readonly RuleValue[], budget: EvaluationBudget): RuleValue {
  if (!Array.isArray(list)) return null;
  const values = elementsOf(list, budget);
  if (!values.every(num)) return null;
  return finiteOrNull((values as number[]).reduce((a, b) => a + b, 0));
}

function toNumber([x]: readonly RuleValue[]): RuleValue {
  if (num(x)) return x;
  if (!str(x) || x.trim() === '') return null;
  return finiteOrNull(Number(x));
}

function toText([x]: readonly RuleValue[], budget: EvaluationBudget): RuleValue {
  return str(x) || num(x) || typeof x === 'boolean' ? budget.produced(String(x)) : null;
}

/** `starts_with`/`ends_with`: one step per character of the prefix or suffix compared. */
function affix(end: 'start' | 'end'): RuleFunction['call'] {
  return ([s, affixText], budget) => {
    if (!str(s) || !str(affixText)) return false;
    budget.spend(affixText.length);
    return end === 'start' ? s.startsWith(affixText) : s.endsWith(affixText);
  };
}

function fn(signature: string, minArgs: number, maxArgs: number, call: RuleFunction['call']): RuleFunction {
  return { signature, minArgs, maxArgs, call };
}

/** A Map, not an object: a lookup of `constructor` or `__proto__` must find nothing. */
export const RULE_FUNCTIONS: ReadonlyMap<string, RuleFunction> = new Map([
  ['abs', fn('abs(x)', 1, 1, numeric(Math.abs))],
  ['floor', fn('floor(x)', 1, 1, numeric(Math.floor))],
  ['ceil', fn('ceil(x)', 1, 1, numeric(Math.ceil))],
  ['round', fn('round(x, digits?)', 1, 2, round)],
  ['clamp', fn('clamp(x, lo, hi)', 3, 3, clamp)],
  ['min', fn('min(a, b, ...) or min(list)', 1, MANY, extreme(Math.min))],
  ['max', fn('max(a, b, ...) or max(list)', 1, MANY, extreme(Math.max))],
  ['sum', fn('sum(list)', 1, 1, sum)],
  ['len', fn('len(x)', 1, 1, len)],
  ['lower', fn('lower(s)', 1, 1, ([s], budget) => (str(s) ? budget.produced(s.toLowerCase()) : null))],
  ['upper', fn('upper(s)', 1, 1, ([s], budget) => (str(s) ? budget.produced(s.toUpperCase()) : null))],
  ['contains', fn('contains(haystack, needle)', 2, 2, ([h, n], budget) => contains(h ?? null, n ?? null, budget))],
  ['starts_with', fn('starts_with(s, prefix)', 2, 2, affix('start'))],
  ['ends_with', fn('ends_with(s, suffix)', 2, 2, affix('end'))],
  ['concat', fn('concat(a, b, ...)', 1, MANY, concat)],
  ['coalesce', fn('coalesce(a, b, ...)', 1, MANY, (args) => args.find((a) => a !== null) ?? null)],
  ['take', fn('take(list, n)', 2, 2, take)],
  ['number', fn('number(x)', 1, 1, toNumber)],
  ['string', fn('string(x)', 1, 1, toText)],
]);
