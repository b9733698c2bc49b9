// A five-number-plus summary of residuals (actual − predicted): is the model biased, and how wide are its misses?
import type { RegressionInput } from './regression-kernels.js';
import { sortedQuantile } from './quantile.js';

export interface ResidualSummary {
  readonly rows: number;
  /** Positive: the model predicts too low on average. */
  readonly mean: number;
  readonly standardDeviation: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
}

export function residualSummary({ actual, predicted }: RegressionInput): ResidualSummary {
  const n = actual.length;
  const residuals = new Float64Array(n);
  let sum = 0;
  for (let row = 0; row < n; row++) {
    residuals[row] = actual[row]! - predicted[row]!;
    sum += residuals[row]!;
  }
  const mean = sum / n;
  let squares = 0;
  for (let row = 0; row < n; row++) squares += (residuals[row]! - mean) ** 2;
  residuals.sort();
  return {
    rows: n,
    mean,
    // The population standard deviation: the residuals are the whole evaluated set, not a sample of it.
    standardDeviation: Math.sqrt(squares / n),
    min: residuals[0]!,
    q1: sortedQuantile(residuals, 0.25),
    median: sortedQuantile(residuals, 0.5),
    q3: sortedQuantile(residuals, 0.75),
    max: residuals[n - 1]!,
  };
}
