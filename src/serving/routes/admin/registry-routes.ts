// Registry writes over HTTP: stage moves and aliases (deployer role). A protected alias (e.g. `champion`) needs admin,
// because moving it changes what production callers get without a stage change.
import { PitstopError } from '../../../errors/index.js';
import { STAGES, type Stage } from '../../../store/index.js';
import type { RegisterRoutes } from '../../route-context.js';

const nameParams = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
const versionParams = { type: 'object', properties: { name: { type: 'string' }, version: { type: 'integer', minimum: 1 } }, required: ['name', 'version'] };
const aliasParams = { type: 'object', properties: { name: { type: 'string' }, alias: { type: 'string' } }, required: ['name', 'alias'] };

export function registryRoutes(protectedAliases: ReadonlySet<string>): RegisterRoutes {
  return (app, ctx) => {
    const actor = (request: { callerKeyId: string | null }) => request.callerKeyId ?? 'anonymous';
    const requireAdminFor = (alias: string, request: { callerRole: string | null }) => {
      // callerRole is null only when auth is disabled for local experiments.
      if (protectedAliases.has(alias) && request.callerRole !== null && request.callerRole !== 'admin') {
        throw new PitstopError('FORBIDDEN', `alias "${alias}" is protected: moving it needs the admin role, this key has ${request.callerRole}`, { field: 'alias' });
      }
    };

    app.post<{ Params: { name: string; version: number }; Body: { stage: Stage; reason: string } }>('/admin/models/:name/versions/:version/stage', {
      config: { role: 'deployer' },
      schema: {
        tags: ['admin'], summary: 'Move a version to another lifecycle stage (audited, with a reason)', params: versionParams,
        body: { type: 'object', additionalProperties: false, required: ['stage', 'reason'], properties: { stage: { type: 'string', enum: [...STAGES] }, reason: { type: 'string', minLength: 1 } } },
      },
      async handler(request) {
        const moves = await ctx.registry.setStage(request.params.name, request.params.version, request.body.stage, request.body.reason, actor(request));
        await ctx.deployment.sync();
        return { model: request.params.name, moves };
      },
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
      async handler(request) {
        requireAdminFor(request.params.alias, request);
        const previous = await ctx.registry.setAlias(request.params.name, request.params.alias, request.body.version, actor(request));
        await ctx.deployment.sync();
        return { model: request.params.name, alias: request.params.alias, version: request.body.version, previousVersion: previous };
      },
    });

    app.delete<{ Params: { name: string; alias: string } }>('/admin/models/:name/aliases/:alias', {
      config: { role: 'deployer' },
      schema: { tags: ['admin'], summary: 'Remove an alias (protected aliases need admin)', params: aliasParams },
      async handler(request) {
        requireAdminFor(request.params.alias, request);
        const version = await ctx.registry.removeAlias(request.params.name, request.params.alias, actor(request));
        await ctx.deployment.sync();
        return { model: request.params.name, alias: request.params.alias, removedFromVersion: version };
      },
    });
  };
}
