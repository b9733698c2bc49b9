// A dry run for a rule-set change: replay past requests through the deployed and the candidate rule sets, with
// models answering what was logged for them, and report which decisions would change.
import { isPitstopError } from '../errors/index.js';
import type { CompiledRuleSet } from './compiled-rule-set.js';
import { decide, type DecidedBy, type DecisionContext, type DecisionHooks } from './decide.js';
import { EvaluationBudget } from './evaluation-budget.js';
import { valuesEqual, type RuleValue } from './rule-values.js';

export interface LoggedDecisionCase {
  /** Shown in examples (a prediction or request id); the case's index when absent. */
  readonly id?: string;
  readonly context: DecisionContext;
  /** What models answered for this request, by `name@version` or by `name`. */
  readonly modelOutputs: Readonly<Record<string, unknown>>;
  /**
   * What each logged model answer was an answer to, under the same keys. A logged answer is reused only for that same
   * input; without this, for the input the baseline rule set gives the model on this case (the rule set that made
   * the logged decision, as far as the comparison knows).
   */
  readonly modelInputs?: Readonly<Record<string, unknown>>;
  /** What providers answered, by provider name; used when no `callProvider` is given. */
  readonly providerOutputs?: Readonly<Record<string, unknown>>;
}

export interface CompareDecisionsOptions {
  /** How many changed (and how many unreplayable) cases to show; default 5. */
  readonly maxExamples?: number;
  /** Computes provider answers (they are usually cheap and deterministic) instead of replaying logged ones. */
  readonly callProvider?: DecisionHooks['callProvider'];
  /** Runs a model whose answer was not logged for a case (e.g. a rule set routing a segment to a model for the first time). */
  readonly callModel?: (name: string, version: string, input: RuleValue) => Promise<unknown>;
}

export interface DecisionSummary {
  readonly decidedBy: DecidedBy | null;
  readonly output: RuleValue;
  /** `CODE: message` when the decision failed (no route matched, a limit was exceeded). */
  readonly error: string | null;
}

export interface DecisionChange {
  readonly id: string;
  readonly baseline: DecisionSummary;
  readonly candidate: DecisionSummary;
}

export interface DecisionComparison {
  readonly total: number;
  /** Cases both rule sets could be replayed on. */
  readonly compared: number;
  readonly changed: number;
  readonly unchanged: number;
  /** Cases where a rule set called a model or provider whose answer was not logged. */
  readonly notReplayable: number;
  /** How changed decisions moved, as `ruleId/kind` (or `error CODE`), most frequent first. */
  readonly transitions: readonly { readonly from: string; readonly to: string; readonly count: number }[];
  readonly examples: readonly DecisionChange[];
  readonly notReplayableExamples: readonly { readonly id: string; readonly missing: readonly string[] }[];
}

export async function compareDecisions(
  baseline: CompiledRuleSet,
  candidate: CompiledRuleSet,
  cases: Iterable<LoggedDecisionCase>,
  options: CompareDecisionsOptions = {},
): Promise<DecisionComparison> {
  const maxExamples = options.maxExamples ?? 5;
  let total = 0;
  let unchanged = 0;
  const examples: DecisionChange[] = [];
  const notReplayable: { id: string; missing: string[] }[] = [];
  const transitions = new Map<string, { from: string; to: string; count: number }>();
  let changed = 0;
  for (const logged of cases) {
    const id = logged.id ?? String(total);
    total++;
    const missing: string[] = [];
    const answeredInputs = new Map<string, RuleValue>(Object.entries(logged.modelInputs ?? {}) as [string, RuleValue][]);
    const before = await replay(baseline, logged, options, missing, answeredInputs);
    const after = await replay(candidate, logged, options, missing, answeredInputs);
    if (missing.length > 0) {
      notReplayable.push({ id, missing: [...new Set(missing)] });
      continue;
    }
    if (sameDecision(before, after)) {
      unchanged++;
      continue;
    }
    changed++;
    if (examples.length < maxExamples) examples.push({ id, baseline: before, candidate: after });
    const key = `${label(before)}\u0000${label(after)}`;
    const transition = transitions.get(key) ?? { from: label(before), to: label(after), count: 0 };
    transition.count++;
    transitions.set(key, transition);
  }
  return {
    total,
    compared: changed + unchanged,
    changed,
    unchanged,
    notReplayable: notReplayable.length,
    transitions: [...transitions.values()].sort((a, b) => b.count - a.count),
    examples,
    notReplayableExamples: notReplayable.slice(0, maxExamples),
  };
}

/** Runs one rule set on one logged case; calls whose answer was not logged are noted in `missing` and answer null. */
/**
 * `answeredInputs`: the input each logged model answer belongs to, by its key; a key missing here is filled by the
 * first rule set replayed (the baseline), so the candidate reuses an answer only when it asks the same question.
 */
async function replay(ruleSet: CompiledRuleSet, logged: LoggedDecisionCase, options: CompareDecisionsOptions, missing: string[], answeredInputs: Map<string, RuleValue>): Promise<DecisionSummary> {
  const hooks: DecisionHooks = {
    callModel: async (name, version, input) => {
      for (const key of [`${name}@${version}`, name]) {
        if (!Object.hasOwn(logged.modelOutputs, key)) continue;
        const answered = answeredInputs.get(key);
        if (answered === undefined) answeredInputs.set(key, input);
        if (answered === undefined || valuesEqual(answered, input, new EvaluationBudget(Infinity))) return logged.modelOutputs[key];
      }
      if (options.callModel) return options.callModel(name, version, input);
      missing.push(`model ${name}@${version}`);
      return null;
    },
    callProvider: async (name, args) => {
      if (options.callProvider) return options.callProvider(name, args);
      if (logged.providerOutputs && Object.hasOwn(logged.providerOutputs, name)) return logged.providerOutputs[name];
      missing.push(`provider ${name}`);
      return null;
    },
  };
  try {
    const decision = await decide(ruleSet, logged.context, hooks);
    return { decidedBy: decision.decidedBy, output: decision.output, error: null };
  } catch (error) {
    const message = isPitstopError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    return { decidedBy: null, output: null, error: message };
  }
}

function sameDecision(a: DecisionSummary, b: DecisionSummary): boolean {
  // Errors compare by code: a message may name the rule set, which differs between the two.
  return label(a) === label(b) && valuesEqual(a.output, b.output, new EvaluationBudget(Infinity));
}

function label(summary: DecisionSummary): string {
  return summary.decidedBy ? `${summary.decidedBy.ruleId}/${summary.decidedBy.kind}` : `error ${summary.error?.split(':')[0] ?? ''}`;
}
