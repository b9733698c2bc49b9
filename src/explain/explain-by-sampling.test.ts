import { describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import { exactShapley, explainBySampling, type PredictRows } from './index.js';
import { seededRandom } from './seeded-random.js';

const K = 6;

/** A nonlinear function of six features, with an interaction, a threshold and a feature that does nothing. */
function f(x: ArrayLike<number>): number {
  const [a = 0, b = 0, c = 0, d = 0, e = 0] = Array.from(x);
  return a * b + Math.sin(c) + Math.max(d, e) + (a > 0.5 ? 1.5 : -0.5) + 0 * (x[5] as number);
}

const predict: PredictRows = async (rows, n) =>
  Float64Array.from({ length: n }, (_, row) => f(rows.subarray(row * K, (row + 1) * K)));

const random = seededRandom(7);
const BACKGROUND = Float32Array.from({ length: 25 * K }, () => random() * 4 - 2);
const ROW = Float32Array.from([1.2, -0.7, 2.1, 0.4, 1.6, 3]);

/** Interventional Shapley values: v(S) = mean over background rows of f with S taken from the row. */
function exactInterventional(): Float64Array {
  const rows = BACKGROUND.length / K;
  return exactShapley(K, (coalition) => {
    let total = 0;
    for (let r = 0; r < rows; r += 1) {
      const hybrid = BACKGROUND.slice(r * K, (r + 1) * K);
      for (let feature = 0; feature < K; feature += 1) if (coalition & (1 << feature)) hybrid[feature] = ROW[feature] as number;
      total += f(hybrid);
    }
    return total / rows;
  });
}

describe('explainBySampling', () => {
  it('lands within 3 standard errors of the exact Shapley value for every feature', async () => {
    const explanation = await explainBySampling(predict, ROW, { background: BACKGROUND, pairs: 400, seed: 11 });
    const exact = exactInterventional();
    for (const item of explanation.contributions) {
      const error = Math.abs(item.contribution - (exact[item.index] as number));
      expect(error).toBeLessThanOrEqual(3 * (item.standardError as number) + 1e-12);
    }
  });

  it('adds up exactly to f(row) − mean f(background) thanks to the efficiency adjustment', async () => {
    const explanation = await explainBySampling(predict, ROW, { background: BACKGROUND, pairs: 50 });
    expect(explanation.method).toBe('sampling');
    expect(explanation.output).toBeCloseTo(f(ROW), 12);
    expect(explanation.additivityGap).toBeLessThan(1e-9);
  });

  it('gives a feature the function ignores 0 with a standard error of 0', async () => {
    const explanation = await explainBySampling(predict, ROW, { background: BACKGROUND, pairs: 20 });
    expect(explanation.contributions[5]).toMatchObject({ contribution: 0, standardError: 0 });
  });

  it('is deterministic for a seed and batches its calls to predict', async () => {
    const calls: number[] = [];
    const counting: PredictRows = (rows, n) => (calls.push(n), predict(rows, n));
    const first = await explainBySampling(counting, ROW, { background: BACKGROUND, pairs: 10, seed: 3, pairsPerBatch: 4 });
    const second = await explainBySampling(predict, ROW, { background: BACKGROUND, pairs: 10, seed: 3 });
    expect(first).toEqual(second);
    // The row, the background, then 4 + 4 + 2 pairs of two (k + 1)-row chains.
    expect(calls).toEqual([1, 25, 4 * 2 * 7, 4 * 2 * 7, 2 * 2 * 7]);
  });

  it('refuses a predict that does not return one output per row', async () => {
    const broken: PredictRows = async () => new Float64Array(1);
    await expect(explainBySampling(broken, ROW, { background: BACKGROUND })).rejects.toThrow(/one per row/);
  });

  it('refuses a background whose length is not whole rows', async () => {
    await expect(explainBySampling(predict, ROW, { background: new Float32Array(7) })).rejects.toThrow(PitstopError);
  });
});
