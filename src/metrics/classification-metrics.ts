// Every classification metric, curve and table for one model's predictions on one data set.
import { calibration, type Calibration } from './calibration.js';
import { checkClassificationInput, type ClassificationInput } from './classification-input.js';
import { confusionCounts, confusionMatrix, type ConfusionMatrix } from './confusion-matrix.js';
import { labelMetrics, type ClassScores } from './label-metrics.js';
import type { MetricOutcome, ConfidenceInterval } from './metric-result.js';
import type { ClassificationMetricName } from './metric-names.js';
import { meanOverRows, prepareClassification } from './prepared-classification.js';
import { aucUndefinedReason, rocAucOnRows } from './roc-auc.js';
import { rocCurve, type RocCurve } from './roc-curve.js';
import { allRows } from './row-metric.js';
import { wilsonInterval } from './wilson-interval.js';

export interface ClassificationMetrics {
  readonly rows: number;
  readonly classes: readonly string[];
  /** 'binary': precision, recall and F1 are the positive class's (classes[1]); 'macro': averaged over classes. */
  readonly averaging: 'binary' | 'macro';
  readonly values: Readonly<Record<ClassificationMetricName, MetricOutcome>>;
  /** The 95% Wilson interval of accuracy. */
  readonly accuracyInterval: ConfidenceInterval;
  readonly perClass: readonly ClassScores[];
  readonly confusion: ConfusionMatrix;
  readonly calibration: Calibration;
  /** Null when only one class is present. */
  readonly roc: RocCurve | null;
}

/** Throws VALIDATION_FAILED for empty or inconsistent input; AUC is null (with a reason) when only one class is present. */
export function classificationMetrics(input: ClassificationInput): ClassificationMetrics {
  checkClassificationInput(input);
  const prepared = prepareClassification(input);
  const rows = allRows(prepared.rows);
  const n = prepared.rows;
  const counts = confusionCounts(prepared, rows);
  const labels = labelMetrics(counts, input.classes);
  const reliability = calibration(prepared, rows);
  const auc = rocAucOnRows(prepared, rows);
  const result = (value: number): MetricOutcome => ({ value, rows: n });
  return {
    rows: n,
    classes: input.classes,
    averaging: labels.averaging,
    values: {
      accuracy: result(labels.accuracy),
      precision: result(labels.precision),
      recall: result(labels.recall),
      f1: result(labels.f1),
      auc: auc === null ? { value: null, rows: n, reason: aucUndefinedReason(prepared, input.classes) } : result(auc),
      log_loss: result(meanOverRows(prepared.logLoss, rows)),
      brier: result(meanOverRows(prepared.brier, rows)),
      ece: result(reliability.ece),
    },
    accuracyInterval: wilsonInterval(labels.correct, n),
    perClass: labels.perClass,
    confusion: confusionMatrix(counts, input.classes, n),
    calibration: reliability,
    roc: rocCurve(prepared, rows),
  };
}
