// Gradient-boosted decision trees: a histogram trainer in TypeScript, in-process predictions, and ONNX export.
export { DEFAULT_GBDT_PARAMS, resolveGbdtParams, type GbdtObjective, type GbdtParams } from './gbdt-params.js';
export type { GbdtEnsemble, GbdtModel, GbdtNode, GbdtRoundLoss, GbdtTree } from './gbdt-model.js';
export { trainGbdt, trainGbdtWithTrainingPredictions, type GbdtValidation, type TrainedGbdt } from './train-gbdt.js';
export { predictGbdt } from './predict-gbdt.js';
export { emitGbdtOnnx } from './emit-gbdt-onnx.js';
