import { describe, expect, it } from 'vitest';
import type { NumericFeatureProfile } from '../../profile/index.js';
import { createNumericBinning, numericBinning } from './numeric-binning.js';
import { binnedKsStatistic, binnedWasserstein, numericDriftStatistics } from './numeric-drift-statistics.js';
import { addNumericValues, newNumericSketch, numericSketchOfProfile, type NumericSketch } from './numeric-sketch.js';
import { populationStabilityIndex } from './population-stability-index.js';
import { referenceProfileOf } from './test-fixtures/reference-table.js';
import { normalSample } from './test-fixtures/seeded-samples.js';

/** The reference sketch counted from raw values, and a current sketch over the same bins. */
function sketches(reference: ArrayLike<number>, current: ArrayLike<number>): [NumericSketch, NumericSketch] {
  const binning = createNumericBinning(reference);
  return [addNumericValues(newNumericSketch(binning), reference), addNumericValues(newNumericSketch(binning), current)];
}

function sortedCopy(values: ArrayLike<number>): number[] {
  return Array.from(values).sort((a, b) => a - b);
}

/** Both empirical CDFs stepped through the pooled values: D = the largest gap, W₁ = the area between them. */
function exactTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): { ks: number; wasserstein: number } {
  const sa = sortedCopy(a);
  const sb = sortedCopy(b);
  const pooled = sortedCopy([...sa, ...sb]);
  let i = 0;
  let j = 0;
  let ks = 0;
  let wasserstein = 0;
  pooled.forEach((x, k) => {
    while (i < sa.length && sa[i]! <= x) i++;
    while (j < sb.length && sb[j]! <= x) j++;
    const gap = Math.abs(i / sa.length - j / sb.length);
    ks = Math.max(ks, gap);
    if (k + 1 < pooled.length) wasserstein += gap * (pooled[k + 1]! - x);
  });
  return { ks, wasserstein };
}

describe('the exact two-sample statistics these tests measure against', () => {
  it("match scipy's ks_2samp and wasserstein_distance on small samples", () => {
    expect(exactTwoSample([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8])).toEqual({ ks: 0.5, wasserstein: 2.5 });
    expect(exactTwoSample([0, 1, 3], [5, 6, 8]).wasserstein).toBeCloseTo(5, 12);
    expect(exactTwoSample([0, 1, 3], [0, 1, 4]).wasserstein).toBeCloseTo(1 / 3, 12);
    const textbook = exactTwoSample([0.1, 0.5, 0.9, 1.3, 2.2, 2.8, 3.1, 4.0], [1.1, 1.9, 2.5, 3.3, 3.9, 4.4, 5.0, 5.6, 6.1, 7.2]);
    expect(textbook.ks).toBeCloseTo(0.575, 12);
    expect(textbook.wasserstein).toBeCloseTo(2.2375, 12);
  });
});

