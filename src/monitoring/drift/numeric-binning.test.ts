import { describe, expect, it } from 'vitest';
import type { NumericFeatureProfile } from '../../profile/index.js';
import { createNumericBinning, NUMERIC_INTERVALS, numericBinning, QUANTILE_SAMPLE } from './numeric-binning.js';
import { referenceProfileOf } from './test-fixtures/reference-table.js';
import { normalSample } from './test-fixtures/seeded-samples.js';

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
  const profileOf = (values: number[]) => referenceProfileOf({ x: Float64Array.from(values) }).features.x as NumericFeatureProfile;

  it('cuts at the 101 percentiles and halfway between them when the values are spread evenly', () => {
    const { edges } = createNumericBinning(profileOf(Array.from({ length: 20_001 }, (_, i) => i / 100)));
    expect(edges).toHaveLength(201);
    // Within about 1/n of the ideal cuts: the histogram's share below 10 is 1000/20001, the 5th percentile's 5/100.
    edges.forEach((edge, i) => expect(Math.abs(edge - i)).toBeLessThan(0.01));
  });

  it('merges tied percentiles: a feature that is half zeros starts with a point-mass bin at 0', () => {
    const { edges } = createNumericBinning(profileOf(Array.from({ length: 2001 }, (_, i) => Math.max(0, i - 1000))));
    expect(edges[0]).toBe(0);
    expect(Math.abs(edges[1]! - 10)).toBeLessThan(0.1);
    expect(edges.length).toBeGreaterThan(95);
    expect(edges.length).toBeLessThanOrEqual(101);
  });

  it('follows the histogram along a long tail rather than splitting the last percentile in half', () => {
    // 99% of the values in [0, 99), then a few far out: the 99.5th percentile is near 99, not halfway to the max.
    const values = [...Array.from({ length: 990 }, (_, i) => i / 10), ...Array.from({ length: 10 }, (_, i) => 100 + i), 10_000];
    const { edges } = createNumericBinning(profileOf(values));
    expect(edges[edges.length - 1]).toBe(10_000);
    expect(edges[edges.length - 2]).toBeLessThan(1000);
  });

  it('has no edges for a feature without values', () => {
    const empty: NumericFeatureProfile = { kind: 'numeric', count: 0, missing: 5, min: null, max: null, mean: null, std: null, quantiles: null, histogram: null };
    expect(createNumericBinning(empty).edges).toEqual([]);
  });
});

describe('numericBinning', () => {
  it('accepts stored edges and refuses unordered or non-finite ones', () => {
    expect(numericBinning([1, 2, 3])).toEqual({ kind: 'numeric', edges: [1, 2, 3] });
    expect(() => numericBinning([1, 1])).toThrow(/strictly increasing/);
    expect(() => numericBinning([1, Number.NaN])).toThrow(/finite/);
  });
});
