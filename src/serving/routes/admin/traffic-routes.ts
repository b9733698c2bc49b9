// GET/PUT /admin/models/{name}/traffic: canary and shadow percentages (deployer role), audited.
import type { RegisterRoutes } from '../../route-context.js';

interface TrafficBody {
  canary?: { version: number; percent: number } | null;
  shadow?: { version: number; percent: number } | null;
}

const split = {
  anyOf: [
    { type: 'null' },
    { type: 'object', additionalProperties: false, required: ['version', 'percent'], properties: { version: { type: 'integer', minimum: 1 }, percent: { type: 'number', minimum: 0, maximum: 100 } } },
  ],
};

export const registerTrafficRoutes: RegisterRoutes = (app, ctx) => {
  const params = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
  app.get<{ Params: { name: string } }>('/admin/models/:name/traffic', { config: { role: 'viewer' }, schema: { tags: ['admin'], summary: 'The canary and shadow of a model', params } }, async (request) => {
    await ctx.registry.getModel(request.params.name);
    return (await ctx.traffic.getTraffic(request.params.name)) ?? { model: request.params.name, canary: null, shadow: null };
  });
  app.put<{ Params: { name: string }; Body: TrafficBody }>('/admin/models/:name/traffic', {
    config: { role: 'deployer' },
    schema: { tags: ['admin'], summary: 'Set the canary and shadow of a model', params, body: { type: 'object', additionalProperties: false, properties: { canary: split, shadow: split } } },
    async handler(request) {
      await ctx.registry.getModel(request.params.name);
      const current = await ctx.traffic.getTraffic(request.params.name);
      const policy = await ctx.traffic.setTraffic(
        request.params.name,
        { canary: request.body.canary === undefined ? (current?.canary ?? null) : request.body.canary, shadow: request.body.shadow === undefined ? (current?.shadow ?? null) : request.body.shadow },
        request.callerKeyId ?? 'anonymous',
      );
      await ctx.deployment.sync();
      return policy;
    },
  });
};
