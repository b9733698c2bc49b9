// Loading ONNX sessions and turning records into tensors and tensors back into predictions.
export { ModelSession, createInferenceSession, type OutputWidths, type PredictOptions, type SessionOptions } from './model-session.js';
export { onnxRuntimeVersion } from './onnx-runtime.js';
export { recordsToFeeds, type FeatureRecord, type FeatureValue } from './records-to-feeds.js';
export { decodeOutputs, type Prediction, type Scalar } from './decode-outputs.js';
