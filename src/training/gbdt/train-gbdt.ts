// The boosting loop: each round fits one tree per score column to the loss gradients of the current scores, and
// early stopping keeps the rounds up to the best validation loss.
import { SILENT_PROGRESS, type Progress } from '../../progress/index.js';
import type { ClassLabels, FeatureMatrix } from '../feature-matrix.js';
import { checkClasses, checkMatrix, checkTarget, checkValidation, invalid, type TrainingTarget } from './check-training-inputs.js';
import { binFeatures, type FeatureBins } from './feature-bins.js';
import { gbdtLoss, type GbdtLoss } from './gbdt-loss.js';
import { FlatEnsemble } from './flat-ensemble.js';
import type { GbdtModel, GbdtRoundLoss, GbdtTree } from './gbdt-model.js';
import { resolveGbdtParams, type GbdtParams } from './gbdt-params.js';
import { predictionsFromTreeSums } from './predict-gbdt.js';
import { binnedLeafValue, HistogramTreeGrower, type GrownTree } from './histogram-tree-grower.js';
import { SeededRandom } from './seeded-random.js';

export interface GbdtValidation {
  readonly matrix: FeatureMatrix;
  readonly target: Float64Array | ClassLabels;
}

export interface TrainedGbdt {
  readonly model: GbdtModel;
  /** Exactly what predictGbdt(model, train) returns, from the leaf values boosting already routed each row to. */
  readonly trainingPredictions: Float64Array;
}

/** The model alone; see trainGbdtWithTrainingPredictions. */
export function trainGbdt(
  train: FeatureMatrix,
  target: Float64Array | ClassLabels,
  givenParams: GbdtParams,
  validation?: GbdtValidation,
  progress: Progress = SILENT_PROGRESS,
): GbdtModel {
  return trainGbdtWithTrainingPredictions(train, target, givenParams, validation, progress).model;
}

/**
 * Trains synchronously on the calling thread (100,000 rows × 20 features, 100 trees: a few seconds); a caller that must
 * stay responsive runs it in a worker. Throws PitstopError('VALIDATION_FAILED') naming the field for unusable input.
 * `progress` hears of each tree built.
 */
export function trainGbdtWithTrainingPredictions(
  train: FeatureMatrix,
  target: Float64Array | ClassLabels,
  givenParams: GbdtParams,
  validation?: GbdtValidation,
  progress: Progress = SILENT_PROGRESS,
): TrainedGbdt {
  // Hand-built parameter objects get the same checks as resolved ones.
  const params = resolveGbdtParams(givenParams.objective, givenParams);
  checkMatrix(train, 'train');
  const trainTarget = checkTarget(params.objective, train, target, 'target');
  checkClasses(params.objective, trainTarget, 'target');
  let validationTarget: TrainingTarget | undefined;
  if (validation) {
    checkMatrix(validation.matrix, 'validation');
    validationTarget = checkTarget(params.objective, validation.matrix, validation.target, 'validation');
    checkValidation(train, trainTarget, validation.matrix, validationTarget);
  } else if (params.earlyStoppingRounds !== null) {
    throw invalid('earlyStoppingRounds', 'earlyStoppingRounds needs a validation set to watch.');
  }

  const classCount = trainTarget.classes?.length ?? 0;
  const loss = gbdtLoss(params.objective, trainTarget.values, classCount);
  const baseScores = loss.initialScores().map(Math.fround);
  const booster = new Booster(binFeatures(train, params.maxBins), loss, baseScores, params);
  const watched = validation && validationTarget
    ? new ValidationScores(validation.matrix, gbdtLoss(params.objective, validationTarget.values, classCount), baseScores)
    : null;

  progress.start('training gbdt', { total: params.nTrees * loss.scoreColumns, unit: 'trees' });
  const history: { round: number; trainLoss: number; validationLoss: number | null }[] = [];
  let bestRound = 0;
  let bestLoss = Infinity;
  // Early stopping keeps the trees up to the best round, so the training rows' sums are kept as they were then.
  const bestTreeSums = params.earlyStoppingRounds === null ? booster.treeSums : new Float64Array(booster.treeSums.length);
  for (let round = 1; round <= params.nTrees; round++) {
    const grown = booster.boostRound();
    // Each round's gradient pass measures the loss the previous round left.
    if (round > 1) history[round - 2]!.trainLoss = booster.lossBeforeRound;
    watched?.add(grown.map((g) => g.tree));
    const validationLoss = watched?.loss() ?? null;
    history.push({ round, trainLoss: NaN, validationLoss });
    progress.advance(round * loss.scoreColumns);
    if (params.earlyStoppingRounds === null || validationLoss === null) {
      bestRound = round;
    } else if (validationLoss < bestLoss || bestRound === 0) {
      bestLoss = validationLoss;
      bestRound = round;
      bestTreeSums.set(booster.treeSums);
    } else if (round - bestRound >= params.earlyStoppingRounds) {
      break;
    }
  }
  history[history.length - 1]!.trainLoss = booster.loss();
  const k = loss.scoreColumns;
  const model: GbdtModel = {
    objective: params.objective,
    classes: trainTarget.classes,
    baseScores,
    trees: booster.trees.slice(0, bestRound * k),
    nTreesPerRound: k,
    featureNames: [...train.columnNames],
    bestRound,
    history: history as GbdtRoundLoss[],
    params,
  };
  return { model, trainingPredictions: predictionsFromTreeSums(model, bestTreeSums, train.rows) };
}

