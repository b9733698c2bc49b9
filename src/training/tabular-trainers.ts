// The tabular algorithms behind one interface: fit on a feature matrix, predict in memory, emit an ONNX head.
import { PitstopError } from '../errors/index.js';
import { SILENT_PROGRESS, type Progress } from '../progress/index.js';
import type { OnnxGraphBuilder } from '../onnx/index.js';
import type { ClassLabels, EmittedOutput, FeatureMatrix } from './feature-matrix.js';
import { emitGbdtOnnx, predictGbdt, resolveGbdtParams, trainGbdtWithTrainingPredictions } from './gbdt/index.js';
import { DEFAULT_LOGISTIC_PARAMS, DEFAULT_RIDGE_PARAMS, emitLinearOnnx, predictLinear, trainLogistic, trainRidge, type LinearModel } from './linear/index.js';
import type { TabularTask } from './training-target.js';

export const TABULAR_ALGORITHMS = ['gbdt', 'ridge', 'logistic'] as const;
export type TabularAlgorithm = (typeof TABULAR_ALGORITHMS)[number];

export interface TabularFit {
  /** The parameters actually used, defaults filled in. */
  readonly params: Record<string, unknown>;
  /** Regression: one value per row; classification: rows × classes probabilities. */
  predict(matrix: FeatureMatrix): Float64Array;
  /** predict(train), where the trainer had it anyway (gbdt routes every training row through every tree). */
  readonly trainingPredictions?: Float64Array;
  emit(builder: OnnxGraphBuilder, input: string): EmittedOutput[];
  /** What the trainer reports about itself (iterations, best round, loss history). */
  readonly details: Record<string, unknown>;
}

export interface TabularTrainingInput {
  readonly task: TabularTask;
  readonly train: FeatureMatrix;
  readonly target: Float64Array | ClassLabels;
  readonly validation: { matrix: FeatureMatrix; target: Float64Array | ClassLabels } | null;
  readonly params: Record<string, unknown>;
  readonly seed: number;
  /** Hears of the trees built (gbdt) or of the training only. */
  readonly progress?: Progress;
}

/** The task each algorithm can do; gbdt does both. */
export function tasksOf(algorithm: TabularAlgorithm): readonly TabularTask[] {
  return algorithm === 'ridge' ? ['regression'] : algorithm === 'logistic' ? ['classification'] : ['classification', 'regression'];
}

export function fitTabular(algorithm: TabularAlgorithm, input: TabularTrainingInput): TabularFit {
  if (!tasksOf(algorithm).includes(input.task)) {
    throw new PitstopError('TRAINING_PARAMS_INVALID', `${algorithm} does ${tasksOf(algorithm).join(' and ')}, not ${input.task}`, { field: 'algo' });
  }
  if (algorithm !== 'gbdt') input.progress?.start(`training ${algorithm}`, { unit: '' });
  switch (algorithm) {
    case 'gbdt':
      return fitGbdt(input);
    case 'ridge':
      return linearFit(trainRidge(input.train, input.target as Float64Array, checkedKeys(input.params, DEFAULT_RIDGE_PARAMS)));
    case 'logistic':
      return linearFit(trainLogistic(input.train, input.target as ClassLabels, checkedKeys(input.params, DEFAULT_LOGISTIC_PARAMS)));
  }
}

function fitGbdt(input: TabularTrainingInput): TabularFit {
  const classes = input.task === 'classification' ? (input.target as ClassLabels).classes.length : 0;
  const objective = classes === 0 ? 'regression' : classes === 2 ? 'binary' : 'multiclass';
  // The run's seed is the trainer's unless the parameters name their own.
  const params = resolveGbdtParams(objective, { seed: input.seed, ...input.params });
  const { model, trainingPredictions } = trainGbdtWithTrainingPredictions(input.train, input.target, params, input.validation ?? undefined, input.progress ?? SILENT_PROGRESS);
  return {
    params: { ...params },
    predict: (matrix) => predictGbdt(model, matrix),
    trainingPredictions,
    emit: (builder, inputName) => emitGbdtOnnx(builder, model, inputName),
    details: { trees: model.trees.length, bestRound: model.bestRound, history: model.history },
  };
}

function linearFit(model: LinearModel): TabularFit {
  return {
    params: { ...model.params },
    predict: (matrix) => predictLinear(model, matrix),
    emit: (builder, inputName) => emitLinearOnnx(builder, model, inputName),
    details: 'iterations' in model && model.iterations !== undefined ? { iterations: model.iterations } : {},
  };
}

/** Refuses parameters the algorithm does not have, naming the ones it does. */
function checkedKeys<T extends object>(params: Record<string, unknown>, defaults: T): Partial<T> {
  for (const key of Object.keys(params)) {
    if (!(key in defaults)) {
      throw new PitstopError('TRAINING_PARAMS_INVALID', `unknown parameter "${key}"; this algorithm takes ${Object.keys(defaults).join(', ')}`, { field: key });
    }
  }
  return params as Partial<T>;
}
