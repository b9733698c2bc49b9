import { describe, expect, it } from 'vitest';
import { kolmogorovSurvival, ksPValue } from './kolmogorov-smirnov.js';

describe('kolmogorovSurvival', () => {
  it("is scipy's kstwobign.sf on both sides of the switch between its two series", () => {
    const cases: [number, number][] = [
      [0.2, 0.999999999999495],
      [0.5, 0.9639452436648751],
      [1.0, 0.26999967167735456],
      [1.36, 0.049485876755377876],
      [2.0, 0.0006709252557796953],
    ];
    for (const [lambda, expected] of cases) expect(kolmogorovSurvival(lambda)).toBeCloseTo(expected, 12);
  });

  it('is 1 at 0 and falls monotonically towards 0', () => {
    expect(kolmogorovSurvival(0)).toBe(1);
    let previous = 1;
    for (let lambda = 0.05; lambda < 4; lambda += 0.05) {
      const p = kolmogorovSurvival(lambda);
      expect(p).toBeLessThanOrEqual(previous);
      previous = p;
    }
    expect(kolmogorovSurvival(10)).toBeLessThan(1e-80);
  });
});

describe('ksPValue', () => {
  it("stays within 10% of scipy's ks_2samp(method='asymp') (kstwo.sf(D, round(nm/(n+m)))) from moderate samples up", () => {
    // [D, n, m, scipy.stats.kstwo.sf(D, round(n*m/(n+m)))]
    const cases: [number, number, number, number][] = [
      [0.1, 1000, 1000, 8.342293067263533e-5],
      [0.05, 500, 800, 0.41114009618590475],
      [0.2, 100, 120, 0.02099707718353383],
      [0.3, 60, 64, 0.0057017284219351705],
      [0.02, 100_000, 5000, 0.04371959863194674],
    ];
    for (const [d, n, m, expected] of cases) expect(Math.abs(ksPValue(d, n, m) / expected - 1)).toBeLessThan(0.1);
  });

  it('matches the textbook two-sample example: D = 0.575 for 8 and 10 values gives p ≈ 0.07 (scipy exact 0.0704)', () => {
    expect(ksPValue(0.575, 8, 10)).toBeGreaterThan(0.06);
    expect(ksPValue(0.575, 8, 10)).toBeLessThan(0.09);
  });

  it('is 1 without data and for D = 0', () => {
    expect(ksPValue(0.5, 0, 10)).toBe(1);
    expect(ksPValue(0, 100, 100)).toBe(1);
  });
});
