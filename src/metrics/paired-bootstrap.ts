// Is model B really better than model A on this data? Both are scored on the same resamples of rows, so the noise
// the two share (which rows happen to be hard) cancels out of their difference.
import { BootstrapResampler, bootstrapSettings, type BootstrapOptions } from './bootstrap-resampler.js';
import { sortedQuantile } from './quantile.js';
import { allRows, type RowMetric } from './row-metric.js';

export interface PairedDifference {
  /** metric(B) − metric(A) on all rows. */
  readonly difference: number;
  /** The percentile interval of the difference over resamples. */
  readonly low: number;
  readonly high: number;
  /** Twice the share of resamples whose difference is on the other side of 0 from `difference` (or is 0), at most 1; 1 when the difference is 0. */
  readonly pValueTwoSided: number;
  readonly confidence: number;
  /** Resamples the interval rests on. */
  readonly iterations: number;
  /** Resamples where the metric was undefined for A or B, left out. */
  readonly skippedIterations: number;
  readonly seed: number;
}

export interface UndefinedDifference {
  readonly difference: null;
  readonly low: null;
  readonly high: null;
  readonly pValueTwoSided: null;
  readonly confidence: number;
  readonly iterations: 0;
  readonly skippedIterations: number;
  readonly seed: number;
  readonly reason: string;
}

export function pairedBootstrap<P>(
  metric: RowMetric<P>,
  rowsCount: number,
  predictionsA: P,
  predictionsB: P,
  options: BootstrapOptions = {},
): PairedDifference | UndefinedDifference {
  const { iterations, seed, confidence } = bootstrapSettings(options, rowsCount);
  const undefinedDifference = (reason: string, skippedIterations: number): UndefinedDifference => ({
    difference: null, low: null, high: null, pValueTwoSided: null, confidence, iterations: 0, skippedIterations, seed, reason,
  });
  const all = allRows(rowsCount);
  const fullA = metric(predictionsA, all);
  const fullB = metric(predictionsB, all);
  if (fullA === null || fullB === null) return undefinedDifference(`the metric is undefined on the full data for model ${fullA === null ? 'A' : 'B'}`, 0);
  const difference = fullB - fullA;
  const resampler = new BootstrapResampler(rowsCount, seed);
  const differences = new Float64Array(iterations);
  let used = 0;
  for (let i = 0; i < iterations; i++) {
    const rows = resampler.next();
    const a = metric(predictionsA, rows);
    const b = metric(predictionsB, rows);
    if (a !== null && b !== null) differences[used++] = b - a;
  }
  if (used === 0) return undefinedDifference('the metric is undefined on every resample', iterations);
  const sorted = differences.subarray(0, used).sort();
  const tail = (1 - confidence) / 2;
  return {
    difference,
    low: sortedQuantile(sorted, tail),
    high: sortedQuantile(sorted, 1 - tail),
    pValueTwoSided: twoSidedPValue(difference, sorted),
    confidence,
    iterations: used,
    skippedIterations: iterations - used,
    seed,
  };
}

/** A resample difference of exactly 0 counts as the other side: with discrete metrics like accuracy this keeps p honest. */
function twoSidedPValue(difference: number, differences: Float64Array): number {
  if (difference === 0) return 1;
  let otherSide = 0;
  for (let i = 0; i < differences.length; i++) {
    const d = differences[i]!;
    if (difference > 0 ? d <= 0 : d >= 0) otherSide++;
  }
  return Math.min(1, (2 * otherSide) / differences.length);
}
