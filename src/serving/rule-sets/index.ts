// Rule sets' admin side: the operations every door runs, and how a dry run reaches a served model.
export { deployRuleSetOperation, rollbackRuleSetOperation, dryRunRuleSetOperation, type RuleSetOperationDeps } from './rule-set-operations.js';
export { servingPathRunner, localServedRunner, versionPin, type ServedModelRunner } from './served-model-runner.js';
