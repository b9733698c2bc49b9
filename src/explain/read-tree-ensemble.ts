// Reads an ai.onnx.ml TreeEnsembleRegressor or TreeEnsembleClassifier into one node array per tree (root first).
import { PitstopError } from '../errors/index.js';
import type { OnnxProto } from '../onnx/index.js';
import { findMlOperatorNode, type FindMlOperatorOptions, type MlOperatorAttributes } from './ml-operator-node.js';

export type BranchMode = 'BRANCH_LEQ' | 'BRANCH_LT' | 'BRANCH_GTE' | 'BRANCH_GT' | 'BRANCH_EQ' | 'BRANCH_NEQ' | 'LEAF';

const MODES: readonly string[] = ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT', 'BRANCH_EQ', 'BRANCH_NEQ', 'LEAF'];

export interface TreeEnsembleNode {
  mode: BranchMode;
  /** Input column tested; -1 for leaves. */
  feature: number;
  threshold: number;
  /** Indexes into the same tree's node array; -1 for leaves. */
  trueChild: number;
  falseChild: number;
  missingTracksTrue: boolean;
  /** nodes_hitrates when the model has them. */
  hitrate?: number;
  /** weights[t]: what this leaf adds to raw score t (already divided by the tree count for AVERAGE). */
  weights: number[];
}

export interface TreeEnsemble {
  opType: 'TreeEnsembleRegressor' | 'TreeEnsembleClassifier';
  trees: TreeEnsembleNode[][];
  /** Raw score columns: n_targets, or the class ids the weights use. */
  scoreCount: number;
  baseValues: number[];
  postTransform: string;
  /** Whether every node has a hitrate (usable as TreeSHAP covers). */
  hasHitrates: boolean;
}

/** Throws ONNX_UNSUPPORTED for MIN/MAX aggregation (not a sum over trees, so not additive) and tensor-valued attributes. */
export function readTreeEnsemble(model: Uint8Array | OnnxProto.IModelProto, options: FindMlOperatorOptions = {}): TreeEnsemble {
  const { opType, attributes } = findMlOperatorNode(model, ['TreeEnsembleRegressor', 'TreeEnsembleClassifier'], options);
  for (const name of ['nodes_values_as_tensor', 'target_weights_as_tensor', 'class_weights_as_tensor', 'base_values_as_tensor']) {
    if (attributes.has(name)) throw new PitstopError('ONNX_UNSUPPORTED', `The ${opType} stores '${name}'; only float attributes are read.`);
  }
  const aggregate = attributes.string('aggregate_function', 'SUM');
  if (aggregate !== 'SUM' && aggregate !== 'AVERAGE') {
    throw new PitstopError('ONNX_UNSUPPORTED', `The ${opType} aggregates its trees with ${aggregate}, which is not additive.`);
  }
  const prefix = opType === 'TreeEnsembleRegressor' ? 'target' : 'class';
  const leafTargets = attributes.ints(`${prefix}_ids`);
  const scoreCount =
    opType === 'TreeEnsembleRegressor' ? attributes.int('n_targets', 1) : Math.max(0, ...leafTargets) + 1;
  const { trees, hasHitrates } = readTrees(attributes, scoreCount);
  const scale = aggregate === 'AVERAGE' && trees.size > 0 ? 1 / trees.size : 1;
  addLeafWeights(attributes, prefix, trees, scale);
  const baseValues = attributes.floats('base_values');
  return {
    opType: opType as TreeEnsemble['opType'],
    trees: [...trees.values()].map((tree) => tree.nodes),
    scoreCount,
    baseValues: Array.from({ length: scoreCount }, (_, score) => baseValues[score] ?? 0),
    postTransform: attributes.string('post_transform', 'NONE'),
    hasHitrates,
  };
}

interface TreeUnderConstruction {
  nodes: TreeEnsembleNode[];
  /** ONNX node id → index in nodes. */
  indexOf: Map<number, number>;
}

