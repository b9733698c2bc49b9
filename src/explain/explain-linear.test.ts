import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import { OnnxGraphBuilder } from '../onnx/index.js';
import { mlLinearClassifierOnnx, mlLinearRegressorOnnx, treeRegressorOnnx } from './explain-fixture-models.js';
import { explainLinear, readLinearModel } from './index.js';

const COEFFICIENTS = [0.5, -2, 0.125, 3];
const ROW = Float32Array.from([1.5, 0.25, -4, 2]);
const BACKGROUND = Float32Array.from([1, 0, 0, 1, 3, 1, -2, 0, 2, 2, 2, -1]); // three rows; means 2, 1, 0, 0

async function onnxruntimeOutputs(bytes: Uint8Array, row: Float32Array, output: string): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const results = await session.run({ X: new ort.Tensor('float32', row, [1, row.length]) }, [output]);
    return results[output]?.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('explainLinear', () => {
  const regressor = mlLinearRegressorOnnx([COEFFICIENTS], [0.75]);

  it('gives each feature its coefficient times its distance from the background mean', () => {
    const explanation = explainLinear(regressor, ROW, { background: BACKGROUND });
    expect(explanation.method).toBe('linear');
    expect(explanation.contributions.map((item) => item.contribution)).toEqual([0.5 * -0.5, -2 * -0.75, 0.125 * -4, 3 * 2]);
    expect(explanation.baseline).toBe(0.75 + 0.5 * 2 - 2 * 1);
    expect(explanation.additivityGap).toBeLessThan(1e-12);
  });

  it("computes onnxruntime's output for the row", async () => {
    const explanation = explainLinear(regressor, ROW, { background: BACKGROUND });
    const [expected] = await onnxruntimeOutputs(regressor, ROW, 'Y');
    expect(Math.abs(explanation.output - (expected as number))).toBeLessThan(1e-5);
  });

  it('measures against an all-zero input, so the baseline is the intercept, when there is no background', () => {
    const explanation = explainLinear(regressor, ROW);
    expect(explanation.baseline).toBe(0.75);
    expect(explanation.contributions.map((item) => item.contribution)).toEqual(COEFFICIENTS.map((c, i) => c * (ROW[i] as number)));
  });

  it('explains the raw score of the class it is asked about, as onnxruntime computes it', async () => {
    const coefficients = [[1, 0, 0, -1], [0.5, 0.5, 0.5, 0.5], [-2, 1, 0, 0.25]];
    const classifier = mlLinearClassifierOnnx(coefficients, [0.1, -0.2, 0.3]);
    const scores = await onnxruntimeOutputs(classifier, ROW, 'scores');
    for (const target of [0, 1, 2]) {
      const explanation = explainLinear(classifier, ROW, { background: BACKGROUND, target });
      expect(Math.abs(explanation.output - (scores[target] as number))).toBeLessThan(1e-5);
      expect(explanation.additivityGap).toBeLessThan(1e-12);
    }
  });

  it('reads the coefficients of a multi-target regressor one row per target', () => {
    const model = readLinearModel(mlLinearRegressorOnnx([[1, 2], [3, 4]], [5, 6]));
    expect(model).toEqual({ opType: 'LinearRegressor', coefficients: [[1, 2], [3, 4]], intercepts: [5, 6], postTransform: 'NONE' });
  });

  it('refuses a row whose width differs from the coefficients, a missing target, and a model that is not linear', () => {
    expect(() => explainLinear(regressor, Float32Array.from([1, 2]))).toThrow(/2 features .* 4/);
    expect(() => explainLinear(regressor, ROW, { target: 1 })).toThrow(/Target 1/);
    expect(() => explainLinear(treeRegressorOnnx(), ROW)).toThrow(PitstopError);
  });

  it('reads a head behind a computed input only when the caller says it computes that input itself', () => {
    const scaled = new OnnxGraphBuilder()
      .addInput('X', 'float32', ['N', 2])
      .addNode('Scaler', ['X'], ['scaled'], { offset: { floats: [1, 2] }, scale: { floats: [0.5, 0.25] } }, 'ai.onnx.ml')
      .addNode('LinearRegressor', ['scaled'], ['Y'], { coefficients: { floats: [3, -1] }, intercepts: { floats: [0.5] } }, 'ai.onnx.ml')
      .addOutput('Y', 'float32', ['N', 1])
      .toBytes({ opsets: [{ domain: '', version: 15 }, { domain: 'ai.onnx.ml', version: 2 }], producerName: 'test', producerVersion: '1', graphName: 'scaled' });
    expect(() => readLinearModel(scaled)).toThrow(/reads 'scaled', which is computed inside the model/);
    expect(readLinearModel(scaled, { allowComputedInput: true }).coefficients).toEqual([[3, -1]]);
  });
});