describe('binnedKsStatistic and binnedWasserstein', () => {
  it("give scipy's answers on small samples binned at the reference's values", () => {
    // ks_2samp([1..5], [3..8]).statistic = 0.5; wasserstein_distance = 2.5: the current values above the
    // reference max are out of range, where the sketch's summed distances make the tail exact, and the in-range
    // bins' offsets make the rest exact.
    const [a, b] = sketches([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]);
    expect(binnedKsStatistic(a, b)).toBe(0.5);
    expect(binnedWasserstein(a, b)).toBeCloseTo(2.5, 12);
    const [c, d] = sketches([0, 1, 3], [5, 6, 8]);
    expect(binnedWasserstein(c, d)).toBeCloseTo(5, 12);
    const [e, f] = sketches([0.1, 0.5, 0.9, 1.3, 2.2, 2.8, 3.1, 4.0], [1.1, 1.9, 2.5, 3.3, 3.9, 4.4, 5.0, 5.6, 6.1, 7.2]);
    expect(binnedKsStatistic(e, f)).toBeCloseTo(0.575, 12);
    expect(binnedWasserstein(e, f)).toBeCloseTo(2.2375, 10);
  });

  it('are exact for KS when every value sits on an edge, and for Wasserstein when the CDFs do not cross', () => {
    const binning = numericBinning([0, 1, 2, 3]);
    const reference = addNumericValues(newNumericSketch(binning), [0, 0.5, 1, 2, 3]);
    const current = addNumericValues(newNumericSketch(binning), [0, 1, 2, 2.25, 2.5, 3, 10, 13]);
    // ks_2samp([0, 0.5, 1, 2, 3], [0, 1, 2, 2.25, 2.5, 3, 10, 13]).statistic
    expect(binnedKsStatistic(reference, current)).toBeCloseTo(exactTwoSample([0, 0.5, 1, 2, 3], [0, 1, 2, 2.25, 2.5, 3, 10, 13]).ks, 15);
    expect(binnedWasserstein(reference, current)).toBeCloseTo(exactTwoSample([0, 0.5, 1, 2, 3], [0, 1, 2, 2.25, 2.5, 3, 10, 13]).wasserstein, 12);
    const below = addNumericValues(newNumericSketch(binning), [-4, -2, 0.75]);
    expect(binnedWasserstein(reference, below)).toBeCloseTo(exactTwoSample([0, 0.5, 1, 2, 3], [-4, -2, 0.75]).wasserstein, 12);
  });

  it('stay within 0.005 (KS: one bin\'s reference share) and 0.1% (Wasserstein) of the exact values on normal samples', () => {
    const reference = normalSample(100_000, 1);
    for (const [mean, std] of [[0, 1], [0.1, 1], [0.5, 1], [0, 1.5], [3, 0.5]] as const) {
      const current = normalSample(50_000, 2, mean, std);
      const exact = exactTwoSample(reference, current);
      const [a, b] = sketches(reference, current);
      expect(Math.abs(binnedKsStatistic(a, b) - exact.ks)).toBeLessThan(0.005);
      expect(Math.abs(binnedWasserstein(a, b) - exact.wasserstein)).toBeLessThan(0.001 * Math.max(exact.wasserstein, 0.1));
    }
  });

  it('stay as close on a long-tailed (log-normal) feature, whose last bins are wide', () => {
    const reference = Float64Array.from(normalSample(50_000, 3), Math.exp);
    const current = Float64Array.from(normalSample(50_000, 4, 0.2), Math.exp);
    const exact = exactTwoSample(reference, current);
    const [a, b] = sketches(reference, current);
    expect(Math.abs(binnedKsStatistic(a, b) - exact.ks)).toBeLessThan(0.005);
    expect(Math.abs(binnedWasserstein(a, b) / exact.wasserstein - 1)).toBeLessThan(0.001);
  });

  it('are exact on a discrete (integer-valued) feature, whose values are all edges', () => {
    const reference = Float64Array.from(normalSample(50_000, 5), (z) => Math.round(z * 2));
    const current = Float64Array.from(normalSample(50_000, 6, 0.3), (z) => Math.round(z * 2));
    const exact = exactTwoSample(reference, current);
    const [a, b] = sketches(reference, current);
    expect(binnedKsStatistic(a, b)).toBeCloseTo(exact.ks, 12);
    expect(binnedWasserstein(a, b)).toBeCloseTo(exact.wasserstein, 10);
  });
});

