// Explaining predictions of whole packages: exactly through the head behind Pitstop's feature pipeline (checked against
// onnxruntime), directly for plain ai.onnx.ml models, and by sampling the whole model otherwise.
import { afterAll, describe, expect, it } from 'vitest';
import { tableFromRecords } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import { mlLinearRegressorOnnx, treeRegressorOnnx } from '../explain/explain-fixture-models.js';
import { parseManifestSpec } from '../manifest/index.js';
import { buildPackage, readPackage, type LoadedPackage } from '../package/index.js';
import { ModelSession, type FeatureRecord } from '../runtime/index.js';
import { linearRegressorOnnx } from '../../test/fixtures/onnx-models.js';
import { explainPrediction, type PredictionExplanation } from './explain-prediction.js';
import { trainedSyntheticPackage, withoutTarget } from './explain-test-data.js';

const sessions: ModelSession[] = [];
afterAll(async () => {
  for (const session of sessions) await session.release();
});

async function predictWith(pkg: LoadedPackage, record: Record<string, unknown>) {
  const session = await ModelSession.load(pkg.modelBytes(), pkg.manifest);
  sessions.push(session);
  const [prediction] = await session.predict([record as FeatureRecord]);
  return prediction!;
}

const sumOf = (explanation: PredictionExplanation) => explanation.contributions.reduce((sum, item) => sum + item.contribution, 0);
const FEATURES = ['x1', 'x2', 'colour', 'day'];

describe('explainPrediction of packages trained with a feature pipeline', () => {
  it('explains a GBDT regressor by TreeSHAP, one contribution per raw feature, adding up to onnxruntime\'s value', async () => {
    const { pkg, records } = await trainedSyntheticPackage('gbdt', 'regression', { nTrees: 40 });
    const input = withoutTarget(records[5]!);
    const explanation = await explainPrediction(pkg, input);
    const served = (await predictWith(pkg, input)).value as number;

    expect(explanation).toMatchObject({ method: 'tree-shap', quantity: 'predicted value of y', background: { source: 'reference-profile', records: 512 } });
    expect(explanation.contributions.map((item) => [item.feature, item.value])).toEqual(FEATURES.map((name) => [name, input[name]]));
    // colour is one-hot (3 categories + unknown) and day is 4 date parts: 2 + 4 + 4 columns grouped into 4 features.
    expect(explanation.columns).toBe(10);
    expect(Math.abs(explanation.baseline + sumOf(explanation) - served)).toBeLessThan(1e-4);
    expect(explanation.additivityGap).toBeLessThan(1e-9);
    expect(explanation.exactUnavailable).toBeUndefined();
    expect(explanation.sentences[0]).toMatch(/^The predicted value of y is [\d.]+, compared with [\d.]+ on average\.$/);
    expect(explanation.sentences).toContainEqual(expect.stringMatching(new RegExp(`^colour = ${input.colour} (raised|lowered|did not change) the predicted value of y`)));
    expect(explanation.sentences).toContainEqual(expect.stringMatching(new RegExp(`^day = ${input.day} `)));
  });

  it('computes missing values the way the graph imputes them, so a record with gaps is explained exactly too', async () => {
    const { pkg, records } = await trainedSyntheticPackage('gbdt', 'regression', { nTrees: 20 });
    const input = { ...withoutTarget(records[2]!), x2: null, colour: null, day: null };
    const explanation = await explainPrediction(pkg, input);
    const served = (await predictWith(pkg, input)).value as number;
    expect(explanation.method).toBe('tree-shap');
    expect(Math.abs(explanation.baseline + sumOf(explanation) - served)).toBeLessThan(1e-4);
    expect(explanation.contributions.map((item) => item.value)).toEqual([records[2]!.x1, null, null, null]);
    expect(explanation.sentences).toContainEqual(expect.stringMatching(/^colour \(missing\) /));
  });

  it('explains a ridge regressor exactly, and the contributions add up to onnxruntime\'s value', async () => {
    const { pkg, records } = await trainedSyntheticPackage('ridge', 'regression');
    for (const record of records.slice(0, 5)) {
      const input = withoutTarget(record);
      const explanation = await explainPrediction(pkg, input, { top: 2 });
      const served = (await predictWith(pkg, input)).value as number;
      expect(explanation.method).toBe('linear');
      expect(Math.abs(explanation.baseline + sumOf(explanation) - served)).toBeLessThan(1e-4);
      expect(explanation.sentences).toHaveLength(4);
      expect(explanation.sentences[3]).toMatch(/^The 2 other features together (raised|lowered) it by /);
    }
  });

  it('explains a binary classifier\'s log-odds, which add up to the logit of the probability onnxruntime gives', async () => {
    for (const algorithm of ['gbdt', 'logistic'] as const) {
      const { pkg, records } = await trainedSyntheticPackage(algorithm, 'binary', algorithm === 'gbdt' ? { nTrees: 30 } : {});
      let checked = 0;
      for (const record of records.slice(0, 40)) {
        const input = withoutTarget(record);
        const p = (await predictWith(pkg, input)).probabilities!['yes']!;
        if (p < 0.02 || p > 0.98) continue;
        const explanation = await explainPrediction(pkg, input);
        expect(explanation.method, algorithm).toBe(algorithm === 'gbdt' ? 'tree-shap' : 'linear');
        expect(explanation.quantity).toMatch(/^log-odds of class 'yes' \(.*(logistic link|softmax)\)$/);
        expect(Math.abs(explanation.baseline + sumOf(explanation) - Math.log(p / (1 - p))), algorithm).toBeLessThan(1e-4);
        checked += 1;
      }
      expect(checked, algorithm).toBeGreaterThan(3);
    }
  });

  it('explains a multiclass classifier through the raw score of the class it predicted', async () => {
    const { pkg, records } = await trainedSyntheticPackage('gbdt', 'multiclass', { nTrees: 20 });
    const input = withoutTarget(records[0]!);
    const label = (await predictWith(pkg, input)).label;
    const explanation = await explainPrediction(pkg, input);
    expect(explanation.method).toBe('tree-shap');
    expect(explanation.quantity).toBe(`raw score of class '${label}' (before the softmax)`);
    expect(explanation.prediction.label).toBe(label);
  });
});

