import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SKLEARN_ONNX_DIR } from '../../../test/fixtures/third-party-data.js';
import {
  buildClassifierPackage,
  buildRegressorPackage,
  CLASSIFIER_MODEL,
  FIXTURE_CREATED_BY,
  manifestJsonOf,
  regressorExpectedValue,
  repackage,
  setManifestJson,
} from '../../../test/fixtures/packages.js';
import { parseManifestSpec } from '../../manifest/index.js';
import { buildPackage, initManifest } from '../../package/index.js';
import { ModelSession } from '../../runtime/index.js';
import { ModelPool } from './model-pool.js';

const HOUSE_V1 = { model: 'house-prices', version: 1 };
const HOUSE_V2 = { model: 'house-prices', version: 2 };

let regressor: Uint8Array;
let classifier: Uint8Array;
let fixedBatch: Uint8Array;
let smokeFails: Uint8Array;

beforeAll(async () => {
  regressor = (await buildRegressorPackage()).bytes;
  classifier = (await buildClassifierPackage()).bytes;
  const logregBytes = new Uint8Array(readFileSync(SKLEARN_ONNX_DIR + 'SklearnLogitisticRegressionBinary.model.onnx'));
  fixedBatch = (await buildPackage({ modelBytes: logregBytes, spec: parseManifestSpec(initManifest(logregBytes, 'logreg-binary')), createdBy: FIXTURE_CREATED_BY })).bytes;
  // A well-formed, intact package whose manifest feeds an input the model does not have: it fails only when run.
  smokeFails = await repackage(regressor, (files) => {
    const manifest = manifestJsonOf(files) as { inputs: { name: string }[] };
    manifest.inputs[0]!.name = 'no_such_input';
    setManifestJson(files, manifest);
  });
});

const pools: ModelPool[] = [];
function newPool(...args: ConstructorParameters<typeof ModelPool>): ModelPool {
  const pool = new ModelPool(...args);
  pools.push(pool);
  return pool;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(pools.splice(0).map((pool) => pool.closeAll()));
});

function houseRecords(n: number) {
  return Array.from({ length: n }, (_, i) => ({ x1: i, x2: (i % 5) - 2, x3: i / 8 }));
}

