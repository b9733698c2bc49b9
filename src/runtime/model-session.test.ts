// A model session in a worker thread answers exactly what the in-process one does.
import { describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import { parseManifestSpec, type Manifest } from '../manifest/index.js';
import { linearRegressorOnnx } from '../../test/fixtures/onnx-models.js';
import { regressorSpecInput } from '../../test/fixtures/packages.js';
import { ModelSession } from './model-session.js';

const WEIGHTS = { weights: [0.1, 0.2, 0.3], bias: 0.7 };
const manifest = { ...parseManifestSpec(regressorSpecInput()), maxBatchSize: null, smokeInput: [{ x1: 1, x2: 2, x3: 3 }] } as unknown as Manifest;
const records = Array.from({ length: 50 }, (_, i) => ({ x1: i / 7, x2: Math.sqrt(i), x3: -i / 3 }));

describe('ModelSession in a worker thread', () => {
  it('answers bit for bit what the in-process session answers, and observes the output widths', async () => {
    const [inProcess, inWorker] = await Promise.all([ModelSession.load(linearRegressorOnnx(WEIGHTS), manifest), ModelSession.load(linearRegressorOnnx(WEIGHTS), manifest, { workerThread: true, offThreadMinMicros: 0 })]);
    try {
      expect(await inWorker.predict(records, { othersWaiting: true })).toEqual(await inProcess.predict(records));
      expect([...(await inWorker.smokeTest(manifest.smokeInput))]).toEqual([['variable', 1]]);
    } finally {
      await Promise.all([inProcess.release(), inWorker.release()]);
    }
  });

  it('refuses bytes that are not a model with ONNX_INVALID', async () => {
    const error = await ModelSession.load(new Uint8Array([1, 2, 3]), manifest, { workerThread: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PitstopError);
    expect((error as PitstopError).code).toBe('ONNX_INVALID');
  });
});
