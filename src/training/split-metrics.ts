// The headline metrics of a trained model on one data split, from its in-memory predictions.
import { classificationMetrics, rankingMetrics, regressionMetrics, type MetricOutcome, type RankingCase } from '../metrics/index.js';
import type { ClassLabels } from './feature-matrix.js';

/** Metric name → value; metrics undefined on this split (AUC with one class present) are left out. */
export type MetricValues = Record<string, number>;

export function classificationSplitMetrics(labels: ClassLabels, probabilities: Float64Array): MetricValues {
  // Rows of classes the model never saw cannot be scored; they are counted by the caller, not here.
  const k = labels.classes.length;
  const keep: number[] = [];
  labels.indices.forEach((cls, row) => cls >= 0 && keep.push(row));
  const actual = Int32Array.from(keep, (row) => labels.indices[row]!);
  const probs = new Float64Array(keep.length * k);
  keep.forEach((row, i) => probs.set(probabilities.subarray(row * k, row * k + k), i * k));
  const metrics = classificationMetrics({ actual, probabilities: probs, classes: labels.classes });
  return definedValues(metrics.values, ['accuracy', 'f1', 'auc', 'log_loss']);
}

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
