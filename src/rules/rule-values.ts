// What rules can see of the data: JSON values only. Properties are read only when they are own data properties
// of plain objects or arrays, so no prototype, getter, function or host object is ever reachable.
import { BudgetExceeded, type EvaluationBudget } from './evaluation-budget.js';

// Data nested deeper than this is refused rather than compared, so equality cannot exhaust the stack.
const MAX_COMPARED_DEPTH = 100;

export type RuleValue = null | boolean | number | string | readonly RuleValue[] | RuleObject;
export interface RuleObject {
  readonly [key: string]: RuleValue;
}

/** Property names that would lead to prototypes in JavaScript; refused at compile time and unreadable at run time. */
export const FORBIDDEN_PROPERTIES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** The JSON view of any value: non-finite numbers, undefined, functions, symbols, bigints and host objects are null. */
export function toRuleValue(value: unknown): RuleValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      if (Array.isArray(value)) return value as RuleValue[];
      return isPlainObject(value) ? (value as RuleObject) : null;
    default:
      return null;
  }
}

/** `target.key` / `target[key]`: an own data property of a plain object or an array element, else null. */
export function readProperty(target: RuleValue, key: RuleValue): RuleValue {
  if (Array.isArray(target)) {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= target.length) return null;
    return ownDataValue(target, String(key));
  }
  if (typeof key !== 'string' || !isPlainObject(target) || FORBIDDEN_PROPERTIES.has(key)) return null;
  return ownDataValue(target, key);
}

function ownDataValue(target: object, key: string): RuleValue {
  // A descriptor, not target[key]: a getter would run host code, and a missing key must not reach the prototype.
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  return descriptor && 'value' in descriptor ? toRuleValue(descriptor.value) : null;
}

/** Whether a plain object has `key` as an own data property (for `'k' in object`). */
export function hasOwnKey(target: RuleValue, key: RuleValue): boolean {
  if (typeof key !== 'string' || !isPlainObject(target) || FORBIDDEN_PROPERTIES.has(key)) return false;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  return descriptor !== undefined && 'value' in descriptor;
}

/** Structural equality of JSON values; costs one step per value compared. */
export function valuesEqual(a: RuleValue, b: RuleValue, budget: EvaluationBudget, depth = 0): boolean {
  // Two strings of one length are compared character by character: one step per character.
  budget.spend(typeof a === 'string' && typeof b === 'string' && a.length === b.length ? 1 + a.length : 1);
  if (a === b) return true;
  if (depth > MAX_COMPARED_DEPTH) throw new BudgetExceeded(`values nest more than ${MAX_COMPARED_DEPTH} levels deep`);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(readProperty(a, i), readProperty(b, i), budget, depth + 1)) return false;
    return true;
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  budget.spend(keys.length);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => hasOwnKey(b, key) && valuesEqual(readProperty(a, key), readProperty(b, key), budget, depth + 1));
}

/** The order of two numbers or two strings; null for anything else, which makes every ordering comparison false. */
export function compareOrder(a: RuleValue, b: RuleValue): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

/** Only true is true: null, numbers and strings are not conditions that hold. */
export function holds(value: RuleValue): boolean {
  return value === true;
}

/** A number result, or null when it is not finite (division by zero, overflow). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