function readTrees(attributes: MlOperatorAttributes, scoreCount: number) {
  const treeIds = attributes.required('nodes_treeids', attributes.ints('nodes_treeids'));
  const nodeIds = attributes.ints('nodes_nodeids');
  const features = attributes.ints('nodes_featureids');
  const thresholds = attributes.floats('nodes_values');
  const modes = attributes.strings('nodes_modes');
  const trueIds = attributes.ints('nodes_truenodeids');
  const falseIds = attributes.ints('nodes_falsenodeids');
  const missing = attributes.ints('nodes_missing_value_tracks_true');
  const hitrates = attributes.floats('nodes_hitrates');
  const hasHitrates = hitrates.length === treeIds.length;
  const trees = new Map<number, TreeUnderConstruction>();
  treeIds.forEach((treeId, position) => {
    const mode = modes[position] ?? '';
    if (!MODES.includes(mode)) throw new PitstopError('ONNX_INVALID', `Tree node mode '${mode}' is not an ONNX mode.`);
    const tree: TreeUnderConstruction = trees.get(treeId) ?? { nodes: [], indexOf: new Map<number, number>() };
    trees.set(treeId, tree);
    tree.indexOf.set(nodeIds[position] ?? 0, tree.nodes.length);
    const leaf = mode === 'LEAF';
    tree.nodes.push({
      mode: mode as BranchMode,
      feature: leaf ? -1 : (features[position] ?? 0),
      threshold: thresholds[position] ?? 0,
      // Child ids are ONNX node ids for now; resolved to indexes below.
      trueChild: leaf ? -1 : (trueIds[position] ?? 0),
      falseChild: leaf ? -1 : (falseIds[position] ?? 0),
      missingTracksTrue: (missing[position] ?? 0) !== 0,
      ...(hasHitrates ? { hitrate: hitrates[position] as number } : {}),
      weights: new Array<number>(scoreCount).fill(0),
    });
  });
  for (const [treeId, tree] of trees) resolveChildren(treeId, tree);
  return { trees, hasHitrates };
}

/** Turns child node ids into indexes and moves the root (the node nobody points to) to index 0. */
function resolveChildren(treeId: number, tree: TreeUnderConstruction): void {
  const index = (id: number): number => {
    const found = tree.indexOf.get(id);
    if (found === undefined) throw new PitstopError('ONNX_INVALID', `Tree ${treeId} points to node ${id}, which it does not have.`);
    return found;
  };
  const isChild = new Set<number>();
  for (const node of tree.nodes) {
    if (node.mode === 'LEAF') continue;
    node.trueChild = index(node.trueChild);
    node.falseChild = index(node.falseChild);
    isChild.add(node.trueChild).add(node.falseChild);
  }
  const root = tree.nodes.findIndex((_, position) => !isChild.has(position));
  if (root < 0) throw new PitstopError('ONNX_INVALID', `Tree ${treeId} has no root: every node is some node's child.`);
  if (root === 0) return;
  // Swap the root with node 0 and fix the references to either.
  const swap = (position: number): number => (position === root ? 0 : position === 0 ? root : position);
  [tree.nodes[0], tree.nodes[root]] = [tree.nodes[root] as TreeEnsembleNode, tree.nodes[0] as TreeEnsembleNode];
  for (const node of tree.nodes) {
    if (node.mode === 'LEAF') continue;
    node.trueChild = swap(node.trueChild);
    node.falseChild = swap(node.falseChild);
  }
  for (const [id, position] of tree.indexOf) tree.indexOf.set(id, swap(position));
}

function addLeafWeights(
  attributes: MlOperatorAttributes,
  prefix: 'target' | 'class',
  trees: Map<number, TreeUnderConstruction>,
  scale: number,
): void {
  const treeIds = attributes.ints(`${prefix}_treeids`);
  const nodeIds = attributes.ints(`${prefix}_nodeids`);
  const targets = attributes.ints(`${prefix}_ids`);
  const weights = attributes.floats(`${prefix}_weights`);
  treeIds.forEach((treeId, position) => {
    const nodeId = nodeIds[position] ?? 0;
    const node = trees.get(treeId)?.nodes[trees.get(treeId)?.indexOf.get(nodeId) ?? -1];
    if (!node) throw new PitstopError('ONNX_INVALID', `A leaf weight names tree ${treeId} node ${nodeId}, which does not exist.`);
    const target = targets[position] ?? 0;
    // Several entries for the same leaf and target add up, as in onnxruntime.
    node.weights[target] = (node.weights[target] ?? 0) + (weights[position] ?? 0) * scale;
  });
}
