// Shared by the rules tests: the recommendation rule set of the product brief, hooks that record their calls,
// and a one-line way to evaluate an expression.
import { compileExpression } from '../compile-expression.js';
import type { DecisionHooks } from '../decide.js';
import { evaluateExpression } from '../evaluate-expression.js';
import { EvaluationBudget } from '../evaluation-budget.js';
import { EXCLUDE_WHERE_SCOPE } from '../expression-scope.js';
import type { RuleObject, RuleValue } from '../rule-values.js';

export const RECOMMEND_RULES = `name: recommend
description: cold-start users get popular movies
route:
  - id: cold-start
    when: features.ratings_count < 10
    respond: { provider: top_popular, args: { k: "request.k ?? 10" } }
  - id: personalised
    when: "true"
    model: { name: personal_recs, version: "champion" }
    fallback: { provider: top_popular, args: { k: "10" } }
    timeout_ms: 200
after:
  - id: never-rated
    exclude: { items: "output.items", where: "item in features.rated_items" }
  - id: clamp-score
    when: "output.score is not null"
    set: { score: "clamp(output.score, 0, 1)" }
  - id: decide
    set: { decision: "output.score >= 0.7 ? 'approve' : 'review'" }
`;

/** Evaluates `source` with the given roots (every root and `item` allowed); unknown roots are null. */
export function evaluate(source: string, roots: Record<string, unknown> = {}, budget = new EvaluationBudget()): RuleValue {
  const expression = compileExpression(source, { scope: EXCLUDE_WHERE_SCOPE });
  return evaluateExpression(expression, new Map(Object.entries(roots) as [string, RuleValue][]), budget);
}

export interface RecordedCall {
  readonly target: 'model' | 'provider';
  readonly name: string;
  readonly version?: string;
  readonly input?: RuleValue;
  readonly timeoutMs?: number;
  readonly args?: RuleObject;
}

/** Hooks whose model and provider answer from the given functions, recording every call. */
export function recordingHooks(answers: {
  model?: (name: string, version: string, input: RuleValue, signal: AbortSignal) => Promise<unknown>;
  provider?: (name: string, args: RuleObject) => Promise<unknown>;
}): DecisionHooks & { readonly calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    callModel: (name, version, input, timeoutMs, signal) => {
      calls.push({ target: 'model', name, version, input, timeoutMs });
      return answers.model ? answers.model(name, version, input, signal) : Promise.reject(new Error('no model in this test'));
    },
    callProvider: (name, args) => {
      calls.push({ target: 'provider', name, args: { ...args } });
      return answers.provider ? answers.provider(name, args) : Promise.reject(new Error('no provider in this test'));
    },
  };
}
