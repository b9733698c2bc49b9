// POST /v1/models/{name}/predict: the native JSON prediction API.
import type { RegisterRoutes } from '../../route-context.js';

interface PredictParams { name: string }
interface PredictQuery { version?: number; alias?: string }

export const registerPredictRoute: RegisterRoutes = (app, ctx) => {
  app.post<{ Params: PredictParams; Querystring: PredictQuery }>('/v1/models/:name/predict', {
    config: { role: 'predictor' },
    schema: {
      tags: ['predict'],
      summary: 'Score records with a served model',
      description: 'Traffic rules (production, canary, shadow) choose the version unless `version` or `alias` pins one. Records are validated against the model\'s feature schema first.',
      params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      querystring: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 }, alias: { type: 'string' } } },
      headers: { type: 'object', properties: { 'x-caller-key': { type: 'string', description: 'keeps a caller on one side of a canary' } } },
      body: { type: 'object', description: '{"records": [{"feature": value, ...}, ...]}', properties: { records: { type: 'array', items: { type: 'object' } } } },
      response: {
        200: {
          type: 'object',
          properties: {
            model: { type: 'object', properties: { name: { type: 'string' }, version: { type: 'integer' } } },
            predictions: { type: 'array', items: { type: 'object', additionalProperties: true } },
            prediction_ids: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
    async handler(request) {
      const result = await ctx.predictions.predict({
        model: request.params.name,
        version: request.query.version,
        alias: request.query.alias,
        body: request.body,
        caller: request.callerKeyId,
        stickyKey: typeof request.headers['x-caller-key'] === 'string' ? request.headers['x-caller-key'] : null,
        requestId: request.id,
      });
      return { model: result.model, predictions: result.predictions, prediction_ids: result.predictionIds };
    },
  });
};
