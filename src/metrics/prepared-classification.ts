// Per-row quantities every classification metric is built from, computed once per set of predictions,
// so that each bootstrap resample only sums or sorts them.
import type { ClassificationInput } from './classification-input.js';

/** The clipping sklearn's log_loss uses, so a confident wrong answer costs ~34.5 nats instead of infinity. */
export const LOG_LOSS_EPSILON = 1e-15;

export interface PreparedClassification {
  readonly rows: number;
  readonly classCount: number;
  readonly actual: Int32Array;
  readonly probabilities: Float64Array;
  /** The argmax class per row (the first on ties, as numpy's argmax). */
  readonly predicted: Int32Array;
  /** actual × classCount + predicted: the row's cell in the flat confusion matrix. */
  readonly confusionCell: Int32Array;
  readonly logLoss: Float64Array;
  readonly brier: Float64Array;
  /** The probability calibration is judged on: the positive class's when binary, the top class's otherwise. */
  readonly calibrationScore: Float64Array;
  /** 1 when the event `calibrationScore` predicts happened: the row is positive (binary) or the top class is right. */
  readonly calibrationHit: Uint8Array;
  /** calibrationScore − calibrationHit: what the row adds to its bin's miscalibration. */
  readonly calibrationGap: Float64Array;
  /** The calibration bin (0..CALIBRATION_BINS-1) of `calibrationScore`. */
  readonly calibrationBin: Uint8Array;
}

export const CALIBRATION_BINS = 10;

export function prepareClassification(input: ClassificationInput): PreparedClassification {
  const { actual, probabilities } = input;
  const k = input.classes.length;
  const n = actual.length;
  const binary = k === 2;
  const predicted = new Int32Array(n);
  const confusionCell = new Int32Array(n);
  const logLoss = new Float64Array(n);
  const brier = new Float64Array(n);
  const calibrationScore = new Float64Array(n);
  const calibrationHit = new Uint8Array(n);
  const calibrationGap = new Float64Array(n);
  const calibrationBin = new Uint8Array(n);
  for (let row = 0; row < n; row++) {
    const base = row * k;
    const truth = actual[row]!;
    let best = 0;
    let bestP = probabilities[base]!;
    let squared = 0;
    for (let c = 0; c < k; c++) {
      const p = probabilities[base + c]!;
      if (p > bestP) {
        best = c;
        bestP = p;
      }
      const d = p - (c === truth ? 1 : 0);
      squared += d * d;
    }
    predicted[row] = best;
    confusionCell[row] = truth * k + best;
    const pTrue = Math.min(Math.max(probabilities[base + truth]!, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    logLoss[row] = -Math.log(pTrue);
    // Binary Brier is sklearn's brier_score_loss (positive class only, 0..1); multiclass sums over classes (0..2).
    brier[row] = binary ? (probabilities[base + 1]! - truth) ** 2 : squared;
    calibrationScore[row] = binary ? probabilities[base + 1]! : bestP;
    calibrationHit[row] = binary ? (truth === 1 ? 1 : 0) : best === truth ? 1 : 0;
    calibrationGap[row] = calibrationScore[row]! - calibrationHit[row]!;
    calibrationBin[row] = Math.min(CALIBRATION_BINS - 1, Math.floor(calibrationScore[row]! * CALIBRATION_BINS));
  }
  return { rows: n, classCount: k, actual, probabilities, predicted, confusionCell, logLoss, brier, calibrationScore, calibrationHit, calibrationGap, calibrationBin };
}

/** The mean of a per-row quantity over the given rows. */
export function meanOverRows(values: Float64Array, rows: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < rows.length; i++) sum += values[rows[i]!]!;
  return sum / rows.length;
}
