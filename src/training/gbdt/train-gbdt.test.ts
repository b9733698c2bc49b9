import { describe, expect, it } from 'vitest';
import { PitstopError } from '../../errors/index.js';
import type { ClassLabels, FeatureMatrix } from '../feature-matrix.js';
import { cars, penguins, seededSplit, syntheticClasses, syntheticRegression, takeLabels, takeRows, takeTarget } from './gbdt-test-data.js';
import { predictGbdt, resolveGbdtParams, trainGbdt, trainGbdtWithTrainingPredictions } from './index.js';

function accuracy(probabilities: Float64Array, labels: ClassLabels): number {
  const k = labels.classes.length;
  let correct = 0;
  labels.indices.forEach((truth, r) => {
    const row = Array.from(probabilities.subarray(r * k, r * k + k));
    if (row.indexOf(Math.max(...row)) === truth) correct++;
  });
  return correct / labels.indices.length;
}

function rmse(predicted: Float64Array, target: Float64Array): number {
  return Math.sqrt(predicted.reduce((sum, p, i) => sum + (p - target[i]!) ** 2, 0) / target.length);
}

function expectInvalid(train: () => unknown, field: string, message: RegExp): void {
  try {
    train();
  } catch (error) {
    expect(error).toBeInstanceOf(PitstopError);
    expect((error as PitstopError).code).toBe('VALIDATION_FAILED');
    expect((error as PitstopError).field).toBe(field);
    expect((error as PitstopError).message).toMatch(message);
    return;
  }
  expect.fail('expected a PitstopError');
}

