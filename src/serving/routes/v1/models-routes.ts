// GET /v1/models and /v1/models/{name}: what is served, its versions and traffic, its features and outputs.
import type { ModelRoutes } from '../../routing/routing-table.js';
import type { RegisterRoutes, RouteContext } from '../../route-context.js';

export const registerModelsRoutes: RegisterRoutes = (app, ctx) => {
  app.get('/v1/models', {
    config: { role: 'viewer' },
    schema: { tags: ['models'], summary: 'Models served by this server' },
    async handler() {
      return { models: [...ctx.deployment.routes.values()].map((routes) => describeServed(ctx, routes)) };
    },
  });

  app.get<{ Params: { name: string } }>('/v1/models/:name', {
    config: { role: 'viewer' },
    schema: { tags: ['models'], summary: 'One served model: versions, traffic, features, outputs', params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    async handler(request) {
      return describeServed(ctx, ctx.predictions.routesOf(request.params.name));
    },
  });
};

function describeServed(ctx: RouteContext, routes: ModelRoutes) {
  const primary = routes.primary === null ? undefined : ctx.pool.get(routes.model, routes.primary);
  const canaryPercent = routes.canary?.percent ?? 0;
  return {
    name: routes.model,
    versions: [...routes.servable].sort((a, b) => a - b).map((version) => {
      const loaded = ctx.pool.get(routes.model, version);
      const traffic = version === routes.canary?.version ? canaryPercent : version === routes.primary ? 100 - (routes.canary && routes.canary.version !== routes.primary ? canaryPercent : 0) : 0;
      return {
        version, stage: routes.stages.get(version), digest: loaded?.digest, label: loaded?.manifest.version,
        traffic_percent: traffic, shadow_percent: version === routes.shadow?.version ? routes.shadow.percent : 0,
        aliases: [...routes.aliases].filter(([, v]) => v === version).map(([a]) => a),
      };
    }),
    primary_version: routes.primary,
    canary: routes.canary,
    shadow: routes.shadow,
    task: primary?.manifest.task,
    features: primary?.manifest.features.map((f) => ({ name: f.name, type: f.type, required: f.required, min: f.min, max: f.max, categories: f.categories, default: f.default, description: f.description })),
    outputs: primary?.manifest.outputs.map((o) => ({ name: o.name, role: o.role, classes: o.classes })),
  };
}
