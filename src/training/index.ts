// Training: data to a deployable package. Feature pipelines, trainers that export ONNX, recorded runs, and evaluation.
export { runTraining, type CompletedRun, type TrainingRequest, type TrainingRunDeps } from './training-run.js';
export { trainTabularModel, DEFAULT_SPLIT, type SplitShares, type TabularTrainingRequest, type TrainedModel } from './train-tabular-model.js';
export { trainRecommender, type RecommenderTrainingRequest } from './train-recommender.js';
export { TABULAR_ALGORITHMS, type TabularAlgorithm } from './tabular-trainers.js';
export type { TabularTask } from './training-target.js';
export { FeaturePipelineConfigSchema, type FeaturePipelineConfig } from './pipeline/index.js';
export { runEvaluation, renderEvaluationReport, type EvaluationOutcome, type EvaluationReport, type VersionToEvaluate } from './evaluation/index.js';
export { importXgboostModel, type ImportedModel, type ImportXgboostOptions } from './xgboost/index.js';
