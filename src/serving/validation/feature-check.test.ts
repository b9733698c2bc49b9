// One feature's value check: types, ranges, categories, missing values and NaN.
import { describe, expect, it } from 'vitest';
import { FeatureSchema, type Feature } from '../../manifest/index.js';
import { compileFeatureCheck, FeatureProblem } from './feature-check.js';

function feature(spec: Partial<Feature> & Pick<Feature, 'type'>): Feature {
  return FeatureSchema.parse({ name: 'f', ...spec });
}

/** The message of the problem a value has, or the value the check keeps. */
function check(spec: Partial<Feature> & Pick<Feature, 'type'>, value: unknown): unknown {
  const result = compileFeatureCheck(feature(spec))(value);
  return result instanceof FeatureProblem ? { problem: result.message } : { value: result };
}

describe('compileFeatureCheck', () => {
  describe('number features', () => {
    it('accept any finite number', () => {
      expect(check({ type: 'number' }, 2.5)).toEqual({ value: 2.5 });
      expect(check({ type: 'number' }, -0)).toEqual({ value: -0 });
    });

    it('refuse a numeric string and say what came', () => {
      expect(check({ type: 'number' }, '12')).toEqual({ problem: 'expected a number, got string "12"' });
    });

    it('refuse booleans, arrays and objects', () => {
      expect(check({ type: 'number' }, true)).toEqual({ problem: 'expected a number, got boolean true' });
      expect(check({ type: 'number' }, [1])).toEqual({ problem: 'expected a number, got array' });
      expect(check({ type: 'number' }, { v: 1 })).toEqual({ problem: 'expected a number, got object' });
    });

    it('refuse NaN and Infinity unless the feature allows NaN', () => {
      expect(check({ type: 'number' }, Number.NaN)).toEqual({ problem: 'expected a finite number, got NaN' });
      expect(check({ type: 'number', required: false }, Number.NaN)).toEqual({ problem: 'expected a finite number, got NaN' });
      expect(check({ type: 'number' }, Number.POSITIVE_INFINITY)).toEqual({ problem: 'expected a finite number, got Infinity' });
      expect(check({ type: 'number' }, Number.NEGATIVE_INFINITY)).toEqual({ problem: 'expected a finite number, got -Infinity' });
    });

    it('pass NaN as missing (null) when the feature allows NaN, but still refuse Infinity', () => {
      expect(check({ type: 'number', allowNaN: true }, Number.NaN)).toEqual({ value: null });
      expect(check({ type: 'number', allowNaN: true }, Number.POSITIVE_INFINITY)).toEqual({ problem: 'expected a finite number, got Infinity' });
    });

    it('shorten a long string in the message', () => {
      const result = check({ type: 'number' }, 'x'.repeat(500)) as { problem: string };
      expect(result.problem.length).toBeLessThan(100);
      expect(result.problem).toContain('...');
    });
  });

  describe('integer features', () => {
    it('accept whole numbers, 3.0 included', () => {
      expect(check({ type: 'integer' }, 3)).toEqual({ value: 3 });
      expect(check({ type: 'integer' }, 3.0)).toEqual({ value: 3 });
    });

    it('refuse a fraction and a numeric string', () => {
      expect(check({ type: 'integer' }, 2.5)).toEqual({ problem: 'expected an integer, got 2.5' });
      expect(check({ type: 'integer' }, '3')).toEqual({ problem: 'expected an integer, got string "3"' });
    });
  });

  describe('ranges', () => {
    it('accept both bounds and refuse values outside them', () => {
      const age = { type: 'integer', min: 0, max: 120 } as const;
      expect(check(age, 0)).toEqual({ value: 0 });
      expect(check(age, 120)).toEqual({ value: 120 });
      expect(check(age, -1)).toEqual({ problem: 'must be between 0 and 120, got -1' });
      expect(check(age, 121)).toEqual({ problem: 'must be between 0 and 120, got 121' });
    });

    it('say "at least" when only a minimum is declared and "at most" when only a maximum is', () => {
      expect(check({ type: 'number', min: 0.5 }, 0.25)).toEqual({ problem: 'must be at least 0.5, got 0.25' });
      expect(check({ type: 'number', min: 0.5 }, 1e9)).toEqual({ value: 1e9 });
      expect(check({ type: 'number', max: 10 }, 11)).toEqual({ problem: 'must be at most 10, got 11' });
      expect(check({ type: 'number', max: 10 }, -1e9)).toEqual({ value: -1e9 });
    });
  });

  describe('boolean features', () => {
    it('accept true and false only', () => {
      expect(check({ type: 'boolean' }, true)).toEqual({ value: true });
      expect(check({ type: 'boolean' }, false)).toEqual({ value: false });
      expect(check({ type: 'boolean' }, 1)).toEqual({ problem: 'expected true or false, got number 1' });
      expect(check({ type: 'boolean' }, 'true')).toEqual({ problem: 'expected true or false, got string "true"' });
    });
  });

  describe('string features', () => {
    it('accept strings, the empty one included, and refuse numbers', () => {
      expect(check({ type: 'string' }, '')).toEqual({ value: '' });
      expect(check({ type: 'string' }, 'hello')).toEqual({ value: 'hello' });
      expect(check({ type: 'string' }, 12)).toEqual({ problem: 'expected a string, got number 12' });
    });
  });

  describe('datetime features', () => {
    it('accept ISO-8601 dates and date-times and epoch milliseconds, keeping the value as sent', () => {
      expect(check({ type: 'datetime' }, '2024-05-01')).toEqual({ value: '2024-05-01' });
      expect(check({ type: 'datetime' }, '2024-05-01T13:45:00+02:00')).toEqual({ value: '2024-05-01T13:45:00+02:00' });
      expect(check({ type: 'datetime' }, 1714571100000)).toEqual({ value: 1714571100000 });
    });

    it('refuse text that is not an ISO-8601 date, and booleans', () => {
      const problem = { problem: expect.stringContaining('expected an ISO-8601 date-time or epoch milliseconds') };
      expect(check({ type: 'datetime' }, 'May 1st')).toEqual(problem);
      expect(check({ type: 'datetime' }, '2024-13-45')).toEqual(problem);
      expect(check({ type: 'datetime' }, true)).toEqual(problem);
    });

    it('check a declared range in epoch seconds', () => {
      const spec = { type: 'datetime' as const, min: Date.UTC(2020, 0, 1) / 1000 };
      expect(check(spec, '2021-06-01')).toEqual({ value: '2021-06-01' });
      expect(check(spec, '2019-06-01')).toEqual({ problem: expect.stringContaining('must be at least') });
    });
  });

  describe('category features', () => {
    it('accept any string or number when no categories are declared', () => {
      expect(check({ type: 'category' }, 'gold')).toEqual({ value: 'gold' });
      expect(check({ type: 'category' }, 7)).toEqual({ value: 7 });
    });

    it('refuse booleans, objects and non-finite numbers', () => {
      expect(check({ type: 'category' }, true)).toEqual({ problem: 'expected a string or a number, got boolean true' });
      expect(check({ type: 'category' }, {})).toEqual({ problem: 'expected a string or a number, got object' });
      expect(check({ type: 'category' }, Number.NaN)).toEqual({ problem: 'expected a string or a finite number, got NaN' });
    });

    it('compare with the declared categories as text and keep the declared spelling', () => {
      expect(check({ type: 'category', categories: [1, 2, 3] }, '2')).toEqual({ value: 2 });
      expect(check({ type: 'category', categories: ['1', '2'] }, 1)).toEqual({ value: '1' });
      expect(check({ type: 'category', categories: ['basic', 'pro'] }, 'pro')).toEqual({ value: 'pro' });
    });

    it('refuse a value outside the categories and list them', () => {
      expect(check({ type: 'category', categories: ['basic', 'pro', 7] }, 'gold')).toEqual({ problem: 'must be one of "basic", "pro", 7, got "gold"' });
      expect(check({ type: 'category', categories: [1, 2] }, 3)).toEqual({ problem: 'must be one of 1, 2, got 3' });
    });

    it('list at most 10 categories', () => {
      const categories = Array.from({ length: 25 }, (_, i) => `c${i}`);
      const { problem } = check({ type: 'category', categories }, 'x') as { problem: string };
      expect(problem).toBe('must be one of "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9" (and 15 more), got "x"');
    });
  });

  describe('missing values', () => {
    it('refuse a required feature that is absent or null, saying which', () => {
      expect(check({ type: 'number' }, undefined)).toEqual({ problem: 'required feature is missing' });
      expect(check({ type: 'number' }, null)).toEqual({ problem: 'required feature is null' });
    });

    it('fill an optional feature with its default, else null', () => {
      expect(check({ type: 'number', required: false, default: 0 }, undefined)).toEqual({ value: 0 });
      expect(check({ type: 'category', required: false, default: 'basic' }, null)).toEqual({ value: 'basic' });
      expect(check({ type: 'string', required: false }, undefined)).toEqual({ value: null });
    });

    it('let a required allowNaN feature through as missing (null), and an optional one take its default for NaN', () => {
      expect(check({ type: 'number', allowNaN: true }, undefined)).toEqual({ value: null });
      expect(check({ type: 'number', allowNaN: true }, null)).toEqual({ value: null });
      expect(check({ type: 'number', required: false, allowNaN: true, default: -1 }, Number.NaN)).toEqual({ value: -1 });
    });
  });
});
