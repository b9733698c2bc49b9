// The business-rule language: compile a rule-set file once (all errors with line and column), then decide requests.
export { compileRuleSet, type CompileRuleSetOptions } from './compile-rule-set.js';
export { compileExpression, type CompiledExpression, type CompileExpressionOptions } from './compile-expression.js';
export type { AfterAction, CompiledAfterRule, CompiledField, CompiledLookup, CompiledRouteRule, CompiledRuleSet, ProviderCall, RouteAction } from './compiled-rule-set.js';
export { decide, type DecidedBy, type DecideOptions, type Decision, type DecisionContext, type DecisionHooks, type DecisionKind } from './decide.js';
export type { TraceEntry, TraceOutcome, TracePhase } from './decision-trace.js';
export {
  compareDecisions,
  type CompareDecisionsOptions,
  type DecisionChange,
  type DecisionComparison,
  type DecisionSummary,
  type LoggedDecisionCase,
} from './compare-decisions.js';
export { evaluateExpression, type ScopeValues } from './evaluate-expression.js';
export { EvaluationBudget } from './evaluation-budget.js';
export { AFTER_SCOPE, CONTEXT_ROOTS, EXCLUDE_WHERE_SCOPE, LOOKUP_SCOPE, ROUTE_SCOPE, type ContextRoot, type ExpressionScope } from './expression-scope.js';
export { RULE_FUNCTIONS, type RuleFunction } from './rule-functions.js';
export { DEFAULT_RULE_LIMITS, type RuleLimits } from './rule-limits.js';
export { formatDiagnostic, RuleError, type RuleDiagnostic } from './rule-error.js';
export type { RuleObject, RuleValue } from './rule-values.js';
export { DEFAULT_MODEL_TIMEOUT_MS, DEFAULT_MODEL_VERSION } from './rule-set-schema.js';
export { diffLines, type DiffLine } from './diff-lines.js';
