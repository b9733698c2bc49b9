import { describe, expect, it } from 'vitest';
import { parseManifestSpec } from '../manifest/index.js';
import { removeZipMap } from '../onnx/index.js';
import { linearClassifierWithZipMapOnnx } from '../../test/fixtures/onnx-models.js';
import { sklearnOnnxModels } from '../../test/fixtures/third-party-data.js';
import { CLASSIFIER_MODEL, classifierOnnx, classifierSpec } from '../../test/fixtures/packages.js';
import { initManifest } from './index.js';
import { verifyZipMapRemoval } from './verify-zipmap-removal.js';

const PETALS = [
  { petal_length: 1.4, petal_width: 0.2 },
  { petal_length: 4.0, petal_width: 1.3 },
  { petal_length: 6.0, petal_width: 2.5 },
];

const contract = (spec = classifierSpec()) => ({ features: spec.features, inputs: spec.inputs, outputs: spec.outputs, maxBatchSize: null });

describe('verifyZipMapRemoval', () => {
  it('returns how many rows it compared when the rewrite keeps every label', async () => {
    const original = classifierOnnx();
    await expect(verifyZipMapRemoval(original, removeZipMap(original).bytes, contract(), PETALS)).resolves.toBe(3);
  });

  it('refuses a rewritten model whose labels differ, naming the row and both labels', async () => {
    // The same classifier with the classes' coefficients reversed: it disagrees on the first row (setosa).
    const reversed = linearClassifierWithZipMapOnnx({
      coefficients: CLASSIFIER_MODEL.coefficients.map((row) => [...row]).reverse(),
      intercepts: [...CLASSIFIER_MODEL.intercepts].reverse(),
      classLabels: [...CLASSIFIER_MODEL.classLabels],
    });
    const error = await verifyZipMapRemoval(classifierOnnx(), removeZipMap(reversed).bytes, contract(), PETALS).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ONNX_UNSUPPORTED', message: expect.stringMatching(/changed the label of row 0 from setosa to virginica/) });
  });

  it('compares nothing when the manifest has no label output', async () => {
    const spec = classifierSpec({ outputs: [{ name: 'output_probability', role: 'probabilities' }] });
    await expect(verifyZipMapRemoval(classifierOnnx(), removeZipMap(classifierOnnx()).bytes, contract(spec), PETALS)).resolves.toBe(0);
  });

  it('sends a model with a fixed batch of 1 one row at a time', async () => {
    const { bytes } = sklearnOnnxModels().find((m) => m.file === 'SklearnMclRandomForestClassifier.model.onnx')!;
    const spec = parseManifestSpec(initManifest(bytes, 'mcl'));
    const records = [[0, 0], [1, 1], [-1, -1], [-1, 1]].map(([a, b]) => ({ input_0: a, input_1: b }));
    await expect(verifyZipMapRemoval(bytes, removeZipMap(bytes).bytes, { ...contract(spec), maxBatchSize: 1 }, records)).resolves.toBe(4);
  });
});
