// Triton's binary tensor data extension on HTTP V2 infer: raw input bytes after a JSON header, and binary outputs on
// request; the same answers as plain JSON, and a 400 naming what is wrong with a malformed body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from './fixtures/backends.js';
import { float32Bytes, float32Values } from './fixtures/grpc-client.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

const ROWS = [[1, 2, 3], [0.25, -4.5, 1e-3], [123.456, 99, -7]];

describe('V2 binary tensor data over HTTP', () => {
  const [sqlite] = testBackends();
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(sqlite!);
  });
  afterAll(async () => t?.close());

  /** Sends a JSON header and binary chunks as Triton's client does. */
  const sendBinary = async (header: object, chunks: Buffer[], headers: Record<string, string> = {}) => {
    const json = Buffer.from(JSON.stringify(header));
    const response = await fetch(`${t.url}/v2/models/${MODEL}/infer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.keys.predictor}`, 'content-type': 'application/octet-stream', 'inference-header-content-length': String(json.length), ...headers },
      body: Buffer.concat([json, ...chunks]),
    });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };
  const binaryInput = (rows: number[][]) => ({ name: 'input', datatype: 'FP32', shape: [rows.length, 3], parameters: { binary_data_size: rows.length * 12 } });
  const jsonAnswer = async (rows: number[][]) => (await t.call('POST', `/v2/models/${MODEL}/infer`, { role: 'predictor', body: { inputs: [{ name: 'input', datatype: 'FP32', shape: [rows.length, 3], data: rows.flat() }] } })).body;

  it('reads binary inputs and answers in JSON, as for the same rows sent as JSON', async () => {
    const answer = await sendBinary({ inputs: [binaryInput(ROWS)] }, [float32Bytes(ROWS.flat())]);
    expect(answer.status).toBe(200);
    const parsed = JSON.parse(answer.body.toString('utf8'));
    const json = await jsonAnswer(ROWS);
    expect(parsed.outputs).toEqual(json.outputs);
    await t.server.log.flush();
    expect(await t.stores.predictions.getPrediction(parsed.parameters.prediction_ids[0])).toMatchObject({ model: MODEL, version: 1 });
  });

  it('answers binary outputs after the JSON header when asked, per output or for all', async () => {
    const json = await jsonAnswer(ROWS);
    for (const ask of [{ parameters: { binary_data_output: true } }, { outputs: [{ name: json.outputs[0].name, parameters: { binary_data: true } }] }]) {
      const answer = await sendBinary({ inputs: [binaryInput(ROWS)], ...ask }, [float32Bytes(ROWS.flat())]);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/octet-stream/);
      const headerLength = Number(answer.headers.get('inference-header-content-length'));
      const header = JSON.parse(answer.body.subarray(0, headerLength).toString('utf8'));
      expect(header.outputs[0]).toMatchObject({ name: json.outputs[0].name, datatype: 'FP32', shape: json.outputs[0].shape, parameters: { binary_data_size: ROWS.length * 4 } });
      expect(header.outputs[0].data).toBeUndefined();
      expect(float32Values(answer.body.subarray(headerLength))).toEqual(json.outputs[0].data);
    }
    const optedOut = await sendBinary({ inputs: [binaryInput(ROWS)], parameters: { binary_data_output: true }, outputs: [{ name: json.outputs[0].name, parameters: { binary_data: false } }] }, [float32Bytes(ROWS.flat())]);
    expect(JSON.parse(optedOut.body.toString('utf8')).outputs).toEqual(json.outputs);
  });

  it('answers a malformed binary body with a 400 that says what is wrong, and logs nothing', async () => {
    await t.server.log.flush();
    const before = await t.stores.predictions.countPredictions({ model: MODEL });
    const bytes = float32Bytes(ROWS.flat());
    const cases: [string, Promise<{ status: number; body: Buffer }>, RegExp][] = [
      ['no header length', sendBinary({ inputs: [binaryInput(ROWS)] }, [bytes], { 'inference-header-content-length': '' }), /inference-header-content-length/],
      ['a header length past the body', sendBinary({ inputs: [binaryInput(ROWS)] }, [bytes], { 'inference-header-content-length': '100000' }), /but the body holds/],
      ['fewer bytes than binary_data_size', sendBinary({ inputs: [binaryInput(ROWS)] }, [bytes.subarray(0, 20)]), /only 20 remain/],
      ['bytes left over', sendBinary({ inputs: [binaryInput(ROWS)] }, [bytes, Buffer.alloc(3)]), /3 bytes after the last binary input/],
      ['a size that does not fit the shape', sendBinary({ inputs: [{ ...binaryInput(ROWS), parameters: { binary_data_size: 32 } }] }, [bytes.subarray(0, 32)]), /holds 32 bytes; 9 FP32 elements need 36/],
      ['data and binary together', sendBinary({ inputs: [{ ...binaryInput(ROWS), data: [1] }] }, [bytes]), /not both/],
      ['a header nested too deep', sendBinary({ inputs: [binaryInput(ROWS)], parameters: { deep: JSON.parse('['.repeat(70) + ']'.repeat(70)) } }, [bytes]), /nests deeper than 64/],
    ];
    for (const [what, sent, message] of cases) {
      const answer = await sent;
      expect(answer.status, what).toBe(400);
      expect(JSON.parse(answer.body.toString('utf8')).error, what).toMatch(message);
    }
    await t.server.log.flush();
    expect(await t.stores.predictions.countPredictions({ model: MODEL })).toBe(before);
  });
});