describe('explainPrediction by sampling the whole model', () => {
  it('adds up to the model output, and agrees with the exact linear explanation within 4 standard errors', async () => {
    const { pkg, records } = await trainedSyntheticPackage('ridge', 'regression');
    const background = records.slice(100, 140).map(withoutTarget);
    const input = withoutTarget(records[7]!);
    const sampled = await explainPrediction(pkg, input, { method: 'sampling', background, pairs: 128, seed: 11 });
    const exact = await explainPrediction(pkg, input, { background });
    const served = (await predictWith(pkg, input)).value as number;

    expect([sampled.method, exact.method]).toEqual(['sampling', 'linear']);
    expect(sampled.background).toEqual({ source: 'caller', records: 40 });
    expect(Math.abs(sampled.output - served)).toBeLessThan(1e-6);
    expect(Math.abs(sumOf(sampled) - (sampled.output - sampled.baseline))).toBeLessThan(1e-4);
    expect(Math.abs(sampled.baseline - exact.baseline)).toBeLessThan(1e-4);
    sampled.contributions.forEach((item, index) => {
      expect(item.standardError).toBeGreaterThan(0);
      expect(Math.abs(item.contribution - exact.contributions[index]!.contribution), item.feature).toBeLessThanOrEqual(4 * item.standardError!);
    });
    expect(sampled.sentences[1]).toMatch(/ \(give or take [\d.]+\)\.$/);
  });

  it('samples a model it cannot read exactly, explaining the probability of the predicted class', async () => {
    const { pkg, records } = await trainedSyntheticPackage('gbdt', 'binary', { nTrees: 10 });
    const input = withoutTarget(records[1]!);
    const explanation = await explainPrediction(pkg, input, { method: 'sampling', pairs: 16 });
    const label = String(explanation.prediction.label);
    expect(explanation.quantity).toBe(`probability of class '${label}'`);
    expect(explanation.output).toBe(explanation.prediction.probabilities![label]);
    expect(explanation.background).toEqual({ source: 'reference-profile', records: 64 });
  });
});

describe('explainPrediction of models without a feature pipeline', () => {
  const spec = (inputName: string, outputs: { name: string; role: 'value' | 'label' }[]) =>
    parseManifestSpec({
      name: 'plain', version: '1', task: 'regression', framework: { name: 'tests' },
      features: ['a', 'b', 'c', 'd'].map((name) => ({ name, type: 'number' })),
      inputs: [{ name: inputName, dtype: 'float32', features: ['a', 'b', 'c', 'd'] }],
      outputs,
    });
  const reference = tableFromRecords(Array.from({ length: 30 }, (_, i) => ({ a: i / 10, b: (i % 7) - 3, c: i % 4, d: -i / 5 })));
  const build = async (modelBytes: Uint8Array, inputName: string, outputs: { name: string; role: 'value' | 'label' }[] = [{ name: 'Y', role: 'value' }]) =>
    readPackage((await buildPackage({ modelBytes, spec: spec(inputName, outputs), reference: { table: reference, digest: 'x', source: 't' }, createdBy: 't' })).bytes);
  const input = { a: 1.5, b: 0.25, c: -4, d: 2 };

  it('reads a plain LinearRegressor or TreeEnsembleRegressor directly when the features are its input columns', async () => {
    const linear = await explainPrediction(await build(mlLinearRegressorOnnx([[0.5, -2, 0.125, 3]], [0.75]), 'X'), input);
    expect([linear.method, linear.columns]).toEqual(['linear', 4]);
    expect(linear.output).toBeCloseTo(0.75 + 0.5 * 1.5 - 2 * 0.25 + 0.125 * -4 + 3 * 2, 5);
    const trees = await explainPrediction(await build(treeRegressorOnnx({ withHitrates: false }), 'X'), input);
    expect(trees.method).toBe('tree-shap');
    expect(Math.abs(trees.baseline + sumOf(trees) - (trees.prediction.value as number))).toBeLessThan(1e-4);
  });

  it('samples a model without an ai.onnx.ml head, and says why it could not be exact', async () => {
    const pkg = await build(linearRegressorOnnx({ weights: [1, 2, 3, 4], bias: 0.5, inputName: 'X', outputName: 'Y' }), 'X');
    const explanation = await explainPrediction(pkg, input, { pairs: 8 });
    expect(explanation.method).toBe('sampling');
    expect(explanation.exactUnavailable).toMatch(/exactly one ai\.onnx\.ml .*; the model has none/);
    expect(Math.abs(explanation.output - (1.5 + 2 * 0.25 + 3 * -4 + 4 * 2 + 0.5))).toBeLessThan(1e-5);
    expect(Math.abs(sumOf(explanation) - (explanation.output - explanation.baseline))).toBeLessThan(1e-4);
  });

  it('refuses a model with no number to explain, and an unknown method', async () => {
    const pkg = await build(mlLinearRegressorOnnx([[1, 1, 1, 1]], [0]), 'X', [{ name: 'Y', role: 'label' }]);
    await expect(explainPrediction(pkg, input)).rejects.toThrow(/nothing to explain: explanations need a value, a score or class probabilities/);
    await expect(explainPrediction(pkg, input, { method: 'exact' as 'auto' })).rejects.toBeInstanceOf(PitstopError);
  });
});
