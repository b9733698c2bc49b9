// examples/grpc/infer.mjs, run as a user runs it, against a real server's gRPC port.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from './fixtures/backends.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

const run = (args: string[], env: Record<string, string>) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
  execFile(process.execPath, ['examples/grpc/infer.mjs', ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
    resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
  });
});

describe('examples/grpc', () => {
  const [sqlite] = testBackends();
  let t: TestServer;
  let address: string;
  beforeAll(async () => {
    t = await startTestServer(sqlite!);
    address = `127.0.0.1:${await t.server.listenGrpc(0)}`;
  });
  afterAll(async () => t?.close());

  it('prints the model\'s answer for raw float32 rows, the same values the HTTP API gives', async () => {
    const result = await run([MODEL, '[[1,2,3],[4,5,6]]'], { PITSTOP_GRPC_ADDRESS: address, PITSTOP_API_KEY: t.keys.predictor });
    expect(result.stderr).toBe('');
    const printed = JSON.parse(result.stdout);
    const http = await t.call('POST', `/v2/models/${MODEL}/infer`, { role: 'predictor', body: { inputs: [{ name: 'input', datatype: 'FP32', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }] } });
    expect(printed).toMatchObject({ model: MODEL, version: '1', outputs: [{ name: http.body.outputs[0].name, data: http.body.outputs[0].data }] });
    expect(printed.prediction_ids).toHaveLength(2);
  });

  it('says what went wrong in one line and exits 1 without a key', async () => {
    const result = await run([MODEL, '[[1,2,3]]'], { PITSTOP_GRPC_ADDRESS: address, PITSTOP_API_KEY: '' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^UNAUTHENTICATED: send an API key as "authorization: Bearer <key>" metadata .* \(UNAUTHENTICATED\)$/);
  });
});
