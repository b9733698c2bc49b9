// The prediction server end to end over real HTTP, on SQLite and PostgreSQL: both APIs, bad input, auth,
// hot swap under load, canary and shadow, and the prediction log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from './fixtures/backends.js';
import { buildPackage } from '../src/package/index.js';
import { misdeclaredRegressorOnnx } from './fixtures/onnx-models.js';
import { regressorExpectedValue, regressorSpec } from './fixtures/packages.js';
import { MODEL, startTestServer, V2_WEIGHTS, type TestServer } from './fixtures/serving.js';

const v2Value = (x1: number, x2: number, x3: number) => V2_WEIGHTS.weights[0]! * x1 + V2_WEIGHTS.weights[1]! * x2 + V2_WEIGHTS.weights[2]! * x3 + V2_WEIGHTS.bias;
const predictPath = `/v1/models/${MODEL}/predict`;

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`serving on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend);
    });
    afterAll(async () => t?.close());

    describe('native JSON API', () => {
      it('answers predictions with the model version and one id per record', async () => {
        const { status, body, headers } = await t.call('POST', predictPath, { role: 'predictor', body: { records: [{ x1: 1, x2: 2, x3: 3 }, { x1: 0, x2: 0, x3: 0 }] } });
        expect(status).toBe(200);
        expect(body.model).toEqual({ name: MODEL, version: 1 });
        expect(body.predictions[0].value).toBeCloseTo(regressorExpectedValue(1, 2, 3), 5);
        expect(body.predictions[1].value).toBeCloseTo(0.5, 5);
        expect(body.prediction_ids).toHaveLength(2);
        expect(body.prediction_ids[0] < body.prediction_ids[1]).toBe(true);
        expect(headers.get('x-request-id')).toBeTruthy();
        expect(headers.get('x-content-type-options')).toBe('nosniff');
      });

      it('serves a pinned version by ?version= and by ?alias=', async () => {
        await t.registry.setStage(MODEL, 2, 'staging', 'candidate', 'test');
        await t.registry.setAlias(MODEL, 'challenger', 2, 'test');
        await t.server.deployment.sync();
        const byVersion = await t.call('POST', `${predictPath}?version=2`, { role: 'predictor', body: { records: [{ x1: 1, x2: 1, x3: 1 }] } });
        expect(byVersion.body.model.version).toBe(2);
        expect(byVersion.body.predictions[0].value).toBeCloseTo(v2Value(1, 1, 1), 5);
        const byAlias = await t.call('POST', `${predictPath}?alias=challenger`, { role: 'predictor', body: { records: [{ x1: 1, x2: 1, x3: 1 }] } });
        expect(byAlias.body.model.version).toBe(2);
      });

      it('describes what is served: versions, traffic, features and outputs', async () => {
        const { body } = await t.call('GET', `/v1/models/${MODEL}`, { role: 'viewer' });
        expect(body.primary_version).toBe(1);
        expect(body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
        expect(body.features.map((f: { name: string }) => f.name)).toEqual(['x1', 'x2', 'x3']);
        expect(body.outputs).toEqual([{ name: 'variable', role: 'value' }]);
        expect((await t.call('GET', '/v1/models', { role: 'viewer' })).body.models.map((m: { name: string }) => m.name)).toEqual([MODEL]);
      });
    });

    describe('bad input gets a JSON problem, never a 500', () => {
      const cases: [string, unknown, number, RegExp][] = [
        ['a wrong type', { records: [{ x1: 'one', x2: 1, x3: 1 }] }, 422, /records\[0\]\.x1/],
        ['a missing required feature', { records: [{ x1: 1, x2: 1 }] }, 422, /records\[0\]\.x3/],
        ['an unknown feature', { records: [{ x1: 1, x2: 1, x3: 1, x4: 1 }] }, 422, /records\[0\]\.x4/],
        ['a value out of range', { records: [{ x1: 1, x2: 1000, x3: 1 }] }, 422, /records\[0\]\.x2/],
        ['no records', { records: [] }, 400, /records/],
        ['not an object', [1, 2], 400, /"field":"body"/],
        ['too many records', { records: Array.from({ length: 1001 }, () => ({ x1: 1, x2: 1, x3: 1 })) }, 413, /records/],
      ];
      for (const [what, body, status, field] of cases) {
        it(`${what} → ${status}`, async () => {
          const response = await t.call('POST', predictPath, { role: 'predictor', body });
          expect(response.status).toBe(status);
          expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
          expect(JSON.stringify(response.body.errors)).toMatch(field);
        });
      }

      it('a body that is not JSON → 400', async () => {
        const response = await t.call('POST', predictPath, { role: 'predictor', body: '{"records": [' });
        expect(response.status).toBe(400);
        expect(response.body.detail).toMatch(/JSON/);
      });

      it('a body over the size limit → 413', async () => {
        const big = JSON.stringify({ records: [{ x1: 1, x2: 1, x3: 1, pad: 'x'.repeat(9 * 1024 * 1024) }] });
        expect((await t.call('POST', predictPath, { role: 'predictor', body: big })).status).toBe(413);
      });

      it('an unknown model → 404 naming the served ones', async () => {
        const response = await t.call('POST', '/v1/models/nope/predict', { role: 'predictor', body: { records: [{}] } });
        expect(response.status).toBe(404);
        expect(response.body.detail).toContain(MODEL);
      });
    });

    describe('Open Inference Protocol V2', () => {
      it('reports health, server and model metadata', async () => {
        expect((await t.call('GET', '/v2/health/live', { role: null })).body).toEqual({ live: true });
        expect((await t.call('GET', '/v2/health/ready', { role: null })).status).toBe(200);
        expect((await t.call('GET', '/v2', { role: null })).body.name).toBe('pitstop');
        const meta = await t.call('GET', `/v2/models/${MODEL}`, { role: 'viewer' });
        expect(meta.body).toMatchObject({ name: MODEL, platform: 'onnxruntime_onnx' });
        expect((await t.call('GET', `/v2/models/${MODEL}/versions/1/ready`, { role: 'viewer' })).body).toMatchObject({ ready: true });
      });

      it('infers from a Triton-style [N, k] tensor and from KServe-style per-feature tensors alike', async () => {
        const triton = await t.call('POST', `/v2/models/${MODEL}/infer`, { role: 'predictor', body: { id: 'r1', inputs: [{ name: 'input', shape: [2, 3], datatype: 'FP32', data: [1, 2, 3, 0, 0, 0] }] } });
        expect(triton.status).toBe(200);
        expect(triton.body).toMatchObject({ model_name: MODEL, model_version: '1', id: 'r1' });
        const output = triton.body.outputs[0];
        expect(output.name).toBe('variable');
        expect(output.data[0]).toBeCloseTo(regressorExpectedValue(1, 2, 3), 5);
        const kserve = await t.call('POST', `/v2/models/${MODEL}/versions/1/infer`, {
          role: 'predictor',
          body: { inputs: ['x1', 'x2', 'x3'].map((name, i) => ({ name, shape: [2], datatype: 'FP32', data: [i + 1, 0] })) },
        });
        expect(kserve.body.outputs[0].data).toEqual(output.data);
      });

      it('describes the output shape a model really returns, not the one it declares', async () => {
        const spec = regressorSpec({ name: 'misdeclared' });
        const built = await buildPackage({ modelBytes: misdeclaredRegressorOnnx(), spec, createdBy: 'setup', now: new Date('2024-03-01T00:00:00Z') });
        await t.registry.register(built.bytes, 'setup');
        await t.registry.setStage('misdeclared', 1, 'staging', 'test', 'setup');
        let meta = await t.call('GET', '/v2/models/misdeclared', { role: 'viewer' });
        for (const deadline = Date.now() + 10_000; meta.status !== 200 && Date.now() < deadline; meta = await t.call('GET', '/v2/models/misdeclared', { role: 'viewer' })) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(meta.body.outputs).toEqual([{ name: 'variable', datatype: 'FP32', shape: [-1, 2] }]);
        const answer = await t.call('POST', '/v2/models/misdeclared/infer', { role: 'predictor', body: { inputs: [{ name: 'input', shape: [1, 3], datatype: 'FP32', data: [1, 1, 1] }] } });
        expect(answer.body.outputs).toEqual([{ name: 'variable', datatype: 'FP32', shape: [1, 2], data: [6, 7] }]);
        await t.registry.setStage('misdeclared', 1, 'registered', 'test', 'setup');
      });

      it('answers errors as {"error": ...}', async () => {
        const response = await t.call('POST', `/v2/models/${MODEL}/infer`, { role: 'predictor', body: { inputs: [{ name: 'input', shape: [1, 2], datatype: 'FP32', data: [1, 2] }] } });
        expect(response.status).toBe(400);
        expect(Object.keys(response.body)).toEqual(['error']);
      });
    });

    describe('API keys and roles', () => {
      it('needs a key for predictions, and the predictor role', async () => {
        const body = { records: [{ x1: 1, x2: 1, x3: 1 }] };
        expect((await t.call('POST', predictPath, { role: null, body })).status).toBe(401);
        expect((await t.call('POST', predictPath, { role: null, body, headers: { authorization: 'Bearer psk_0000000000000000_' + 'A'.repeat(43) } })).status).toBe(401);
        expect((await t.call('POST', predictPath, { role: 'viewer', body })).status).toBe(403);
        for (const role of ['predictor', 'deployer', 'admin'] as const) expect((await t.call('POST', predictPath, { role, body })).status).toBe(200);
      });

      it('needs the deployer role to change traffic', async () => {
        expect((await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'predictor', body: { canary: null } })).status).toBe(403);
        expect((await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { canary: null } })).status).toBe(200);
      });

      it('needs the deployer role for stage moves and aliases, and admin for a protected alias', async () => {
        const stage = `/admin/models/${MODEL}/versions/2/stage`;
        const before = (await t.registry.getVersion(MODEL, 2)).stage;
        const to = before === 'staging' ? 'registered' : 'staging';
        expect((await t.call('POST', stage, { role: 'predictor', body: { stage: to, reason: 'try it' } })).status).toBe(403);
        expect((await t.call('POST', stage, { role: 'deployer', body: { stage: 'archived', reason: 'skip ahead' } })).body).toMatchObject({ status: 409, errors: [{ field: 'stage' }] });
        const moved = await t.call('POST', stage, { role: 'deployer', body: { stage: to, reason: 'try it' } });
        expect(moved.body.moves).toEqual([expect.objectContaining({ version: 2, from: before, to })]);
        expect((await t.call('POST', stage, { role: 'deployer', body: { stage: before, reason: 'undo' } })).status).toBe(200);

        const alias = (name: string) => `/admin/models/${MODEL}/aliases/${name}`;
        expect((await t.call('PUT', alias('candidate'), { role: 'deployer', body: { version: 2 } })).body).toMatchObject({ version: 2, previousVersion: null });
        const refused = await t.call('PUT', alias('champion'), { role: 'deployer', body: { version: 1 } });
        expect(refused.body).toMatchObject({ status: 403, errors: [{ field: 'alias', message: expect.stringContaining('protected') }] });
        expect((await t.call('PUT', alias('champion'), { role: 'admin', body: { version: 1 } })).status).toBe(200);
        expect((await t.call('DELETE', alias('champion'), { role: 'deployer' })).status).toBe(403);
        const listed = await t.call('GET', `/admin/models/${MODEL}/aliases`, { role: 'viewer' });
        const flags = new Map(listed.body.aliases.map((a: { alias: string; protected: boolean }) => [a.alias, a.protected]));
        expect([flags.get('candidate'), flags.get('champion')]).toEqual([false, true]);
        expect((await t.call('DELETE', alias('candidate'), { role: 'deployer' })).body).toMatchObject({ removedFromVersion: 2 });
        expect((await t.call('DELETE', alias('candidate'), { role: 'deployer' })).status).toBe(404);
        expect((await t.call('DELETE', alias('champion'), { role: 'admin' })).status).toBe(200);
      });

      it('lets only admins manage keys, and a created key works at once', async () => {
        expect((await t.call('GET', '/admin/keys', { role: 'deployer' })).status).toBe(403);
        const listed = await t.call('GET', '/admin/keys', { role: 'admin' });
        expect(listed.status).toBe(200);
        expect(JSON.stringify(listed.body)).not.toMatch(/secretHash|salt/);
        const created = await t.call('POST', '/admin/keys', { role: 'admin', body: { role: 'predictor', name: 'app' } });
        expect(created.status).toBe(201);
        const answer = await t.call('POST', predictPath, { role: null, body: { records: [{ x1: 1, x2: 1, x3: 1 }] }, headers: { authorization: `Bearer ${created.body.key}` } });
        expect(answer.status).toBe(200);
        expect((await t.call('POST', '/admin/keys', { role: 'admin', body: { role: 'root', name: 'x' } })).status).toBe(400);
        expect((await t.call('DELETE', `/admin/keys/${created.body.id}`, { role: 'admin' })).body).toEqual({ id: created.body.id, revoked: true });
      });

      it('keeps health, metrics and the OpenAPI document open', async () => {
        expect((await t.call('GET', '/metrics', { role: null })).status).toBe(200);
        const openapi = await t.call('GET', '/openapi.json', { role: null });
        expect(openapi.body.paths).toHaveProperty(['/v1/models/{name}/predict']);
        expect((await t.call('GET', '/docs/', { role: null })).status).toBe(200);
      });

      it('stops accepting a revoked key', async () => {
        const [viewerKey] = (await t.stores.keys.listKeys()).filter((k) => k.role === 'predictor');
        await t.stores.keys.revokeKey(viewerKey!.id, 'test');
        await new Promise((resolve) => setTimeout(resolve, 1100));
        expect((await t.call('POST', predictPath, { role: 'predictor', body: { records: [{ x1: 1, x2: 1, x3: 1 }] } })).status).toBe(401);
      });
    });

    describe('traffic and deployment', () => {
      it('splits canary traffic within ±3% of the set percentage over 5,000 requests', async () => {
        expect((await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { canary: { version: 2, percent: 20 }, shadow: null } })).status).toBe(200);
        let canary = 0;
        for (let batch = 0; batch < 50; batch++) {
          const answers = await Promise.all(Array.from({ length: 100 }, () => t.call('POST', predictPath, { role: 'admin', body: { records: [{ x1: 1, x2: 1, x3: 1 }] } })));
          canary += answers.filter((a) => a.body.model.version === 2).length;
        }
        expect(Math.abs(canary / 5000 - 0.2)).toBeLessThan(0.03);
        await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { canary: null } });
      });

      it('routes V2 infer without a version like /v1: canary within ±3% over 5,000 requests, shadow logged', async () => {
        const v2Infer = `/v2/models/${MODEL}/infer`;
        const body = { inputs: [{ name: 'input', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }] };
        const canaryLoggedBefore = await loggedOnRoute('canary');
        expect((await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { canary: { version: 2, percent: 50 }, shadow: null } })).status).toBe(200);
        let canary = 0;
        for (let batch = 0; batch < 50; batch++) {
          const answers = await Promise.all(Array.from({ length: 100 }, () => t.call('POST', v2Infer, { role: 'admin', body })));
          for (const a of answers) {
            expect(a.status).toBe(200);
            const expected = a.body.model_version === '2' ? v2Value(1, 2, 3) : regressorExpectedValue(1, 2, 3);
            expect(a.body.outputs[0].data[0]).toBeCloseTo(expected, 4);
          }
          canary += answers.filter((a) => a.body.model_version === '2').length;
        }
        await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { canary: null, shadow: { version: 2, percent: 100 } } });
        expect(Math.abs(canary / 5000 - 0.5)).toBeLessThan(0.03);
        expect((await loggedOnRoute('canary')) - canaryLoggedBefore).toBe(canary);
        const shadowed = await Promise.all(Array.from({ length: 20 }, () => t.call('POST', v2Infer, { role: 'admin', body })));
        expect(shadowed.every((a) => a.body.model_version === '1')).toBe(true);
        await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { shadow: null } });
        await new Promise((resolve) => setTimeout(resolve, 200));
        await t.server.log.flush();
        const shadowLogged = (await t.stores.predictions.listPredictions({ model: MODEL, version: 2, limit: 100_000 })).filter((p) => p.route === 'shadow');
        expect(shadowLogged.length).toBeGreaterThanOrEqual(20);
        expect((shadowLogged[0]!.output as { value: number }).value).toBeCloseTo(v2Value(1, 2, 3), 4);
      });

      async function loggedOnRoute(route: string): Promise<number> {
        await t.server.log.flush();
        return (await t.stores.predictions.listPredictions({ model: MODEL, version: 2, limit: 100_000 })).filter((p) => p.route === route).length;
      }

      it('never lets the shadow change the answer, and logs what the shadow said', async () => {
        await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { shadow: { version: 2, percent: 100 } } });
        const answers = await Promise.all(Array.from({ length: 50 }, () => t.call('POST', predictPath, { role: 'admin', body: { records: [{ x1: 1, x2: 2, x3: 3 }] } })));
        for (const a of answers) {
          expect(a.body.model.version).toBe(1);
          expect(a.body.predictions[0].value).toBeCloseTo(regressorExpectedValue(1, 2, 3), 5);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        await t.server.log.flush();
        const shadowLogged = (await t.stores.predictions.listPredictions({ model: MODEL, version: 2, limit: 10_000 })).filter((p) => p.route === 'shadow');
        expect(shadowLogged.length).toBeGreaterThanOrEqual(50);
        expect((shadowLogged[0]!.output as { value: number }).value).toBeCloseTo(v2Value(1, 2, 3), 5);
        await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { shadow: null } });
      });

      it('hot-swaps the production version under load without a failed request', async () => {
        let stop = false;
        const statuses: number[] = [];
        const versions = new Set<number>();
        const load = Array.from({ length: 8 }, async () => {
          while (!stop) {
            const answer = await t.call('POST', predictPath, { role: 'admin', body: { records: [{ x1: 1, x2: 1, x3: 1 }] } });
            statuses.push(answer.status);
            if (answer.status === 200) versions.add(answer.body.model.version);
          }
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await t.registry.setStage(MODEL, 2, 'production', 'swap under load', 'test');
        const deadline = Date.now() + 5000;
        while (Date.now() < deadline && !(versions.has(2) && (await t.call('POST', predictPath, { role: 'admin', body: { records: [{ x1: 0, x2: 0, x3: 0 }] } })).body.model.version === 2)) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
        stop = true;
        await Promise.all(load);
        expect(statuses.length).toBeGreaterThan(50);
        expect(statuses.filter((s) => s !== 200)).toEqual([]);
        expect([...versions].sort()).toEqual([1, 2]);
      });
    });

    it('logs every answered prediction with its version and digest', async () => {
      const { body } = await t.call('POST', predictPath, { role: 'admin', body: { records: [{ x1: 5, x2: 5, x3: 5 }] } });
      await t.server.log.flush();
      const logged = await t.stores.predictions.getPrediction(body.prediction_ids[0]);
      expect(logged).toMatchObject({ model: MODEL, version: body.model.version, input: { x1: 5, x2: 5, x3: 5 }, route: 'primary' });
      expect(logged!.packageDigest).toMatch(/^[0-9a-f]{64}$/);
    });

    it('exports request, latency, batch and log metrics in Prometheus format', async () => {
      const metrics = (await t.call('GET', '/metrics', { role: null })).body as string;
      for (const name of ['pitstop_predictions_requests_total', 'pitstop_prediction_latency_seconds_bucket', 'pitstop_batch_size_bucket', 'pitstop_loaded_models', 'pitstop_prediction_log_queue_depth']) {
        expect(metrics).toContain(name);
      }
    });
  });
}
