import { describe, expect, it } from 'vitest';
import { PSI_EPSILON, populationStabilityIndex } from './population-stability-index.js';

describe('populationStabilityIndex', () => {
  it('sums (q − p)·ln(q/p) over the bins', () => {
    // (0.6 − 0.5)·ln(1.2) + (0.4 − 0.5)·ln(0.8) = 0.0405465...
    expect(populationStabilityIndex([0.5, 0.5], [0.6, 0.4])).toBeCloseTo(0.1 * Math.log(1.2) - 0.1 * Math.log(0.8), 15);
  });

  it('reads counts of any scale as shares', () => {
    expect(populationStabilityIndex([500, 500], [6, 4])).toBeCloseTo(populationStabilityIndex([0.5, 0.5], [0.6, 0.4]), 15);
  });

  it('gives an empty bin a share of 1e-4, so that it counts heavily but finitely', () => {
    expect(PSI_EPSILON).toBe(1e-4);
    const expected = (1e-4 - 0.1) * Math.log(1e-4 / 0.1) + (1 - 0.9) * Math.log(1 / 0.9);
    expect(populationStabilityIndex([10, 90], [0, 100])).toBeCloseTo(expected, 12);
    expect(populationStabilityIndex([10, 90], [0, 100])).toBeGreaterThan(0.25);
  });

  it('is 0 for equal shares and symmetric in its arguments', () => {
    expect(populationStabilityIndex([1, 2, 3], [2, 4, 6])).toBe(0);
    expect(populationStabilityIndex([1, 2, 3], [3, 2, 1])).toBeCloseTo(populationStabilityIndex([3, 2, 1], [1, 2, 3]), 15);
  });

  it('is 0 when a sample is empty (there is nothing to compare)', () => {
    expect(populationStabilityIndex([1, 2], [0, 0])).toBe(0);
  });
});
