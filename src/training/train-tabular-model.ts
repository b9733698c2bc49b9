// Trains a tabular model end to end: target and features from a table, a seeded split, the feature pipeline, the
// algorithm, metrics per split, and one ONNX graph (pipeline + model) with the manifest spec that describes it.
import { inferFeatures, splitTable, tableFingerprint, type Table } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import type { Feature, ManifestSpec } from '../manifest/index.js';
import { OnnxGraphBuilder } from '../onnx/index.js';
import type { Progress } from '../progress/index.js';
import { EXPORT_OPSETS, type ClassLabels } from './feature-matrix.js';
import { emitFeaturePipelineOnnx, fitFeaturePipeline, transformTable, type FeaturePipelineConfig, type FittedFeaturePipeline } from './pipeline/index.js';
import { classificationSplitMetrics, regressionSplitMetrics, type MetricValues } from './split-metrics.js';
import { fitTabular, tasksOf, type TabularAlgorithm } from './tabular-trainers.js';
import { classLabels, dropMissingTarget, inferTask, numericTarget, type TabularTask } from './training-target.js';

export interface SplitShares {
  readonly validation: number;
  readonly holdout: number;
  /** Split by time: the latest rows are held out. */
  readonly timeColumn?: string;
}

export const DEFAULT_SPLIT: SplitShares = { validation: 0.1, holdout: 0.2 };

export interface TabularTrainingRequest {
  readonly table: Table;
  readonly source: string;
  readonly target: string;
  readonly algorithm: TabularAlgorithm;
  readonly task?: TabularTask;
  readonly params?: Record<string, unknown>;
  readonly seed?: number;
  readonly split?: SplitShares;
  /** Feature columns; default: every column but the target and `exclude`. */
  readonly features?: readonly string[];
  readonly exclude?: readonly string[];
  readonly pipeline?: FeaturePipelineConfig;
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  /** Hears of the training (trees built) and of scoring the splits. */
  readonly progress?: Progress;
}

export interface TrainedModel {
  readonly modelBytes: Uint8Array;
  readonly spec: ManifestSpec;
  readonly pipeline: FittedFeaturePipeline | null;
  readonly metrics: Record<string, MetricValues>;
  readonly params: Record<string, unknown>;
  readonly details: Record<string, unknown>;
  readonly dataset: { fingerprint: string; rows: number; droppedRows: number; splitRows: Record<string, number> };
  /** The training split: profiled as the package's drift reference. */
  readonly reference: Table;
  /** Tabular models: the trainer's own in-memory predictions for raw rows (regression: values; classification: rows × classes). */
  readonly predictTable?: (table: Table) => Float64Array;
}

export const PRODUCER = { name: 'pitstop', version: '0.1.0' } as const;

