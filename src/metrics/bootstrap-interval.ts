// A percentile bootstrap confidence interval for any metric: recompute it on resampled rows and take the middle share.
import { BootstrapResampler, bootstrapSettings, type BootstrapOptions } from './bootstrap-resampler.js';
import { sortedQuantile } from './quantile.js';
import { allRows, type RowMetric } from './row-metric.js';

export interface BootstrapInterval {
  /** The metric on all rows. */
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly confidence: number;
  /** Resamples the interval rests on. */
  readonly iterations: number;
  /** Resamples where the metric was undefined (e.g. one class drawn), left out. */
  readonly skippedIterations: number;
  readonly seed: number;
}

export interface UndefinedBootstrapInterval {
  readonly estimate: null;
  readonly low: null;
  readonly high: null;
  readonly confidence: number;
  readonly iterations: 0;
  readonly skippedIterations: number;
  readonly seed: number;
  readonly reason: string;
}

export function bootstrapInterval<P>(
  metric: RowMetric<P>,
  rowsCount: number,
  predictions: P,
  options: BootstrapOptions = {},
): BootstrapInterval | UndefinedBootstrapInterval {
  const { iterations, seed, confidence } = bootstrapSettings(options, rowsCount);
  const undefinedInterval = (reason: string, skippedIterations: number): UndefinedBootstrapInterval => ({
    estimate: null, low: null, high: null, confidence, iterations: 0, skippedIterations, seed, reason,
  });
  const estimate = metric(predictions, allRows(rowsCount));
  if (estimate === null) return undefinedInterval('the metric is undefined on the full data', 0);
  const resampler = new BootstrapResampler(rowsCount, seed);
  const values = new Float64Array(iterations);
  let used = 0;
  for (let i = 0; i < iterations; i++) {
    const value = metric(predictions, resampler.next());
    if (value !== null) values[used++] = value;
  }
  if (used === 0) return undefinedInterval('the metric is undefined on every resample', iterations);
  const sorted = values.subarray(0, used).sort();
  const tail = (1 - confidence) / 2;
  return {
    estimate,
    low: sortedQuantile(sorted, tail),
    high: sortedQuantile(sorted, 1 - tail),
    confidence,
    iterations: used,
    skippedIterations: iterations - used,
    seed,
  };
}
