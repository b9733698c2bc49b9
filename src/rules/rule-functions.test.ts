// The whitelist of functions: results, wrong argument types (null, never an error) and arity checked at compile time.
import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile-expression.js';
import { RuleError } from './rule-error.js';
import { RULE_FUNCTIONS } from './rule-functions.js';
import { evaluate } from './test-fixtures/rule-fixtures.js';

const features = { scores: [0.2, 0.9, 0.5], items: [1, 2, 3, 4], name: 'Ana', mixed: [1, 'x'], empty: [] };

describe('the built-in functions', () => {
  it.each([
    ['abs(-3)', 3],
    ['floor(2.7)', 2],
    ['ceil(2.1)', 3],
    ['round(2.5)', 3],
    ['round(2.345, 2)', 2.35],
    ['clamp(1.4, 0, 1)', 1],
    ['clamp(-2, 0, 1)', 0],
    ['clamp(0.3, 0, 1)', 0.3],
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ['min(features.scores)', 0.2],
    ['max(features.scores)', 0.9],
    ['sum(features.items)', 10],
    ['sum(features.empty)', 0],
    ['len(features.items)', 4],
    ['len(features.name)', 3],
    ['len(features)', 5],
    ['lower(features.name)', 'ana'],
    ['upper(features.name)', 'ANA'],
    ['contains(features.items, 3)', true],
    ['contains(features.name, "n")', true],
    ['contains(features, "name")', true],
    ['starts_with(features.name, "An")', true],
    ['ends_with(features.name, "na")', true],
    ['concat("user-", 7, "-", true)', 'user-7-true'],
    ['coalesce(features.missing, null, 3, 4)', 3],
    ['take(features.items, 2)', [1, 2]],
    ['take(features.items, 10)', [1, 2, 3, 4]],
    ['number(" 4.5 ")', 4.5],
    ['number(7)', 7],
    ['string(4.5)', '4.5'],
    ['string(false)', 'false'],
  ])('%s is %j', (source, expected) => {
    expect(evaluate(source, { features })).toEqual(expected);
  });

  it.each([
    ['abs("3")'],
    ['floor(null)'],
    ['round(1.5, -1)'],
    ['round(1.5, 0.5)'],
    ['clamp(null, 0, 1)'],
    ['clamp(0.5, 1, 0)'],
    ['min(features.mixed)'],
    ['min(features.empty)'],
    ['max(1, null)'],
    ['sum(features.mixed)'],
    ['sum(3)'],
    ['len(3)'],
    ['len(null)'],
    ['lower(3)'],
    ['concat("a", null)'],
    ['concat("a", [1])'],
    ['coalesce(null, features.missing)'],
    ['take(features.items, -1)'],
    ['take(features.items, 1.5)'],
    ['take("abc", 1)'],
    ['number("4x")'],
    ['number("")'],
    ['number(true)'],
    ['string(null)'],
    ['string([1])'],
  ])('%s is null: the wrong type gives null', (source) => {
    expect(evaluate(source, { features })).toBeNull();
  });

  it.each([['contains(3, 3)'], ['contains(features.name, 1)'], ['starts_with(1, "1")'], ['ends_with(features.name, null)']])('%s is false', (source) => {
    expect(evaluate(source, { features })).toBe(false);
  });

  it('checks every arity at compile time and names the signature', () => {
    const message = (source: string) => {
      try {
        compileExpression(source);
      } catch (error) {
        if (error instanceof RuleError) return error.message;
        throw error;
      }
      return 'compiled';
    };
    expect(message('clamp(1, 2)')).toBe('<expression>:1:1: clamp takes 3 arguments (clamp(x, lo, hi)), not 2');
    expect(message('abs()')).toBe('<expression>:1:1: abs takes 1 argument (abs(x)), not 0');
    expect(message('round(1, 2, 3)')).toBe('<expression>:1:1: round takes 1 or 2 arguments (round(x, digits?)), not 3');
    expect(message(`min(${Array.from({ length: 33 }, () => '1').join(', ')})`)).toContain('min takes 1 to 32 arguments');
    expect(message('1 + take(features.items)')).toBe('<expression>:1:5: take takes 2 arguments (take(list, n)), not 1');
    for (const [name, fn] of RULE_FUNCTIONS) {
      const args = (n: number) => Array.from({ length: n }, () => '1').join(', ');
      expect(message(`${name}(${args(fn.minArgs)})`), name).toBe('compiled');
      expect(message(`${name}(${args(fn.maxArgs)})`), name).toBe('compiled');
      if (fn.minArgs > 0) expect(message(`${name}(${args(fn.minArgs - 1)})`), name).toContain(`${name} takes`);
      expect(message(`${name}(${args(fn.maxArgs + 1)})`), name).toContain(`${name} takes`);
    }
  });

  it('suggests the function meant by a typo', () => {
    expect(() => compileExpression('clmap(x, 0, 1)')).toThrow("<expression>:1:1: unknown function 'clmap' (did you mean clamp?)");
    expect(() => compileExpression('startswith(request.a, "x")')).toThrow("unknown function 'startswith' (did you mean starts_with?)");
    expect(() => compileExpression('eval("1")')).toThrow("unknown function 'eval'");
  });
});
