// Performance from ground truth: the labelled predictions of a window scored with the same metrics offline evaluation
// uses, each with the number of labels behind it and a confidence interval.
import {
  bootstrapInterval, classificationMetrics, classificationRowMetric, rankingMetrics, regressionMetrics, regressionRowMetric,
  type ClassificationMetricName, type RegressionMetricName,
} from '../../metrics/index.js';

export interface WindowMetric {
  readonly value: number | null;
  readonly low?: number;
  readonly high?: number;
  readonly rows: number;
  readonly estimated: boolean;
}

export interface LabelledPair {
  readonly output: unknown;
  readonly actual: string | number | boolean;
}

const CLASSIFICATION: readonly ClassificationMetricName[] = ['accuracy', 'precision', 'recall', 'f1', 'auc', 'log_loss'];
const REGRESSION: readonly RegressionMetricName[] = ['mae', 'rmse', 'mape'];
/** Resamples for the intervals: enough for a monitoring chart's band, cheap enough to redo per window. */
const BOOTSTRAP = { iterations: 200, seed: 1 };

export function labelledPerformance(task: string, pairs: readonly LabelledPair[], classes: readonly string[] | null): Record<string, WindowMetric> {
  if (pairs.length === 0) return {};
  if (task === 'classification' && classes) return classificationPerformance(pairs, classes);
  if (task === 'regression') return regressionPerformance(pairs);
  if (task === 'ranking') return rankingPerformance(pairs);
  return {};
}

function classificationPerformance(pairs: readonly LabelledPair[], classes: readonly string[]): Record<string, WindowMetric> {
  const index = new Map(classes.map((c, i) => [c, i]));
  const kept = pairs.filter((p) => index.has(String(p.actual)) && (p.output as { probabilities?: unknown } | null)?.probabilities);
  if (kept.length === 0) return {};
  const actual = Int32Array.from(kept, (p) => index.get(String(p.actual))!);
  const probabilities = new Float64Array(kept.length * classes.length);
  kept.forEach((p, row) => {
    const probs = (p.output as { probabilities: Record<string, number> }).probabilities;
    classes.forEach((c, k) => (probabilities[row * classes.length + k] = probs[c] ?? 0));
  });
  const metrics = classificationMetrics({ actual, probabilities, classes });
  const result: Record<string, WindowMetric> = {};
  for (const name of CLASSIFICATION) {
    const outcome = metrics.values[name];
    const interval = name === 'accuracy' ? metrics.accuracyInterval : bootstrapInterval(classificationRowMetric(name, actual, classes), kept.length, probabilities, BOOTSTRAP);
    result[name] = withInterval(outcome.value, outcome.rows, interval);
  }
  return result;
}

function regressionPerformance(pairs: readonly LabelledPair[]): Record<string, WindowMetric> {
  const kept = pairs.filter((p) => typeof p.actual === 'number' && Number.isFinite(Number((p.output as { value?: unknown } | null)?.value)));
  if (kept.length === 0) return {};
  const actual = Float64Array.from(kept, (p) => p.actual as number);
  const predicted = Float64Array.from(kept, (p) => Number((p.output as { value: number }).value));
  const metrics = regressionMetrics({ actual, predicted });
  const result: Record<string, WindowMetric> = {};
  for (const name of REGRESSION) {
    const outcome = metrics.values[name];
    result[name] = withInterval(outcome.value, outcome.rows, bootstrapInterval(regressionRowMetric(name, actual), kept.length, predicted, BOOTSTRAP));
  }
  return result;
}

/** A ranking label is the item the user then chose: precision@k and NDCG@k of the recommended list against it. */
function rankingPerformance(pairs: readonly LabelledPair[]): Record<string, WindowMetric> {
  const cases = pairs.flatMap((p) => {
    const ranked = Object.values((p.output as { outputs?: Record<string, unknown> } | null)?.outputs ?? {}).find(Array.isArray) as unknown[] | undefined;
    return ranked ? [{ ranked: ranked.map(String), relevant: new Set([String(p.actual)]) }] : [];
  });
  if (cases.length === 0) return {};
  const k = Math.max(...cases.map((c) => c.ranked.length));
  const metrics = rankingMetrics(cases, k);
  return Object.fromEntries(Object.entries(metrics.values).map(([name, outcome]) => [name, { value: outcome.value, rows: outcome.rows, estimated: false }]));
}

function withInterval(value: number | null, rows: number, interval: { low: number | null; high: number | null }): WindowMetric {
  return { value, rows, estimated: false, ...(interval.low !== null && interval.high !== null ? { low: interval.low, high: interval.high } : {}) };
}
