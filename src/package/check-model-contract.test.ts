import { describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import type { ManifestSpecInput } from '../manifest/index.js';
import { describeOnnxModel } from '../onnx/index.js';
import { linearRegressorOnnx, mixedInputsOnnx, notAnOnnxModel } from '../../test/fixtures/onnx-models.js';
import { buildRegressorPackage, regressorSpec, regressorSpecInput } from '../../test/fixtures/packages.js';
import { buildPackage, checkModelContract } from './index.js';
import { parseManifestSpec } from '../manifest/index.js';

async function buildRefusal(build: Promise<unknown>): Promise<PitstopError> {
  try {
    await build;
  } catch (error) {
    if (error instanceof PitstopError) return error;
    throw new Error(`expected a PitstopError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected buildPackage to refuse');
}

/** A spec for mixedInputsOnnx: `category` (string [N,1]) and `amount` (float32 [N,1]) → `score`. */
function mixedSpecInput(overrides: Partial<ManifestSpecInput> = {}): ManifestSpecInput {
  return {
    name: 'mixed',
    version: '1',
    task: 'regression',
    framework: { name: 'pitstop-test-fixtures' },
    features: [
      { name: 'colour', type: 'category', categories: ['red', 'green', 'blue'] },
      { name: 'amount', type: 'number' },
    ],
    inputs: [
      { name: 'category', dtype: 'string', features: ['colour'] },
      { name: 'amount', dtype: 'float32', features: ['amount'] },
    ],
    outputs: [{ name: 'score', role: 'value' }],
    ...overrides,
  };
}

function buildMixed(overrides: Partial<ManifestSpecInput>): Promise<unknown> {
  return buildPackage({ modelBytes: mixedInputsOnnx(), spec: parseManifestSpec(mixedSpecInput(overrides)), createdBy: 'tests' });
}

describe('buildPackage refuses a model and manifest that do not fit together', () => {
  it('refuses bytes that are not an ONNX model with ONNX_INVALID', async () => {
    const error = await buildRefusal(buildRegressorPackage({ modelBytes: notAnOnnxModel() }));
    expect(error.code).toBe('ONNX_INVALID');
  });

  it('refuses an input name the model does not have, naming inputs[0].name and the real inputs', async () => {
    const spec = regressorSpec({ inputs: [{ name: 'features', dtype: 'float32', features: ['x1', 'x2', 'x3'] }] });
    const error = await buildRefusal(buildRegressorPackage({ spec }));
    expect(error).toMatchObject({ code: 'MANIFEST_MODEL_MISMATCH', field: 'inputs[0].name' });
    expect(error.message).toMatch(/no input "features"; its inputs are "input"/);
  });

  it('refuses a dtype other than the model input\'s, naming inputs[0].dtype', async () => {
    const spec = regressorSpec({ inputs: [{ name: 'input', dtype: 'float64', features: ['x1', 'x2', 'x3'] }] });
    const error = await buildRefusal(buildRegressorPackage({ spec }));
    expect(error).toMatchObject({ code: 'MANIFEST_MODEL_MISMATCH', field: 'inputs[0].dtype', message: expect.stringMatching(/is float32, the manifest says float64/) });
  });

  it('refuses fewer features than the input\'s fixed width, naming inputs[0].features', async () => {
    const spec = regressorSpec({ features: [{ name: 'x1', type: 'number' }, { name: 'x2', type: 'number' }], inputs: [{ name: 'input', dtype: 'float32', features: ['x1', 'x2'] }] });
    const error = await buildRefusal(buildRegressorPackage({ spec }));
    expect(error).toMatchObject({ code: 'MANIFEST_MODEL_MISMATCH', field: 'inputs[0].features', message: expect.stringMatching(/takes 3 columns \(\[N, 3\]\), the manifest maps 2 features/) });
  });

  it('refuses more features than the input\'s fixed width', async () => {
    const base = regressorSpecInput();
    const spec = regressorSpec({ features: [...base.features, { name: 'x4', type: 'number' }], inputs: [{ name: 'input', dtype: 'float32', features: ['x1', 'x2', 'x3', 'x4'] }] });
    expect(await buildRefusal(buildRegressorPackage({ spec }))).toMatchObject({ code: 'MANIFEST_MODEL_MISMATCH', field: 'inputs[0].features' });
  });

  it('refuses a rank the model input does not have, naming inputs[1].rank', async () => {
    const error = await buildRefusal(buildMixed({ inputs: [mixedSpecInput().inputs[0]!, { name: 'amount', dtype: 'float32', features: ['amount'], rank: 1 }] }));
    expect(error).toMatchObject({ code: 'MANIFEST_MODEL_MISMATCH', field: 'inputs[1].rank', message: expect.stringMatching(/rank 2 \(\[N, 1\]\), the manifest says 1/) });
  });

  it('refuses a model input that no feature is mapped onto, naming it', async () => {
    const error = await buildRefusal(buildMixed({ features: [{ name: 'amount', type: 'number' }], inputs: [{ name: 'amount', dtype: 'float32', features: ['amount'] }] }));
    expect(error).toMatchObject({ code: 'MANIFEST_MODEL_MISMATCH', field: 'inputs', message: expect.stringMatching(/ONNX input "category" \(string\) is not mapped from any feature/) });
  });

  it('refuses an output the model does not have, naming outputs[0].name and the real outputs', async () => {
    const spec = regressorSpec({ outputs: [{ name: 'prediction', role: 'value' }] });
    const error = await buildRefusal(buildRegressorPackage({ spec }));
    expect(error).toMatchObject({ code: 'MANIFEST_MODEL_MISMATCH', field: 'outputs[0].name', message: expect.stringMatching(/no output "prediction"; its outputs are "variable"/) });
  });

  it('refuses a string feature feeding a float input, naming the column', async () => {
    const base = regressorSpecInput();
    const spec = regressorSpec({ features: [base.features[0]!, { name: 'x2', type: 'string' }, base.features[2]!] });
    const error = await buildRefusal(buildRegressorPackage({ spec }));
    expect(error).toMatchObject({ code: 'MANIFEST_MODEL_MISMATCH', field: 'inputs[0].features[1]', message: expect.stringMatching(/string feature "x2" cannot feed float32 input "input"/) });
  });

  it('refuses a number feature feeding a string input', async () => {
    const error = await buildRefusal(buildMixed({ features: [{ name: 'colour', type: 'number' }, { name: 'amount', type: 'number' }] }));
    expect(error).toMatchObject({ code: 'MANIFEST_MODEL_MISMATCH', field: 'inputs[0].features[0]' });
  });

  it('accepts the mixed-inputs model when every input is mapped with its own type', async () => {
    await expect(buildMixed({})).resolves.toMatchObject({ manifest: { inputs: [{ name: 'category' }, { name: 'amount' }] } });
  });
});

describe('checkModelContract', () => {
  it('returns the smallest fixed batch dimension, or null when the batch is free', () => {
    const spec = regressorSpec();
    expect(checkModelContract(spec, describeOnnxModel(linearRegressorOnnx({ weights: [1, 2, 3], bias: 0 })))).toBeNull();
    expect(checkModelContract(spec, describeOnnxModel(linearRegressorOnnx({ weights: [1, 2, 3], bias: 0, batch: 1 })))).toBe(1);
  });
});
