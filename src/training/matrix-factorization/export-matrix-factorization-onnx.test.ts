import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { describeOnnxModel } from '../../onnx/index.js';
import {
  DEFAULT_MATRIX_FACTORIZATION_PARAMS,
  exportMatrixFactorizationOnnx,
  recommendTopK,
  trainMatrixFactorization,
  type MatrixFactorizationModel,
  type RatingsData,
} from './index.js';

/** Written out by hand: the unknown user ties items x and z, implicit bob ties w and z (see recommend-top-k.test.ts). */
const EXPLICIT: MatrixFactorizationModel = {
  feedback: 'explicit',
  userIds: ['ann', 'bob'],
  itemIds: ['w', 'x', 'y', 'z'],
  factors: 2,
  userFactors: Float32Array.of(1, 0, 0, 2),
  itemFactors: Float32Array.of(0.5, 0, 0, 0.25, 1, 1, -1, 0),
  userBias: Float32Array.of(0.5, -0.5),
  itemBias: Float32Array.of(0, 0.25, -0.25, 1),
  globalMean: 3,
  params: { ...DEFAULT_MATRIX_FACTORIZATION_PARAMS, factors: 2, topK: 3 },
  history: [],
};
const IMPLICIT: MatrixFactorizationModel = { ...EXPLICIT, feedback: 'implicit', userBias: undefined, itemBias: undefined, globalMean: undefined };

/** 12 users and 15 items with a made-up but fixed pattern of ratings. */
function smallRatings(): RatingsData {
  const users: string[] = [];
  const items: string[] = [];
  const ratings: number[] = [];
  for (let u = 0; u < 12; u++) {
    for (let i = 0; i < 15; i++) {
      if ((u * 7 + i * 3) % 4 === 0) continue;
      users.push(`u${u}`);
      items.push(`movie ${i}`);
      ratings.push(1 + ((u * i + u + 2 * i) % 9) / 2);
    }
  }
  return { users, items, ratings: Float64Array.from(ratings) };
}

async function recommendWithOnnx(bytes: Uint8Array, userIds: string[]): Promise<{ items: string[][]; scores: number[][]; k: number }> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const results = await session.run({ user_id: new ort.Tensor('string', userIds, [userIds.length]) });
    const [, k] = results.items!.dims as [number, number];
    expect(results.scores!.dims).toEqual([userIds.length, k]);
    const items = results.items!.data as string[];
    const scores = [...(results.scores!.data as Float32Array)];
    return {
      k,
      items: userIds.map((_, n) => items.slice(n * k, (n + 1) * k)),
      scores: userIds.map((_, n) => scores.slice(n * k, (n + 1) * k)),
    };
  } finally {
    await session.release();
  }
}

async function expectOnnxToMatchRecommendTopK(model: MatrixFactorizationModel, k: number): Promise<void> {
  const userIds = [...model.userIds, 'someone new'];
  const onnx = await recommendWithOnnx(exportMatrixFactorizationOnnx(model, { topK: k }).bytes, userIds);
  userIds.forEach((userId, n) => {
    const expected = recommendTopK(model, userId, k);
    expect(onnx.items[n], `items for ${userId}`).toEqual(expected.items);
    onnx.scores[n]!.forEach((score, j) => expect(Math.abs(score - expected.scores[j]!)).toBeLessThan(1e-5));
  });
}

describe('exportMatrixFactorizationOnnx', () => {
  it('returns, per user id, the same top-k items and scores as recommendTopK, ties broken by item order', async () => {
    await expectOnnxToMatchRecommendTopK(EXPLICIT, 3);
    await expectOnnxToMatchRecommendTopK(IMPLICIT, 4);
    const onnx = await recommendWithOnnx(exportMatrixFactorizationOnnx(EXPLICIT, { topK: 3 }).bytes, ['nobody']);
    expect(onnx).toEqual({ k: 3, items: [['y', 'x', 'z']], scores: [[4.25, 3.5, 3.5]] });
  });

  it('agrees with recommendTopK for trained explicit and implicit models', async () => {
    await expectOnnxToMatchRecommendTopK(trainMatrixFactorization(smallRatings(), { factors: 4, iterations: 5 }), 5);
    const implicit = trainMatrixFactorization(smallRatings(), { feedback: 'implicit', factors: 4, iterations: 5 });
    await expectOnnxToMatchRecommendTopK(implicit, 5);
  });

  it('declares a string input, a ranking and a score, and uses only the export opsets', () => {
    const exported = exportMatrixFactorizationOnnx(EXPLICIT, { topK: 2 });
    expect(exported.inputs).toEqual([{ name: 'user_id', dtype: 'string' }]);
    expect(exported.outputs).toEqual([
      { name: 'items', role: 'ranking' },
      { name: 'scores', role: 'score' },
    ]);
    const description = describeOnnxModel(exported.bytes);
    expect(description.opsets).toEqual([
      { domain: 'ai.onnx', version: 15 },
      { domain: 'ai.onnx.ml', version: 2 },
    ]);
    expect(description.operators).toEqual(['ai.onnx.ml:LabelEncoder', 'ai.onnx:Gather', 'ai.onnx:MatMul', 'ai.onnx:TopK']);
    expect(description.outputs.map((output) => [output.name, output.elemType, output.shape])).toEqual([
      ['items', 'string', ['N', 2]],
      ['scores', 'float32', ['N', 2]],
    ]);
  });

  it('takes k from the model’s params unless told, and caps it at the number of items', async () => {
    expect((await recommendWithOnnx(exportMatrixFactorizationOnnx(EXPLICIT).bytes, ['ann'])).k).toBe(3);
    expect((await recommendWithOnnx(exportMatrixFactorizationOnnx(EXPLICIT, { topK: 50 }).bytes, ['ann'])).k).toBe(4);
    expect(() => exportMatrixFactorizationOnnx(EXPLICIT, { topK: 0 })).toThrow(/topK must be a positive integer/);
  });

  it('writes the same bytes for the same data, params and seed', () => {
    for (const feedback of ['explicit', 'implicit'] as const) {
      const bytes = (): Uint8Array =>
        exportMatrixFactorizationOnnx(trainMatrixFactorization(smallRatings(), { feedback, factors: 3, iterations: 4, seed: 5 })).bytes;
      expect(bytes()).toEqual(bytes());
    }
  });
});
