// The reference CDF a stored numeric profile implies, from its 101 percentiles and its 20-bin histogram together.
import type { NumericFeatureProfile } from '../../profile/index.js';

/**
 * A piecewise-linear CDF through knots (xs[j], ps[j]), both non-decreasing; equal xs make a jump (a point mass),
 * equal ps a stretch without values. ps runs from 0 at the min to 1 at the max.
 */
export interface ProfileCdf {
  readonly xs: readonly number[];
  readonly ps: readonly number[];
}

/**
 * Knots at every percentile (q_k, k/100) and at every inner histogram edge (e, share of values below e). Percentiles
 * alone leave the top and bottom percent of a long tail to a straight line over a huge range (for a log-normal, half
 * of it put far beyond where the values are); the equal-width histogram places knots all along such a tail. Rounding
 * disagreements between the two are settled by keeping the knots' shares non-decreasing. Null without values.
 */
export function profileCdf(profile: NumericFeatureProfile): ProfileCdf | null {
  const { quantiles, histogram, count } = profile;
  if (count === 0 || quantiles === null) return null;
  const last = quantiles.length - 1;
  const knots = quantiles.map((x, k): [number, number] => [x, k / last]);
  if (histogram !== null && profile.min !== profile.max) {
    let below = 0;
    histogram.counts.forEach((n, i) => {
      if (i > 0) knots.push([histogram.edges[i]!, below / count]);
      below += n;
    });
  }
  knots.sort(([xa, pa], [xb, pb]) => xa - xb || pa - pb);
  let running = 0;
  return { xs: knots.map(([x]) => x), ps: knots.map(([, p]) => (running = Math.max(running, p))) };
}

/** F(x) = sup{p : Q(p) ≤ x}, Q the inverse of the knots' polyline: right-continuous, jumping at point masses. */
export function cdfAt(cdf: ProfileCdf, x: number): number {
  const { xs, ps } = cdf;
  const last = xs.length - 1;
  if (x < xs[0]!) return 0;
  if (x >= xs[last]!) return 1;
  // The last knot at or below x; x < xs[last], so it has a successor, which lies above x.
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (xs[mid]! <= x) low = mid;
    else high = mid;
  }
  return ps[low]! + ((ps[low + 1]! - ps[low]!) * (x - xs[low]!)) / (xs[low + 1]! - xs[low]!);
}

/** Q(p): the least x with F(x) ≥ p. */
export function quantileAt(cdf: ProfileCdf, p: number): number {
  const { xs, ps } = cdf;
  if (p <= ps[0]!) return xs[0]!;
  // The first knot whose share reaches p; the one before it lies below p.
  let low = 0;
  let high = ps.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ps[mid]! < p) low = mid + 1;
    else high = mid;
  }
  const t = (p - ps[low - 1]!) / (ps[low]! - ps[low - 1]!);
  return xs[low - 1]! + t * (xs[low]! - xs[low - 1]!);
}

/** ∫ F(x) dx from a to b (a ≤ b): exact for the polyline, a trapezoid between consecutive knots. */
export function cdfIntegral(cdf: ProfileCdf, a: number, b: number): number {
  let integral = 0;
  let x = a;
  let p = cdfAt(cdf, a);
  for (const knot of cdf.xs) {
    if (knot <= a) continue;
    if (knot >= b) break;
    // The left limit at the knot: a jump there adds nothing to the integral.
    const next = leftLimit(cdf, knot);
    integral += ((p + next) / 2) * (knot - x);
    x = knot;
    p = cdfAt(cdf, knot);
  }
  return integral + ((p + leftLimit(cdf, b)) / 2) * (b - x);
}

function leftLimit(cdf: ProfileCdf, x: number): number {
  const { xs, ps } = cdf;
  if (x <= xs[0]!) return 0;
  if (x > xs[xs.length - 1]!) return 1;
  // The first knot at or above x; the polyline approaches it from the previous knot, which lies below x.
  let low = 0;
  let high = xs.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (xs[mid]! < x) low = mid + 1;
    else high = mid;
  }
  return ps[low - 1]! + ((ps[low]! - ps[low - 1]!) * (x - xs[low - 1]!)) / (xs[low]! - xs[low - 1]!);
}
