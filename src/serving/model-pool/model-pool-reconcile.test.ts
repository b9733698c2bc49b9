import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { linearRegressorOnnx } from '../../../test/fixtures/onnx-models.js';
import { buildRegressorPackage, manifestJsonOf, regressorExpectedValue, regressorSpec, repackage, setManifestJson } from '../../../test/fixtures/packages.js';
import { PitstopError } from '../../errors/index.js';
import { ModelPool, type DesiredVersion } from './model-pool.js';

/** Version 2 computes 10·x1 + 20·x2 + 30·x3 − 1, so every answer says which version gave it. */
const V2 = { weights: [10, 20, 30], bias: -1 };
const v2Expected = (x1: number, x2: number, x3: number) => V2.weights[0]! * x1 + V2.weights[1]! * x2 + V2.weights[2]! * x3 + V2.bias;

let v1Bytes: Uint8Array;
let v2Bytes: Uint8Array;
let smokeFails: Uint8Array;
let tampered: Uint8Array;

beforeAll(async () => {
  v1Bytes = (await buildRegressorPackage()).bytes;
  v2Bytes = (await buildRegressorPackage({ modelBytes: linearRegressorOnnx(V2), spec: regressorSpec({ version: '2.0.0' }) })).bytes;
  smokeFails = await repackage(v2Bytes, (files) => {
    const manifest = manifestJsonOf(files) as { inputs: { name: string }[] };
    manifest.inputs[0]!.name = 'no_such_input';
    setManifestJson(files, manifest);
  });
  tampered = await repackage(v2Bytes, (files) => {
    const model = files.get('model.onnx')!;
    model.writeUInt8(model.readUInt8(model.length - 1) ^ 0xff, model.length - 1);
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

function desired(version: number, bytes: Uint8Array | (() => Promise<Uint8Array>)): DesiredVersion {
  return { model: 'house-prices', version, fetch: typeof bytes === 'function' ? bytes : async () => bytes };
}

describe('ModelPool.reconcile', () => {
  it('loads what is desired and missing, and reports it', async () => {
    const pool = newPool();
    const result = await pool.reconcile([desired(1, v1Bytes), desired(2, v2Bytes)]);
    expect(result).toEqual({ loaded: expect.arrayContaining(['house-prices@1', 'house-prices@2']), unloaded: [], failed: [], kept: [] });
    expect(pool.loadedKeys().sort()).toEqual(['house-prices@1', 'house-prices@2']);
  });

  it('fetches nothing and changes nothing when the pool already matches', async () => {
    const pool = newPool();
    await pool.reconcile([desired(1, v1Bytes)]);
    const fetch = vi.fn(async () => v1Bytes);
    expect(await pool.reconcile([{ model: 'house-prices', version: 1, fetch }])).toEqual({ loaded: [], unloaded: [], failed: [], kept: [] });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('loads at most two versions at a time', async () => {
    const pool = newPool();
    let fetching = 0;
    let most = 0;
    const slowFetch = async () => {
      most = Math.max(most, ++fetching);
      await sleep(20);
      fetching--;
      return v1Bytes;
    };
    const result = await pool.reconcile([1, 2, 3, 4, 5].map((v) => desired(v, slowFetch)));
    expect(result.loaded).toHaveLength(5);
    expect(most).toBe(2);
  });

  it('hot-swaps a version under load: 200 concurrent predictions all succeed, each answered by the old or the new version', async () => {
    const pool = newPool({ maxBatchSize: 16, maxWaitMs: 1 });
    await pool.reconcile([desired(1, v1Bytes)]);
    // The router: the new version as soon as it is loaded, else the old one (what DeploymentController's table does).
    const route = () => pool.get('house-prices', 2) ?? pool.get('house-prices', 1);
    const answeredBy = { 1: 0, 2: 0 };
    const failures: unknown[] = [];
    let sent = 0;
    let swapped = false;
    let answered = 0;

    const client = async (id: number) => {
      while (sent < 200 || !swapped) {
        const i = sent++;
        const record = { x1: id, x2: (i % 9) - 4, x3: i / 16 };
        try {
          const target = route()!;
          const [prediction] = await target.predict([record]);
          answered++;
          const value = prediction!.value as number;
          if (Math.abs(value - regressorExpectedValue(record.x1, record.x2, record.x3)) < 1e-3) answeredBy[1]++;
          else if (Math.abs(value - v2Expected(record.x1, record.x2, record.x3)) < 1e-2) answeredBy[2]++;
          else failures.push(new Error(`${JSON.stringify(record)} answered ${value}, which neither version computes`));
        } catch (error) {
          failures.push(error);
        }
        if (i % 3 === 0) await sleep(0);
      }
    };
    // The new package arrives only once the old version is busy, so the swap happens in the middle of the traffic.
    const swap = (async () => {
      while (answered < 40) await sleep(1);
      const result = await pool.reconcile([desired(2, v2Bytes)]);
      swapped = true;
      return result;
    })();
    const inFlightAtUnload: number[] = [];
    const realUnload = pool.unload.bind(pool);
    vi.spyOn(pool, 'unload').mockImplementation((model, version) => {
      inFlightAtUnload.push(pool.get(model, version)?.inFlight ?? -1);
      return realUnload(model, version);
    });
    await Promise.all([...Array.from({ length: 20 }, (_, id) => client(id)), swap]);

    expect(failures).toEqual([]);
    expect(inFlightAtUnload).toHaveLength(1);
    expect(inFlightAtUnload[0]).toBeGreaterThan(0); // the old version was still busy when it was taken away
    expect(answered).toBe(sent);
    expect(sent).toBeGreaterThanOrEqual(200);
    expect(answeredBy[1]).toBeGreaterThanOrEqual(40);
    expect(answeredBy[2]).toBeGreaterThan(0);
    expect(answeredBy[1] + answeredBy[2]).toBe(sent);
    expect(await swap).toEqual({ loaded: ['house-prices@2'], unloaded: ['house-prices@1'], failed: [], kept: [] });
    expect(pool.loadedKeys()).toEqual(['house-prices@2']);
  });

  it.each([
    ['whose smoke input fails', () => smokeFails, 'ONNX_INVALID'],
    ['whose model file does not match its digest', () => tampered, 'PACKAGE_DIGEST_MISMATCH'],
    ['that is not a package', () => new TextEncoder().encode('not a package'), 'PACKAGE_CORRUPT'],
  ])('keeps the old version serving when the new package is one %s, and reports the failure', async (_what, bytes, code) => {
    const pool = newPool();
    await pool.reconcile([desired(1, v1Bytes)]);
    const result = await pool.reconcile([desired(2, bytes())]);
    expect(result).toMatchObject({ loaded: [], unloaded: [], kept: ['house-prices@1'], failed: [{ key: 'house-prices@2', error: { code } }] });
    expect(result.failed[0]!.error).toBeInstanceOf(PitstopError);
    expect(pool.loadedKeys()).toEqual(['house-prices@1']);
    const [prediction] = await pool.get('house-prices', 1)!.predict([{ x1: 1, x2: 2, x3: 3 }]);
    expect(prediction!.value).toBeCloseTo(regressorExpectedValue(1, 2, 3), 4);
  });

  it('reports a package that cannot be fetched as a failure of that key, as a PitstopError', async () => {
    const pool = newPool();
    const result = await pool.reconcile([desired(1, v1Bytes), desired(2, async () => { throw new Error('artifact store is down'); })]);
    expect(result.loaded).toEqual(['house-prices@1']);
    expect(result.failed).toEqual([{ key: 'house-prices@2', error: expect.objectContaining({ code: 'INTERNAL', message: 'artifact store is down' }) }]);
  });

  it('unloads versions no longer desired, after draining their in-flight predictions, leaving other models alone', async () => {
    const pool = newPool();
    await pool.reconcile([desired(1, v1Bytes), { model: 'other-model', version: 7, fetch: async () => v2Bytes }]);
    const inFlight = pool.get('house-prices', 1)!.predict([{ x1: 1, x2: 1, x3: 1 }]);
    const result = await pool.reconcile([{ model: 'other-model', version: 7, fetch: async () => v2Bytes }]);
    expect(result).toEqual({ loaded: [], unloaded: ['house-prices@1'], failed: [], kept: [] });
    expect((await inFlight)[0]!.value).toBeCloseTo(6.5, 5);
    expect(pool.loadedKeys()).toEqual(['other-model@7']);
  });
});
