// What an evaluation found, as plain JSON-serialisable data: the CLI prints it as JSON or renders it as HTML.
import type { BootstrapSettings, CalibrationBin, ConfusionMatrix, EvaluationTask, RankingCurvePoint } from '../../metrics/index.js';
import type { GateResult } from './evaluate-gates.js';

export interface EvaluationReport {
  readonly model: string;
  readonly task: EvaluationTask;
  /** When the evaluation ran (ISO 8601); given by the caller so that rendering stays pure. */
  readonly generatedAt?: string;
  readonly dataset: EvaluationDataset;
  /** How the comparisons' intervals were drawn. */
  readonly bootstrap?: BootstrapSettings;
  /** In display order; the first is the baseline that differences are measured from (normally the champion). */
  readonly versions: readonly EvaluatedVersion[];
  readonly comparisons: readonly MetricComparison[];
  readonly gates?: GateCheck;
}

export interface EvaluationDataset {
  /** Where the rows came from, e.g. `holdout.csv`. */
  readonly source: string;
  readonly rows: number;
  /** The data's content digest, e.g. `sha256:…`. */
  readonly fingerprint: string;
  /** Classification: the class names, positive class last when binary. */
  readonly classes?: readonly string[];
  /** Ranking: the cut-off the @k metrics use. */
  readonly k?: number;
}

export interface EvaluatedVersion {
  readonly version: number;
  /** E.g. `champion`, `challenger`, or an alias. */
  readonly role?: string;
  /** By metric name (`auc`, `rmse`, `ndcg_at_k`, …). */
  readonly metrics: Readonly<Record<string, ReportedMetric>>;
  readonly curves?: VersionCurves;
}

export interface ReportedMetric {
  readonly value: number | null;
  /** Rows (users, for ranking) the value rests on. */
  readonly rows: number;
  readonly skippedRows?: number;
  /** Why the value is null. */
  readonly reason?: string;
  readonly interval?: ReportedInterval;
}

export interface ReportedInterval {
  readonly low: number;
  readonly high: number;
  readonly confidence: number;
  readonly method: 'wilson' | 'bootstrap';
}

/** A paired-bootstrap difference: challenger − baseline on the same resamples. */
export interface MetricComparison {
  readonly metric: string;
  readonly baseline: number;
  readonly challenger: number;
  readonly difference: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly pValueTwoSided: number | null;
  /** Why the difference is null. */
  readonly reason?: string;
}

export type VersionCurves = ClassificationCurves | RegressionCurves | RankingCurves;

export interface ClassificationCurves {
  readonly kind: 'classification';
  /** At most 200 points, from (0, 0) to (1, 1); empty when only one class is present. */
  readonly roc: readonly { readonly fpr: number; readonly tpr: number }[];
  readonly calibration: readonly CalibrationBin[];
  /** Binary: the positive class's probability; multiclass: the top class's. */
  readonly calibrationBasis?: 'positive-class' | 'top-class';
  readonly confusion?: ConfusionMatrix;
}

export interface RegressionCurves {
  readonly kind: 'regression';
  /** A sample of rows (at most 2000; see scatterSample), as parallel arrays. */
  readonly predicted: readonly number[];
  readonly actual: readonly number[];
}

export interface RankingCurves {
  readonly kind: 'ranking';
  /** Precision, recall and NDCG at several cut-offs, k ascending. */
  readonly atK: readonly RankingCurvePoint[];
}

/** The gates, checked for one challenger against the champion. */
export interface GateCheck {
  readonly champion: number;
  readonly challenger: number;
  readonly results: readonly GateResult[];
}
