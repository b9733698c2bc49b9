// Classification metrics as RowMetrics over probability matrices, for the bootstrap: the per-row work (argmax, losses,
// calibration bins) is done once per probability matrix, and each resample only counts, sums or sorts.
import { CALIBRATION_BINS, expectedCalibrationErrorOnRows } from './calibration.js';
import { checkClassificationInput } from './classification-input.js';
import { confusionCounts } from './confusion-matrix.js';
import { labelMetricValue } from './label-metrics.js';
import type { ClassificationMetricName } from './metric-names.js';
import { meanOverRows, prepareClassification, type PreparedClassification } from './prepared-classification.js';
import { aucRanking, rocAucOnRows, type AucRanking } from './roc-auc.js';
import type { RowMetric } from './row-metric.js';

/** The metric `name` of a row-major probability matrix (rows × classes) against the fixed true classes `actual`. */
export function classificationRowMetric(name: ClassificationMetricName, actual: Int32Array, classes: readonly string[]): RowMetric<Float64Array> {
  const prepared = new WeakMap<Float64Array, PreparedClassification>();
  const prepare = (probabilities: Float64Array): PreparedClassification => {
    let found = prepared.get(probabilities);
    if (!found) {
      const input = { actual, probabilities, classes };
      checkClassificationInput(input);
      found = prepareClassification(input);
      prepared.set(probabilities, found);
    }
    return found;
  };
  const metric = rowMetricFor(name, prepare, classes.length);
  return (probabilities, rows) => (rows.length === 0 ? null : metric(probabilities, rows));
}

function rowMetricFor(name: ClassificationMetricName, prepare: (probabilities: Float64Array) => PreparedClassification, k: number): RowMetric<Float64Array> {
  switch (name) {
    case 'accuracy':
    case 'precision':
    case 'recall':
    case 'f1': {
      const counts = new Int32Array(k * k);
      return (probabilities, rows) => labelMetricValue(name, confusionCounts(prepare(probabilities), rows, counts), k);
    }
    case 'auc': {
      const rankings = new WeakMap<PreparedClassification, AucRanking>();
      let weights: Int32Array | undefined;
      return (probabilities, rows) => {
        const prepared = prepare(probabilities);
        let ranking = rankings.get(prepared);
        if (!ranking) {
          ranking = aucRanking(prepared);
          rankings.set(prepared, ranking);
        }
        if (weights?.length !== prepared.rows) weights = new Int32Array(prepared.rows);
        return rocAucOnRows(prepared, rows, ranking, weights);
      };
    }
    case 'log_loss':
      return (probabilities, rows) => meanOverRows(prepare(probabilities).logLoss, rows);
    case 'brier':
      return (probabilities, rows) => meanOverRows(prepare(probabilities).brier, rows);
    case 'ece': {
      const gaps = new Float64Array(2 * CALIBRATION_BINS);
      return (probabilities, rows) => expectedCalibrationErrorOnRows(prepare(probabilities), rows, gaps);
    }
  }
}
