// In-memory predictions of a linear model: what its exported ONNX graph computes, in float64.
import { PitstopError } from '../../errors/index.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import { checkFeatureMatrix } from './check-feature-matrix.js';
import type { LinearModel } from './linear-model.js';

/** Ridge: one value per row. Logistic: class probabilities, row-major rows × K in the order of `model.classes`. */
export function predictLinear(model: LinearModel, matrix: FeatureMatrix): Float64Array {
  checkFeatureMatrix(matrix, 'matrix');
  if (matrix.cols !== model.featureNames.length) {
    throw new PitstopError(
      'VALIDATION_FAILED',
      `The model was trained on ${model.featureNames.length} columns but the matrix has ${matrix.cols}.`,
      { field: 'matrix.cols' },
    );
  }
  const scores = linearScores(model, matrix);
  if (model.kind === 'ridge') return scores;
  const classCount = model.classes.length;
  for (let r = 0; r < matrix.rows; r++) softmaxInPlace(scores.subarray(r * classCount, (r + 1) * classCount));
  return scores;
}

/**
 * coefficients · x + intercept for every row and output, row-major rows × outputs, rounded as onnxruntime's float32
 * GEMM does it: a fused multiply-add per column in column order (the product of two float32 is exact in float64, so
 * one fround per step is an FMA), then the intercept. Summing in float64 instead differs by up to ~1e-4 on targets
 * around 30 when terms cancel.
 */
function linearScores(model: LinearModel, matrix: FeatureMatrix): Float64Array {
  const { rows, cols, values } = matrix;
  const outputs = model.coefficients.length;
  const scores = new Float64Array(rows * outputs);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < outputs; k++) {
      const weights = model.coefficients[k]!;
      let sum = 0;
      for (let c = 0; c < cols; c++) sum = Math.fround(sum + weights[c]! * values[r * cols + c]!);
      scores[r * outputs + k] = Math.fround(sum + model.intercepts[k]!);
    }
  }
  return scores;
}

function softmaxInPlace(logits: Float64Array): void {
  const max = Math.max(...logits);
  let total = 0;
  for (let k = 0; k < logits.length; k++) {
    logits[k] = Math.exp(logits[k]! - max);
    total += logits[k]!;
  }
  for (let k = 0; k < logits.length; k++) logits[k] = logits[k]! / total;
}
