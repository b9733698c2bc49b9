// The metric names Pitstop knows, per task, and which way each one improves; gates and reports speak these names.
import { PitstopError } from '../errors/index.js';

export type EvaluationTask = 'classification' | 'regression' | 'ranking';

export const METRIC_NAMES = {
  classification: ['accuracy', 'precision', 'recall', 'f1', 'auc', 'log_loss', 'brier', 'ece'],
  regression: ['mae', 'rmse', 'mape', 'r2'],
  ranking: ['precision_at_k', 'recall_at_k', 'ndcg_at_k'],
} as const satisfies Record<EvaluationTask, readonly string[]>;

export type ClassificationMetricName = (typeof METRIC_NAMES.classification)[number];
export type RegressionMetricName = (typeof METRIC_NAMES.regression)[number];
export type RankingMetricName = (typeof METRIC_NAMES.ranking)[number];
export type MetricName = ClassificationMetricName | RegressionMetricName | RankingMetricName;

export type MetricDirection = 'higher' | 'lower';

const LOWER_IS_BETTER: ReadonlySet<MetricName> = new Set<MetricName>(['log_loss', 'brier', 'ece', 'mae', 'rmse', 'mape']);

/** Every metric name, in task order. */
export function allMetricNames(): readonly MetricName[] {
  return [...METRIC_NAMES.classification, ...METRIC_NAMES.regression, ...METRIC_NAMES.ranking];
}

export function isMetricName(name: string): name is MetricName {
  return (allMetricNames() as readonly string[]).includes(name);
}

/** Whether a higher or a lower value of the metric is better. */
export function metricDirection(name: string): MetricDirection {
  if (!isMetricName(name)) {
    throw new PitstopError('VALIDATION_FAILED', `unknown metric "${name}"; known metrics: ${allMetricNames().join(', ')}`, { field: 'metric' });
  }
  return LOWER_IS_BETTER.has(name) ? 'lower' : 'higher';
}
