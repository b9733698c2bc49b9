import { describe, expect, it } from 'vitest';
import { numericFeatureProfile } from './numeric-feature-profile.js';
import { NumericFeatureProfileSchema } from './reference-profile-schema.js';

const oneTo101 = Array.from({ length: 101 }, (_, i) => i + 1);

describe('numericFeatureProfile', () => {
  it('gives q_k = k + 1 for the values 1..101, whatever their order', () => {
    const profile = numericFeatureProfile([...oneTo101].reverse(), 0);
    expect(profile.quantiles).toEqual(oneTo101);
  });

  it('interpolates linearly between order statistics, as numpy does', () => {
    // numpy.quantile([1, 2, 3, 4], [0, 0.01, 0.25, 0.5, 0.99, 1]) = [1, 1.03, 1.75, 2.5, 3.97, 4]
    const quantiles = numericFeatureProfile([4, 1, 3, 2], 0).quantiles!;
    expect(quantiles).toHaveLength(101);
    expect(quantiles[0]).toBe(1);
    expect(quantiles[1]).toBeCloseTo(1.03, 12);
    expect(quantiles[25]).toBe(1.75);
    expect(quantiles[50]).toBe(2.5);
    expect(quantiles[99]).toBeCloseTo(3.97, 12);
    expect(quantiles[100]).toBe(4);
  });

  it('computes the mean and the population standard deviation (ddof = 0)', () => {
    // The textbook set: mean 5, population std exactly 2 (the sample std would be 2.138...).
    const profile = numericFeatureProfile([2, 4, 4, 4, 5, 5, 7, 9], 3);
    expect(profile).toMatchObject({ count: 8, missing: 3, min: 2, max: 9, mean: 5, std: 2 });
  });

  it('keeps its precision for large values with a small spread', () => {
    const profile = numericFeatureProfile([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16], 0);
    expect(profile.mean).toBe(1e9 + 10);
    expect(profile.std).toBeCloseTo(Math.sqrt(22.5), 9);
  });

  it('bins 20 equal-width bins from min to max, the last one closed', () => {
    const profile = numericFeatureProfile([0, 0.5, 1, 4.99, 5, 19.9, 20], 0);
    const { edges, counts } = profile.histogram!;
    expect(edges).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(counts[0]).toBe(2);
    expect(counts[1]).toBe(1);
    expect(counts[4]).toBe(1);
    expect(counts[5]).toBe(1);
    expect(counts[19]).toBe(2);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('counts every one of many values exactly once', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => Math.sin(i) * 1000);
    const profile = numericFeatureProfile(values, 0);
    expect(profile.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(profile.histogram!.edges[0]).toBe(profile.min);
    expect(profile.histogram!.edges[20]).toBe(profile.max);
  });

  it('gives a constant feature numpy\'s histogram range of value ± 0.5', () => {
    const profile = numericFeatureProfile([5, 5, 5], 0);
    expect(profile).toMatchObject({ min: 5, max: 5, mean: 5, std: 0 });
    expect(profile.histogram!.edges[0]).toBe(4.5);
    expect(profile.histogram!.edges[20]).toBe(5.5);
    expect(profile.histogram!.counts[10]).toBe(3);
    expect(profile.quantiles!.every((q) => q === 5)).toBe(true);
  });

  it('gives null statistics, which the schema accepts, when every value is missing', () => {
    const profile = numericFeatureProfile([], 4);
    expect(profile).toEqual({ kind: 'numeric', count: 0, missing: 4, min: null, max: null, mean: null, std: null, quantiles: null, histogram: null });
    expect(NumericFeatureProfileSchema.safeParse(profile).success).toBe(true);
  });

  it('leaves its input unchanged', () => {
    const values = new Float64Array([3, 1, 2]);
    numericFeatureProfile(values, 0);
    expect(Array.from(values)).toEqual([3, 1, 2]);
  });
});
