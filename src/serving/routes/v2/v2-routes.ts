// The Open Inference Protocol V2 (KServe, Triton, MLServer): health, server and model metadata, readiness and infer.
import type { FastifyInstance } from 'fastify';
import { PitstopError } from '../../../errors/index.js';
import type { RegisterRoutes, RouteContext } from '../../route-context.js';
import { checkRequestedV2Outputs, predictionsToV2Outputs, v2InputsToRecords, v2ModelMetadata } from '../../v2-protocol/index.js';

interface ModelParams { name: string; version?: string }

export const registerV2Routes: RegisterRoutes = (app, ctx) => {
  const publicConfig = { role: 'public' as const, v2: true };
  app.get('/v2/health/live', { config: publicConfig, schema: { tags: ['v2'], summary: 'The server process is up' } }, async () => ({ live: true }));
  app.get('/v2/health/ready', { config: publicConfig, schema: { tags: ['v2'], summary: 'The server has loaded what the registry says to serve' } }, async (_request, reply) => {
    const ready = ctx.deployment.isReady;
    return reply.status(ready ? 200 : 503).send({ ready });
  });
  app.get('/v2', { config: publicConfig, schema: { tags: ['v2'], summary: 'Server metadata' } }, async () => ({ name: 'pitstop', version: '0.1.0', extensions: [] }));

  for (const prefix of ['/v2/models/:name', '/v2/models/:name/versions/:version']) registerModelRoutes(app, ctx, prefix);
};

function registerModelRoutes(app: FastifyInstance, ctx: RouteContext, prefix: string): void {
  const params = { type: 'object', properties: { name: { type: 'string' }, version: { type: 'string' } }, required: ['name'] };
  app.get<{ Params: ModelParams }>(prefix, { config: { role: 'viewer', v2: true }, schema: { tags: ['v2'], summary: 'Model metadata', params } }, async (request) => {
    const loaded = loadedFor(ctx, request.params);
    const routes = ctx.predictions.routesOf(request.params.name);
    return v2ModelMetadata(request.params.name, [...routes.servable].sort((a, b) => a - b).map(String), loaded.manifest, loaded.outputWidths);
  });
  app.get<{ Params: ModelParams }>(`${prefix}/ready`, { config: { role: 'viewer', v2: true }, schema: { tags: ['v2'], summary: 'Model readiness', params } }, async (request, reply) => {
    try {
      loadedFor(ctx, request.params);
      return { name: request.params.name, ready: true };
    } catch {
      return reply.status(404).send({ name: request.params.name, ready: false });
    }
  });
  app.post<{ Params: ModelParams; Body: { id?: string; outputs?: { name: string }[] } }>(`${prefix}/infer`, {
    config: { role: 'predictor', v2: true },
    schema: { tags: ['v2'], summary: 'Inference with V2 tensors', params, body: { type: 'object', required: ['inputs'], properties: { id: { type: 'string' }, inputs: { type: 'array' }, outputs: { type: 'array' } } } },
    async handler(request) {
      // Without a version, traffic chooses (canary, shadow) exactly as for /v1; the chosen version's manifest reads the tensors.
      const version = request.params.version === undefined ? undefined : parseVersion(request.params.version);
      const requested = request.body.outputs?.map((o) => o.name);
      const result = await ctx.predictions.predict({
        model: request.params.name, version, body: request.body, caller: request.callerKeyId,
        stickyKey: typeof request.headers['x-caller-key'] === 'string' ? request.headers['x-caller-key'] : null, requestId: request.id,
        decode: (manifest) => {
          // Refuse unknown output names before predicting, so a bad request is never run or logged.
          checkRequestedV2Outputs(manifest, requested);
          return { records: v2InputsToRecords(manifest, request.body) };
        },
      });
      return {
        model_name: result.model.name,
        model_version: String(result.model.version),
        ...(request.body.id !== undefined ? { id: request.body.id } : {}),
        parameters: { prediction_ids: result.predictionIds },
        outputs: predictionsToV2Outputs(result.manifest, result.predictions, requested),
      };
    },
  });
}

function loadedFor(ctx: RouteContext, params: ModelParams) {
  return params.version === undefined ? ctx.predictions.resolve(params.name) : ctx.predictions.resolve(params.name, parseVersion(params.version));
}

function parseVersion(text: string): number {
  if (!/^\d+$/.test(text)) throw new PitstopError('VERSION_NOT_FOUND', `model version "${text}" is not a version number`, { field: 'version' });
  return Number(text);
}
