// What every construct evaluates to, including the null semantics that make evaluation total.
import { describe, expect, it } from 'vitest';
import { EvaluationBudget } from './evaluation-budget.js';
import { evaluate } from './test-fixtures/rule-fixtures.js';

const features = { ratings_count: 4, rated_items: [10, 20, 30], segment: 'gold', score: 0.8, tags: ['new', 'eu'], nested: { a: { b: [1, { c: 'deep' }] } } };
const request = { k: 5, user: 'u-1', region: null };
const headers = { 'x-region': 'eu' };
const roots = { features, request, headers };

describe('evaluating literals and access', () => {
  it.each([
    ['42', 42],
    ['-2.5', -2.5],
    ["'it\\'s'", "it's"],
    ['true', true],
    ['false', false],
    ['null', null],
    ['[1, "a", null, [2]]', [1, 'a', null, [2]]],
    ['features.ratings_count', 4],
    ['features.rated_items[1]', 20],
    ['features.nested.a.b[1].c', 'deep'],
    ['features["segment"]', 'gold'],
    ['headers["x-region"]', 'eu'],
    ['features.rated_items[request.k - 4]', 20],
    ['features.tags', ['new', 'eu']],
  ])('%s is %j', (source, expected) => {
    expect(evaluate(source, roots)).toEqual(expected);
  });
});

describe('missing data is null, never an error', () => {
  it.each([
    'features.missing',
    'features.missing.deeper.still',
    'features.rated_items[3]',
    'features.rated_items[-1]',
    'features.rated_items[0.5]',
    'features.rated_items["0"]',
    'features.rated_items.length',
    'features.segment.length',
    'features.segment[0]',
    'features[0]',
    'features[null]',
    'request.region',
    'request.region.name',
    'output',
    'output.items[0]',
    '(1).x',
    'null.x',
    'null[0]',
  ])('%s is null', (source) => {
    expect(evaluate(source, roots)).toBeNull();
  });
});

describe('arithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 2 - 3', 5],
    ['7 / 2', 3.5],
    ['7 % 4', 3],
    ['-features.ratings_count', -4],
    ['features.score * 10', 8],
    ['2 * -3', -6],
  ])('%s is %j', (source, expected) => {
    expect(evaluate(source, roots)).toBe(expected);
  });

  it.each([
    ['features.missing + 1', 'null plus a number'],
    ['1 + null', 'a number plus null'],
    ["'a' + 'b'", 'strings (concat joins strings)'],
    ["1 + '1'", 'a number plus a string'],
    ['true + 1', 'a boolean'],
    ['[1] * 2', 'a list'],
    ['-features.segment', 'negating a string'],
    ['-null', 'negating null'],
    ['1 / 0', 'division by zero'],
    ['0 / 0', 'zero by zero'],
    ['5 % 0', 'remainder by zero'],
    ['1e308 * 10', 'overflow to infinity'],
  ])('%s is null: %s', (source) => {
    expect(evaluate(source, roots)).toBeNull();
  });
});

describe('comparisons', () => {
  it.each([
    ['features.ratings_count < 10', true],
    ['features.ratings_count <= 4', true],
    ['features.ratings_count > 4', false],
    ['features.ratings_count >= 4', true],
    ["'abc' < 'abd'", true],
    ["'b' > 'a'", true],
    ['1 == 1', true],
    ['1 != 2', true],
    ["1 == '1'", false],
    ['true == 1', false],
    ['[1, [2, 3]] == [1, [2, 3]]', true],
    ['[1, 2] == [2, 1]', false],
    ['features.nested == features.nested', true],
    ['features.tags == ["new", "eu"]', true],
    ['0 == -0', true],
  ])('%s is %j', (source, expected) => {
    expect(evaluate(source, roots)).toBe(expected);
  });

  it.each([
    ['null < 1'],
    ['null > 1'],
    ['null <= null'],
    ['null >= 0'],
    ['features.missing < 10'],
    ['features.missing >= 10'],
    ["1 < '2'"],
    ['true > false'],
    ['[1] < [2]'],
  ])('%s is false: ordering with null or mixed types never holds', (source) => {
    expect(evaluate(source, roots)).toBe(false);
  });

  it('treats null as a value for == and !=', () => {
    expect(evaluate('features.missing == null', roots)).toBe(true);
    expect(evaluate('features.missing != null', roots)).toBe(false);
    expect(evaluate('features.segment == null', roots)).toBe(false);
    expect(evaluate('features.segment != null', roots)).toBe(true);
    expect(evaluate('null == null', roots)).toBe(true);
    expect(evaluate('features.missing != 1', roots)).toBe(true);
  });
});

