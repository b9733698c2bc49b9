// Per-feature explanations of one prediction: exact for linear models, TreeSHAP for tree ensembles, sampling otherwise.
export { describeContributions, formatNumber, type DescribeContributionsOptions } from './describe-contributions.js';
export { exactShapley } from './exact-shapley.js';
export { explainBySampling, type ExplainBySamplingOptions, type PredictRows } from './explain-by-sampling.js';
export { explainLinear, type ExplainLinearOptions } from './explain-linear.js';
export { explainScoredTrees, explainTreeEnsemble, scoredTrees, type ExplainTreeEnsembleOptions } from './explain-tree-ensemble.js';
export type { Explanation, ExplanationMethod, FeatureContribution } from './explanation.js';
export { findMlOperatorNode, type FindMlOperatorOptions, type MlOperatorNode } from './ml-operator-node.js';
export { readLinearModel, type LinearModel } from './read-linear-model.js';
export { readTreeEnsemble, type BranchMode, type TreeEnsemble, type TreeEnsembleNode } from './read-tree-ensemble.js';
export { conditionalTreeValue, scoredTreeValue, type ScoredTree, type ScoredTreeNode } from './scored-tree.js';
