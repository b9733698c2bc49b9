// The application layer's serving side: rule sets in force, the decide data plane, deployment and dry runs.
export { AppRuleSets, type ActiveRuleSet } from './app-rule-sets.js';
export { AppService, type DecideRequest, type DecideResponse } from './app-service.js';
export { BUILT_IN_PROVIDERS, callBuiltInProvider, featureReaderOf, type FeatureReader } from './built-in-providers.js';
export { checkRuleSet, deployRuleSet, dryRunRuleSet, type DeployedRuleSet, type DryRunReport, type RuleSetDeps } from './rule-set-deployment.js';
