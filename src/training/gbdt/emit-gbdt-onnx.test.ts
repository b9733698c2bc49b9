import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { decodeOnnxModel, OnnxGraphBuilder } from '../../onnx/index.js';
import { EXPORT_OPSETS, type EmittedOutput, type FeatureMatrix } from '../feature-matrix.js';
import { penguins, seededSplit, syntheticClasses, syntheticRegression, takeRows, takeTarget } from './gbdt-test-data.js';
import { emitGbdtOnnx, predictGbdt, resolveGbdtParams, trainGbdt, type GbdtModel } from './index.js';

function exportModel(model: GbdtModel): { bytes: Uint8Array; outputs: EmittedOutput[] } {
  const builder = new OnnxGraphBuilder().addInput('features', 'float32', [null, model.featureNames.length]);
  const outputs = emitGbdtOnnx(builder, model, 'features');
  return { bytes: builder.toBytes({ opsets: [...EXPORT_OPSETS], producerName: 'pitstop', producerVersion: '0' }), outputs };
}

// One intra-op thread, as Pitstop's runtime runs models: with several, onnxruntime splits the trees between threads and
// adds their partial float32 sums in another order, which moves a regression value of ~40 by up to ~3 ulps (1e-5).
async function runOnnx(bytes: Uint8Array, matrix: FeatureMatrix): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    return await session.run({ features: new ort.Tensor('float32', matrix.values, [matrix.rows, matrix.cols]) });
  } finally {
    await session.release();
  }
}

