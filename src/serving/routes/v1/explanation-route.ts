// GET /v1/predictions/{id}/explanation: a logged prediction explained per input feature, with the package that made it.
import { explainLoggedPrediction, ExplainSessions, type ExplainDeps } from '../../../archive/index.js';
import type { RegisterRoutes } from '../../route-context.js';

interface ExplanationQuery {
  method?: 'auto' | 'sampling';
  top?: number;
}

export function explanationRoutes(deps: ExplainDeps): RegisterRoutes {
  // The last few versions' packages and sessions stay loaded between calls (an auditor explains many predictions of
  // the same few versions); older ones are released, so a long-running server does not keep every version it explained.
  const sessions = new ExplainSessions(deps.registry);
  return (app) => {
    app.addHook('onClose', async () => sessions.close());
    app.get<{ Params: { id: string }; Querystring: ExplanationQuery }>('/v1/predictions/:id/explanation', {
      config: { role: 'viewer' },
      schema: {
        tags: ['audit'],
        summary: 'Explain a logged prediction per input feature',
        description:
          'Exact for linear and tree-ensemble models (behind their feature pipeline), else sampled Shapley values over the whole model; the background is drawn from the package\'s reference profile.',
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        querystring: {
          type: 'object',
          properties: {
            method: { type: 'string', enum: ['auto', 'sampling'], default: 'auto', description: 'auto: exact when the model allows it; sampling: always sample' },
            top: { type: 'integer', minimum: 0, maximum: 1000, default: 5, description: 'features that get a sentence of their own' },
          },
          additionalProperties: false,
        },
      },
      handler: async (request) => {
        const { method, top } = request.query;
        return explainLoggedPrediction(deps, request.params.id, { ...(method ? { method } : {}), ...(top !== undefined ? { top } : {}) }, sessions);
      },
    });
  };
}
