// Regression metrics as RowMetrics over prediction vectors, for the bootstrap.
import type { RegressionMetricName } from './metric-names.js';
import { checkRegressionInput, meanAbsoluteError, meanAbsolutePercentageError, rSquared, rootMeanSquaredError } from './regression-kernels.js';
import type { RowMetric } from './row-metric.js';

/** The metric `name` of a prediction vector against the fixed `actual` values. */
export function regressionRowMetric(name: RegressionMetricName, actual: Float64Array): RowMetric<Float64Array> {
  const checked = new WeakSet<Float64Array>();
  return (predicted, rows) => {
    if (rows.length === 0) return null;
    if (!checked.has(predicted)) {
      checkRegressionInput({ actual, predicted });
      checked.add(predicted);
    }
    const input = { actual, predicted };
    switch (name) {
      case 'mae':
        return meanAbsoluteError(input, rows);
      case 'rmse':
        return rootMeanSquaredError(input, rows);
      case 'mape':
        return meanAbsolutePercentageError(input, rows).value;
      case 'r2':
        return rSquared(input, rows);
    }
  };
}
