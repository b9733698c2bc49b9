import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableFromRecords } from '../dataset/index.js';
import { describeOnnxModel } from '../onnx/index.js';
import { ReferenceProfileSchema } from '../profile/index.js';
import { ModelSession } from '../runtime/index.js';
import { SKLEARN_ONNX_DIR } from '../../test/fixtures/third-party-data.js';
import { linearSvmOnnx } from '../../test/fixtures/onnx-models.js';
import {
  buildClassifierPackage,
  buildRegressorPackage,
  CLASSIFIER_MODEL,
  classifierSpec,
  FIXTURE_BUILD_TIME,
  FIXTURE_CREATED_BY,
  referenceFromTable,
  regressorExpectedValue,
  regressorOnnx,
  regressorReference,
  regressorSpec,
} from '../../test/fixtures/packages.js';
import { buildPackage, generateSigningKeyPair, initManifest, keyIdOf, readPackage, readPackageArchive } from './index.js';
import { parseManifestSpec } from '../manifest/index.js';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Petal length and width: one row per species, then two in between. */
const PETAL_ROWS = [
  { petal_length: 1.4, petal_width: 0.2 },
  { petal_length: 4.0, petal_width: 1.3 },
  { petal_length: 6.0, petal_width: 2.5 },
  { petal_length: 5.1, petal_width: 1.8 },
  { petal_length: 1.5, petal_width: 0.4 },
];

function petalReference(rows: readonly Record<string, number>[] = PETAL_ROWS) {
  return referenceFromTable(tableFromRecords(rows), JSON.stringify(rows), 'petals.json');
}

async function sharedModelPackage(file: string) {
  const bytes = new Uint8Array(readFileSync(SKLEARN_ONNX_DIR + file));
  return buildPackage({ modelBytes: bytes, spec: parseManifestSpec(initManifest(bytes, 'shared-model')), createdBy: FIXTURE_CREATED_BY });
}

