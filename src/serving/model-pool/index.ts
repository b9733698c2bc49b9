// Loaded model versions, their batching, and hot swap by reconciliation.
export { ModelPool, DEFAULT_BATCHING, type DesiredVersion, type ModelPoolOptions, type ReconcileResult } from './model-pool.js';
export { modelKey, type BatchingOptions, type LoadedModel, type RunPrediction, type ModelKey } from './pooled-model.js';
