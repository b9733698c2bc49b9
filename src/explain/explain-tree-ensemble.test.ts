import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import { treeRegressorOnnx } from './explain-fixture-models.js';
import { exactShapley, explainTreeEnsemble, readTreeEnsemble, scoredTrees, conditionalTreeValue, scoredTreeValue } from './index.js';

const ROWS: number[][] = [
  [0.2, 0.5, 2.5, -1],
  [-0.8, 1.5, 0.5, 0.7],
  [0.9, 3, 1.2, 0.2],
  [0.5, 1, 2, 0.5], // every threshold hit exactly: LEQ/GTE go true, LT/GT go false
  [Number.NaN, 0.1, 3, -2], // feature 0 missing: its root split sends NaN to the true branch
];

async function onnxruntimeOutput(bytes: Uint8Array, row: number[]): Promise<number> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const results = await session.run({ X: new ort.Tensor('float32', Float32Array.from(row), [1, row.length]) });
    return (results.Y?.data as Float32Array)[0] as number;
  } finally {
    await session.release();
  }
}

/** The definition TreeSHAP must agree with: Shapley values of v(S) = Σ trees E[tree | x_S] under the covers. */
function bruteForce(bytes: Uint8Array, row: Float32Array): Float64Array {
  const trees = scoredTrees(readTreeEnsemble(bytes), 0, row.length);
  return exactShapley(row.length, (coalition) =>
    trees.reduce((sum, tree) => sum + conditionalTreeValue(tree, row, (feature) => (coalition & (1 << feature)) !== 0), 0),
  );
}

describe('explainTreeEnsemble', () => {
  const bytes = treeRegressorOnnx();

  for (const values of ROWS) {
    const row = Float32Array.from(values);
    it(`matches the brute-force Shapley values over all 16 coalitions for [${values.join(', ')}]`, () => {
      const explanation = explainTreeEnsemble(bytes, row);
      const exact = bruteForce(bytes, row);
      explanation.contributions.forEach((item, index) => expect(Math.abs(item.contribution - (exact[index] as number))).toBeLessThan(1e-9));
    });

    it(`adds up to output − baseline and gives onnxruntime's output for [${values.join(', ')}]`, async () => {
      const explanation = explainTreeEnsemble(bytes, row);
      expect(explanation.method).toBe('tree-shap');
      expect(explanation.additivityGap).toBeLessThan(1e-9);
      expect(Math.abs(explanation.output - (await onnxruntimeOutput(bytes, values)))).toBeLessThan(1e-5);
    });
  }

  it('uses the hitrates as covers, so the baseline is the cover-weighted mean leaf plus the base value', () => {
    // Tree 0: (25·1.5 + 15·−0.7 + 20·0.3 + 10·2.2 + 30·−1.1)/100; tree 1 and tree 2 likewise.
    const expected = 0.5 + (37.5 - 10.5 + 6 + 22 - 33) / 100 + (18 - 10 + 3 + 15) / 100 + (17.5 - 8 + 26) / 100;
    expect(explainTreeEnsemble(bytes, Float32Array.from([0, 0, 0, 0])).baseline).toBeCloseTo(expected, 6); // leaf weights are stored as float32
  });

  it('gives a feature no tree splits on a contribution of exactly 0', () => {
    const padded = Float32Array.from([0.2, 0.5, 2.5, -1, 42]);
    expect(explainTreeEnsemble(bytes, padded).contributions[4]?.contribution).toBe(0);
  });

  it('counts covers from the background when the model has no hitrates, making the baseline the background mean', () => {
    const noHitrates = treeRegressorOnnx({ withHitrates: false });
    const background = Float32Array.from(ROWS.slice(0, 4).flat().concat([1, -1, 0, 3, -2, 2, 2, -0.3]));
    const row = Float32Array.from(ROWS[1] as number[]);
    const explanation = explainTreeEnsemble(noHitrates, row, { background });
    const trees = scoredTrees(readTreeEnsemble(noHitrates), 0, 4, background);
    let mean = 0;
    for (let r = 0; r < background.length / 4; r += 1) {
      const backgroundRow = background.subarray(r * 4, r * 4 + 4);
      mean += trees.reduce((sum, tree) => sum + scoredTreeValue(tree, backgroundRow), 0.5);
    }
    expect(explanation.baseline).toBeCloseTo(mean / (background.length / 4), 12);
    expect(explanation.additivityGap).toBeLessThan(1e-9);
  });

  it('refuses a model without hitrates when no background is given, and names the background', () => {
    const attempt = () => explainTreeEnsemble(treeRegressorOnnx({ withHitrates: false }), Float32Array.from([0, 0, 0, 0]));
    expect(attempt).toThrow(PitstopError);
    expect(attempt).toThrow(/background/);
  });

  it('refuses a row narrower than the features the trees split on', () => {
    expect(() => explainTreeEnsemble(bytes, Float32Array.from([0, 0, 0]))).toThrow(/feature 3/);
  });

  it('names features as given', () => {
    const names = ['age', 'income', 'tenure', 'balance'];
    const explanation = explainTreeEnsemble(bytes, Float32Array.from(ROWS[0] as number[]), { featureNames: names });
    expect(explanation.contributions.map((item) => item.name)).toEqual(names);
  });
});
