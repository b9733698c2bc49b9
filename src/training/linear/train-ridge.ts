// Ridge regression: the closed-form least-squares fit with an L2 penalty, solved in float64.
import { PitstopError } from '../../errors/index.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import { checkFeatureMatrix } from './check-feature-matrix.js';
import { choleskySolve } from './cholesky-solve.js';
import { DEFAULT_RIDGE_PARAMS, type RidgeModel, type RidgeParams } from './linear-model.js';

/**
 * Minimises ‖y − Xw − b‖² + alpha·‖w‖². Centring X and y first leaves the intercept unpenalised; w then solves
 * (XcᵀXc + alpha·I)·w = Xcᵀyc by Cholesky, and b = ȳ − x̄·w.
 */
export function trainRidge(train: FeatureMatrix, target: Float64Array, params: Partial<RidgeParams> = {}): RidgeModel {
  const resolved = resolveRidgeParams(params);
  checkFeatureMatrix(train, 'train');
  checkTarget(target, train.rows);
  const { rows, cols, values } = train;
  const columnMeans = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) columnMeans[c] = columnMeans[c]! + values[r * cols + c]!;
  for (let c = 0; c < cols; c++) columnMeans[c] = columnMeans[c]! / rows;
  let targetMean = 0;
  for (const y of target) targetMean += y;
  targetMean /= rows;

  const gram = new Float64Array(cols * cols);
  const moment = new Float64Array(cols);
  const centred = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) centred[c] = values[r * cols + c]! - columnMeans[c]!;
    const y = target[r]! - targetMean;
    for (let i = 0; i < cols; i++) {
      const xi = centred[i]!;
      moment[i] = moment[i]! + xi * y;
      for (let j = 0; j <= i; j++) gram[i * cols + j] = gram[i * cols + j]! + xi * centred[j]!;
    }
  }
  for (let i = 0; i < cols; i++) gram[i * cols + i] = gram[i * cols + i]! + resolved.alpha;
  if (!choleskySolve(gram, cols, moment)) {
    throw new PitstopError(
      'VALIDATION_FAILED',
      `Ridge with alpha ${resolved.alpha} has no unique solution: some columns are constant or collinear. Use alpha > 0.`,
      { field: 'alpha' },
    );
  }
  let intercept = targetMean;
  for (let c = 0; c < cols; c++) intercept -= columnMeans[c]! * moment[c]!;
  return {
    kind: 'ridge',
    classes: null,
    coefficients: [Array.from(moment, Math.fround)],
    intercepts: [Math.fround(intercept)],
    featureNames: [...train.columnNames],
    params: resolved,
  };
}

function resolveRidgeParams(params: Partial<RidgeParams>): RidgeParams {
  const resolved = { ...DEFAULT_RIDGE_PARAMS, ...params };
  if (!Number.isFinite(resolved.alpha) || resolved.alpha < 0) {
    throw new PitstopError('VALIDATION_FAILED', `Ridge alpha must be a finite number ≥ 0, got ${resolved.alpha}.`, {
      field: 'alpha',
    });
  }
  return resolved;
}

function checkTarget(target: Float64Array, rows: number): void {
  if (target.length !== rows) {
    throw new PitstopError('VALIDATION_FAILED', `The target has ${target.length} values for ${rows} rows.`, { field: 'target' });
  }
  const bad = target.findIndex((value) => !Number.isFinite(value));
  if (bad !== -1) {
    throw new PitstopError('VALIDATION_FAILED', `The target is ${target[bad]} at row ${bad}; ridge needs finite targets.`, {
      field: `target[${bad}]`,
    });
  }
}
