// The admin GUI's model list (with health lights, paged and searched on the server), a model's page, and rollback.
import { rollbackOperation } from '../../../registry/operations/index.js';
import { runOperation } from '../../http-operation.js';
import type { ModelOverview } from '../../model-overview/index.js';
import type { RegisterRoutes } from '../../route-context.js';

const nameParams = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };

export function modelRoutes(overview: ModelOverview): RegisterRoutes {
  return (app, ctx) => {
    app.get<{ Querystring: { q?: string; limit?: number; offset?: number } }>('/admin/models', {
      config: { role: 'viewer' },
      schema: {
        tags: ['admin'],
        summary: 'Models by name, a page at a time, each with its stages, traffic, aliases and health (green, amber, red or unknown)',
        querystring: {
          type: 'object', additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 200, description: 'part of the name or description (case-insensitive)' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
        },
      },
    }, async (request) => overview.list({ limit: request.query.limit ?? 50, offset: request.query.offset ?? 0, ...(request.query.q ? { q: request.query.q } : {}) }));

    app.get<{ Params: { name: string } }>('/admin/models/:name', {
      config: { role: 'viewer' },
      schema: { tags: ['admin'], summary: "A model's versions (with aliases, metrics and lineage), traffic, promotion policy, audit history, pending promotions and health", params: nameParams },
    }, async (request) => overview.detail(request.params.name));

    app.post<{ Params: { name: string }; Body: { reason: string } }>('/admin/models/:name/rollback', {
      config: { role: 'deployer' },
      schema: {
        tags: ['admin'], summary: 'Bring back the version that was in production before the current one (audited, with a reason)', params: nameParams,
        body: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string', minLength: 1 } } },
      },
    }, (request) => runOperation(ctx.operations.host, request, rollbackOperation, ctx.operations.registry, { model: request.params.name, reason: request.body.reason }));
  };
}
