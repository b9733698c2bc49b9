// The numeric profile of one feature: count, range, mean and standard deviation, 101 quantiles and a 20-bin histogram.
import { HISTOGRAM_BINS, QUANTILE_COUNT, type NumericFeatureProfile } from './reference-profile-schema.js';
import { Float64Sorter } from './sort-float64.js';

/**
 * Profiles `present` (the feature's non-missing values, in any order); `missing` counts the rest. Does not change
 * `present`. A caller profiling many features passes one sorter, whose buffers then serve them all.
 */
export function numericFeatureProfile(present: ArrayLike<number>, missing: number, sorter = new Float64Sorter()): NumericFeatureProfile {
  const count = present.length;
  if (count === 0) {
    return { kind: 'numeric', count, missing, min: null, max: null, mean: null, std: null, quantiles: null, histogram: null };
  }
  // Sorting once gives min, max and quantiles, and a fixed summation order, so equal inputs give equal bits.
  const sorted = sorter.sort(present instanceof Float64Array ? present : Float64Array.from(present));
  const min = sorted[0]!;
  const max = sorted[count - 1]!;
  const { mean, std } = meanAndStd(sorted);
  const quantiles = Array.from({ length: QUANTILE_COUNT }, (_, k) => quantileOfSorted(sorted, k, QUANTILE_COUNT - 1));
  return { kind: 'numeric', count, missing, min, max, mean, std, quantiles, histogram: histogramOfSorted(sorted) };
}

/** Two passes (the mean, then squared deviations from it): steadier than one-pass sums of squares. Population std, ddof = 0. */
function meanAndStd(values: Float64Array): { mean: number; std: number } {
  const mean = sumOf(values) / values.length;
  return { mean, std: Math.sqrt(sumOfSquaredDeviations(values, mean) / values.length) };
}

// One loop per function: V8's code compiled in the middle of a long loop gives up at the first statement after it.
function sumOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum;
}

function sumOfSquaredDeviations(values: Float64Array, mean: number): number {
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return squares;
}

/**
 * The quantile k/of by numpy's default ("linear") method, including its interpolation from the nearer end for t ≥ 0.5.
 * The position is (n − 1)·k / of, multiplied before dividing so that it is exact when whole: numpy's (n − 1)·(k / of)
 * can land an ulp off an order statistic (q14 of 1..101 is 15.000000000000002 in numpy, 15 here).
 */
function quantileOfSorted(sorted: Float64Array, k: number, of: number): number {
  const position = ((sorted.length - 1) * k) / of;
  const below = Math.min(Math.floor(position), sorted.length - 1);
  const above = Math.min(below + 1, sorted.length - 1);
  const t = position - below;
  const a = sorted[below]!;
  const b = sorted[above]!;
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** Equal-width bins from min to max; a single value gets numpy's range of value ± 0.5. */
function histogramOfSorted(sorted: Float64Array): { edges: number[]; counts: number[] } {
  let low = sorted[0]!;
  let high = sorted[sorted.length - 1]!;
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const step = (high - low) / HISTOGRAM_BINS;
  const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => (i === HISTOGRAM_BINS ? high : low + i * step));
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  countIntoBins(sorted, edges, counts);
  return { edges, counts };
}

function countIntoBins(sorted: Float64Array, edges: readonly number[], counts: number[]): void {
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i]!;
    while (bin < HISTOGRAM_BINS - 1 && value >= edges[bin + 1]!) bin += 1;
    counts[bin]! += 1;
  }
}
