// Registry writes over HTTP: stage moves and aliases (deployer role). A protected alias (e.g. `champion`) needs admin,
// because moving it changes what production callers get without a stage change; the operations decide that.
import { aliasOperations, setStageOperation } from '../../../registry/operations/index.js';
import { STAGES, type Stage } from '../../../store/index.js';
import { runOperation } from '../../http-operation.js';
import type { RegisterRoutes } from '../../route-context.js';

const nameParams = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
const versionParams = { type: 'object', properties: { name: { type: 'string' }, version: { type: 'integer', minimum: 1 } }, required: ['name', 'version'] };
const aliasParams = { type: 'object', properties: { name: { type: 'string' }, alias: { type: 'string' } }, required: ['name', 'alias'] };

export function registryRoutes(protectedAliases: ReadonlySet<string>): RegisterRoutes {
  return (app, ctx) => {
    const { host, registry } = ctx.operations;
    const { setAlias, removeAlias } = aliasOperations(protectedAliases);

    app.post<{ Params: { name: string; version: number }; Body: { stage: Stage; reason: string } }>('/admin/models/:name/versions/:version/stage', {
      config: { role: 'deployer' },
      schema: {
        tags: ['admin'], summary: 'Move a version to another lifecycle stage (audited, with a reason)', params: versionParams,
        body: { type: 'object', additionalProperties: false, required: ['stage', 'reason'], properties: { stage: { type: 'string', enum: [...STAGES] }, reason: { type: 'string', minLength: 1 } } },
      },
      handler: (request) => runOperation(host, request, setStageOperation, registry, { model: request.params.name, version: request.params.version, ...request.body }),
    });

    app.get<{ Params: { name: string } }>('/admin/models/:name/aliases', { config: { role: 'viewer' }, schema: { tags: ['admin'], summary: 'The aliases of a model', params: nameParams } }, async (request) => {
      const aliases = await ctx.registry.listAliases(request.params.name);
      return { model: request.params.name, aliases: aliases.map((a) => ({ ...a, protected: protectedAliases.has(a.alias) })) };
    });

    app.put<{ Params: { name: string; alias: string }; Body: { version: number } }>('/admin/models/:name/aliases/:alias', {
      config: { role: 'deployer' },
      schema: {
        tags: ['admin'], summary: 'Point an alias at a version (protected aliases need admin)', params: aliasParams,
        body: { type: 'object', additionalProperties: false, required: ['version'], properties: { version: { type: 'integer', minimum: 1 } } },
      },
      handler: (request) => runOperation(host, request, setAlias, registry, { model: request.params.name, alias: request.params.alias, version: request.body.version }),
    });

    app.delete<{ Params: { name: string; alias: string } }>('/admin/models/:name/aliases/:alias', {
      config: { role: 'deployer' },
      schema: { tags: ['admin'], summary: 'Remove an alias (protected aliases need admin)', params: aliasParams },
      handler: (request) => runOperation(host, request, removeAlias, registry, { model: request.params.name, alias: request.params.alias }),
    });
  };
}
