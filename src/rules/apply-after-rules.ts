// The after rules: applied in order to whatever answered, each seeing the output the previous one left. An output
// is never mutated; a rule that changes it makes a new one along the changed path.
import type { CompiledAfterRule, CompiledField } from './compiled-rule-set.js';
import type { TraceEntry } from './decision-trace.js';
import type { EvaluationBudget } from './evaluation-budget.js';
import { evaluateExpression } from './evaluate-expression.js';
import { hasOwnKey, holds, isPlainObject, readProperty, valuesEqual, type RuleObject, type RuleValue } from './rule-values.js';

export interface AfterRulesResult {
  readonly output: RuleValue;
  /** Ids of the rules that changed the output. */
  readonly applied: readonly string[];
}

interface RuleEffect {
  readonly output: RuleValue;
  readonly outcome: 'changed' | 'unchanged' | 'skipped';
  readonly detail?: string;
}

/** `values` holds every root; its `output` is updated as rules apply. */
export function applyAfterRules(rules: readonly CompiledAfterRule[], values: Map<string, RuleValue>, budget: EvaluationBudget, trace: TraceEntry[]): AfterRulesResult {
  const applied: string[] = [];
  for (const rule of rules) {
    if (rule.when && !holds(evaluateExpression(rule.when, values, budget))) {
      trace.push({ phase: 'after', ruleId: rule.id, outcome: 'skipped', detail: 'its when does not hold' });
      continue;
    }
    const output = values.get('output') ?? null;
    const effect = rule.action.kind === 'set' ? applySet(rule.action.fields, output, values, budget) : applyExclude(rule.action, values, budget);
    trace.push({ phase: 'after', ruleId: rule.id, outcome: effect.outcome, ...(effect.detail ? { detail: effect.detail } : {}) });
    if (effect.outcome === 'changed') applied.push(rule.id);
    values.set('output', effect.output);
  }
  return { output: values.get('output') ?? null, applied };
}

/** Every field is computed from the output as it was before the rule, then all are set together. */
function applySet(fields: readonly CompiledField[], output: RuleValue, values: ReadonlyMap<string, RuleValue>, budget: EvaluationBudget): RuleEffect {
  if (!isPlainObject(output)) return { output, outcome: 'skipped', detail: 'the output is not an object' };
  const computed = fields.map((field) => [field.name, evaluateExpression(field.expression, values, budget)] as const);
  const changed = computed.filter(([name, value]) => !hasOwnKey(output, name) || !valuesEqual(readProperty(output, name), value, budget));
  if (changed.length === 0) return { output, outcome: 'unchanged' };
  const next: Record<string, RuleValue> = { ...(output as RuleObject) };
  // Field names were checked at compile time: identifiers, never __proto__ or constructor.
  for (const [name, value] of computed) next[name] = value;
  return { output: next, outcome: 'changed', detail: `set ${changed.map(([name]) => name).join(', ')}` };
}

function applyExclude(action: Extract<CompiledAfterRule['action'], { kind: 'exclude' }>, values: Map<string, RuleValue>, budget: EvaluationBudget): RuleEffect {
  const output = values.get('output') ?? null;
  const list = evaluateExpression(action.items, values, budget);
  if (!Array.isArray(list)) return { output, outcome: 'skipped', detail: `${action.items.source.trim()} is not a list` };
  const kept: RuleValue[] = [];
  try {
    for (let i = 0; i < list.length; i++) {
      const item = readProperty(list, i);
      values.set('item', item);
      if (!holds(evaluateExpression(action.where, values, budget))) kept.push(item);
    }
  } finally {
    values.delete('item');
  }
  const removed = list.length - kept.length;
  if (removed === 0) return { output, outcome: 'unchanged' };
  return { output: replaceAt(output, action.itemsPath, kept), outcome: 'changed', detail: `excluded ${removed} of ${list.length}` };
}

/** A copy of `target` with the value at `path` replaced; the path was just read, so every step exists. */
function replaceAt(target: RuleValue, path: readonly (string | number)[], value: RuleValue): RuleValue {
  if (path.length === 0) return value;
  const [step, ...rest] = path;
  if (Array.isArray(target) && typeof step === 'number') {
    const copy = [...(target as readonly RuleValue[])];
    copy[step] = replaceAt(readProperty(target, step), rest, value);
    return copy;
  }
  if (isPlainObject(target) && typeof step === 'string') {
    return { ...(target as RuleObject), [step]: replaceAt(readProperty(target, step), rest, value) };
  }
  return target;
}