export function trainTabularModel(request: TabularTrainingRequest): TrainedModel {
  request.progress?.start('preparing features', { unit: '' });
  const seed = request.seed ?? 42;
  const split = request.split ?? DEFAULT_SPLIT;
  const fingerprint = tableFingerprint(request.table);
  const { table, dropped } = dropMissingTarget(request.table, request.target);
  const task = request.task ?? (request.algorithm === 'logistic' ? 'classification' : request.algorithm === 'ridge' ? 'regression' : inferTask(table, request.target));
  if (!tasksOf(request.algorithm).includes(task)) {
    throw new PitstopError('TRAINING_PARAMS_INVALID', `${request.algorithm} does ${tasksOf(request.algorithm).join(' and ')}, not ${task}`, { field: 'task' });
  }
  const features = selectFeatures(table, request);
  // Classes come from all rows, so every split scores against the same list; stratifying keeps each class in each split.
  const classes = task === 'classification' ? classLabels(table, request.target).classes : undefined;
  const parts = splitTable(table, {
    fractions: { train: 1 - split.validation - split.holdout, ...(split.validation > 0 ? { validation: split.validation } : {}), holdout: split.holdout },
    seed,
    ...(split.timeColumn ? { timeColumn: split.timeColumn } : task === 'classification' ? { stratifyBy: request.target } : {}),
  });
  const targetOf = (part: Table) => (task === 'classification' ? classLabels(part, request.target, classes) : numericTarget(part, request.target));

  const pipeline = fitFeaturePipeline(parts.train, features, request.pipeline ?? {});
  const matrices = { train: transformTable(pipeline, parts.train), validation: parts.validation && transformTable(pipeline, parts.validation), holdout: transformTable(pipeline, parts.holdout) };
  const targets = { train: targetOf(parts.train), validation: parts.validation && targetOf(parts.validation), holdout: targetOf(parts.holdout) };
  const fit = fitTabular(request.algorithm, {
    task, train: matrices.train, target: targets.train, seed, params: request.params ?? {}, ...(request.progress ? { progress: request.progress } : {}),
    validation: matrices.validation && targets.validation ? { matrix: matrices.validation, target: targets.validation } : null,
  });

  request.progress?.start('scoring the splits', { unit: '' });
  const metrics: Record<string, MetricValues> = {};
  for (const name of ['train', 'validation', 'holdout'] as const) {
    const matrix = matrices[name];
    const target = targets[name];
    if (!matrix || !target || matrix.rows === 0) continue;
    const predicted = name === 'train' && fit.trainingPredictions ? fit.trainingPredictions : fit.predict(matrix);
    metrics[name] = task === 'classification' ? classificationSplitMetrics(target as ClassLabels, predicted) : regressionSplitMetrics(target as Float64Array, predicted);
  }

  const builder = new OnnxGraphBuilder();
  const emitted = emitFeaturePipelineOnnx(builder, pipeline);
  const outputs = fit.emit(builder, emitted.output);
  const modelBytes = builder.toBytes({ opsets: [...EXPORT_OPSETS], producerName: PRODUCER.name, producerVersion: PRODUCER.version });
  const spec: ManifestSpec = {
    name: request.name,
    version: request.version,
    ...(request.description ? { description: request.description } : {}),
    task,
    framework: { name: PRODUCER.name, version: PRODUCER.version },
    features,
    inputs: emitted.inputs.map((input) => ({ ...input, features: [...input.features] })),
    outputs: outputs.map((o) => ({ name: o.name, role: o.role, ...(o.classes ? { classes: [...o.classes] } : {}) })),
    lineage: {
      trainingData: { digest: `sha256:${fingerprint}`, rows: table.rowCount, source: request.source },
      parameters: { algorithm: request.algorithm, target: request.target, task, seed, split: { ...split }, params: fit.params },
      metrics: flattenMetrics(metrics),
    },
    runtime: { onnxruntime: '>=1.16.0' },
  };
  return {
    modelBytes, spec, pipeline, metrics, params: fit.params, details: fit.details, reference: parts.train,
    predictTable: (rows) => fit.predict(transformTable(pipeline, rows)),
    dataset: { fingerprint, rows: table.rowCount, droppedRows: dropped, splitRows: { train: parts.train.rowCount, validation: parts.validation?.rowCount ?? 0, holdout: parts.holdout.rowCount } },
  };
}

function selectFeatures(table: Table, request: TabularTrainingRequest): Feature[] {
  const inferred = inferFeatures(table, { target: request.target, exclude: request.exclude ?? [] });
  if (!request.features) return inferred.filter((f) => f.type !== 'string');
  const byName = new Map(inferred.map((f) => [f.name, f]));
  return request.features.map((name) => {
    const feature = byName.get(name);
    if (!feature) throw new PitstopError('TRAINING_DATA_INVALID', `feature "${name}" is not a column of the data (or is the target)`, { field: 'features' });
    return feature;
  });
}

/** `holdout.accuracy`-style keys: the manifest's lineage keeps a flat name → number map. */
function flattenMetrics(metrics: Record<string, MetricValues>): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const [split, values] of Object.entries(metrics)) for (const [name, value] of Object.entries(values)) flat[`${split}.${name}`] = value;
  return flat;
}
