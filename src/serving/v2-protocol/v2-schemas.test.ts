// The V2 JSON Schemas work as Fastify route schemas: they accept protocol bodies, refuse malformed ones, and keep extra fields.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V2ErrorJsonSchema, V2InferenceRequestJsonSchema, V2InferenceResponseJsonSchema, V2ModelMetadataJsonSchema } from './v2-schemas.js';

describe('the V2 JSON Schemas', () => {
  it.each([
    ['request', V2InferenceRequestJsonSchema],
    ['response', V2InferenceResponseJsonSchema],
    ['model metadata', V2ModelMetadataJsonSchema],
    ['error', V2ErrorJsonSchema],
  ])('describe the %s as an object, without a $schema that would clash inside a route or OpenAPI', (_what, schema) => {
    expect(schema).toMatchObject({ type: 'object', description: expect.any(String) });
    expect(schema).not.toHaveProperty('$schema');
  });

  it('require inputs with name, shape, datatype and data', () => {
    expect(V2InferenceRequestJsonSchema).toMatchObject({
      required: ['inputs'],
      properties: { inputs: { type: 'array', minItems: 1, items: { required: ['name', 'shape', 'datatype', 'data'] } } },
    });
  });

  describe('declared on a Fastify route', () => {
    const app = Fastify();

    beforeAll(async () => {
      app.post('/infer', { schema: { body: V2InferenceRequestJsonSchema, response: { 200: V2InferenceResponseJsonSchema } } }, async (request) => ({
        model_name: 'm',
        model_version: '1',
        outputs: [{ name: 'echo', shape: [1], datatype: 'BYTES', data: [JSON.stringify(request.body)] }],
      }));
      await app.ready();
    });

    afterAll(async () => {
      await app.close();
    });

    it('accepts a Triton-style request and keeps fields the protocol allows clients to add', async () => {
      const body = { id: 'r1', inputs: [{ name: 'input', shape: [1, 2], datatype: 'FP32', data: [[1, 2]], parameters: { binary_data: false } }], custom: true };
      const response = await app.inject({ method: 'POST', url: '/infer', payload: body });
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.json<{ outputs: { data: string[] }[] }>().outputs[0]!.data[0]!)).toEqual(body);
    });

    it.each([
      ['no inputs', { id: 'r1' }],
      ['an empty inputs list', { inputs: [] }],
      ['an unknown datatype', { inputs: [{ name: 'x', shape: [1], datatype: 'FLOAT', data: [1] }] }],
      ['an input without data', { inputs: [{ name: 'x', shape: [1], datatype: 'FP32' }] }],
      ['a negative dimension', { inputs: [{ name: 'x', shape: [-1], datatype: 'FP32', data: [1] }] }],
    ])('refuses a request with %s', async (_what, body) => {
      const response = await app.inject({ method: 'POST', url: '/infer', payload: body });
      expect(response.statusCode).toBe(400);
    });
  });
});
