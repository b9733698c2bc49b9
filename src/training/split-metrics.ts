// The headline metrics of a trained model on one data split, from its in-memory predictions.
import { allRows, classificationRowMetric, rankingMetrics, regressionMetrics, type MetricOutcome, type RankingCase } from '../metrics/index.js';
import { PitstopError } from '../errors/index.js';
import type { ClassLabels } from './feature-matrix.js';

/** Metric name → value; metrics undefined on this split (AUC with one class present) are left out. */
export type MetricValues = Record<string, number>;

export function classificationSplitMetrics(labels: ClassLabels, probabilities: Float64Array): MetricValues {
  // Rows of classes the model never saw cannot be scored; they are counted by the caller, not here.
  const k = labels.classes.length;
  let kept = 0;
  for (const cls of labels.indices) if (cls >= 0) kept++;
  const actual = new Int32Array(kept);
  const probs = kept === labels.indices.length ? probabilities : new Float64Array(kept * k);
  for (let row = 0, i = 0; row < labels.indices.length; row++) {
    const cls = labels.indices[row]!;
    if (cls < 0) continue;
    if (probs !== probabilities) probs.set(probabilities.subarray(row * k, row * k + k), i * k);
    actual[i++] = cls;
  }
  if (kept === 0) throw new PitstopError('VALIDATION_FAILED', 'cannot compute metrics on no rows', { field: 'actual' });
  // The four headline metrics alone: classificationMetrics would also build the ROC curve, calibration table and
  // confusion matrix, which nothing here reads (a third of the time of scoring 100,000 rows).
  const rows = allRows(kept);
  const values: MetricValues = {};
  for (const name of SPLIT_CLASSIFICATION_METRICS) {
    const value = classificationRowMetric(name, actual, labels.classes)(probs, rows);
    if (value !== null) values[name] = value;
  }
  return values;
}

const SPLIT_CLASSIFICATION_METRICS = ['accuracy', 'f1', 'auc', 'log_loss'] as const;

export function regressionSplitMetrics(actual: Float64Array, predicted: Float64Array): MetricValues {
  return definedValues(regressionMetrics({ actual, predicted }).values, ['rmse', 'mae', 'r2']);
}

export function rankingSplitMetrics(cases: readonly RankingCase[], k: number): MetricValues {
  return definedValues(rankingMetrics(cases, k).values, ['precision_at_k', 'recall_at_k', 'ndcg_at_k']);
}

function definedValues<K extends string>(values: Readonly<Record<K, MetricOutcome>>, names: readonly K[]): MetricValues {
  const result: MetricValues = {};
  for (const name of names) {
    const outcome = values[name];
    if (outcome && outcome.value !== null) result[name] = outcome.value;
  }
  return result;
}