function softmax(scores: number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

describe('ModelPool', () => {
  describe('load and predict', () => {
    it('loads a verified package and answers what the regressor computes, record by record', async () => {
      const pool = newPool();
      const loaded = await pool.load(HOUSE_V1, regressor, { maxBatchSize: 64, maxWaitMs: 2 });
      const records = houseRecords(7);
      const predictions = await loaded.predict(records);
      expect(predictions).toHaveLength(7);
      predictions.forEach((p, i) => expect(p.value).toBeCloseTo(regressorExpectedValue(records[i]!.x1, records[i]!.x2, records[i]!.x3), 4));
    });

    it('answers the classifier’s softmax probabilities and the most likely label', async () => {
      const pool = newPool();
      const loaded = await pool.load({ model: 'iris-species', version: 3 }, classifier, { maxBatchSize: 64, maxWaitMs: 2 });
      const flowers = [{ petal_length: 1.4, petal_width: 0.2 }, { petal_length: 4.5, petal_width: 1.5 }, { petal_length: 6, petal_width: 2.5 }];
      const predictions = await loaded.predict(flowers);
      flowers.forEach((flower, i) => {
        const scores = CLASSIFIER_MODEL.coefficients.map(([a, b], c) => a * flower.petal_length + b * flower.petal_width + CLASSIFIER_MODEL.intercepts[c]!);
        const expected = softmax(scores);
        const best = expected.indexOf(Math.max(...expected));
        expect(predictions[i]!.label).toBe(CLASSIFIER_MODEL.classLabels[best]);
        CLASSIFIER_MODEL.classLabels.forEach((label, c) => expect(predictions[i]!.probabilities![label]).toBeCloseTo(expected[c]!, 4));
      });
    });

    it('makes the version available by get() and loadedKeys(), with its digest, manifest and load time', async () => {
      const pool = newPool();
      const before = new Date();
      const loaded = await pool.load(HOUSE_V1, regressor, { maxBatchSize: 64, maxWaitMs: 2 });
      expect(pool.get('house-prices', 1)).toBe(loaded);
      expect(pool.get('house-prices', 2)).toBeUndefined();
      expect(pool.loadedKeys()).toEqual(['house-prices@1']);
      expect(loaded).toMatchObject({ model: 'house-prices', version: 1, key: 'house-prices@1', inFlight: 0, queueDepth: 0, maxBatchSize: 64 });
      expect(loaded.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(loaded.manifest.name).toBe('house-prices');
      expect(loaded.loadedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    });

    it('returns the loaded version when the same key is loaded again, concurrently or later', async () => {
      const pool = newPool();
      const [a, b] = await Promise.all([pool.load(HOUSE_V1, regressor), pool.load(HOUSE_V1, regressor)]);
      expect(a).toBe(b);
      expect(await pool.load(HOUSE_V1, regressor)).toBe(a);
    });

    it('uses the pool’s batching settings when load is given none', async () => {
      const pool = newPool({ maxBatchSize: 8, maxWaitMs: 1 });
      expect((await pool.load(HOUSE_V1, regressor)).maxBatchSize).toBe(8);
    });
  });

  describe('batching', () => {
    it('merges concurrent requests into few session runs, none over the configured maxBatchSize', async () => {
      const sizes: number[] = [];
      const pool = newPool({ onBatch: (key, size) => key.version === 1 && sizes.push(size) });
      const loaded = await pool.load(HOUSE_V1, regressor, { maxBatchSize: 16, maxWaitMs: 2 });
      const records = houseRecords(100);
      const results = await Promise.all(records.map((record) => loaded.predict([record])));
      results.forEach(([p], i) => expect(p!.value).toBeCloseTo(regressorExpectedValue(records[i]!.x1, records[i]!.x2, records[i]!.x3), 4));
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(16);
      expect(sizes.length).toBeLessThan(20);
    });

    it('never gives a fixed-batch-1 model more than one row per session run, under 50 concurrent requests', async () => {
      const batchSizes: number[] = [];
      const pool = newPool({ onBatch: (_key, size) => batchSizes.push(size) });
      const loaded = await pool.load({ model: 'logreg-binary', version: 1 }, fixedBatch, { maxBatchSize: 64, maxWaitMs: 2 });
      expect(loaded.manifest.maxBatchSize).toBe(1);
      expect(loaded.maxBatchSize).toBe(1);
      const sessionCalls = vi.spyOn(ModelSession.prototype, 'predict');
      // onnxruntime's own run(), below ModelSession: the rows that actually reach the model.
      const ortRuns = vi.spyOn((ort.InferenceSession as unknown as { prototype: ort.InferenceSession }).prototype, 'run');

      const requests = Array.from({ length: 50 }, (_, i) => [{ input_0: i / 10, input_1: 1 - i / 50, input_2: (i % 3) - 1 }]);
      const results = await Promise.all(requests.map((records) => loaded.predict(records)));
      for (const [prediction] of results) {
        expect([0, 1]).toContain(prediction!.label);
        expect(prediction!.probabilities!['0']! + prediction!.probabilities!['1']!).toBeCloseTo(1, 5);
      }
      expect(batchSizes).toEqual(Array(50).fill(1));
      expect(sessionCalls).toHaveBeenCalledTimes(50);
      for (const [records] of sessionCalls.mock.calls) expect(records).toHaveLength(1);
      expect(ortRuns).toHaveBeenCalledTimes(50);
      for (const [feeds] of ortRuns.mock.calls) expect((feeds as Record<string, ort.Tensor>).input!.dims[0]).toBe(1);
    });

    it('splits a single request larger than the model’s batch limit into runs of one row', async () => {
      const batchSizes: number[] = [];
      const pool = newPool({ onBatch: (_key, size) => batchSizes.push(size) });
      const loaded = await pool.load({ model: 'logreg-binary', version: 1 }, fixedBatch, { maxBatchSize: 64, maxWaitMs: 2 });
      const predictions = await loaded.predict(Array.from({ length: 5 }, (_, i) => ({ input_0: i, input_1: 0, input_2: 0 })));
      expect(predictions).toHaveLength(5);
      expect(batchSizes).toEqual([1, 1, 1, 1, 1]);
    });
  });

  describe('a version that cannot be served', () => {
    it('rejects a package whose smoke input fails, keeps it unloaded, and leaves the loaded version serving', async () => {
      const pool = newPool();
      const v1 = await pool.load(HOUSE_V1, regressor);
      const release = vi.spyOn(ModelSession.prototype, 'release');
      await expect(pool.load(HOUSE_V2, smokeFails)).rejects.toMatchObject({ code: 'ONNX_INVALID', message: expect.stringMatching(/^house-prices@2 fails on its smoke input, so it was not loaded: .*missing/) });
      expect(release).toHaveBeenCalledTimes(1);
      expect(pool.loadedKeys()).toEqual(['house-prices@1']);
      expect(pool.get('house-prices', 2)).toBeUndefined();
      expect((await v1.predict([{ x1: 1, x2: 1, x3: 1 }]))[0]!.value).toBeCloseTo(6.5, 5);
    });

    it('rejects a package whose model file was tampered with (digest mismatch) or that is not a package at all', async () => {
      const pool = newPool();
      const tampered = await repackage(regressor, (files) => {
        const model = files.get('model.onnx')!;
        model.writeUInt8(model.readUInt8(model.length - 1) ^ 0xff, model.length - 1);
      });
      await expect(pool.load(HOUSE_V2, tampered)).rejects.toMatchObject({ code: 'PACKAGE_DIGEST_MISMATCH' });
      await expect(pool.load(HOUSE_V2, new TextEncoder().encode('definitely not a tarball'))).rejects.toMatchObject({ code: expect.stringMatching(/^PACKAGE_/) });
      expect(pool.loadedKeys()).toEqual([]);
    });

    it('can load a key after an earlier attempt at it failed', async () => {
      const pool = newPool();
      await expect(pool.load(HOUSE_V1, smokeFails)).rejects.toMatchObject({ code: 'ONNX_INVALID' });
      await expect(pool.load(HOUSE_V1, regressor)).resolves.toMatchObject({ key: 'house-prices@1' });
    });
  });

  describe('unload', () => {
    it('waits for the predictions in flight, then releases the session; get() forgets the version at once', async () => {
      let scored = 0;
      const pool = newPool({ onBatch: (_key, size) => (scored += size) });
      const loaded = await pool.load(HOUSE_V1, regressor, { maxBatchSize: 4, maxWaitMs: 2 });
      scored = 0;
      const scoredAtRelease: number[] = [];
      const realRelease = ModelSession.prototype.release;
      vi.spyOn(ModelSession.prototype, 'release').mockImplementation(function (this: ModelSession) {
        scoredAtRelease.push(scored);
        return realRelease.call(this);
      });
      const records = houseRecords(40);
      const predictions = Promise.all(records.map((record) => loaded.predict([record])));
      expect(loaded.inFlight).toBe(40);

      const unloading = pool.unload('house-prices', 1);
      expect(pool.get('house-prices', 1)).toBeUndefined();
      expect(pool.loadedKeys()).toEqual([]);
      await expect(loaded.predict([records[0]!])).rejects.toMatchObject({ code: 'NOT_READY' });
      await unloading;

      expect(scoredAtRelease).toEqual([40]);
      expect(loaded.inFlight).toBe(0);
      (await predictions).forEach(([p], i) => expect(p!.value).toBeCloseTo(regressorExpectedValue(records[i]!.x1, records[i]!.x2, records[i]!.x3), 4));
    });

    it('is a no-op for a key that is not loaded, and unloading twice releases once', async () => {
      const pool = newPool();
      await pool.unload('house-prices', 9);
      await pool.load(HOUSE_V1, regressor);
      const release = vi.spyOn(ModelSession.prototype, 'release');
      await Promise.all([pool.unload('house-prices', 1), pool.unload('house-prices', 1)]);
      expect(release).toHaveBeenCalledTimes(1);
    });

    it('closeAll drains and unloads every version', async () => {
      const pool = newPool();
      await pool.load(HOUSE_V1, regressor);
      await pool.load({ model: 'iris-species', version: 1 }, classifier);
      const inFlight = pool.get('house-prices', 1)!.predict(houseRecords(3));
      await pool.closeAll();
      await expect(inFlight).resolves.toHaveLength(3);
      expect(pool.loadedKeys()).toEqual([]);
    });
  });
});
