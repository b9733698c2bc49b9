// GET/PUT /admin/models/{name}/traffic: canary and shadow percentages; the operations hold the policy and the audit.
import { getTrafficOperation, setTrafficOperation } from '../../../registry/operations/index.js';
import { runOperation } from '../../http-operation.js';
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
  const { host, registry } = ctx.operations;
  const params = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
  app.get<{ Params: { name: string } }>('/admin/models/:name/traffic', { config: { role: 'viewer' }, schema: { tags: ['admin'], summary: 'The canary and shadow of a model', params } }, (request) =>
    runOperation(host, request, getTrafficOperation, registry, { model: request.params.name }));
  app.put<{ Params: { name: string }; Body: TrafficBody }>('/admin/models/:name/traffic', {
    config: { role: 'deployer' },
    schema: { tags: ['admin'], summary: 'Set the canary and shadow of a model (under an approval policy, a canary only of the production version)', params, body: { type: 'object', additionalProperties: false, properties: { canary: split, shadow: split } } },
  }, (request) => runOperation(host, request, setTrafficOperation, registry, { model: request.params.name, ...request.body }));
};