describe('null checks and null-coalescing', () => {
  it.each([
    ['features.missing is null', true],
    ['features.segment is null', false],
    ['features.missing is not null', false],
    ['request.region is null', true],
    ['features.missing ?? 10', 10],
    ['request.k ?? 10', 5],
    ['request.region ?? "world"', 'world'],
    ['features.missing ?? request.region ?? 3', 3],
    ['0 ?? 1', 0],
    ['false ?? true', false],
    ["'' ?? 'x'", ''],
    ['features.missing ?? 0 >= 0', true],
  ])('%s is %j', (source, expected) => {
    expect(evaluate(source, roots)).toBe(expected);
  });
});

describe('boolean logic: only true holds', () => {
  it.each([
    ['true and true', true],
    ['true and false', false],
    ['false or true', true],
    ['false or false', false],
    ['not false', true],
    ['not true', false],
    ['true && !false', true],
    ['false || true', true],
    ['1 and true', false],
    ["'yes' or false", false],
    ['features.missing or true', true],
    ['not features.missing', true],
    ['not 0', true],
    ['features.ratings_count < 10 and features.segment == "gold"', true],
    ['not (features.missing > 1)', true],
  ])('%s is %j', (source, expected) => {
    expect(evaluate(source, roots)).toBe(expected);
  });

  it('short-circuits: the right side is not evaluated when the left decides', () => {
    const big = { list: Array.from({ length: 10_000 }, (_, i) => i) };
    const steps = (source: string) => {
      const budget = new EvaluationBudget();
      evaluate(source, { features: big }, budget);
      return budget.steps;
    };
    expect(steps('false and -1 in features.list')).toBeLessThan(10);
    expect(steps('true or -1 in features.list')).toBeLessThan(10);
    expect(steps('true and -1 in features.list')).toBeGreaterThan(10_000);
  });

  it('charges a string search one step per character searched, as the README says', () => {
    const text = 'a'.repeat(10_000);
    const steps = (source: string) => {
      const budget = new EvaluationBudget();
      evaluate(source, { features: { text, same: `${'a'.repeat(9_999)}b` } }, budget);
      return budget.steps;
    };
    expect(steps('contains(features.text, "b")')).toBeGreaterThanOrEqual(10_001);
    expect(steps('starts_with(features.text, features.same)')).toBeGreaterThanOrEqual(10_000);
    expect(steps('features.text == features.same')).toBeGreaterThanOrEqual(10_000);
    expect(steps('features.text == "short"')).toBeLessThan(10);
  });

  it('stops a decision that searches a long string 20 times, past a budget of 100,000 steps', () => {
    const searches = Array.from({ length: 20 }, () => 'contains(features.text, "b")').join(' or ');
    expect(() => evaluate(searches, { features: { text: 'a'.repeat(10_000) } }, new EvaluationBudget(100_000))).toThrow(/more than 100000 steps/);
  });
});

describe('membership', () => {
  it.each([
    ['20 in features.rated_items', true],
    ['25 in features.rated_items', false],
    ['25 not in features.rated_items', true],
    ["'eu' in features.tags", true],
    ["'gol' in features.segment", true],
    ["'segment' in features", true],
    ["'nope' in features", false],
    ['[1, 2] in [[1, 2], [3]]', true],
    ['1 in features.missing', false],
    ['1 not in features.missing', true],
    ['null in [null]', true],
    ['1 in 1', false],
    ["'constructor' in features", false],
    ["'__proto__' in features", false],
    ["'toString' in features", false],
  ])('%s is %j', (source, expected) => {
    expect(evaluate(source, roots)).toBe(expected);
  });
});

describe('conditional', () => {
  it.each([
    ["features.score >= 0.7 ? 'approve' : 'review'", 'approve'],
    ["features.score >= 0.9 ? 'approve' : 'review'", 'review'],
    ["features.missing >= 0.7 ? 'approve' : 'review'", 'review'],
    ["1 ? 'a' : 'b'", 'b'],
    ["features.score > 0.9 ? 'high' : features.score > 0.5 ? 'mid' : 'low'", 'mid'],
    ['true ? null : 1', null],
  ])('%s is %j', (source, expected) => {
    expect(evaluate(source, roots)).toBe(expected);
  });
});

describe('item', () => {
  it('reads the element an exclude rule binds', () => {
    expect(evaluate('item.id in features.rated_items', { features, item: { id: 20 } })).toBe(true);
    expect(evaluate('item in features.rated_items', { features, item: 21 })).toBe(false);
  });
});
