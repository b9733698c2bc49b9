// Adaptive batching of prediction requests into model runs.
export { AdaptiveBatcher, type AdaptiveBatcherOptions } from './adaptive-batcher.js';
