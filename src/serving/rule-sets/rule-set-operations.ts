// Rule sets' admin operations: deploy, roll back to an earlier version's source, and dry-run a candidate against the
// logged decisions. A dry run runs models, so it needs the deployer role, runs only served versions (through the
// serving path on a server), and is audited.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PitstopError } from '../../errors/index.js';
import { actorOf, defineOperation } from '../../operations/index.js';
import type { DecisionLogStore } from '../../store/index.js';
import { deployRuleSet, dryRunRuleSet, type DryRunReport, type FeatureReader, type RuleSetDeps } from '../apps/index.js';
import type { ServedModelRunner } from './served-model-runner.js';

export interface RuleSetOperationDeps extends RuleSetDeps {
  readonly decisions: DecisionLogStore;
  readonly features: FeatureReader;
  /** Runs a served version of a model (see served-model-runner.ts). */
  readonly runModel: ServedModelRunner;
}

const source = z.string().min(1, 'needs the rule-set YAML');
const fileName = z.string().min(1).max(200).optional();
const deployedOutput = z.object({
  ruleSet: z.object({ name: z.string(), version: z.number().int(), source: z.string(), digest: z.string(), description: z.string().nullable(), deployedBy: z.string(), deployedAt: z.string() }).passthrough(),
  warnings: z.array(z.unknown()),
  changed: z.boolean(),
});

export const deployRuleSetOperation = defineOperation({
  name: 'rules.deploy',
  summary: 'deploying a rule set',
  input: z.object({ source, description: z.string().max(2000).optional(), file: fileName }),
  output: deployedOutput,
  role: 'deployer',
  audit: 'store',
  changesServing: true,
  run: (deps: RuleSetOperationDeps, input, caller) =>
    deployRuleSet(deps, input.source, { actor: actorOf(caller), ...(input.description ? { description: input.description } : {}), ...(input.file ? { file: input.file } : {}) }),
});

export const rollbackRuleSetOperation = defineOperation({
  name: 'rules.rollback',
  summary: 'rolling a rule set back',
  input: z.object({ name: z.string().min(1), to: z.number().int().min(1) }),
  output: deployedOutput,
  role: 'deployer',
  audit: 'store',
  changesServing: true,
  async run(deps: RuleSetOperationDeps, input, caller) {
    const earlier = await deps.ruleSets.get(input.name, input.to);
    if (!earlier) {
      const versions = await deps.ruleSets.versions(input.name);
      throw new PitstopError('APP_NOT_FOUND', versions.length === 0 ? `no rule set named "${input.name}"` : `rule set "${input.name}" has no version ${input.to}; it has ${versions.map((v) => v.version).join(', ')}`, { field: 'to' });
    }
    return deployRuleSet(deps, earlier.source, { actor: actorOf(caller), description: `rollback to v${earlier.version}` });
  },
});

export const dryRunRuleSetOperation = defineOperation({
  name: 'rules.dry_run',
  summary: 'dry-running a rule set against logged decisions',
  input: z.object({ source, last: z.number().int().min(1).max(100_000).default(10_000), file: fileName }),
  output: z.object({ app: z.string(), baselineVersion: z.number().int(), considered: z.number().int(), total: z.number().int(), compared: z.number().int(), changed: z.number().int(), unchanged: z.number().int(), notReplayable: z.number().int() }).passthrough(),
  role: 'deployer',
  audit: (input, report: DryRunReport) => ({
    action: 'rules.dry_run', model: null, version: null, fromStage: null, toStage: null, reason: null,
    details: { ruleSet: report.app, baselineVersion: report.baselineVersion, considered: report.considered, changed: report.changed, candidateDigest: createHash('sha256').update(input.source).digest('hex') },
  }),
  run: (deps: RuleSetOperationDeps, input) => dryRunRuleSet(deps, input.source, { last: input.last, ...(input.file ? { file: input.file } : {}) }),
});
