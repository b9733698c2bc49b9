// TreeSHAP explanations for ONNX tree ensembles: per-feature contributions to one raw score (before post_transform)
// that add up to (raw score of the row) − (the score expected under the covers).
import { PitstopError } from '../errors/index.js';
import { buildExplanation, featureName, type Explanation } from './explanation.js';
import { readTreeEnsemble, type TreeEnsemble, type TreeEnsembleNode } from './read-tree-ensemble.js';
import { conditionalTreeValue, scoredTreeValue, type ScoredTree } from './scored-tree.js';
import { addTreeShap } from './tree-shap.js';
import { coversFromBackground, hitratesAreCovers } from './tree-covers.js';

export interface ExplainTreeEnsembleOptions {
  /**
   * Rows × k, row-major. Used for covers only when the model's nodes_hitrates are missing or are not counts
   * (a child's hitrates must add up to its parent's); then covers are the background rows reaching each node.
   */
  background?: Float32Array;
  featureNames?: readonly string[];
  /**
   * The raw score column: a regressor target or a classifier class id. Defaults to 0 for regressors and to the only
   * column of a binary classifier that stores one; a classifier with several columns must say which.
   */
  target?: number;
}

export function explainTreeEnsemble(
  model: Uint8Array | TreeEnsemble,
  row: Float32Array,
  options: ExplainTreeEnsembleOptions = {},
): Explanation {
  const ensemble = model instanceof Uint8Array ? readTreeEnsemble(model) : model;
  const target = explainedScore(ensemble, options.target);
  const trees = scoredTrees(ensemble, target, row.length, options.background);
  return explainScoredTrees(trees, ensemble.baseValues[target] ?? 0, row, options.featureNames);
}

/**
 * TreeSHAP over trees already reduced to one raw score (see scoredTrees) plus `baseValue`: for callers explaining many
 * rows of one model, who build the scored trees (and count their covers) once.
 */
export function explainScoredTrees(
  trees: readonly ScoredTree[],
  baseValue: number,
  row: Float32Array,
  featureNames?: readonly string[],
): Explanation {
  const phi = new Float64Array(row.length);
  let output = baseValue;
  let baseline = baseValue;
  for (const tree of trees) {
    addTreeShap(tree, row, phi);
    output += scoredTreeValue(tree, row);
    baseline += expectedValueOf(tree);
  }
  const contributions = [...phi].map((contribution, index) => ({
    index,
    name: featureName(featureNames, index),
    value: row[index] as number,
    contribution,
  }));
  return buildExplanation('tree-shap', baseline, output, contributions);
}

/** The ensemble reduced to one raw score with covers; exported for tests and for callers explaining many rows. */
export function scoredTrees(ensemble: TreeEnsemble, target: number, k: number, background?: Float32Array): ScoredTree[] {
  return ensemble.trees.map((tree) => {
    checkFeatures(tree, k);
    let covers: ArrayLike<number>;
    if (hitratesAreCovers(tree)) covers = tree.map((node) => node.hitrate as number);
    else if (background) covers = coversFromBackground(tree, background, k);
    else {
      throw new PitstopError(
        'VALIDATION_FAILED',
        'The tree ensemble has no usable nodes_hitrates, so TreeSHAP needs a background matrix to count covers.',
        { field: 'background' },
      );
    }
    return tree.map((node, index) => ({
      mode: node.mode,
      feature: node.feature,
      threshold: node.threshold,
      trueChild: node.trueChild,
      falseChild: node.falseChild,
      missingTracksTrue: node.missingTracksTrue,
      cover: covers[index] as number,
      value: node.weights[target] ?? 0,
    }));
  });
}

function explainedScore(ensemble: TreeEnsemble, target: number | undefined): number {
  if (target === undefined) {
    if (ensemble.opType === 'TreeEnsembleRegressor' || ensemble.scoreCount === 1) return 0;
    const message = `The classifier has ${ensemble.scoreCount} score columns; say which class id to explain.`;
    throw new PitstopError('VALIDATION_FAILED', message, { field: 'target' });
  }
  if (!Number.isInteger(target) || target < 0 || target >= ensemble.scoreCount) {
    const message = `Score column ${target} does not exist; the model has ${ensemble.scoreCount}.`;
    throw new PitstopError('VALIDATION_FAILED', message, { field: 'target' });
  }
  return target;
}

function checkFeatures(tree: readonly TreeEnsembleNode[], k: number): void {
  const outside = tree.find((node) => node.mode !== 'LEAF' && (node.feature < 0 || node.feature >= k));
  if (outside) {
    const message = `A tree splits on feature ${outside.feature}, but the row has ${k} features.`;
    throw new PitstopError('VALIDATION_FAILED', message, { field: 'row' });
  }
}

const expectedValues = new WeakMap<ScoredTree, number>();

/** A tree's value with no feature known: the same for every row, so computed once per tree rather than per explanation. */
function expectedValueOf(tree: ScoredTree): number {
  let value = expectedValues.get(tree);
  if (value === undefined) {
    value = conditionalTreeValue(tree, [], () => false);
    expectedValues.set(tree, value);
  }
  return value;
}