/** Rows to score: the given ones, plus rows that sit exactly on split thresholds and rows with NaN in split features. */
function withEdgeRows(model: GbdtModel, matrix: FeatureMatrix): FeatureMatrix {
  const extra: number[][] = [];
  const first = model.trees[0]!.nodes;
  for (const node of first) {
    if (node.kind !== 'split') continue;
    const atThreshold = Array.from(matrix.values.subarray(0, matrix.cols));
    atThreshold[node.feature] = node.threshold;
    const missing = [...atThreshold];
    missing[node.feature] = NaN;
    extra.push(atThreshold, missing);
  }
  extra.push(new Array<number>(matrix.cols).fill(NaN));
  const values = new Float32Array((matrix.rows + extra.length) * matrix.cols);
  values.set(matrix.values);
  values.set(extra.flat(), matrix.values.length);
  return { rows: matrix.rows + extra.length, cols: matrix.cols, values, columnNames: matrix.columnNames };
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('emitGbdtOnnx', () => {
  it('exports a regressor whose onnxruntime values match predictGbdt to 1e-5, on rows with NaN and on thresholds', async () => {
    const { matrix, target } = syntheticRegression({ rows: 3000, missing: 0.1, noise: 0.2, seed: 3 });
    const model = trainGbdt(matrix, target, resolveGbdtParams('regression', { nTrees: 80, maxDepth: 6, subsample: 0.8, colsample: 0.75, minLeaf: 5 }));
    const { bytes, outputs } = exportModel(model);
    expect(outputs).toEqual([{ name: 'value', role: 'value' }]);

    const rows = withEdgeRows(model, matrix);
    const results = await runOnnx(bytes, rows);
    expect(results.value?.dims).toEqual([rows.rows, 1]);
    const expected = predictGbdt(model, rows);
    expect(Math.min(...expected)).toBeLessThan(20);
    expect(Math.max(...expected)).toBeGreaterThan(35);
    expect(maxAbsDifference(results.value!.data as Float32Array, expected)).toBeLessThan(1e-5);
  });

  it('exports a binary classifier as one score column: onnxruntime gives [P(class 0), P(class 1)] per row, like predictGbdt', async () => {
    const { matrix, labels } = syntheticClasses({ rows: 2000, missing: 0.1, noise: 0.3, seed: 5 }, ['no', 'yes']);
    const model = trainGbdt(matrix, labels, resolveGbdtParams('binary', { nTrees: 60, minLeaf: 5 }));
    const { bytes, outputs } = exportModel(model);
    expect(outputs).toEqual([
      { name: 'label', role: 'label' },
      { name: 'probabilities', role: 'probabilities', classes: ['no', 'yes'] },
    ]);

    const rows = withEdgeRows(model, matrix);
    const results = await runOnnx(bytes, rows);
    expect(results.probabilities?.dims).toEqual([rows.rows, 2]);
    const expected = predictGbdt(model, rows);
    expect(maxAbsDifference(results.probabilities!.data as Float32Array, expected)).toBeLessThan(1e-5);
    const labelsOut = results.label!.data as string[];
    labelsOut.forEach((label, r) => {
      expect(expected[2 * r]! + expected[2 * r + 1]!).toBeCloseTo(1, 6);
      if (Math.abs(expected[2 * r + 1]! - 0.5) > 1e-6) expect(label).toBe(expected[2 * r + 1]! > 0.5 ? 'yes' : 'no');
    });
  });

  it('keeps binary labels consistent with the probabilities even when no leaf weight is negative', async () => {
    // onnxruntime switches to "raw score > 0.5" labels when every weight is ≥ 0; the emitter must prevent that.
    const model: GbdtModel = {
      objective: 'binary',
      classes: ['no', 'yes'],
      baseScores: [Math.fround(-0.3)],
      trees: [{ nodes: [
        { kind: 'split', feature: 0, threshold: 0.5, missingGoesLeft: true, left: 1, right: 2 },
        { kind: 'leaf', value: Math.fround(0.2) },
        { kind: 'leaf', value: Math.fround(0.4) },
      ] }],
      nTreesPerRound: 1,
      featureNames: ['x'],
      bestRound: 1,
      history: [],
      params: resolveGbdtParams('binary', {}),
    };
    const matrix: FeatureMatrix = { rows: 3, cols: 1, values: Float32Array.of(0, 1, NaN), columnNames: ['x'] };
    const results = await runOnnx(exportModel(model).bytes, matrix);
    expect(results.label!.data).toEqual(['no', 'yes', 'no']);
    expect(maxAbsDifference(results.probabilities!.data as Float32Array, predictGbdt(model, matrix))).toBeLessThan(1e-6);
  });

  it('exports a multiclass classifier with softmax probabilities in class order and argmax labels', async () => {
    const classes = ['low', 'middle', 'high', 'top'];
    const { matrix, labels } = syntheticClasses({ rows: 2400, missing: 0.05, noise: 0.2, seed: 7 }, classes);
    const model = trainGbdt(matrix, labels, resolveGbdtParams('multiclass', { nTrees: 30, maxDepth: 4, subsample: 0.7 }));
    expect(model.trees).toHaveLength(30 * 4);
    const { bytes, outputs } = exportModel(model);
    expect(outputs[1]).toEqual({ name: 'probabilities', role: 'probabilities', classes });

    const rows = withEdgeRows(model, matrix);
    const results = await runOnnx(bytes, rows);
    expect(results.probabilities?.dims).toEqual([rows.rows, 4]);
    const expected = predictGbdt(model, rows);
    expect(maxAbsDifference(results.probabilities!.data as Float32Array, expected)).toBeLessThan(1e-5);
    (results.label!.data as string[]).forEach((label, r) => {
      const p = Array.from(expected.subarray(4 * r, 4 * r + 4));
      expect(label).toBe(classes[p.indexOf(Math.max(...p))]);
    });
  });

  it('matches onnxruntime on the penguins data, whose measurements are missing for two birds', async () => {
    const { matrix, labels } = penguins();
    const model = trainGbdt(matrix, labels, resolveGbdtParams('multiclass', { nTrees: 40, minLeaf: 5 }));
    const results = await runOnnx(exportModel(model).bytes, matrix);
    expect(maxAbsDifference(results.probabilities!.data as Float32Array, predictGbdt(model, matrix))).toBeLessThan(1e-5);
  });

  it('exports trees that are a single leaf, as training on fewer than 2 × minLeaf rows makes them', async () => {
    const { matrix, target } = syntheticRegression({ rows: 30, seed: 17 });
    const model = trainGbdt(matrix, target, resolveGbdtParams('regression', { nTrees: 3 }));
    expect(model.trees.map((tree) => tree.nodes.length)).toEqual([1, 1, 1]);
    const results = await runOnnx(exportModel(model).bytes, matrix);
    expect(maxAbsDifference(results.value!.data as Float32Array, predictGbdt(model, matrix))).toBeLessThan(1e-5);
  });

  it('writes the same bytes for the same data, parameters and seed', () => {
    const { matrix, target } = syntheticRegression({ rows: 1500, missing: 0.05, seed: 11 });
    const params = resolveGbdtParams('regression', { nTrees: 20, subsample: 0.6, colsample: 0.5, seed: 42 });
    const first = exportModel(trainGbdt(matrix, target, params)).bytes;
    const second = exportModel(trainGbdt(matrix, target, params)).bytes;
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const otherSeed = exportModel(trainGbdt(matrix, target, { ...params, seed: 43 })).bytes;
    expect(Buffer.from(otherSeed).equals(Buffer.from(first))).toBe(false);
  });

  it('exports only the rounds up to bestRound after early stopping', async () => {
    const { matrix, target } = syntheticRegression({ rows: 1200, noise: 1.5, seed: 13 });
    const { train, holdout } = seededSplit(matrix.rows, 0.7, 1);
    const params = resolveGbdtParams('regression', { nTrees: 400, learningRate: 0.3, minLeaf: 5, earlyStoppingRounds: 10 });
    const model = trainGbdt(takeRows(matrix, train), takeTarget(target, train), params, {
      matrix: takeRows(matrix, holdout),
      target: takeTarget(target, holdout),
    });
    expect(model.bestRound).toBeLessThan(400);
    expect(model.history).toHaveLength(model.bestRound + 10);
    expect(model.trees).toHaveLength(model.bestRound);

    const { bytes } = exportModel(model);
    const node = decodeOnnxModel(bytes).graph!.node!.find((n) => n.opType === 'TreeEnsembleRegressor')!;
    const treeIds = node.attribute!.find((a) => a.name === 'nodes_treeids')!.ints!.map(Number);
    expect(new Set(treeIds).size).toBe(model.bestRound);
    const results = await runOnnx(bytes, matrix);
    expect(maxAbsDifference(results.value!.data as Float32Array, predictGbdt(model, matrix))).toBeLessThan(1e-5);
  });
});
