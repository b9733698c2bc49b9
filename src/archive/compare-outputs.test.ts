import { describe, expect, it } from 'vitest';
import { allowedDifference, compareOutputs } from './replay.js';

describe('compareOutputs', () => {
  it('calls equal numbers identical, and names the path of each difference', () => {
    expect(compareOutputs({ value: 1.5, label: 'a' }, { value: 1.5, label: 'a' })).toEqual({ verdict: 'identical', maxAbsDifference: 0, differences: [] });
    expect(compareOutputs({ probabilities: { a: 0.25, b: 0.75 } }, { probabilities: { a: 0.3, b: 0.7 } })).toMatchObject({ verdict: 'different', differences: ['probabilities.a', 'probabilities.b'] });
    expect(compareOutputs({ label: 'a' }, { label: 'b' })).toMatchObject({ verdict: 'different', differences: ['label'], maxAbsDifference: Infinity });
  });

  it('allows 1e-5 below 1 and 1e-5 of the value above it, so one float32 step of a large output is not a mismatch', () => {
    expect(allowedDifference(0.5)).toBe(1e-5);
    expect(allowedDifference(-20_000)).toBeCloseTo(0.2);
    // One float32 step at 14,164 is about 0.001: a runtime change may move it that far.
    expect(compareOutputs({ value: 14164 }, { value: 14164.0009765625 }).verdict).toBe('within-tolerance');
    expect(compareOutputs({ value: 0.5 }, { value: 0.50002 }).verdict).toBe('different');
    expect(compareOutputs({ value: 0.5 }, { value: 0.500005 }).verdict).toBe('within-tolerance');
  });
});
