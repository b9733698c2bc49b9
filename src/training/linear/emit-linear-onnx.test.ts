import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxGraphBuilder } from '../../onnx/index.js';
import { EXPORT_OPSETS, type ClassLabels, type FeatureMatrix } from '../feature-matrix.js';
import { emitLinearOnnx, predictLinear, trainLogistic, trainRidge, type LinearModel } from './index.js';

const matrixOf = (rows: number[][]): FeatureMatrix => ({
  rows: rows.length,
  cols: rows[0]?.length ?? 0,
  values: Float32Array.from(rows.flat()),
  columnNames: (rows[0] ?? []).map((_, c) => `x${c}`),
});

const ROWS = [[0.5, -1, 2], [1.5, 0, -0.5], [-2, 1, 1], [3, -2, 0.25], [0, 0, 0], [-1, 2.5, -1.5], [2, 1, 1], [-0.5, -0.5, 3]];
const MATRIX = matrixOf(ROWS);
const TARGET = Float64Array.from(ROWS, ([a, b, c]) => 3 * a! - b! + 0.5 * c! + 7 + Math.sin(a! * 5));
const labels = (classes: string[], indices: number[]): ClassLabels => ({ classes, indices: Int32Array.from(indices) });

function exportModel(model: LinearModel): { bytes: Uint8Array; outputs: ReturnType<typeof emitLinearOnnx> } {
  const builder = new OnnxGraphBuilder().addInput('features', 'float32', ['N', model.featureNames.length]);
  const outputs = emitLinearOnnx(builder, model, 'features');
  const bytes = builder.toBytes({ opsets: [...EXPORT_OPSETS], producerName: 'pitstop-test', producerVersion: '1' });
  return { bytes, outputs };
}

async function runOnnx(bytes: Uint8Array, matrix: FeatureMatrix): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run({ features: new ort.Tensor('float32', matrix.values, [matrix.rows, matrix.cols]) });
  } finally {
    await session.release();
  }
}

describe('emitLinearOnnx', () => {
  it('exports ridge as a LinearRegressor whose value [N, 1] matches predictLinear', async () => {
    const model = trainRidge(MATRIX, TARGET, { alpha: 0.5 });
    const { bytes, outputs } = exportModel(model);
    expect(outputs).toEqual([{ name: 'value', role: 'value' }]);
    const results = await runOnnx(bytes, MATRIX);
    expect(results.value?.dims).toEqual([ROWS.length, 1]);
    const expected = predictLinear(model, MATRIX);
    [...(results.value?.data as Float32Array)].forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
  });

  it('exports logistic as a softmax LinearClassifier: labels, and probabilities [N, K] equal to predictLinear', async () => {
    const model = trainLogistic(MATRIX, labels(['red', 'green', 'blue'], [0, 1, 2, 0, 1, 2, 0, 2]), { lambda: 0.05 });
    const { bytes, outputs } = exportModel(model);
    expect(outputs).toEqual([
      { name: 'label', role: 'label' },
      { name: 'probabilities', role: 'probabilities', classes: ['red', 'green', 'blue'] },
    ]);
    const results = await runOnnx(bytes, MATRIX);
    const expected = predictLinear(model, MATRIX);
    expect(results.probabilities?.dims).toEqual([ROWS.length, 3]);
    [...(results.probabilities?.data as Float32Array)].forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 5));
    const argmax = ROWS.map((_, r) => {
      const row = [...expected.subarray(r * 3, r * 3 + 3)];
      return model.classes[row.indexOf(Math.max(...row))];
    });
    expect(results.label?.data).toEqual(argmax);
  });

  it('exports a binary model as two softmax rows, so its probabilities are [N, 2] like any other class count', async () => {
    const model = trainLogistic(MATRIX, labels(['no', 'yes'], [0, 1, 1, 0, 0, 1, 1, 0]), {});
    const results = await runOnnx(exportModel(model).bytes, MATRIX);
    const expected = predictLinear(model, MATRIX);
    expect(results.probabilities?.dims).toEqual([ROWS.length, 2]);
    [...(results.probabilities?.data as Float32Array)].forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 5));
  });

  it('refuses a model whose numbers do not fit its feature names and classes', () => {
    const model = trainRidge(MATRIX, TARGET, {});
    const builder = new OnnxGraphBuilder().addInput('features', 'float32', ['N', 3]);
    expect(() => emitLinearOnnx(builder, { ...model, featureNames: ['a', 'b'] }, 'features')).toThrow(
      /needs 1 coefficient row\(s\) of 2 weights and 1 intercept/,
    );
  });

  it('writes the same bytes for the same data and params', () => {
    const train = (): LinearModel => trainLogistic(MATRIX, labels(['a', 'b'], [0, 1, 1, 0, 0, 1, 1, 0]), {});
    expect(exportModel(train()).bytes).toEqual(exportModel(train()).bytes);
    const ridge = (): LinearModel => trainRidge(MATRIX, TARGET, {});
    expect(exportModel(ridge()).bytes).toEqual(exportModel(ridge()).bytes);
  });
});

// Why a binary model is not exported the way skl2onnx does it: pins how onnxruntime lays out a one-row classifier.
describe('onnxruntime 1.30: a LinearClassifier with one coefficient row and two labels', () => {
  const oneRow = async (postTransform: string): Promise<number[]> => {
    const builder = new OnnxGraphBuilder()
      .addInput('features', 'float32', ['N', 1])
      .addNode(
        'LinearClassifier',
        ['features'],
        ['label', 'probabilities'],
        { classlabels_strings: ['a', 'b'], coefficients: { floats: [1] }, intercepts: { floats: [0.5] }, post_transform: postTransform },
        'ai.onnx.ml',
      )
      .addOutput('label', 'string', ['N'])
      .addOutput('probabilities', 'float32', ['N', 2]);
    const bytes = builder.toBytes({ opsets: [...EXPORT_OPSETS], producerName: 'pitstop-test', producerVersion: '1' });
    const results = await runOnnx(bytes, matrixOf([[1]]));
    return [...(results.probabilities?.data as Float32Array)];
  };

  it('gives [1 − σ(s), σ(s)] under LOGISTIC', async () => {
    const sigmoid = 1 / (1 + Math.exp(-1.5));
    (await oneRow('LOGISTIC')).forEach((p, i) => expect(p).toBeCloseTo([1 - sigmoid, sigmoid][i]!, 6));
  });

  it('gives the raw [1 − s, s] under SOFTMAX: no softmax at all', async () => {
    expect(await oneRow('SOFTMAX')).toEqual([-0.5, 1.5]);
  });
});
