// Deploying a rule set and trying one against logged traffic. Everything a request could trip on is checked here,
// at deploy time: the language (with line and column), the providers, the feature tables and the models named.
import { PitstopError } from '../../errors/index.js';
import type { Registry } from '../../registry/index.js';
import { compareDecisions, compileRuleSet, type CompiledRuleSet, type DecisionComparison, type LoggedDecisionCase, type RuleDiagnostic } from '../../rules/index.js';
import type { DecisionLogStore, RuleSetStore, RuleSetVersion } from '../../store/index.js';
import { BUILT_IN_PROVIDERS, callBuiltInProvider, type FeatureReader } from './built-in-providers.js';

export interface RuleSetDeps {
  readonly ruleSets: RuleSetStore;
  readonly registry: Registry;
  /** Whether a feature table exists; lookups of unknown tables are refused at deploy time. */
  readonly hasFeatureTable: (name: string) => Promise<boolean>;
}

export interface DeployedRuleSet {
  readonly ruleSet: RuleSetVersion;
  readonly warnings: readonly RuleDiagnostic[];
  /** False when the source is identical to the version in force (nothing was deployed). */
  readonly changed: boolean;
}

/** Compiles and checks a rule set; throws RULE_INVALID (every problem, with line and column where the file has one). */
export async function checkRuleSet(deps: RuleSetDeps, source: string, file = 'rules.yaml'): Promise<CompiledRuleSet> {
  const compiled = compileRuleSet(source, { file });
  const problems: string[] = [];
  const providers = [...compiled.route.flatMap((r) => (r.action.kind === 'respond' ? [r.action.call] : r.action.fallback ? [r.action.fallback] : []))];
  for (const call of providers) {
    if (!(BUILT_IN_PROVIDERS as readonly string[]).includes(call.provider)) problems.push(`unknown provider '${call.provider}'; providers: ${BUILT_IN_PROVIDERS.join(', ')}`);
  }
  for (const lookup of compiled.lookups) {
    if (!(await deps.hasFeatureTable(lookup.table))) problems.push(`lookup of feature table '${lookup.table}', which does not exist (load it with \`pitstop features load ${lookup.table} --file ...\`)`);
  }
  for (const rule of compiled.route) {
    if (rule.action.kind !== 'model') continue;
    try {
      await deps.registry.getModel(rule.action.name);
    } catch (error) {
      problems.push(`rule '${rule.id}': ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new PitstopError('RULE_INVALID', `${file}: ${problems.join('; ')}`, { field: 'source', details: { problems } });
  return compiled;
}

export async function deployRuleSet(deps: RuleSetDeps, source: string, options: { description?: string; actor: string; file?: string }): Promise<DeployedRuleSet> {
  const compiled = await checkRuleSet(deps, source, options.file);
  const current = await deps.ruleSets.get(compiled.name);
  if (current && current.source === source) return { ruleSet: current, warnings: compiled.warnings, changed: false };
  const ruleSet = await deps.ruleSets.deploy(compiled.name, source, options.description ?? compiled.description, options.actor);
  return { ruleSet, warnings: compiled.warnings, changed: true };
}

export interface DryRunReport extends DecisionComparison {
  readonly app: string;
  readonly baselineVersion: number;
  /** Decisions read from the log (the newest `last`). */
  readonly considered: number;
}

/**
 * Replays the newest logged decisions of an application under a candidate rule set: logged model answers are reused,
 * providers run live, and a model the logged decision did not call is run by `runModel` (a served version only).
 */
export async function dryRunRuleSet(
  deps: RuleSetDeps & { decisions: DecisionLogStore; features: FeatureReader; runModel: (name: string, versionRef: string, input: unknown) => Promise<unknown> },
  source: string,
  options: { last: number; file?: string },
): Promise<DryRunReport> {
  const candidate = await checkRuleSet(deps, source, options.file);
  const deployed = await deps.ruleSets.get(candidate.name);
  if (!deployed) throw new PitstopError('APP_NOT_FOUND', `no rule set named "${candidate.name}" is deployed yet, so there is no logged traffic to compare with`, { field: 'name' });
  const baseline = compileRuleSet(deployed.source, { file: `${deployed.name}.yaml` });
  const logged = await deps.decisions.listDecisions({ app: candidate.name, limit: options.last, newestFirst: true });
  const cases: LoggedDecisionCase[] = logged.map((d) => ({
    id: d.id,
    context: { request: d.request, features: d.features, headers: d.headers },
    modelOutputs: d.model ? { [d.model]: d.modelOutput } : {},
  }));
  const comparison = await compareDecisions(baseline, candidate, cases, {
    callProvider: (name, args) => callBuiltInProvider(deps.features, name, args),
    callModel: (name, version, input) => deps.runModel(name, version, input),
  });
  return { ...comparison, app: candidate.name, baselineVersion: deployed.version, considered: logged.length };
}
