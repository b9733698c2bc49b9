// The committed fixtures were saved by the real XGBoost 1.7.4 with its predictions (test/fixtures/xgboost, made by
// make-xgboost-fixtures.py): an imported model must predict what XGBoost predicts and explain itself as XGBoost does.
import fs from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { explainTreeEnsemble } from '../../explain/index.js';
import { float32Below } from './import-xgboost-model.js';
import { importXgboostModel, IMPORTED_INPUT } from './index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/xgboost');
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as {
  features: string[];
  rows: (number | null)[][];
  models: Record<string, { margins: number[] | number[][]; predictions: number[]; contributions?: number[][] }>;
};
const rows = Float32Array.from(expected.rows.flat(), (v) => (v === null ? NaN : v));
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

async function runOnnx(bytes: Uint8Array): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    return (await session.run({ [IMPORTED_INPUT]: new ort.Tensor('float32', rows, [expected.rows.length, expected.features.length]) })) as Record<string, ort.Tensor>;
  } finally {
    await session.release();
  }
}

const softmax = (margins: number[]) => {
  const top = Math.max(...margins);
  const e = margins.map((m) => Math.exp(m - top));
  return e.map((v) => v / e.reduce((a, b) => a + b, 0));
};

describe('importXgboostModel on models saved by XGBoost 1.7.4', () => {
  it.each(['binary.json', 'binary.ubj'])('gives the labels and probabilities XGBoost gives for %s, missing values and thresholds included', async (name) => {
    const imported = importXgboostModel(fixture(name), { name: 'churn' });
    expect(imported.spec).toMatchObject({ task: 'classification', framework: { name: 'xgboost', version: '1.7.4' } });
    expect(imported.spec.features.map((f) => f.name)).toEqual(expected.features);
    const out = await runOnnx(imported.modelBytes);
    const probabilities = out.probabilities!.data as Float32Array;
    const want = expected.models[name]!;
    want.predictions.forEach((p, r) => {
      expect(probabilities[2 * r + 1]).toBeCloseTo(p, 5);
      expect(Math.abs(probabilities[2 * r + 1]! - p)).toBeLessThan(1e-5);
      expect((out.label!.data as string[])[r]).toBe(p > 0.5 ? '1' : '0');
    });
  });

  it.each(['multiclass.json', 'multiclass-softmax.ubj'])('gives the classes and probabilities XGBoost gives for %s', async (name) => {
    const imported = importXgboostModel(fixture(name), { name: 'tiers' });
    const out = await runOnnx(imported.modelBytes);
    const probabilities = out.probabilities!.data as Float32Array;
    const want = expected.models[name]!;
    (want.margins as number[][]).forEach((margins, r) => {
      const p = softmax(margins);
      p.forEach((value, c) => expect(Math.abs(probabilities[3 * r + c]! - value)).toBeLessThan(1e-5));
      const label = name === 'multiclass.json' ? p.indexOf(Math.max(...p)) : want.predictions[r]!;
      expect((out.label!.data as string[])[r]).toBe(String(label));
    });
    if (name === 'multiclass.json') {
      // softprob's predictions are the probabilities themselves.
      (want.predictions as unknown as number[][]).flat().forEach((p, i) => expect(Math.abs(probabilities[i]! - p)).toBeLessThan(1e-5));
      expect(imported.spec.features.map((f) => f.name)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5']);
    }
  });

  it.each(['regression.json', 'regression-dart.json'])('gives the values XGBoost gives for %s', async (name) => {
    const imported = importXgboostModel(fixture(name), { name: 'spend' });
    expect(imported.spec.task).toBe('regression');
    const values = (await runOnnx(imported.modelBytes)).value!.data as Float32Array;
    expected.models[name]!.predictions.forEach((v, r) => expect(Math.abs(values[r]! - v)).toBeLessThan(1e-5 * Math.max(1, Math.abs(v))));
  });

  it.each(['binary.json', 'regression.json'])("explains %s with TreeSHAP as XGBoost's pred_contribs does, contributions adding up to the raw score", (name) => {
    const { modelBytes } = importXgboostModel(fixture(name), { name: 'm' });
    const want = expected.models[name]!;
    const k = expected.features.length;
    want.contributions!.forEach((contributions, r) => {
      const explanation = explainTreeEnsemble(modelBytes, rows.subarray(r * k, (r + 1) * k), { featureNames: expected.features });
      const phi = explanation.contributions.map((c) => c.contribution);
      phi.forEach((value, f) => expect(Math.abs(value - contributions[f]!)).toBeLessThan(1e-4));
      expect(Math.abs(explanation.baseline - contributions[k]!)).toBeLessThan(1e-4);
      const margin = (want.margins as number[])[r]!;
      expect(Math.abs(explanation.baseline + phi.reduce((a, b) => a + b, 0) - margin)).toBeLessThan(1e-4);
      expect(Math.abs(explanation.output - margin)).toBeLessThan(1e-4);
    });
  });

  it('refuses categorical splits and log-link objectives, naming what is not supported', () => {
    expect(() => importXgboostModel(fixture('categorical.json'), { name: 'm' })).toThrow(
      expect.objectContaining({ code: 'MODEL_IMPORT_UNSUPPORTED', message: expect.stringMatching(/splits feature "plan" by categories .*one-hot encode/) }),
    );
    expect(() => importXgboostModel(fixture('poisson.json'), { name: 'm' })).toThrow(
      expect.objectContaining({ code: 'MODEL_IMPORT_UNSUPPORTED', message: expect.stringMatching(/^the objective count:poisson is not supported; Pitstop imports reg:squarederror/) }),
    );
  });

  it('takes feature names from --feature-names, refusing a wrong count or an unusable name', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(importXgboostModel(fixture('multiclass.json'), { name: 'm', featureNames: names }).spec.inputs[0]!.features).toEqual(names);
    expect(() => importXgboostModel(fixture('multiclass.json'), { name: 'm', featureNames: ['a'] })).toThrow(/--feature-names gives 1 names; the model reads 6 features/);
    expect(() => importXgboostModel(fixture('multiclass.json'), { name: 'm', featureNames: [...names.slice(1), 'petal length'] })).toThrow(/"petal length" cannot be a manifest feature name/);
  });

  it('refuses a file that is not an XGBoost model, naming what is missing', () => {
    expect(() => importXgboostModel(Buffer.from('{"learner": {}}'), { name: 'm' })).toThrow(expect.objectContaining({ code: 'MODEL_IMPORT_INVALID', message: expect.stringMatching(/no array "version"/) }));
    expect(() => importXgboostModel(Buffer.from('binary junk'), { name: 'm' })).toThrow(expect.objectContaining({ code: 'MODEL_IMPORT_INVALID', message: expect.stringMatching(/neither XGBoost JSON nor UBJSON/) }));
  });
});

describe('float32Below', () => {
  it('is the float32 just below, so "x <= it" holds for exactly the float32 x with "x < t"', () => {
    for (const t of [1, -1, 0.1, -0.1, 1e-40, -1e-40, 3.4e38, 0, -0].map(Math.fround)) {
      const below = float32Below(t);
      expect(Math.fround(below)).toBe(below);
      expect(below < t).toBe(true);
      const between = new Float32Array(new Float64Array([below, t]).map((v) => v));
      expect(between[0]! < between[1]!).toBe(true);
    }
    expect(float32Below(0)).toBe(-(2 ** -149));
    expect(float32Below(1)).toBe(1 - 2 ** -24);
    expect(float32Below(-1)).toBe(-(1 + 2 ** -23));
  });
});