/** The training side of boosting: scores, gradients, sampling and the tree grower, all allocated once. */
class Booster {
  readonly trees: GbdtTree[] = [];
  /** Per row and score column, the leaf values of the trees so far summed as predictGbdt sums them (float32 steps). */
  readonly treeSums: Float64Array;
  private readonly scores: Float64Array;
  private readonly gradients: Float64Array[];
  private readonly grower: HistogramTreeGrower;
  private readonly random: SeededRandom;
  private readonly rows: Int32Array;
  private readonly sampleSize: number;
  private readonly inSample: Uint8Array;
  private readonly featureCount: number;

  constructor(
    private readonly bins: FeatureBins,
    private readonly lossFunction: GbdtLoss,
    baseScores: number[],
    private readonly params: GbdtParams,
  ) {
    const k = lossFunction.scoreColumns;
    this.scores = new Float64Array(bins.rows * k);
    this.treeSums = new Float64Array(bins.rows * k);
    for (let r = 0; r < bins.rows; r++) for (let c = 0; c < k; c++) this.scores[r * k + c] = baseScores[c]!;
    this.gradients = Array.from({ length: k }, () => new Float64Array(2 * bins.rows));
    this.grower = new HistogramTreeGrower(bins, params);
    this.random = new SeededRandom(params.seed);
    this.rows = new Int32Array(bins.rows);
    this.sampleSize = Math.max(1, Math.round(params.subsample * bins.rows));
    this.inSample = new Uint8Array(bins.rows);
    this.featureCount = Math.max(1, Math.round(params.colsample * bins.cols));
  }

  /** The training loss of the scores the last boostRound started from. */
  lossBeforeRound = NaN;

  /** Fits one tree per score column and adds it to the training scores. */
  boostRound(): GrownTree[] {
    const k = this.lossFunction.scoreColumns;
    this.lossBeforeRound = this.lossFunction.gradients(this.scores, this.gradients);
    const grown: GrownTree[] = [];
    for (let column = 0; column < k; column++) {
      const rowCount = this.sampleRows();
      const features = this.random.sample(this.bins.cols, this.featureCount);
      const tree = this.grower.grow(this.gradients[column]!, this.rows, rowCount, features);
      this.grower.addLeafValues(this.scores, this.treeSums, k, column);
      if (rowCount < this.bins.rows) this.scoreUnsampledRows(tree, column);
      this.trees.push(tree.tree);
      grown.push(tree);
    }
    return grown;
  }

  loss(): number {
    return this.lossFunction.loss(this.scores);
  }

  private sampleRows(): number {
    const n = this.bins.rows;
    if (this.sampleSize >= n) {
      for (let r = 0; r < n; r++) this.rows[r] = r;
      return n;
    }
    this.random.sample(n, this.sampleSize, this.rows);
    this.inSample.fill(0);
    for (let k = 0; k < this.sampleSize; k++) this.inSample[this.rows[k]!] = 1;
    return this.sampleSize;
  }

  private scoreUnsampledRows(grown: GrownTree, column: number): void {
    const k = this.lossFunction.scoreColumns;
    for (let r = 0; r < this.bins.rows; r++) {
      if (this.inSample[r] === 0) {
        const value = binnedLeafValue(grown, this.bins, r);
        this.scores[r * k + column]! += value;
        this.treeSums[r * k + column] = Math.fround(this.treeSums[r * k + column]! + value);
      }
    }
  }
}

/** Raw scores of the validation rows, kept up to date tree by tree, and their loss. */
class ValidationScores {
  private readonly scores: Float64Array;

  constructor(
    private readonly matrix: FeatureMatrix,
    private readonly lossFunction: GbdtLoss,
    baseScores: number[],
  ) {
    const k = lossFunction.scoreColumns;
    this.scores = new Float64Array(matrix.rows * k);
    for (let r = 0; r < matrix.rows; r++) for (let c = 0; c < k; c++) this.scores[r * k + c] = baseScores[c]!;
  }

  /** Adds one round's trees, one per score column. */
  add(trees: GbdtTree[]): void {
    const k = trees.length;
    const { rows, cols, values } = this.matrix;
    for (let column = 0; column < k; column++) {
      const tree = new FlatEnsemble([trees[column]!]);
      for (let r = 0; r < rows; r++) this.scores[r * k + column]! += tree.leafValue(0, values, r * cols);
    }
  }

  loss(): number {
    return this.lossFunction.loss(this.scores);
  }
}
