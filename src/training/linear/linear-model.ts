// What the linear trainers produce: numbers in exactly the layout of ONNX's LinearRegressor and LinearClassifier.

export interface RidgeParams {
  /** L2 penalty on the coefficients (not the intercept), as in sklearn's Ridge: minimises ‖y − Xw − b‖² + alpha·‖w‖². */
  readonly alpha: number;
}

export interface LogisticParams {
  /** No `C`: `lambda` is the one knob. sklearn's C corresponds to 1 / (lambda · rows). */
  readonly C?: never;
  /** L2 penalty on the coefficients (not the intercepts): minimises mean cross-entropy + lambda/2 · ‖W‖². */
  readonly lambda: number;
  readonly maxIterations: number;
  /** Stop when the largest gradient component is at most this. */
  readonly tolerance: number;
}

export const DEFAULT_RIDGE_PARAMS: RidgeParams = { alpha: 1 };
export const DEFAULT_LOGISTIC_PARAMS: LogisticParams = { lambda: 1e-2, maxIterations: 200, tolerance: 1e-6 };

interface LinearModelBase {
  /** [outputs][cols]: one row for ridge, one per class for logistic. Rounded to float32, what the ONNX graph keeps. */
  readonly coefficients: number[][];
  readonly intercepts: number[];
  readonly featureNames: string[];
  readonly iterations?: number;
}

export interface RidgeModel extends LinearModelBase {
  readonly kind: 'ridge';
  readonly classes: null;
  readonly params: RidgeParams;
}

/**
 * Multinomial (softmax) for every class count, two included: one code path, probabilities always rows × K, and a
 * binary model exports as a two-row SOFTMAX LinearClassifier (see emit-linear-onnx.ts for why not one row).
 */
export interface LogisticModel extends LinearModelBase {
  readonly kind: 'logistic';
  readonly classes: string[];
  readonly params: LogisticParams;
  readonly iterations: number;
  /** False when maxIterations ran out before the gradient fell below the tolerance. */
  readonly converged: boolean;
}

export type LinearModel = RidgeModel | LogisticModel;
