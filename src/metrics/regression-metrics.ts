// Every regression metric for one model's predictions on one data set.
import type { RegressionMetricName } from './metric-names.js';
import type { MetricOutcome } from './metric-result.js';
import {
  MAPE_MIN_ACTUAL,
  checkRegressionInput,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  rSquared,
  rootMeanSquaredError,
  type RegressionInput,
} from './regression-kernels.js';
import { residualSummary, type ResidualSummary } from './residual-summary.js';
import { allRows } from './row-metric.js';

export interface RegressionMetrics {
  readonly rows: number;
  /** MAPE is a fraction (0.1 = 10%) and counts only rows with |actual| ≥ 1e-12; `skippedRows` says how many it left out. */
  readonly values: Readonly<Record<RegressionMetricName, MetricOutcome>>;
  readonly residuals: ResidualSummary;
}

/** Throws VALIDATION_FAILED for empty or inconsistent input; R² is null (with a reason) when the actual values are constant. */
export function regressionMetrics(input: RegressionInput): RegressionMetrics {
  checkRegressionInput(input);
  const n = input.actual.length;
  const rows = allRows(n);
  const mape = meanAbsolutePercentageError(input, rows);
  const r2 = rSquared(input, rows);
  return {
    rows: n,
    values: {
      mae: { value: meanAbsoluteError(input, rows), rows: n },
      rmse: { value: rootMeanSquaredError(input, rows), rows: n },
      mape:
        mape.value === null
          ? { value: null, rows: 0, skippedRows: mape.skipped, reason: `every actual value is within ${MAPE_MIN_ACTUAL} of 0, so no percentage error is defined` }
          : { value: mape.value, rows: n - mape.skipped, skippedRows: mape.skipped },
      r2: r2 === null ? { value: null, rows: n, reason: 'the actual values are all equal, so R² is undefined' } : { value: r2, rows: n },
    },
    residuals: residualSummary(input),
  };
}
