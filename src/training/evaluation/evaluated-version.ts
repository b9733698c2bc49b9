// Builders from the metrics module's results to the report's plain-JSON shapes, so the runner does not re-shape them.
import {
  scatterSample,
  type ClassificationMetrics,
  type MetricOutcome,
  type PairedDifference,
  type RankingCurvePoint,
  type RankingMetrics,
  type RegressionInput,
  type RegressionMetrics,
  type UndefinedDifference,
} from '../../metrics/index.js';
import type { EvaluatedVersion, MetricComparison, ReportedMetric } from './evaluation-report.js';

export interface VersionOptions {
  /** E.g. `champion` or `challenger`. */
  readonly role?: string;
}

/** A classification version with its metrics (accuracy with its Wilson interval), ROC, calibration and confusion matrix. */
export function classificationVersion(version: number, metrics: ClassificationMetrics, options: VersionOptions = {}): EvaluatedVersion {
  const reported = reportedMetrics(metrics.values);
  reported.accuracy = { ...reported.accuracy!, interval: { ...metrics.accuracyInterval, method: 'wilson' } };
  return {
    version,
    ...role(options),
    metrics: reported,
    curves: {
      kind: 'classification',
      roc: (metrics.roc?.points ?? []).map(({ fpr, tpr }) => ({ fpr, tpr })),
      calibration: metrics.calibration.bins,
      calibrationBasis: metrics.calibration.basis,
      confusion: metrics.confusion,
    },
  };
}

/**
 * A regression version with its metrics and a scatter sample of at most 2000 rows. The sample depends only on the
 * row count and seed, so every version on the same data plots the same rows.
 */
export function regressionVersion(version: number, metrics: RegressionMetrics, input: RegressionInput, options: VersionOptions & { readonly seed?: number } = {}): EvaluatedVersion {
  const rows = scatterSample(input.actual.length, 2000, options.seed ?? 1);
  return {
    version,
    ...role(options),
    metrics: reportedMetrics(metrics.values),
    curves: { kind: 'regression', predicted: Array.from(rows, (row) => input.predicted[row]!), actual: Array.from(rows, (row) => input.actual[row]!) },
  };
}

/** A ranking version with its metrics at the report's k and its curve over several cut-offs (see rankingCurve). */
export function rankingVersion(version: number, metrics: RankingMetrics, curve: readonly RankingCurvePoint[], options: VersionOptions = {}): EvaluatedVersion {
  return { version, ...role(options), metrics: reportedMetrics(metrics.values), curves: { kind: 'ranking', atK: curve } };
}

/** A paired-bootstrap result as a report comparison of `challenger` against `baseline`. */
export function metricComparison(metric: string, baseline: number, challenger: number, result: PairedDifference | UndefinedDifference): MetricComparison {
  const { difference, low, high, pValueTwoSided } = result;
  return { metric, baseline, challenger, difference, low, high, pValueTwoSided, ...('reason' in result ? { reason: result.reason } : {}) };
}

function reportedMetrics(values: Readonly<Record<string, MetricOutcome>>): Record<string, ReportedMetric> {
  return Object.fromEntries(Object.entries(values).map(([name, outcome]) => [name, { ...outcome }]));
}

function role(options: VersionOptions): { role?: string } {
  return options.role === undefined ? {} : { role: options.role };
}
