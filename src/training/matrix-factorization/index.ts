// Matrix factorisation for recommendations: ALS on explicit ratings or implicit feedback, top-k, and ONNX export.
export {
  exportMatrixFactorizationOnnx,
  type MatrixFactorizationOnnx,
} from './export-matrix-factorization-onnx.js';
export {
  DEFAULT_MATRIX_FACTORIZATION_PARAMS,
  type MatrixFactorizationModel,
  type MatrixFactorizationParams,
  type RatingsData,
} from './matrix-factorization-model.js';
export { recommendTopK } from './recommend-top-k.js';
export { scoreItems } from './score-items.js';
export { resolveMatrixFactorizationParams, trainMatrixFactorization } from './train-matrix-factorization.js';
