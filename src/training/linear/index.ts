// Linear models (ridge regression, multinomial logistic regression): train, predict, and emit as an ONNX head.
export { choleskySolve } from './cholesky-solve.js';
export { emitLinearOnnx } from './emit-linear-onnx.js';
export {
  DEFAULT_LOGISTIC_PARAMS,
  DEFAULT_RIDGE_PARAMS,
  type LinearModel,
  type LogisticModel,
  type LogisticParams,
  type RidgeModel,
  type RidgeParams,
} from './linear-model.js';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type Objective } from './minimize-lbfgs.js';
export { predictLinear } from './predict-linear.js';
export { trainLogistic } from './train-logistic.js';
export { trainRidge } from './train-ridge.js';
