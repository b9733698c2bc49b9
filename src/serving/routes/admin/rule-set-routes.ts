// Rule sets over HTTP: list, read, deploy (deployer; errors with line and column), dry-run against logged decisions,
// and the decision log of an application.
import { PitstopError } from '../../../errors/index.js';
import { diffLines } from '../../../rules/index.js';
import type { DecisionLogStore } from '../../../store/index.js';
import { deployRuleSet, dryRunRuleSet, type FeatureReader, type RuleSetDeps } from '../../apps/index.js';
import type { RegisterRoutes } from '../../route-context.js';

const nameParams = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
const sourceBody = {
  type: 'object', additionalProperties: false, required: ['source'],
  properties: { source: { type: 'string', minLength: 1, description: 'the rule-set YAML' }, description: { type: 'string' }, last: { type: 'integer', minimum: 1, maximum: 100_000 } },
};

export function ruleSetRoutes(deps: RuleSetDeps & { decisions: DecisionLogStore; features: FeatureReader }): RegisterRoutes {
  return (app, ctx) => {
    const actor = (request: { callerKeyId: string | null }) => request.callerKeyId ?? 'anonymous';

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
      const deployed = await deployRuleSet(deps, request.body.source, { actor: actor(request), ...(request.body.description ? { description: request.body.description } : {}) });
      await ctx.deployment.sync();
      return reply.code(deployed.changed ? 201 : 200).send(deployed);
    });

    app.post<{ Body: { source: string; last?: number } }>('/admin/rules/dry-run', {
      config: { role: 'viewer' }, schema: { tags: ['rules'], summary: 'How many of the last N logged decisions a candidate rule set would change', body: sourceBody },
    }, async (request) => dryRunRuleSet(deps, request.body.source, { last: request.body.last ?? 10_000 }));

    app.get<{ Params: { name: string }; Querystring: { limit?: number } }>('/admin/apps/:name/decisions', {
      config: { role: 'viewer' },
      schema: {
        tags: ['rules'], summary: "An application's decisions, newest first", params: nameParams,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } } },
      },
    }, async (request) => ({ decisions: await deps.decisions.listDecisions({ app: request.params.name, limit: request.query.limit ?? 50, newestFirst: true }) }));
  };
}
