import { describe, expect, it } from 'vitest';
import type { NumericFeatureProfile } from '../../profile/index.js';
import { cdfAt, cdfIntegral, profileCdf, quantileAt, type ProfileCdf } from './profile-cdf.js';
import { referenceProfileOf } from './test-fixtures/reference-table.js';
import { normalSample } from './test-fixtures/seeded-samples.js';

const profileOf = (values: Float64Array) => referenceProfileOf({ x: values }).features.x as NumericFeatureProfile;
// Half the values exactly 0, the rest spread evenly over (0, 1000].
const halfZeros = { xs: [0, 0, 1000], ps: [0, 0.5, 1] } satisfies ProfileCdf;

describe('cdfAt', () => {
  it('is linear between knots, 0 below the first and 1 from the last', () => {
    expect(cdfAt(halfZeros, -1)).toBe(0);
    expect(cdfAt(halfZeros, 100)).toBeCloseTo(0.55, 15);
    expect(cdfAt(halfZeros, 1000)).toBe(1);
  });

  it('jumps at knots that share an x, as a point mass does, and is right-continuous there', () => {
    expect(cdfAt(halfZeros, -1e-12)).toBe(0);
    expect(cdfAt(halfZeros, 0)).toBe(0.5);
  });
});

describe('quantileAt', () => {
  it('inverts cdfAt, giving the point mass for every share it covers', () => {
    expect(quantileAt(halfZeros, 0)).toBe(0);
    expect(quantileAt(halfZeros, 0.3)).toBe(0);
    expect(quantileAt(halfZeros, 0.5)).toBe(0);
    expect(quantileAt(halfZeros, 0.75)).toBeCloseTo(500, 12);
    expect(quantileAt(halfZeros, 1)).toBe(1000);
  });
});

describe('cdfIntegral', () => {
  it('integrates the polyline exactly, jumps included', () => {
    // ∫₀¹⁰⁰⁰ F = 1000·(0.5 + 1)/2
    expect(cdfIntegral(halfZeros, 0, 1000)).toBeCloseTo(750, 10);
    expect(cdfIntegral(halfZeros, -10, 0)).toBe(0);
    expect(cdfIntegral(halfZeros, -10, 100)).toBeCloseTo(100 * (0.5 + 0.55) / 2, 10);
    const steps = { xs: [0, 1, 1, 2], ps: [0, 0.2, 0.6, 1] } satisfies ProfileCdf;
    expect(cdfIntegral(steps, 0, 2)).toBeCloseTo(0.1 + 0.8, 12);
    expect(cdfIntegral(steps, 0.5, 1.5)).toBeCloseTo(0.5 * (0.1 + 0.2) / 2 + 0.5 * (0.6 + 0.8) / 2, 12);
  });
});

describe('profileCdf', () => {
  it('passes through every percentile at k/100 and every histogram edge at its share of the values below', () => {
    const profile = profileOf(normalSample(10_000, 1));
    const cdf = profileCdf(profile)!;
    profile.quantiles!.forEach((q, k) => expect(Math.abs(cdfAt(cdf, q) - k / 100)).toBeLessThan(2e-4));
    let below = 0;
    profile.histogram!.counts.forEach((n, i) => {
      if (i > 0) expect(Math.abs(cdfAt(cdf, profile.histogram!.edges[i]!) - below / 10_000)).toBeLessThan(2e-4);
      below += n;
    });
  });

  it('follows a long tail far better than the percentiles alone', () => {
    const values = Float64Array.from(normalSample(100_000, 2, 10, 1), Math.exp);
    const cdf = profileCdf(profileOf(values))!;
    const sorted = Float64Array.from(values).sort();
    // The true share below x against the CDF's, where percentiles alone put half of the last percent.
    const q99 = sorted[99_000]!;
    const halfway = (q99 + sorted[99_999]!) / 2;
    const trueShare = sorted.findIndex((x) => x > halfway) / 100_000;
    expect(Math.abs(cdfAt(cdf, halfway) - trueShare)).toBeLessThan(0.001);
  });

  it('is null for a feature without values and a point mass for a constant one', () => {
    expect(profileCdf({ kind: 'numeric', count: 0, missing: 3, min: null, max: null, mean: null, std: null, quantiles: null, histogram: null })).toBeNull();
    const constant = profileCdf(profileOf(Float64Array.of(5, 5, 5)))!;
    expect(cdfAt(constant, 4.999)).toBe(0);
    expect(cdfAt(constant, 5)).toBe(1);
  });
});
