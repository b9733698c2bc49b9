import { describe, expect, it } from 'vitest';
import type { NumericFeatureProfile } from '../../profile/index.js';
import { createNumericBinning, NUMERIC_INTERVALS, numericBinning, profileCdf, QUANTILE_SAMPLE } from './numeric-binning.js';
import { normalSample } from './test-fixtures/seeded-samples.js';

/** A profile whose percentiles are the given 101 values (the other statistics do not shape the binning). */
function profileWithQuantiles(quantiles: number[]): NumericFeatureProfile {
  return { kind: 'numeric', count: 1000, missing: 0, min: quantiles[0]!, max: quantiles[100]!, mean: 0, std: 1, quantiles, histogram: { edges: new Array(21).fill(0), counts: new Array(20).fill(0) } };
}

describe('createNumericBinning from raw values', () => {
  it('cuts at the 0, 0.5, …, 100th percentiles (numpy linear), 201 edges from min to max', () => {
    const values = Array.from({ length: 201 }, (_, i) => 200 - i);
    expect(NUMERIC_INTERVALS).toBe(200);
    expect(createNumericBinning(values).edges).toEqual(Array.from({ length: 201 }, (_, i) => i));
  });

  it('interpolates between order statistics as numpy.quantile does', () => {
    // numpy.quantile([0, 10], [0, 0.25, 0.5, 1]) = [0, 2.5, 5, 10]
    expect(createNumericBinning([10, 0], 4).edges).toEqual([0, 2.5, 5, 7.5, 10]);
  });

  it('merges tied quantiles into one edge, so a feature that is mostly 0 gets a point-mass bin at 0', () => {
    const values = [...new Array(700).fill(0), ...Array.from({ length: 300 }, (_, i) => i + 1)];
    const { edges } = createNumericBinning(values);
    expect(edges[0]).toBe(0);
    expect(edges[1]).toBeGreaterThan(0);
    expect(new Set(edges).size).toBe(edges.length);
    expect(edges.length).toBeLessThan(201);
  });

  it('ignores NaN and infinite values, and has no edges without finite values', () => {
    expect(createNumericBinning([Number.NaN, 1, Infinity, 3, -Infinity], 2).edges).toEqual([1, 2, 3]);
    expect(createNumericBinning([Number.NaN]).edges).toEqual([]);
    expect(createNumericBinning(new Float64Array(0)).edges).toEqual([]);
  });

  it('places edges from a sample above QUANTILE_SAMPLE values, yet keeps the exact min and max at the ends', () => {
    const values = normalSample(4 * QUANTILE_SAMPLE, 11);
    let min = Infinity;
    let max = -Infinity;
    for (const value of values) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    const { edges } = createNumericBinning(values);
    expect(edges[0]).toBe(min);
    expect(edges[edges.length - 1]).toBe(max);
    // The median edge lands near the true median of N(0, 1).
    expect(Math.abs(edges[100]!)).toBeLessThan(0.03);
    expect(createNumericBinning(values)).toEqual(createNumericBinning(values));
  });

  it('refuses a number of intervals that is not a whole number ≥ 1', () => {
    expect(() => createNumericBinning([1, 2], 0)).toThrow(/intervals/);
    expect(() => createNumericBinning([1, 2], 2.5)).toThrow(/intervals/);
  });
});

describe('createNumericBinning from a profile', () => {
  it('cuts at the 101 percentiles and halfway between them', () => {
    const quantiles = Array.from({ length: 101 }, (_, k) => k * 2);
    const { edges } = createNumericBinning(profileWithQuantiles(quantiles));
    expect(edges).toEqual(Array.from({ length: 201 }, (_, i) => i));
  });

  it('merges tied percentiles', () => {
    const quantiles = Array.from({ length: 101 }, (_, k) => Math.max(0, k - 50));
    const { edges } = createNumericBinning(profileWithQuantiles(quantiles));
    expect(edges.slice(0, 3)).toEqual([0, 0.5, 1]);
    expect(edges).toHaveLength(101);
  });

  it('has no edges for a feature without values', () => {
    const empty: NumericFeatureProfile = { kind: 'numeric', count: 0, missing: 5, min: null, max: null, mean: null, std: null, quantiles: null, histogram: null };
    expect(createNumericBinning(empty).edges).toEqual([]);
  });
});

describe('profileCdf', () => {
  const quantiles = Array.from({ length: 101 }, (_, k) => Math.max(0, k - 50) * 10);

  it('is k/100 at the k-th percentile and linear between distinct percentiles', () => {
    expect(profileCdf(quantiles, 100)).toBeCloseTo(0.6, 15);
    expect(profileCdf(quantiles, 105)).toBeCloseTo(0.605, 15);
    expect(profileCdf(quantiles, 500)).toBe(1);
  });

  it('jumps over tied percentiles, as a point mass: half the reference is exactly 0', () => {
    expect(profileCdf(quantiles, -1e-9)).toBe(0);
    expect(profileCdf(quantiles, 0)).toBeCloseTo(0.5, 15);
    expect(profileCdf(quantiles, 5)).toBeCloseTo(0.505, 15);
  });
});

describe('numericBinning', () => {
  it('accepts stored edges and refuses unordered or non-finite ones', () => {
    expect(numericBinning([1, 2, 3])).toEqual({ kind: 'numeric', edges: [1, 2, 3] });
    expect(() => numericBinning([1, 1])).toThrow(/strictly increasing/);
    expect(() => numericBinning([1, Number.NaN])).toThrow(/finite/);
  });
});
