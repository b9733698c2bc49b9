// Predictions of a trained ensemble, computed the way onnxruntime's TreeEnsemble operators compute them (float32 sums
// in tree order, the base score added last, float32 logistic and softmax), so the exported model agrees to ~1e-6.
import { PitstopError } from '../../errors/index.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import { FlatEnsemble } from './flat-ensemble.js';
import { keptTrees, type GbdtEnsemble } from './gbdt-model.js';

const f32 = Math.fround;

/**
 * Regression: one value per row. Classification: probabilities, row-major rows × classes, columns in `model.classes`
 * order (two columns for binary).
 */
export function predictGbdt(model: GbdtEnsemble, matrix: FeatureMatrix): Float64Array {
  if (matrix.cols !== model.featureNames.length) {
    throw new PitstopError('VALIDATION_FAILED', `The model reads ${model.featureNames.length} features; the matrix has ${matrix.cols} columns.`, { field: 'matrix' });
  }
  return predictionsFromTreeSums(model, treeSums(model, matrix), matrix.rows);
}

/**
 * The predictions for rows whose leaf values are already summed, tree by tree with float32 rounding as `treeSums` does
 * (the trainer keeps such sums for its training rows): plus the base score, then the link. Overwrites `sums` in place.
 */
export function predictionsFromTreeSums(model: GbdtEnsemble, sums: Float64Array, rows: number): Float64Array {
  const k = model.nTreesPerRound;
  const raw = addBaseScores(sums, model.baseScores, k);
  if (model.objective === 'regression') return raw;
  const classes = model.objective === 'binary' ? 2 : k;
  const probabilities = new Float64Array(rows * classes);
  const row = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    if (model.objective === 'binary') {
      const score = raw[r]!;
      // onnxruntime writes [logistic(-s), logistic(s)] for a one-column binary ensemble.
      probabilities[2 * r] = logistic(-score);
      probabilities[2 * r + 1] = logistic(score);
    } else {
      for (let c = 0; c < k; c++) row[c] = raw[r * k + c]!;
      softmaxInPlace(row);
      probabilities.set(row, r * k);
    }
  }
  return probabilities;
}

/** Sum of leaf values per score column, in tree order, each step rounded to float32. */
function treeSums(model: GbdtEnsemble, matrix: FeatureMatrix): Float64Array {
  const k = model.nTreesPerRound;
  const trees = new FlatEnsemble(keptTrees(model));
  const sums = new Float64Array(matrix.rows * k);
  for (let t = 0; t < trees.treeCount; t++) trees.addToScores(t, matrix, sums, k, t % k);
  return sums;
}

// A loop in a function of its own: V8 code compiled in the middle of a long loop gives up at the first statement
// after it that has not run yet, and this runs once or twice per training run.
function addBaseScores(sums: Float64Array, baseScores: readonly number[], k: number): Float64Array {
  for (let i = 0; i < sums.length; i++) sums[i] = f32(sums[i]! + baseScores[i % k]!);
  return sums;
}

// onnxruntime's ComputeLogistic: 1 / (1 + e^-|x|), mirrored for negative x.
function logistic(x: number): number {
  const v = f32(1 / f32(1 + f32(Math.exp(-Math.abs(x)))));
  return x < 0 ? f32(1 - v) : v;
}

// onnxruntime's ComputeSoftmax: shift by the max, float32 exp and sum, divide.
function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const score of scores) max = Math.max(max, score);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = f32(Math.exp(f32(scores[c]! - max)));
    sum = f32(sum + scores[c]!);
  }
  for (let c = 0; c < scores.length; c++) scores[c] = f32(scores[c]! / sum);
}