describe('buildPackage', () => {
  describe('a regressor without ZipMap', () => {
    it('completes the spec into a manifest describing the ONNX model', async () => {
      const { manifest } = await buildRegressorPackage();
      expect(manifest).toMatchObject({
        schemaVersion: 1,
        name: 'house-prices',
        version: '1.0.0',
        task: 'regression',
        inputs: [{ name: 'input', dtype: 'float32', features: ['x1', 'x2', 'x3'], rank: 2 }],
        outputs: [{ name: 'variable', role: 'value' }],
        maxBatchSize: null,
        modifications: [],
        onnx: { producer: { name: 'pitstop-test-fixtures', version: '1' }, opsets: [{ domain: 'ai.onnx', version: 13 }], operators: ['ai.onnx:Add', 'ai.onnx:MatMul'] },
        lineage: { createdBy: FIXTURE_CREATED_BY, createdAt: FIXTURE_BUILD_TIME.toISOString() },
      });
    });

    it('packages the model bytes unchanged', async () => {
      const files = await readPackageArchive((await buildRegressorPackage()).bytes);
      expect(sha256(files.get('model.onnx')!)).toBe(sha256(regressorOnnx()));
    });

    it('lists every file but manifest.json with its sha256 and size, and nothing else', async () => {
      const built = await buildRegressorPackage({ reference: regressorReference(), readme: '# House prices\n', spec: regressorSpec({ lineage: { metrics: { rmse: 0.25 } } }) });
      const files = await readPackageArchive(built.bytes);
      expect(Object.keys(built.manifest.files).sort()).toEqual(['README.md', 'metrics.json', 'model.onnx', 'reference-profile.json']);
      expect([...files.keys()].sort()).toEqual(['README.md', 'manifest.json', 'metrics.json', 'model.onnx', 'reference-profile.json']);
      for (const [name, entry] of Object.entries(built.manifest.files)) {
        expect(entry, name).toEqual({ sha256: sha256(files.get(name)!), size: files.get(name)!.byteLength });
      }
      expect(files.get('README.md')!.toString()).toBe('# House prices\n');
      expect(JSON.parse(files.get('metrics.json')!.toString())).toEqual({ rmse: 0.25 });
    });

    it('writes manifest.json as the manifest whose canonical form is the digest', async () => {
      const built = await buildRegressorPackage();
      const files = await readPackageArchive(built.bytes);
      expect(JSON.parse(files.get('manifest.json')!.toString())).toEqual(built.manifest);
      expect(built.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(built.signature).toBeNull();
    });

    it('builds the same bytes and digest twice from the same input', async () => {
      const [one, two] = [await buildRegressorPackage({ reference: regressorReference() }), await buildRegressorPackage({ reference: regressorReference() })];
      expect(two.digest).toBe(one.digest);
      expect(two.bytes.equals(one.bytes)).toBe(true);
    });

    it('produces a model that computes what the ONNX graph computes', async () => {
      const built = await buildRegressorPackage();
      const session = await ModelSession.load((await readPackage(built.bytes)).modelBytes(), built.manifest);
      try {
        const [prediction] = await session.predict([{ x1: 1, x2: -2, x3: 0.5 }]);
        expect(prediction!.value).toBeCloseTo(regressorExpectedValue(1, -2, 0.5), 5);
      } finally {
        await session.release();
      }
    });
  });

  describe('a classifier ending in ZipMap', () => {
    it('rewrites the ZipMap output into a probability tensor the runtime can return', async () => {
      const files = await readPackageArchive((await buildClassifierPackage()).bytes);
      const output = describeOnnxModel(files.get('model.onnx')!).outputs.find((o) => o.name === 'output_probability');
      expect(output).toMatchObject({ kind: 'tensor', elemType: 'float32' });
    });

    it('records the modification with its classes and the rows it was verified on', async () => {
      const { manifest } = await buildClassifierPackage({ reference: petalReference() });
      expect(manifest.modifications).toEqual([
        { kind: 'zipmap-removed', output: 'output_probability', sourceTensor: 'probability_tensor', classes: [...CLASSIFIER_MODEL.classLabels], verifiedRows: PETAL_ROWS.length },
      ]);
    });

    it('verifies the rewrite on the one synthetic record when there is no reference data', async () => {
      const { manifest } = await buildClassifierPackage();
      expect(manifest.modifications[0]?.verifiedRows).toBe(1);
    });

    it('verifies at most 500 reference rows', async () => {
      const rows = Array.from({ length: 620 }, (_, i) => ({ petal_length: (i % 70) / 10, petal_width: (i % 25) / 10 }));
      const { manifest } = await buildClassifierPackage({ reference: petalReference(rows) });
      expect(manifest.modifications[0]?.verifiedRows).toBe(500);
      expect(manifest.lineage.trainingData?.rows).toBe(620);
    });

    it('fills in the classes of the probabilities output from the ZipMap', async () => {
      const { manifest } = await buildClassifierPackage();
      expect(manifest.outputs).toEqual([
        { name: 'output_label', role: 'label' },
        { name: 'output_probability', role: 'probabilities', classes: [...CLASSIFIER_MODEL.classLabels] },
      ]);
    });

    it('keeps classes the author wrote', async () => {
      const outputs = [
        { name: 'output_label', role: 'label' as const },
        { name: 'output_probability', role: 'probabilities' as const, classes: ['Iris setosa', 'Iris versicolor', 'Iris virginica'] },
      ];
      const { manifest } = await buildClassifierPackage({ spec: classifierSpec({ outputs }) });
      expect(manifest.outputs[1]?.classes).toEqual(['Iris setosa', 'Iris versicolor', 'Iris virginica']);
    });

    it('serves a label and one probability per class that sum to 1', async () => {
      const built = await buildClassifierPackage();
      const session = await ModelSession.load((await readPackage(built.bytes)).modelBytes(), built.manifest);
      try {
        const predictions = await session.predict(PETAL_ROWS.slice(0, 3));
        expect(predictions.map((p) => p.label)).toEqual(['setosa', 'versicolor', 'virginica']);
        for (const { probabilities, label } of predictions) {
          expect(Object.keys(probabilities!)).toEqual([...CLASSIFIER_MODEL.classLabels]);
          expect(Object.values(probabilities!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
          const likeliest = Object.entries(probabilities!).sort(([, a], [, b]) => b - a)[0]![0];
          expect(likeliest).toBe(label);
        }
      } finally {
        await session.release();
      }
    });
  });

  describe('with reference data', () => {
    it('profiles it into reference-profile.json', async () => {
      const files = await readPackageArchive((await buildRegressorPackage({ reference: regressorReference(20) })).bytes);
      const profile = ReferenceProfileSchema.parse(JSON.parse(files.get('reference-profile.json')!.toString()));
      expect(profile.rowCount).toBe(20);
      expect(Object.keys(profile.features)).toEqual(['x1', 'x2', 'x3']);
    });

    it('records it as the training data: digest, rows and source', async () => {
      const reference = regressorReference(20);
      const { manifest } = await buildRegressorPackage({ reference });
      expect(manifest.lineage.trainingData).toEqual({ digest: reference.digest, rows: 20, source: 'regressor-reference.json' });
    });

    it('keeps training data the author described', async () => {
      const trainingData = { source: 's3://bucket/train.parquet', rows: 1_000_000 };
      const { manifest } = await buildRegressorPackage({ reference: regressorReference(), spec: regressorSpec({ lineage: { trainingData } }) });
      expect(manifest.lineage.trainingData).toEqual(trainingData);
    });

    it('takes the smoke input from its first complete rows, keeping only the features', async () => {
      const rows = [
        { x1: null, x2: 1, x3: 1, id: 'a' },
        { x1: 1, x2: 2, x3: 3, id: 'b' },
        { x1: 4, x2: 5, x3: 6, id: 'c' },
        { x1: 7, x2: 8, x3: 9, id: 'd' },
        { x1: 10, x2: 11, x3: 12, id: 'e' },
      ];
      const { manifest } = await buildRegressorPackage({ reference: referenceFromTable(tableFromRecords(rows), JSON.stringify(rows), 'rows.json') });
      expect(manifest.smokeInput).toEqual([
        { x1: 1, x2: 2, x3: 3 },
        { x1: 4, x2: 5, x3: 6 },
        { x1: 7, x2: 8, x3: 9 },
      ]);
    });

    it('refuses reference data that lacks a feature, naming it', async () => {
      const rows = [{ x1: 1, x2: 2 }];
      const error = await buildRegressorPackage({ reference: referenceFromTable(tableFromRecords(rows), '', 'rows.json') }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'REFERENCE_DATA_INVALID', field: 'x3' });
    });
  });

  it('makes a synthetic smoke record from the feature ranges when there is no reference data', async () => {
    const { manifest } = await buildRegressorPackage();
    // x2 is declared in [-100, 100]; x1 and x3 have no range.
    expect(manifest.smokeInput).toEqual([{ x1: 0.5, x2: 0, x3: 0.5 }]);
  });

  describe('outputs called probabilities', () => {
    const svm = linearSvmOnnx({ coefficients: [[1.5, -2], [-0.5, 1], [0.25, 0.75]], intercepts: [-1, 0.5, -0.2], classLabels: [0, 1, 2] });
    const rows = Array.from({ length: 40 }, (_, i) => ({ input_0: (i % 7) - 3, input_1: (i % 5) / 2 }));
    const reference = referenceFromTable(tableFromRecords(rows), JSON.stringify(rows), 'svm-reference.json');

    it('refuses decision scores declared as probabilities, naming the output and the role to declare', async () => {
      const spec = parseManifestSpec(initManifest(svm, 'svm'));
      expect(spec.outputs.map((o) => o.role)).toEqual(['label', 'probabilities']);
      await expect(buildPackage({ modelBytes: svm, spec, reference, createdBy: FIXTURE_CREATED_BY })).rejects.toMatchObject({
        code: 'MANIFEST_MODEL_MISMATCH',
        field: 'outputs[1].role',
        message: expect.stringMatching(/^outputs\[1\]\.role: output "probabilities" is declared as probabilities, but on row 1 the model gives \[.*\] \(.*\): these look like scores; declare role: score$/),
      });
    });

    it('builds the same model with role score, and serves its scores as scores', async () => {
      const starter = initManifest(svm, 'svm');
      const spec = parseManifestSpec({ ...starter, outputs: [{ name: 'label', role: 'label' }, { name: 'probabilities', role: 'score' }] });
      const built = await buildPackage({ modelBytes: svm, spec, reference, createdBy: FIXTURE_CREATED_BY });
      const session = await ModelSession.load(new Uint8Array((await readPackage(built.bytes)).modelBytes()), built.manifest);
      const [prediction] = await session.predict([{ input_0: 2, input_1: 1 }]);
      await session.release();
      expect(prediction!.probabilities).toBeUndefined();
      expect(prediction!.score).toEqual([1.5 * 2 - 2 * 1 - 1, -0.5 * 2 + 1 + 0.5, 0.25 * 2 + 0.75 - 0.2].map((v) => expect.closeTo(v, 5)));
    });
  });

  describe('size', () => {
    it('refuses to build a manifest larger than a package may hold (4 MiB), naming what to shorten', async () => {
      const spec = regressorSpec({ description: 'x'.repeat(5 * 1024 * 1024) });
      await expect(buildRegressorPackage({ spec })).rejects.toMatchObject({
        code: 'MANIFEST_INVALID',
        message: expect.stringMatching(/^the manifest would hold \d+ bytes, more than the 4194304 a package may hold; shorten descriptions/),
      });
    });
  });

  describe('maxBatchSize', () => {
    it('is 1 for a model whose batch dimension is fixed at 1 (SklearnLogitisticRegressionBinary)', async () => {
      expect((await sharedModelPackage('SklearnLogitisticRegressionBinary.model.onnx')).manifest.maxBatchSize).toBe(1);
    });

    it('is null for a model with a free batch dimension (rf_iris)', async () => {
      expect((await sharedModelPackage('rf_iris.onnx')).manifest.maxBatchSize).toBeNull();
    });
  });

  describe('signing', () => {
    it('adds signature.json over the digest, which readPackage verifies with the public key', async () => {
      const keys = generateSigningKeyPair();
      const built = await buildRegressorPackage({ signingKeyPem: keys.privateKeyPem });
      const files = await readPackageArchive(built.bytes);
      const signature = JSON.parse(files.get('signature.json')!.toString());
      expect(signature).toEqual(built.signature);
      expect(signature).toMatchObject({ algorithm: 'ed25519', keyId: keyIdOf(keys.publicKeyPem), signedDigest: built.digest });
      expect(built.manifest.files).not.toHaveProperty(['signature.json']);

      const loaded = await readPackage(built.bytes, { trustedKeys: [keys.publicKeyPem], requireSignature: true });
      expect(loaded.signatureStatus).toBe('verified');
      expect(loaded.digest).toBe(built.digest);
    });

    it('names the signer in the manifest, so the signature is over a digest that says who signs it', async () => {
      const keys = generateSigningKeyPair();
      const signed = await buildRegressorPackage({ signingKeyPem: keys.privateKeyPem });
      expect(signed.manifest.signingKeyId).toBe(keyIdOf(keys.publicKeyPem));
      expect(signed.signature).toMatchObject({ keyId: keyIdOf(keys.publicKeyPem), signedDigest: signed.digest });
      const unsigned = await buildRegressorPackage();
      expect(unsigned.manifest.signingKeyId).toBeUndefined();
      expect(signed.digest).not.toBe(unsigned.digest);
    });

    it('refuses a key that is not an Ed25519 private key', async () => {
      const error = await buildRegressorPackage({ signingKeyPem: generateSigningKeyPair().publicKeyPem }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'SIGNING_KEY_INVALID' });
    });
  });
});