describe('numericDriftStatistics', () => {
  const reference = normalSample(100_000, 10, 50, 10);
  const shifted = normalSample(100_000, 11, 55, 10);

  it('measures a shift of half a standard deviation in every statistic', () => {
    const [a, b] = sketches(reference, shifted);
    const stats = numericDriftStatistics(a, b);
    expect(stats.wassersteinNormalised).toBeCloseTo(0.5, 1);
    expect(stats.wasserstein).toBeCloseTo(5, 0);
    // For N(0, 1) against N(0.5, 1), D = 2Φ(0.25) − 1 = 0.197.
    expect(stats.ks).toBeCloseTo(0.197, 2);
    expect(stats.ksPValue).toBeLessThan(1e-100);
    expect(stats.psi).toBeGreaterThan(0.2);
    expect(stats.jensenShannon).toBeGreaterThan(0.15);
    expect(stats.mean.current - stats.mean.reference).toBeCloseTo(5, 0);
    expect(stats.std.reference).toBeCloseTo(10, 0);
  });

  it("computes PSI and JS over the reference's deciles, as from the raw values", () => {
    const sorted = sortedCopy(reference);
    const deciles = Array.from({ length: 9 }, (_, k) => sorted[Math.round(((k + 1) * sorted.length) / 10)]!);
    const decileCounts = (values: ArrayLike<number>) => {
      const counts = new Array<number>(10).fill(0);
      for (const x of Array.from(values)) counts[deciles.filter((edge) => edge < x).length]! += 1;
      return counts;
    };
    const [a, b] = sketches(reference, shifted);
    expect(numericDriftStatistics(a, b).psi).toBeCloseTo(populationStabilityIndex(decileCounts(reference), decileCounts(shifted)), 2);
  });

  it('finds next to nothing between two samples of one distribution', () => {
    const [a, b] = sketches(reference, normalSample(100_000, 12, 50, 10));
    const stats = numericDriftStatistics(a, b);
    expect(stats.wassersteinNormalised).toBeLessThan(0.02);
    expect(stats.psi).toBeLessThan(0.01);
    expect(stats.jensenShannon).toBeLessThan(0.02);
    expect(stats.ks).toBeLessThan(0.01);
    expect(stats.ksPValue).toBeGreaterThan(0.01);
  });

  it('reports missing and out-of-range rates', () => {
    const binning = numericBinning([0, 10]);
    const a = addNumericValues(newNumericSketch(binning), [0, 5, 10, Number.NaN]);
    const b = addNumericValues(newNumericSketch(binning), [-1, 5, 11, 12, Number.NaN, Number.NaN]);
    const stats = numericDriftStatistics(a, b);
    expect(stats.missingRate).toEqual({ reference: 0.25, current: 2 / 6 });
    expect(stats.outOfRangeRate).toBe(0.75);
    expect(stats.mean).toEqual({ reference: 5, current: 6.75 });
  });

  it('normalises Wasserstein by |mean| when the reference is constant', () => {
    const binning = numericBinning([4]);
    const stats = numericDriftStatistics(addNumericValues(newNumericSketch(binning), [4, 4]), addNumericValues(newNumericSketch(binning), [5, 5]));
    expect(stats.wasserstein).toBe(1);
    expect(stats.wassersteinNormalised).toBe(0.25);
  });

  it('gives nearly the same statistics with the reference rebuilt from its stored profile', () => {
    const profile = referenceProfileOf({ x: reference });
    const fromProfile = numericSketchOfProfile(profile.features.x as NumericFeatureProfile);
    const current = addNumericValues(newNumericSketch({ kind: 'numeric', edges: fromProfile.edges }), shifted);
    const viaProfile = numericDriftStatistics(fromProfile, current);
    const [a, b] = sketches(reference, shifted);
    const viaValues = numericDriftStatistics(a, b);
    expect(Math.abs(viaProfile.ks - viaValues.ks)).toBeLessThan(0.01);
    expect(Math.abs(viaProfile.wassersteinNormalised - viaValues.wassersteinNormalised)).toBeLessThan(0.01);
    expect(Math.abs(viaProfile.psi - viaValues.psi)).toBeLessThan(0.01);
  });

  it('refuses sketches over different edges or without values', () => {
    const a = addNumericValues(newNumericSketch(numericBinning([0, 1])), [0.5]);
    expect(() => numericDriftStatistics(a, addNumericValues(newNumericSketch(numericBinning([0, 2])), [0.5]))).toThrow(/different bin edges/);
    expect(() => numericDriftStatistics(a, newNumericSketch(numericBinning([0, 1])))).toThrow(/values in both/);
  });
});
