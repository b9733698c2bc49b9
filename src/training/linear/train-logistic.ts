// Multinomial logistic regression with an L2 penalty, fitted by L-BFGS in float64.
import { PitstopError } from '../../errors/index.js';
import type { ClassLabels, FeatureMatrix } from '../feature-matrix.js';
import { checkFeatureMatrix } from './check-feature-matrix.js';
import { DEFAULT_LOGISTIC_PARAMS, type LogisticModel, type LogisticParams } from './linear-model.js';
import { minimizeLbfgs, type Objective } from './minimize-lbfgs.js';

/**
 * Minimises mean cross-entropy of softmax(W·x + b) + lambda/2 · ‖W‖² from W = 0, b = 0. Softmax for two classes too
 * (see LogisticModel). Deterministic: no randomness, and a fixed order of arithmetic.
 */
export function trainLogistic(
  train: FeatureMatrix,
  target: ClassLabels,
  params: Partial<LogisticParams> = {},
): LogisticModel {
  const resolved = resolveLogisticParams(params);
  checkFeatureMatrix(train, 'train');
  checkLabels(target, train.rows);
  const { rows, cols } = train;
  const classCount = target.classes.length;
  const objective = softmaxCrossEntropy(Float64Array.from(train.values), rows, cols, target, resolved.lambda);
  const result = minimizeLbfgs(objective, new Float64Array(classCount * (cols + 1)), {
    maxIterations: resolved.maxIterations,
    tolerance: resolved.tolerance,
  });
  const weights = result.x;
  const coefficients = Array.from({ length: classCount }, (_, k) =>
    Array.from(weights.subarray(k * cols, (k + 1) * cols), Math.fround),
  );
  const intercepts = Array.from(weights.subarray(classCount * cols), Math.fround);
  return {
    kind: 'logistic',
    classes: [...target.classes],
    coefficients,
    intercepts,
    featureNames: [...train.columnNames],
    params: resolved,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/**
 * The objective over x = [W (K × cols, row-major), b (K)]. Intercepts are unpenalised; their gradient sums to zero over
 * the classes, so L-BFGS (whose steps combine gradients) keeps Σb = 0 and never drifts along softmax's flat direction.
 */
function softmaxCrossEntropy(
  values: Float64Array,
  rows: number,
  cols: number,
  target: ClassLabels,
  lambda: number,
): Objective {
  const classCount = target.classes.length;
  const logits = new Float64Array(classCount);
  return (x, gradient) => {
    gradient.fill(0);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const row = r * cols;
      let max = -Infinity;
      for (let k = 0; k < classCount; k++) {
        let z = x[classCount * cols + k]!;
        for (let c = 0; c < cols; c++) z += x[k * cols + c]! * values[row + c]!;
        logits[k] = z;
        if (z > max) max = z;
      }
      let total = 0;
      for (let k = 0; k < classCount; k++) total += Math.exp(logits[k]! - max);
      const logTotal = Math.log(total) + max;
      const label = target.indices[r]!;
      loss += logTotal - logits[label]!;
      for (let k = 0; k < classCount; k++) {
        const residual = Math.exp(logits[k]! - logTotal) - (k === label ? 1 : 0);
        gradient[classCount * cols + k] = gradient[classCount * cols + k]! + residual;
        for (let c = 0; c < cols; c++) gradient[k * cols + c] = gradient[k * cols + c]! + residual * values[row + c]!;
      }
    }
    let penalty = 0;
    for (let i = 0; i < gradient.length; i++) {
      gradient[i] = gradient[i]! / rows;
      if (i < classCount * cols) {
        penalty += x[i]! * x[i]!;
        gradient[i] = gradient[i]! + lambda * x[i]!;
      }
    }
    return loss / rows + (lambda / 2) * penalty;
  };
}

function resolveLogisticParams(params: Partial<LogisticParams>): LogisticParams {
  if ('C' in params) {
    throw invalid('Logistic regression takes lambda, not C (C = 1 / (lambda · rows)).', 'C');
  }
  const resolved = { ...DEFAULT_LOGISTIC_PARAMS, ...params };
  if (!Number.isFinite(resolved.lambda) || resolved.lambda < 0) {
    throw invalid(`Logistic lambda must be a finite number ≥ 0, got ${resolved.lambda}.`, 'lambda');
  }
  if (!Number.isInteger(resolved.maxIterations) || resolved.maxIterations < 1) {
    throw invalid(`Logistic maxIterations must be a positive integer, got ${resolved.maxIterations}.`, 'maxIterations');
  }
  if (!Number.isFinite(resolved.tolerance) || resolved.tolerance < 0) {
    throw invalid(`Logistic tolerance must be a finite number ≥ 0, got ${resolved.tolerance}.`, 'tolerance');
  }
  return resolved;
}

/** Every class must occur: an absent class's unpenalised intercept has no finite optimum. */
function checkLabels(target: ClassLabels, rows: number): void {
  const { classes, indices } = target;
  if (indices.length !== rows) throw invalid(`The target has ${indices.length} labels for ${rows} rows.`, 'target.indices');
  if (new Set(classes).size !== classes.length) throw invalid('The target lists a class twice.', 'target.classes');
  if (classes.length < 2) {
    throw invalid(`Logistic regression needs at least two classes, got ${classes.length}.`, 'target.classes');
  }
  const counts = new Array<number>(classes.length).fill(0);
  for (let r = 0; r < rows; r++) {
    const label = indices[r]!;
    if (!(label >= 0 && label < classes.length)) {
      throw invalid(`Row ${r} has class index ${label}, outside 0..${classes.length - 1}.`, `target.indices[${r}]`);
    }
    counts[label]! += 1;
  }
  const absent = classes.filter((_, k) => counts[k] === 0);
  if (absent.length > 0) {
    throw invalid(`No training row has class ${absent.map((name) => `'${name}'`).join(', ')}.`, 'target.indices');
  }
}

function invalid(message: string, field: string): PitstopError {
  return new PitstopError('VALIDATION_FAILED', message, { field });
}
