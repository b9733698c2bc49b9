// ROC curve points for plotting: one point per distinct threshold, then thinned to a plottable number.
import type { PreparedClassification } from './prepared-classification.js';

export interface RocPoint {
  readonly fpr: number;
  readonly tpr: number;
  /** Predict positive when the score is ≥ this; null for the (0, 0) start, where nothing is predicted positive. */
  readonly threshold: number | null;
}

export interface RocCurve {
  /** Binary: the positive class's scores. Multiclass: every (row, class) pair pooled one-vs-rest (micro average). */
  readonly averaging: 'binary' | 'micro';
  readonly points: readonly RocPoint[];
  readonly rows: number;
}

export const MAX_ROC_POINTS = 200;

/** The ROC curve over the given rows, at most `maxPoints` points; null when only one class is present. */
export function rocCurve(prepared: PreparedClassification, rows: Int32Array, maxPoints = MAX_ROC_POINTS): RocCurve | null {
  const { positives, negatives } = pooledScores(prepared, rows);
  if (positives.length === 0 || negatives.length === 0) return null;
  const points = rocPoints(positives.sort(), negatives.sort());
  return { averaging: prepared.classCount === 2 ? 'binary' : 'micro', points: downsampleRocPoints(points, maxPoints), rows: rows.length };
}

/** Every ROC point from ascending-sorted scores, walking thresholds from the highest down. */
function rocPoints(positives: Float64Array, negatives: Float64Array): RocPoint[] {
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: null }];
  let i = positives.length - 1;
  let j = negatives.length - 1;
  let truePositives = 0;
  let falsePositives = 0;
  while (i >= 0 || j >= 0) {
    const threshold = Math.max(i >= 0 ? positives[i]! : -Infinity, j >= 0 ? negatives[j]! : -Infinity);
    while (i >= 0 && positives[i] === threshold) (truePositives++, i--);
    while (j >= 0 && negatives[j] === threshold) (falsePositives++, j--);
    points.push({ fpr: falsePositives / negatives.length, tpr: truePositives / positives.length, threshold });
  }
  return points;
}

/**
 * Keeps the first and last points and, between them, a point each time the curve has travelled another equal step
 * of fpr + tpr (which only grows, from 0 to 2), so flat and steep stretches keep their share of points.
 */
export function downsampleRocPoints(points: readonly RocPoint[], maxPoints = MAX_ROC_POINTS): RocPoint[] {
  if (points.length <= maxPoints) return [...points];
  const step = 2 / (maxPoints - 1);
  const kept = [points[0]!];
  let next = step;
  for (let i = 1; i < points.length - 1; i++) {
    const point = points[i]!;
    const travelled = point.fpr + point.tpr;
    if (travelled < next) continue;
    kept.push(point);
    next = travelled + step;
  }
  kept.push(points[points.length - 1]!);
  return kept;
}

function pooledScores(prepared: PreparedClassification, rows: Int32Array): { positives: Float64Array; negatives: Float64Array } {
  const { actual, probabilities, classCount: k } = prepared;
  const binary = k === 2;
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (let c = binary ? 1 : 0; c < k; c++) {
      (actual[row] === c ? positives : negatives).push(probabilities[row * k + c]!);
    }
  }
  return { positives: Float64Array.from(positives), negatives: Float64Array.from(negatives) };
}
