// Writes a trained ensemble into an ONNX graph as one TreeEnsembleRegressor or TreeEnsembleClassifier (ai.onnx.ml v1
// attributes), reading a float32 [N, features] tensor already in the graph.
import type { OnnxAttributeValue, OnnxGraphBuilder } from '../../onnx/index.js';
import type { EmittedOutput } from '../feature-matrix.js';
import { keptTrees, type GbdtEnsemble, type GbdtTree } from './gbdt-model.js';

const ML_DOMAIN = 'ai.onnx.ml';

/**
 * Adds the model's node and graph outputs. Regression: `value` float32 [N, 1]. Classification: `label` string [N] and
 * `probabilities` float32 [N, classes] (two columns for binary, in `model.classes` order), as predictGbdt computes them.
 */
export function emitGbdtOnnx(builder: OnnxGraphBuilder, model: GbdtEnsemble, input: string): EmittedOutput[] {
  const trees = keptTrees(model);
  if (model.objective === 'regression' || model.classes === null) {
    const { nodes, leaves } = ensembleAttributes(trees, 1, 'target');
    builder.addNode('TreeEnsembleRegressor', [input], ['value'], {
      ...nodes,
      ...leaves,
      n_targets: { int: 1 },
      aggregate_function: 'SUM',
      post_transform: 'NONE',
      base_values: { floats: [...model.baseScores] },
    }, ML_DOMAIN);
    builder.addOutput('value', 'float32', [null, 1]);
    return [{ name: 'value', role: 'value' }];
  }
  const binary = model.objective === 'binary';
  // A binary ensemble has one score column (class id 0): onnxruntime then writes [logistic(-s), logistic(s)]. With two
  // columns it would misread them, because it treats every two-class ensemble as binary.
  const emitted = binary && !trees.some(hasNegativeLeaf) ? [...trees, NEVER_TAKEN_TREE] : trees;
  const { nodes, leaves } = ensembleAttributes(emitted, model.nTreesPerRound, 'class');
  builder.addNode('TreeEnsembleClassifier', [input], ['label', 'probabilities'], {
    ...nodes,
    ...leaves,
    classlabels_strings: [...model.classes],
    post_transform: binary ? 'LOGISTIC' : 'SOFTMAX',
    base_values: { floats: [...model.baseScores] },
  }, ML_DOMAIN);
  builder.addOutput('label', 'string', [null]);
  builder.addOutput('probabilities', 'float32', [null, model.classes.length]);
  return [
    { name: 'label', role: 'label' },
    { name: 'probabilities', role: 'probabilities', classes: [...model.classes] },
  ];
}

/**
 * When no leaf weight is negative, onnxruntime labels a binary row by "raw score > 0.5" instead of "> 0", disagreeing
 * with its own probabilities. One negative leaf that no row can reach (x <= NaN is false, and missing goes false)
 * restores the usual rule without changing any score.
 */
const NEVER_TAKEN_TREE: GbdtTree = {
  // Covers that add up, all on the side every row takes, in case the other trees have covers.
  nodes: [
    { kind: 'split', feature: 0, threshold: NaN, missingGoesLeft: false, left: 1, right: 2, cover: 1 },
    { kind: 'leaf', value: -1, cover: 0 },
    { kind: 'leaf', value: 0, cover: 1 },
  ],
};

function hasNegativeLeaf(tree: GbdtTree): boolean {
  return tree.nodes.some((node) => node.kind === 'leaf' && node.value < 0);
}

type Attributes = Record<string, OnnxAttributeValue>;

/** The node table of every tree (tree id = position) and its leaf weights, with the score column of tree t = t mod k. */
function ensembleAttributes(trees: GbdtTree[], k: number, leafPrefix: 'target' | 'class'): { nodes: Attributes; leaves: Attributes } {
  const n = { treeIds: [] as number[], nodeIds: [] as number[], featureIds: [] as number[], modes: [] as string[], values: [] as number[], trueIds: [] as number[], falseIds: [] as number[], missingTrue: [] as number[], covers: [] as number[] };
  const leaf = { treeIds: [] as number[], nodeIds: [] as number[], ids: [] as number[], weights: [] as number[] };
  trees.forEach((tree, treeId) => {
    tree.nodes.forEach((node, nodeId) => {
      n.treeIds.push(treeId);
      n.nodeIds.push(nodeId);
      if (node.cover !== undefined) n.covers.push(node.cover);
      if (node.kind === 'split') {
        n.featureIds.push(node.feature);
        n.modes.push('BRANCH_LEQ');
        n.values.push(node.threshold);
        n.trueIds.push(node.left);
        n.falseIds.push(node.right);
        n.missingTrue.push(node.missingGoesLeft ? 1 : 0);
      } else {
        n.featureIds.push(0);
        n.modes.push('LEAF');
        n.values.push(0);
        n.trueIds.push(0);
        n.falseIds.push(0);
        n.missingTrue.push(0);
        leaf.treeIds.push(treeId);
        leaf.nodeIds.push(nodeId);
        leaf.ids.push(treeId % k);
        leaf.weights.push(node.value);
      }
    });
  });
  return {
    nodes: {
      nodes_treeids: { ints: n.treeIds },
      nodes_nodeids: { ints: n.nodeIds },
      nodes_featureids: { ints: n.featureIds },
      nodes_modes: n.modes,
      nodes_values: { floats: n.values },
      nodes_truenodeids: { ints: n.trueIds },
      nodes_falsenodeids: { ints: n.falseIds },
      nodes_missing_value_tracks_true: { ints: n.missingTrue },
      ...(n.covers.length === n.nodeIds.length && n.covers.length > 0 ? { nodes_hitrates: { floats: n.covers } } : {}),
    },
    leaves: {
      [`${leafPrefix}_treeids`]: { ints: leaf.treeIds },
      [`${leafPrefix}_nodeids`]: { ints: leaf.nodeIds },
      [`${leafPrefix}_ids`]: { ints: leaf.ids },
      [`${leafPrefix}_weights`]: { floats: leaf.weights },
    },
  };
}
