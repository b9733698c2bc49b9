// The chi-square distribution's upper tail and the chi-square test of homogeneity, for categorical drift on small windows.

/** P(X > x) for X ~ chi-square with `degreesOfFreedom`: the regularised upper incomplete gamma Q(k/2, x/2). */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0)) throw new RangeError(`degrees of freedom must be positive, not ${degreesOfFreedom}`);
  if (x <= 0) return 1;
  return regularisedUpperGamma(degreesOfFreedom / 2, x / 2);
}

export interface ChiSquareTest {
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
}

/**
 * Pearson's chi-square test that two samples, given as counts over the same categories, come from one distribution
 * (a 2 × k contingency table, no continuity correction: scipy's chi2_contingency(correction=False)). Homogeneity
 * rather than goodness of fit because the reference is a sample too, and a category it never saw would otherwise
 * have an expected count of zero. Categories empty in both samples are left out of the degrees of freedom.
 */
export function chiSquareTest(reference: ArrayLike<number>, current: ArrayLike<number>): ChiSquareTest {
  let referenceTotal = 0;
  let currentTotal = 0;
  for (let i = 0; i < reference.length; i++) {
    referenceTotal += reference[i]!;
    currentTotal += current[i]!;
  }
  const total = referenceTotal + currentTotal;
  let statistic = 0;
  let used = 0;
  for (let i = 0; i < reference.length; i++) {
    const column = reference[i]! + current[i]!;
    if (column === 0) continue;
    used += 1;
    const expectedReference = (column * referenceTotal) / total;
    const expectedCurrent = (column * currentTotal) / total;
    statistic += (reference[i]! - expectedReference) ** 2 / expectedReference + (current[i]! - expectedCurrent) ** 2 / expectedCurrent;
  }
  const degreesOfFreedom = used - 1;
  if (degreesOfFreedom < 1 || referenceTotal === 0 || currentTotal === 0) return { statistic: 0, degreesOfFreedom: Math.max(degreesOfFreedom, 0), pValue: 1 };
  return { statistic, degreesOfFreedom, pValue: chiSquareSurvival(statistic, degreesOfFreedom) };
}

/** Q(a, x) = Γ(a, x) / Γ(a): the series for P below a + 1 and Lentz's continued fraction above (Numerical Recipes §6.2). */
export function regularisedUpperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - lowerGammaSeries(a, x);
  return upperGammaContinuedFraction(a, x);
}

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

function lowerGammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function upperGammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

// Lanczos approximation (g = 7, n = 9), good to about 15 significant digits for positive arguments.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0. */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const shifted = z - 1;
  let series = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i]! / (shifted + i);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}
