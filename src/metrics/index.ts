// Model metrics as pure functions over typed arrays: classification, regression and ranking, their confidence
// intervals and the paired bootstrap that compares two models on the same rows. No I/O: offline evaluation and
// online monitoring both call these.
export {
  METRIC_NAMES,
  allMetricNames,
  isMetricName,
  metricDirection,
  type ClassificationMetricName,
  type EvaluationTask,
  type MetricDirection,
  type MetricName,
  type RankingMetricName,
  type RegressionMetricName,
} from './metric-names.js';
export type { ConfidenceInterval, MetricOutcome, MetricResult, UndefinedMetric } from './metric-result.js';
export { allRows, type RowMetric } from './row-metric.js';

export type { ClassificationInput } from './classification-input.js';
export { classificationMetrics, type ClassificationMetrics } from './classification-metrics.js';
export { classificationRowMetric } from './classification-row-metric.js';
export type { ClassScores } from './label-metrics.js';
export type { ConfusionMatrix } from './confusion-matrix.js';
export { CALIBRATION_BINS, type Calibration, type CalibrationBin } from './calibration.js';
export { MAX_ROC_POINTS, downsampleRocPoints, type RocCurve, type RocPoint } from './roc-curve.js';
export { LOG_LOSS_EPSILON } from './prepared-classification.js';

export { MAPE_MIN_ACTUAL, type RegressionInput } from './regression-kernels.js';
export { regressionMetrics, type RegressionMetrics } from './regression-metrics.js';
export { regressionRowMetric } from './regression-row-metric.js';
export type { ResidualSummary } from './residual-summary.js';

export { rankingMetrics, type RankingCase, type RankingMetrics } from './ranking-metrics.js';
export { rankingRowMetric, type RankedLists } from './ranking-row-metric.js';
export { rankingCurve, type RankingCurvePoint } from './ranking-curve.js';

export { wilsonInterval } from './wilson-interval.js';
export { DEFAULT_BOOTSTRAP, type BootstrapOptions, type BootstrapSettings } from './bootstrap-resampler.js';
export { bootstrapInterval, type BootstrapInterval, type UndefinedBootstrapInterval } from './bootstrap-interval.js';
export { pairedBootstrap, type PairedDifference, type UndefinedDifference } from './paired-bootstrap.js';
export { scatterSample } from './scatter-sample.js';
