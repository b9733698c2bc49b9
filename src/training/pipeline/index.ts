// The feature pipeline: a declarative spec fitted on training data, run in JS for training and inside the ONNX graph
// for serving, with the same float32 results.
export {
  FeaturePipelineConfigSchema,
  FeatureStepsConfigSchema,
  DATE_PARTS,
  DEFAULT_DATE_PARTS,
  DEFAULT_MAX_CATEGORIES,
  type DatePart,
  type FeaturePipelineConfig,
  type FeatureStepsConfig,
} from './feature-pipeline-config.js';
export {
  FittedFeaturePipelineSchema,
  FittedFeatureStepSchema,
  ORDINAL_UNKNOWN_CODE,
  UNKNOWN_CATEGORY_COLUMN,
  parseFittedFeaturePipeline,
  pipelineColumnNames,
  type CategoricalStep,
  type DatetimeStep,
  type FittedFeaturePipeline,
  type FittedFeatureStep,
  type NumericStep,
} from './fitted-feature-pipeline.js';
export { fitFeaturePipeline } from './fit-feature-pipeline.js';
export { transformTable } from './transform-table.js';
export { emitFeaturePipelineOnnx, type EmitFeaturePipelineOptions, type EmittedFeaturePipeline } from './emit-feature-pipeline-onnx.js';
export {
  MISSING_DATETIME_SECONDS,
  EARLIEST_DATETIME_SECONDS,
  pipelineInputs,
  pipelineFeeds,
  type PipelineFeed,
  type PipelineInput,
} from './pipeline-inputs.js';
export { datePartsOfSeconds } from './date-parts.js';
