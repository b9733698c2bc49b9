// One decision: the first route rule whose `when` holds chooses a provider or a model (with its fallback when the
// model fails or is too slow), then the after rules shape the answer. Pure but for the two hooks that call out.
import { PitstopError } from '../errors/index.js';
import { applyAfterRules } from './apply-after-rules.js';
import { callWithTimeout } from './call-with-timeout.js';
import type { CompiledField, CompiledRouteRule, CompiledRuleSet, ProviderCall, RouteAction } from './compiled-rule-set.js';
import type { TraceEntry } from './decision-trace.js';
import { EvaluationBudget } from './evaluation-budget.js';
import { evaluateExpression } from './evaluate-expression.js';
import { holds, toRuleValue, type RuleObject, type RuleValue } from './rule-values.js';

export interface DecisionContext {
  readonly request?: unknown;
  readonly features?: unknown;
  /** As the server received them (lower-case names). */
  readonly headers?: unknown;
}

/** How a decision reaches models and providers; the app endpoint supplies real ones, a dry run replays logs. */
export interface DecisionHooks {
  /** Should give up by itself after `timeoutMs` (and on `signal`); `decide` stops waiting then anyway. */
  callModel(name: string, version: string, input: RuleValue, timeoutMs: number, signal: AbortSignal): Promise<unknown>;
  callProvider(name: string, args: RuleObject): Promise<unknown>;
}

export type DecisionKind = 'respond' | 'model' | 'fallback';

export interface DecidedBy {
  readonly ruleSetName: string;
  readonly ruleId: string;
  readonly kind: DecisionKind;
}

export interface Decision {
  readonly output: RuleValue;
  readonly decidedBy: DecidedBy;
  /** After rules that changed the output, in order. */
  readonly applied: readonly string[];
  readonly trace: readonly TraceEntry[];
  /** Evaluation steps spent, out of the rule set's budget. */
  readonly steps: number;
}

export interface DecideOptions {
  /** Overrides the rule set's step budget for this decision. */
  readonly maxSteps?: number;
}

interface Answer {
  readonly output: RuleValue;
  readonly kind: DecisionKind;
  /** What `model` is in after rules: the model that answered, or null when a provider did. */
  readonly model: RuleObject | null;
}

export async function decide(ruleSet: CompiledRuleSet, context: DecisionContext, hooks: DecisionHooks, options: DecideOptions = {}): Promise<Decision> {
  const budget = new EvaluationBudget(options.maxSteps ?? ruleSet.limits.maxSteps, ruleSet.limits.maxStringLength);
  const values = new Map<string, RuleValue>([
    ['request', toRuleValue(context.request)],
    ['features', toRuleValue(context.features)],
    ['headers', toRuleValue(context.headers)],
    ['output', null],
    ['model', null],
  ]);
  const trace: TraceEntry[] = [];
  const rule = firstMatchingRoute(ruleSet, values, budget, trace);
  const answer = await answerFor(rule, values, budget, hooks, trace);
  values.set('output', answer.output);
  values.set('model', answer.model);
  const after = applyAfterRules(ruleSet.after, values, budget, trace);
  return {
    output: after.output,
    decidedBy: { ruleSetName: ruleSet.name, ruleId: rule.id, kind: answer.kind },
    applied: after.applied,
    trace,
    steps: budget.steps,
  };
}

function firstMatchingRoute(ruleSet: CompiledRuleSet, values: ReadonlyMap<string, RuleValue>, budget: EvaluationBudget, trace: TraceEntry[]): CompiledRouteRule {
  for (const rule of ruleSet.route) {
    const matched = rule.when === null || holds(evaluateExpression(rule.when, values, budget));
    trace.push({ phase: 'route', ruleId: rule.id, outcome: matched ? 'matched' : 'not-matched' });
    if (matched) return rule;
  }
  throw new PitstopError('RULE_NO_ROUTE', `rule set '${ruleSet.name}': no route rule matched this request; end the route list with a rule without 'when'`, {
    details: { ruleSet: ruleSet.name },
  });
}

async function answerFor(rule: CompiledRouteRule, values: ReadonlyMap<string, RuleValue>, budget: EvaluationBudget, hooks: DecisionHooks, trace: TraceEntry[]): Promise<Answer> {
  const action = rule.action;
  if (action.kind === 'respond') return { output: await callProvider(rule.id, action.call, values, budget, hooks, trace), kind: 'respond', model: null };
  const input = action.input ? evaluateFields(action.input, values, budget) : (values.get('features') ?? null);
  const outcome = await callWithTimeout((signal) => hooks.callModel(action.name, action.version, input, action.timeoutMs, signal), action.timeoutMs);
  const called = `${action.name}@${action.version}`;
  if (outcome.status === 'answered') {
    trace.push({ phase: 'model', ruleId: rule.id, outcome: 'answered', detail: called });
    return { output: toRuleValue(outcome.value), kind: 'model', model: { name: action.name, version: action.version } };
  }
  const failure = outcome.status === 'failed' ? `${called} failed: ${messageOf(outcome.error)}` : `${called} did not answer within ${action.timeoutMs} ms`;
  trace.push({ phase: 'model', ruleId: rule.id, outcome: outcome.status, detail: failure });
  if (action.fallback) return { output: await callProvider(rule.id, action.fallback, values, budget, hooks, trace), kind: 'fallback', model: null };
  if (outcome.status === 'failed') throw outcome.error;
  throw timeoutError(rule.id, action);
}

async function callProvider(ruleId: string, call: ProviderCall, values: ReadonlyMap<string, RuleValue>, budget: EvaluationBudget, hooks: DecisionHooks, trace: TraceEntry[]): Promise<RuleValue> {
  const output = toRuleValue(await hooks.callProvider(call.provider, evaluateFields(call.args, values, budget)));
  trace.push({ phase: 'provider', ruleId, outcome: 'answered', detail: call.provider });
  return output;
}

function evaluateFields(fields: readonly CompiledField[], values: ReadonlyMap<string, RuleValue>, budget: EvaluationBudget): RuleObject {
  // A null-prototype object: argument names are identifiers, but nothing downstream should meet a prototype either.
  const result: Record<string, RuleValue> = Object.create(null) as Record<string, RuleValue>;
  for (const field of fields) result[field.name] = evaluateExpression(field.expression, values, budget);
  return result;
}

function timeoutError(ruleId: string, action: Extract<RouteAction, { kind: 'model' }>): PitstopError {
  return new PitstopError('MODEL_TIMEOUT', `model ${action.name}@${action.version} did not answer within ${action.timeoutMs} ms (rule '${ruleId}'), and the rule has no fallback`, {
    field: 'model',
    details: { model: action.name, version: action.version, ruleId, timeoutMs: action.timeoutMs },
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
