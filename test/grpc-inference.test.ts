// The V2 protocol over gRPC, driven by a client generated from the protocol's .proto: every RPC, answers equal to the
// HTTP door's bit for bit (typed and raw contents), each bad-input class with its status code, each role, traffic
// routes, the prediction log, and the health service Kubernetes probes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/serving/auth/index.js';
import { float32Bytes, float32Values, grpc, grpcFailure, v2GrpcClient, type V2GrpcClient } from './fixtures/grpc-client.js';
import { testBackends } from './fixtures/backends.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

const ROWS = [[1, 2, 3], [0.1, -4.5, 1e-3], [123.456, 99, -7]];

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`gRPC V2 on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    let client: V2GrpcClient;
    const infer = (request: object, role: keyof TestServer['keys'] | null = 'predictor', metadata?: Record<string, string>) => client.call('ModelInfer', request, role ? t.keys[role] : null, metadata);
    const typed = (rows: number[][], extra: object = {}) => ({ model_name: MODEL, inputs: [{ name: 'input', datatype: 'FP32', shape: [rows.length, 3], contents: { fp32_contents: rows.flat() } }], ...extra });
    const raw = (rows: number[][], extra: object = {}) => ({ model_name: MODEL, inputs: [{ name: 'input', datatype: 'FP32', shape: [rows.length, 3] }], raw_input_contents: [float32Bytes(rows.flat())], ...extra });
    const httpInfer = (rows: number[][]) => t.call('POST', `/v2/models/${MODEL}/infer`, { role: 'predictor', body: { inputs: [{ name: 'input', datatype: 'FP32', shape: [rows.length, 3], data: rows.flat() }] } });

    beforeAll(async () => {
      t = await startTestServer(backend);
      client = v2GrpcClient(await t.server.listenGrpc(0));
    });
    afterAll(async () => {
      client?.close();
      await t?.close();
    });

    it('answers ServerLive, ServerReady and ServerMetadata as the HTTP V2 routes do, without a key', async () => {
      expect(await client.call('ServerLive', {})).toEqual({ live: true });
      expect(await client.call('ServerReady', {})).toEqual({ ready: true });
      const http = await t.call('GET', '/v2', { role: null });
      expect(await client.call('ServerMetadata', {})).toEqual(http.body);
      expect(http.body.extensions).toContain('binary_tensor_data');
    });

    it('answers the standard health service for the server and the inference service', async () => {
      expect(await client.health('')).toBe('SERVING');
      expect(await client.health('inference.GRPCInferenceService')).toBe('SERVING');
      expect((await grpcFailure(client.health('nope'))).code).toBe(grpc.status.NOT_FOUND);
    });

    it('answers ModelMetadata and ModelReady as HTTP does, for the production and a pinned version', async () => {
      const http = await t.call('GET', `/v2/models/${MODEL}`, { role: 'viewer' });
      expect(await client.call('ModelMetadata', { name: MODEL }, t.keys.viewer)).toEqual(http.body);
      expect(await client.call('ModelReady', { name: MODEL }, t.keys.viewer)).toEqual({ ready: true });
      expect(await client.call('ModelReady', { name: MODEL, version: '1' }, t.keys.viewer)).toEqual({ ready: true });
      expect(await client.call('ModelReady', { name: 'nope' }, t.keys.viewer)).toEqual({ ready: false });
      expect((await grpcFailure(client.call('ModelMetadata', { name: 'nope' }, t.keys.viewer))).code).toBe(grpc.status.NOT_FOUND);
    });

    it('infers with typed contents and with raw contents, equal to the HTTP answer bit for bit, and logs each with its version', async () => {
      const http = await httpInfer(ROWS);
      expect(http.status).toBe(200);
      const expected: number[] = http.body.outputs[0].data;
      const viaTyped = await infer(typed(ROWS, { id: 'typed-1' }));
      expect(viaTyped).toMatchObject({ model_name: MODEL, model_version: '1', id: 'typed-1', raw_output_contents: [] });
      expect(viaTyped.outputs).toEqual([{ name: http.body.outputs[0].name, datatype: http.body.outputs[0].datatype, shape: http.body.outputs[0].shape, parameters: {}, contents: expect.objectContaining({ fp32_contents: expected }) }]);
      const viaRaw = await infer(raw(ROWS));
      expect(viaRaw.outputs[0]).toMatchObject({ datatype: 'FP32', shape: http.body.outputs[0].shape, contents: null });
      expect(float32Values(viaRaw.raw_output_contents[0])).toEqual(expected);
      const ids: string[] = viaRaw.parameters.prediction_ids.string_param.split(',');
      expect(ids).toHaveLength(ROWS.length);
      await t.server.log.flush();
      for (const [i, id] of ids.entries()) {
        const logged = await t.stores.predictions.getPrediction(id);
        expect(logged).toMatchObject({ model: MODEL, version: 1, input: { x1: Math.fround(ROWS[i]![0]!), x2: Math.fround(ROWS[i]![1]!), x3: Math.fround(ROWS[i]![2]!) } });
      }
    });

    it('takes one tensor per feature (KServe style) in FP64 and picks requested outputs', async () => {
      const perFeature = { model_name: MODEL, inputs: ['x1', 'x2', 'x3'].map((name, j) => ({ name, datatype: 'FP64', shape: [2], contents: { fp64_contents: [ROWS[0]![j]!, ROWS[1]![j]!] } })), outputs: [{ name: 'variable' }] };
      const answer = await infer(perFeature);
      const http = await httpInfer(ROWS.slice(0, 2));
      expect(answer.outputs[0].contents.fp32_contents).toEqual(http.body.outputs[0].data);
    });

    it('refuses each kind of bad input with INVALID_ARGUMENT or NOT_FOUND, saying what HTTP says, and logs none', async () => {
      await t.server.log.flush();
      const before = await t.stores.predictions.countPredictions({ model: MODEL });
      const missingFeature = { model_name: MODEL, inputs: [{ name: 'x1', datatype: 'FP32', shape: [1], contents: { fp32_contents: [1] } }] };
      const http = await t.call('POST', `/v2/models/${MODEL}/infer`, { role: 'predictor', body: { inputs: [{ name: 'x1', datatype: 'FP32', shape: [1], data: [1] }] } });
      const failure = await grpcFailure(infer(missingFeature));
      expect(failure).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: http.body.error });
      const cases: [string, object, number][] = [
        ['an unknown model', { ...typed(ROWS), model_name: 'nope' }, grpc.status.NOT_FOUND],
        ['a version that is not a number', { ...typed(ROWS), model_version: 'latest' }, grpc.status.NOT_FOUND],
        ['a version that does not exist', { ...typed(ROWS), model_version: '99' }, grpc.status.NOT_FOUND],
        ['a shape that does not match the contents', { model_name: MODEL, inputs: [{ name: 'input', datatype: 'FP32', shape: [2, 3], contents: { fp32_contents: [1, 2, 3] } }] }, grpc.status.INVALID_ARGUMENT],
        ['raw bytes of the wrong length', { ...raw(ROWS), raw_input_contents: [Buffer.alloc(7)] }, grpc.status.INVALID_ARGUMENT],
        ['raw and typed contents together', { ...raw(ROWS), inputs: typed(ROWS).inputs }, grpc.status.INVALID_ARGUMENT],
        ['fewer raw tensors than inputs', { ...raw(ROWS), raw_input_contents: [] as Buffer[], inputs: [...raw(ROWS).inputs, raw(ROWS).inputs[0]] }, grpc.status.INVALID_ARGUMENT],
        ['an unknown datatype', { model_name: MODEL, inputs: [{ name: 'input', datatype: 'FP128', shape: [1, 3], contents: { fp32_contents: [1, 2, 3] } }] }, grpc.status.INVALID_ARGUMENT],
        ['FP16 as typed contents', { model_name: MODEL, inputs: [{ name: 'input', datatype: 'FP16', shape: [1, 3], contents: { fp32_contents: [1, 2, 3] } }] }, grpc.status.INVALID_ARGUMENT],
        ['a value outside a feature range', typed([[1, 500, 3]]), grpc.status.INVALID_ARGUMENT],
        ['an unknown output', typed(ROWS, { outputs: [{ name: 'nope' }] }), grpc.status.INVALID_ARGUMENT],
        ['a negative dimension', { model_name: MODEL, inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, 3], contents: { fp32_contents: [1, 2, 3] } }] }, grpc.status.INVALID_ARGUMENT],
      ];
      for (const [what, request, code] of cases) expect((await grpcFailure(infer(request))).code, what).toBe(code);
      await t.server.log.flush();
      expect(await t.stores.predictions.countPredictions({ model: MODEL })).toBe(before);
    });

    it('refuses a message past the body limit with RESOURCE_EXHAUSTED', async () => {
      const rows = Array.from({ length: 800_000 }, () => [1, 2, 3]);
      expect((await grpcFailure(infer(raw(rows)))).code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    });

    it('checks the key and its role: UNAUTHENTICATED without or with a wrong key, PERMISSION_DENIED below the role, RESOURCE_EXHAUSTED past its rate', async () => {
      expect((await grpcFailure(infer(typed(ROWS), null))).code).toBe(grpc.status.UNAUTHENTICATED);
      expect((await grpcFailure(client.call('ModelInfer', typed(ROWS), 'psk_wrong.secret'))).code).toBe(grpc.status.UNAUTHENTICATED);
      const denied = await grpcFailure(infer(typed(ROWS), 'viewer'));
      expect(denied).toMatchObject({ code: grpc.status.PERMISSION_DENIED, pitstopCode: 'FORBIDDEN', details: expect.stringMatching(/needs the predictor role/) });
      expect((await grpcFailure(client.call('ModelMetadata', { name: MODEL }, null))).code).toBe(grpc.status.UNAUTHENTICATED);
      for (const role of ['predictor', 'deployer', 'admin'] as const) expect((await infer(typed(ROWS), role)).model_name).toBe(MODEL);
      const limited = generateApiKey();
      await t.stores.keys.createKey({ id: limited.id, name: 'slow', role: 'predictor', secretHash: limited.secretHash, salt: limited.salt, createdBy: 'test', rateLimit: 2 });
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => client.call('ModelInfer', typed(ROWS), limited.token)));
      const codes = results.map((r) => (r.status === 'fulfilled' ? 0 : (r.reason as grpc.ServiceError).code));
      expect(codes.filter((c) => c === grpc.status.RESOURCE_EXHAUSTED).length).toBeGreaterThanOrEqual(3);
    });

    it('follows the traffic split: without a version, a 30% canary answers about 30% of calls', async () => {
      expect((await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { canary: { version: 2, percent: 30 } } })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 600)); // the server polls for traffic changes every 100 ms
      const versions = await Promise.all(Array.from({ length: 600 }, () => infer(typed([[1, 2, 3]])).then((a) => a.model_version)));
      const canary = versions.filter((v) => v === '2').length / versions.length;
      expect(canary).toBeGreaterThan(0.22);
      expect(canary).toBeLessThan(0.38);
      expect((await infer(typed([[1, 2, 3]], { model_version: '1' }))).model_version).toBe('1');
      await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { canary: null } });
    });
  });
}