describe('trainGbdt on real data', () => {
  it('tells penguin species apart with at least 95% holdout accuracy (seeded 70/30 split)', () => {
    const { matrix, labels } = penguins();
    const { train, holdout } = seededSplit(matrix.rows, 0.7, 2024);
    const model = trainGbdt(takeRows(matrix, train), takeLabels(labels, train), resolveGbdtParams('multiclass', {}));
    const holdoutAccuracy = accuracy(predictGbdt(model, takeRows(matrix, holdout)), takeLabels(labels, holdout));
    console.info(`penguins holdout accuracy: ${holdoutAccuracy.toFixed(4)} (${holdout.length} birds)`);
    expect(holdoutAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(model.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
  });

  it('predicts the fuel economy of cars to within about 3 mpg RMSE on a holdout, far better than the mean', () => {
    const { matrix, target } = cars();
    const { train, holdout } = seededSplit(matrix.rows, 0.7, 2024);
    const model = trainGbdt(takeRows(matrix, train), takeTarget(target, train), resolveGbdtParams('regression', {}));
    const holdoutTarget = takeTarget(target, holdout);
    const holdoutRmse = rmse(predictGbdt(model, takeRows(matrix, holdout)), holdoutTarget);
    const meanRmse = rmse(holdoutTarget.map(() => model.baseScores[0]!), holdoutTarget);
    console.info(`cars holdout RMSE: ${holdoutRmse.toFixed(3)} mpg (predicting the mean: ${meanRmse.toFixed(3)})`);
    expect(holdoutRmse).toBeLessThan(3.5);
    expect(holdoutRmse).toBeLessThan(meanRmse / 2);
  });
});

describe('trainGbdt', () => {
  it('lowers the training loss round after round and records it', () => {
    const { matrix, target } = syntheticRegression({ rows: 1000, seed: 1 });
    const model = trainGbdt(matrix, target, resolveGbdtParams('regression', { nTrees: 30 }));
    expect(model.history.map((h) => h.round)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(model.history.every((h) => h.validationLoss === null)).toBe(true);
    const losses = model.history.map((h) => h.trainLoss);
    losses.slice(1).forEach((loss, i) => expect(loss).toBeLessThanOrEqual(losses[i]! + 1e-12));
    expect(model.bestRound).toBe(30);
    expect(model.trees).toHaveLength(30);
  });

  it("records as each round's training loss the loss of the model cut after that round, for every objective", () => {
    const { matrix, target } = syntheticRegression({ rows: 500, seed: 3 });
    const binary = syntheticClasses({ rows: 500, seed: 3 }, ['no', 'yes']);
    const multiclass = syntheticClasses({ rows: 500, seed: 3 }, ['a', 'b', 'c']);
    const cases = [
      ['regression', matrix, target],
      ['binary', binary.matrix, binary.labels],
      ['multiclass', multiclass.matrix, multiclass.labels],
    ] as const;
    for (const [objective, data, y] of cases) {
      const long = trainGbdt(data, y, resolveGbdtParams(objective, { nTrees: 12, subsample: 0.8 }));
      for (const rounds of [1, 5, 12]) {
        const short = trainGbdt(data, y, resolveGbdtParams(objective, { nTrees: rounds, subsample: 0.8 }));
        expect(long.history[rounds - 1]!.trainLoss).toBe(short.history.at(-1)!.trainLoss);
      }
      expect(long.history.every((h) => Number.isFinite(h.trainLoss))).toBe(true);
    }
  });

  it('hands back for its training rows exactly the predictions predictGbdt gives them: every objective, sampled rows and columns, missing values, early stopping', () => {
    const birds = penguins(); // missing values in several columns
    const { matrix: carMatrix, target: mpg } = cars();
    const binary = syntheticClasses({ rows: 800, seed: 5 }, ['no', 'yes']);
    const { train, holdout } = seededSplit(carMatrix.rows, 0.7, 5);
    const cases = [
      [birds.matrix, birds.labels, resolveGbdtParams('multiclass', { nTrees: 20, subsample: 0.7, colsample: 0.6 }), undefined],
      [binary.matrix, binary.labels, resolveGbdtParams('binary', { nTrees: 30, subsample: 0.8 }), undefined],
      [takeRows(carMatrix, train), takeTarget(mpg, train), resolveGbdtParams('regression', { nTrees: 300, learningRate: 0.5, minLeaf: 2, earlyStoppingRounds: 5 }),
        { matrix: takeRows(carMatrix, holdout), target: takeTarget(mpg, holdout) }],
    ] as const;
    for (const [matrix, target, params, validation] of cases) {
      const { model, trainingPredictions } = trainGbdtWithTrainingPredictions(matrix, target, params, validation);
      if (validation) expect(model.bestRound).toBeLessThan(model.history.length);
      expect(trainingPredictions).toEqual(predictGbdt(model, matrix));
    }
  });

  it('stops early when the validation loss stops improving, and keeps the trees of the best round', () => {
    const { matrix, target } = syntheticRegression({ rows: 1500, noise: 1.5, seed: 2 });
    const { train, holdout } = seededSplit(matrix.rows, 0.7, 3);
    const validation = { matrix: takeRows(matrix, holdout), target: takeTarget(target, holdout) };
    const model = trainGbdt(takeRows(matrix, train), takeTarget(target, train), resolveGbdtParams('regression', {
      nTrees: 500, learningRate: 0.3, minLeaf: 3, earlyStoppingRounds: 15,
    }), validation);
    expect(model.history.length).toBeLessThan(500);
    expect(model.history).toHaveLength(model.bestRound + 15);
    const best = Math.min(...model.history.map((h) => h.validationLoss!));
    expect(model.history[model.bestRound - 1]!.validationLoss).toBe(best);
    expect(model.trees).toHaveLength(model.bestRound);
    expect(rmse(predictGbdt(model, validation.matrix), validation.target)).toBeCloseTo(best, 4);
  });

  it('learns where missing values go: rows missing the deciding feature follow the rows they resemble', () => {
    // y is high when x0 > 0.5 or x0 is missing; a tree that sent missing values the default way would get them wrong.
    const rows = 2000;
    const values = new Float32Array(rows * 2);
    const target = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const x = (r * 7919) % 1000 / 1000;
      const missing = r % 5 === 0;
      values[2 * r] = missing ? NaN : x;
      values[2 * r + 1] = (r * 104729) % 997 / 997;
      target[r] = missing || x > 0.5 ? 40 : 10;
    }
    const matrix: FeatureMatrix = { rows, cols: 2, values, columnNames: ['x0', 'x1'] };
    const model = trainGbdt(matrix, target, resolveGbdtParams('regression', { nTrees: 50, learningRate: 0.3 }));
    const probe: FeatureMatrix = { rows: 3, cols: 2, values: Float32Array.of(NaN, 0.5, 0.1, 0.5, 0.9, 0.5), columnNames: ['x0', 'x1'] };
    const [missing, low, high] = predictGbdt(model, probe);
    expect(missing).toBeCloseTo(40, 0);
    expect(low).toBeCloseTo(10, 0);
    expect(high).toBeCloseTo(40, 0);
  });

  it('gives binary probabilities as two columns that sum to one, in class order', () => {
    const { matrix, labels } = syntheticClasses({ rows: 1500, seed: 4 }, ['cat', 'dog']);
    const model = trainGbdt(matrix, labels, resolveGbdtParams('binary', { nTrees: 40 }));
    expect(model.nTreesPerRound).toBe(1);
    const probabilities = predictGbdt(model, matrix);
    expect(probabilities).toHaveLength(2 * matrix.rows);
    for (let r = 0; r < matrix.rows; r++) expect(probabilities[2 * r]! + probabilities[2 * r + 1]!).toBeCloseTo(1, 6);
    expect(accuracy(probabilities, labels)).toBeGreaterThan(0.9);
  });

  it('honours minLeaf: no leaf holds fewer training rows', () => {
    const { matrix, target } = syntheticRegression({ rows: 600, seed: 5 });
    const model = trainGbdt(matrix, target, resolveGbdtParams('regression', { nTrees: 5, maxDepth: 8, minLeaf: 40 }));
    const values = [...predictGbdt({ ...model, trees: model.trees.slice(0, 1), bestRound: 1 }, matrix)];
    const rowsPerLeaf = new Map<number, number>();
    for (const value of values) rowsPerLeaf.set(value, (rowsPerLeaf.get(value) ?? 0) + 1);
    expect(Math.min(...rowsPerLeaf.values())).toBeGreaterThanOrEqual(40);
  });

  it('splits only on the sampled columns when colsample is below one', () => {
    const { matrix, target } = syntheticRegression({ rows: 800, cols: 10, seed: 6 });
    const model = trainGbdt(matrix, target, resolveGbdtParams('regression', { nTrees: 20, colsample: 0.2 }));
    for (const tree of model.trees) {
      const used = new Set(tree.nodes.flatMap((node) => (node.kind === 'split' ? [node.feature] : [])));
      expect(used.size).toBeLessThanOrEqual(2);
    }
  });

  it('refuses mismatched rows and targets, naming both lengths', () => {
    const { matrix, target } = syntheticRegression({ rows: 100, seed: 7 });
    expectInvalid(() => trainGbdt(matrix, target.subarray(0, 99), resolveGbdtParams('regression', {})), 'target', /99 values .* 100 rows/);
  });

  it('refuses classification when the target holds a single class', () => {
    const { matrix } = syntheticRegression({ rows: 100, seed: 8 });
    const labels: ClassLabels = { classes: ['only'], indices: new Int32Array(100) };
    expectInvalid(() => trainGbdt(matrix, labels, resolveGbdtParams('multiclass', {})), 'target', /only one class \(only\)/);
    const twoNamed: ClassLabels = { classes: ['a', 'b'], indices: new Int32Array(100) };
    expectInvalid(() => trainGbdt(matrix, twoNamed, resolveGbdtParams('binary', {})), 'target', /only one class \(a\)/);
  });

  it('refuses a binary objective with three classes, a multiclass one with two, and targets of the wrong kind', () => {
    const { matrix, labels } = syntheticClasses({ rows: 300, seed: 9 }, ['a', 'b', 'c']);
    expectInvalid(() => trainGbdt(matrix, labels, resolveGbdtParams('binary', {})), 'target', /exactly 2 classes/);
    const two = syntheticClasses({ rows: 300, seed: 9 }, ['a', 'b']);
    expectInvalid(() => trainGbdt(two.matrix, two.labels, resolveGbdtParams('multiclass', {})), 'target', /at least 3 classes.*binary/);
    expectInvalid(() => trainGbdt(matrix, labels, resolveGbdtParams('regression', {})), 'target', /numeric target/);
    expectInvalid(() => trainGbdt(matrix, new Float64Array(300), resolveGbdtParams('binary', {})), 'target', /class labels/);
  });

  it('refuses a non-finite regression target and early stopping without a validation set', () => {
    const { matrix, target } = syntheticRegression({ rows: 100, seed: 10 });
    const withNaN = Float64Array.from(target);
    withNaN[17] = NaN;
    expectInvalid(() => trainGbdt(matrix, withNaN, resolveGbdtParams('regression', {})), 'target', /row 17 is NaN/);
    expectInvalid(() => trainGbdt(matrix, target, resolveGbdtParams('regression', { earlyStoppingRounds: 5 })), 'earlyStoppingRounds', /validation/);
  });

  it('refuses a validation set with other columns or other classes', () => {
    const { matrix, labels } = syntheticClasses({ rows: 300, seed: 11 }, ['a', 'b', 'c']);
    const params = resolveGbdtParams('multiclass', { nTrees: 2 });
    const narrower = { ...matrix, cols: 7, values: matrix.values.subarray(0, 7 * 300), columnNames: matrix.columnNames.slice(0, 7) };
    expectInvalid(() => trainGbdt(matrix, labels, params, { matrix: narrower, target: labels }), 'validation', /7 columns/);
    const renamed = { classes: ['a', 'b', 'z'], indices: labels.indices };
    expectInvalid(() => trainGbdt(matrix, labels, params, { matrix, target: renamed }), 'validation', /classes/);
  });
});
