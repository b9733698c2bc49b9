import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, chiSquareTest, logGamma, regularisedUpperGamma } from './chi-square.js';

describe('chiSquareSurvival', () => {
  it('puts the textbook 5% critical values at 0.05: 3.84 for 1 degree of freedom, 11.07 for 5', () => {
    // scipy.stats.chi2.sf(3.84, 1) and chi2.sf(11.07, 5)
    expect(chiSquareSurvival(3.84, 1)).toBeCloseTo(0.05004352124870519, 12);
    expect(chiSquareSurvival(11.07, 5)).toBeCloseTo(0.050009618622405425, 12);
  });

  it('agrees with scipy across the series and the continued-fraction regimes', () => {
    // [x, degrees of freedom, scipy.stats.chi2.sf(x, k)]
    const cases: [number, number, number][] = [
      [0.5, 3, 0.9188914116546758],
      [0.001, 2, 0.9995001249791693],
      [30, 10, 0.000856641210775301],
      [100, 50, 3.454931382984871e-5],
      [1000, 900, 0.010994608942135844],
    ];
    for (const [x, k, expected] of cases) expect(chiSquareSurvival(x, k) / expected).toBeCloseTo(1, 9);
  });

  it('is 1 at and below 0, and refuses a distribution without degrees of freedom', () => {
    expect(chiSquareSurvival(0, 4)).toBe(1);
    expect(chiSquareSurvival(-1, 4)).toBe(1);
    expect(() => chiSquareSurvival(1, 0)).toThrow(/degrees of freedom/);
  });

  it('is the exponential tail e^(−x/2) for 2 degrees of freedom', () => {
    for (const x of [0.1, 1, 5, 20, 80]) expect(chiSquareSurvival(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 12);
  });
});

describe('regularisedUpperGamma and logGamma', () => {
  it('give Q(1, x) = e^(−x) and the factorials', () => {
    expect(regularisedUpperGamma(1, 3)).toBeCloseTo(Math.exp(-3), 14);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 9);
  });
});

describe('chiSquareTest', () => {
  it('matches scipy chi2_contingency(correction=False) on a 2 × 3 table', () => {
    // chi2_contingency([[30, 50, 20], [45, 35, 20]], correction=False) = (5.647058823529411, 0.05939593960520477, dof 2)
    const test = chiSquareTest([30, 50, 20], [45, 35, 20]);
    expect(test.statistic).toBeCloseTo(5.647058823529411, 12);
    expect(test.degreesOfFreedom).toBe(2);
    expect(test.pValue).toBeCloseTo(0.05939593960520477, 10);
  });

  it('leaves categories empty in both samples out of the degrees of freedom', () => {
    const test = chiSquareTest([30, 0, 50, 20, 0], [45, 0, 35, 20, 0]);
    expect(test.degreesOfFreedom).toBe(2);
    expect(test.statistic).toBeCloseTo(5.647058823529411, 12);
  });

  it('handles a category only one sample has, where goodness of fit would divide by zero', () => {
    const test = chiSquareTest([50, 50, 0], [40, 40, 20]);
    expect(Number.isFinite(test.statistic)).toBe(true);
    expect(test.pValue).toBeLessThan(1e-4);
  });

  it('gives equal proportions a statistic of 0 and a p-value of 1, whatever the sample sizes', () => {
    expect(chiSquareTest([10, 20, 30], [100, 200, 300])).toEqual({ statistic: 0, degreesOfFreedom: 2, pValue: 1 });
  });

  it('has nothing to test with one category or an empty sample', () => {
    expect(chiSquareTest([10], [20])).toMatchObject({ statistic: 0, pValue: 1 });
    expect(chiSquareTest([10, 5], [0, 0])).toMatchObject({ statistic: 0, pValue: 1 });
  });
});
