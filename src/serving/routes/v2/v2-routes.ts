// The Open Inference Protocol V2 (KServe, Triton, MLServer): health, server and model metadata, readiness and infer.
import type { FastifyInstance } from 'fastify';
import type { RegisterRoutes, RouteContext } from '../../route-context.js';
import { inferV2, V2_SERVER_METADATA, v2Metadata, v2ModelReady } from '../../v2-inference.js';
import { binaryV2Answer, INFERENCE_HEADER_LENGTH } from '../../v2-protocol/index.js';

interface ModelParams { name: string; version?: string }

export const registerV2Routes: RegisterRoutes = (app, ctx) => {
  const publicConfig = { role: 'public' as const, v2: true };
  app.get('/v2/health/live', { config: publicConfig, schema: { tags: ['v2'], summary: 'The server process is up' } }, async () => ({ live: true }));
  app.get('/v2/health/ready', { config: publicConfig, schema: { tags: ['v2'], summary: 'The server has loaded what the registry says to serve' } }, async (_request, reply) => {
    const ready = ctx.deployment.isReady;
    return reply.status(ready ? 200 : 503).send({ ready });
  });
  app.get('/v2', { config: publicConfig, schema: { tags: ['v2'], summary: 'Server metadata' } }, async () => V2_SERVER_METADATA);

  for (const prefix of ['/v2/models/:name', '/v2/models/:name/versions/:version']) registerModelRoutes(app, ctx, prefix);
};

function registerModelRoutes(app: FastifyInstance, ctx: RouteContext, prefix: string): void {
  const params = { type: 'object', properties: { name: { type: 'string' }, version: { type: 'string' } }, required: ['name'] };
  app.get<{ Params: ModelParams }>(prefix, { config: { role: 'viewer', v2: true }, schema: { tags: ['v2'], summary: 'Model metadata', params } }, async (request) => v2Metadata(ctx.predictions, request.params.name, request.params.version));
  app.get<{ Params: ModelParams }>(`${prefix}/ready`, { config: { role: 'viewer', v2: true }, schema: { tags: ['v2'], summary: 'Model readiness', params } }, async (request, reply) => {
    const ready = v2ModelReady(ctx.predictions, request.params.name, request.params.version);
    return reply.status(ready ? 200 : 404).send({ name: request.params.name, ready });
  });
  app.post<{ Params: ModelParams; Body: { id?: string; outputs?: { name: string }[] } }>(`${prefix}/infer`, {
    config: { role: 'predictor', v2: true },
    schema: { tags: ['v2'], summary: 'Inference with V2 tensors', params, body: { type: 'object', required: ['inputs'], properties: { id: { type: 'string' }, inputs: { type: 'array' }, outputs: { type: 'array' } } } },
    async handler(request, reply) {
      const answer = await inferV2(ctx.predictions, {
        model: request.params.name, version: request.params.version, body: request.body, caller: request.callerKeyId,
        stickyKey: typeof request.headers['x-caller-key'] === 'string' ? request.headers['x-caller-key'] : null, requestId: request.id,
      });
      const binary = binaryV2Answer(request.body, answer);
      if (!binary) return answer;
      return reply.header(INFERENCE_HEADER_LENGTH, String(binary.headerLength)).type('application/octet-stream').send(binary.body);
    },
  });
}
