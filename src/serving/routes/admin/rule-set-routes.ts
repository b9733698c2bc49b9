// Rule sets over HTTP: list, read, deploy (deployer; errors with line and column), dry-run against logged decisions,
// and the decision log of an application.
import { PitstopError } from '../../../errors/index.js';
import { diffLines } from '../../../rules/index.js';
import { runOperation } from '../../http-operation.js';
import type { RegisterRoutes } from '../../route-context.js';
import { deployRuleSetOperation, dryRunRuleSetOperation, rollbackRuleSetOperation, type RuleSetOperationDeps } from '../../rule-sets/index.js';

const nameParams = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
const sourceBody = {
  type: 'object', additionalProperties: false, required: ['source'],
  properties: { source: { type: 'string', minLength: 1, description: 'the rule-set YAML' }, description: { type: 'string' }, last: { type: 'integer', minimum: 1, maximum: 100_000 } },
};

export function ruleSetRoutes(deps: RuleSetOperationDeps): RegisterRoutes {
  return (app, ctx) => {
    const { host } = ctx.operations;

    app.get('/admin/rules', { config: { role: 'viewer' }, schema: { tags: ['rules'], summary: 'Deployed rule sets (the latest version of each)' } }, async () => ({ ruleSets: await deps.ruleSets.list() }));

    app.get<{ Params: { name: string } }>('/admin/rules/:name', {
      config: { role: 'viewer' }, schema: { tags: ['rules'], summary: 'Every version of a rule set, oldest first, with its source', params: nameParams },
    }, async (request) => {
      const versions = await deps.ruleSets.versions(request.params.name);
      if (versions.length === 0) throw new PitstopError('APP_NOT_FOUND', `no rule set named "${request.params.name}"`, { field: 'name' });
      return { name: request.params.name, versions };
    });

    app.get<{ Params: { name: string }; Querystring: { from?: number; to?: number } }>('/admin/rules/:name/diff', {
      config: { role: 'viewer' },
      schema: {
        tags: ['rules'], summary: 'What changed between two versions of a rule set, line by line (default: the latest against the one before)', params: nameParams,
        querystring: { type: 'object', additionalProperties: false, properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } } },
      },
    }, async (request) => {
      const versions = await deps.ruleSets.versions(request.params.name);
      if (versions.length === 0) throw new PitstopError('APP_NOT_FOUND', `no rule set named "${request.params.name}"`, { field: 'name' });
      const pick = (number: number, field: string) => {
        const found = versions.find((v) => v.version === number);
        if (!found) throw new PitstopError('APP_NOT_FOUND', `rule set "${request.params.name}" has no version ${number}; it has ${versions.map((v) => v.version).join(', ')}`, { field: `querystring.${field}` });
        return found;
      };
      const to = pick(request.query.to ?? versions[versions.length - 1]!.version, 'to');
      const from = pick(request.query.from ?? Math.max(1, to.version - 1), 'from');
      return { name: request.params.name, from: from.version, to: to.version, lines: diffLines(from.source, to.source) };
    });

    app.post<{ Body: { source: string; description?: string } }>('/admin/rules', {
      config: { role: 'deployer' }, schema: { tags: ['rules'], summary: 'Deploy a rule set as its next version (applied by every server without a restart)', body: sourceBody },
    }, async (request, reply) => {
      const deployed = await runOperation(host, request, deployRuleSetOperation, deps, { source: request.body.source, ...(request.body.description ? { description: request.body.description } : {}) });
      return reply.code(deployed.changed ? 201 : 200).send(deployed);
    });

    app.post<{ Params: { name: string }; Body: { to: number } }>('/admin/rules/:name/rollback', {
      config: { role: 'deployer' },
      schema: {
        tags: ['rules'], summary: 'Deploy the source of an earlier version again, as a new version', params: nameParams,
        body: { type: 'object', additionalProperties: false, required: ['to'], properties: { to: { type: 'integer', minimum: 1 } } },
      },
    }, async (request, reply) => {
      const deployed = await runOperation(host, request, rollbackRuleSetOperation, deps, { name: request.params.name, to: request.body.to });
      return reply.code(deployed.changed ? 201 : 200).send(deployed);
    });

    app.post<{ Body: { source: string; last?: number } }>('/admin/rules/dry-run', {
      config: { role: 'deployer' },
      schema: { tags: ['rules'], summary: 'How many of the last N logged decisions a candidate rule set would change (runs served model versions only; audited)', body: sourceBody },
    }, (request) => runOperation(host, request, dryRunRuleSetOperation, deps, { source: request.body.source, ...(request.body.last !== undefined ? { last: request.body.last } : {}) }));

    app.get<{ Params: { name: string }; Querystring: { limit?: number } }>('/admin/apps/:name/decisions', {
      config: { role: 'viewer' },
      schema: {
        tags: ['rules'], summary: "An application's decisions, newest first", params: nameParams,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } } },
      },
    }, async (request) => ({ decisions: await deps.decisions.listDecisions({ app: request.params.name, limit: request.query.limit ?? 50, newestFirst: true }) }));
  };
}
