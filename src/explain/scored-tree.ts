// One tree reduced to what TreeSHAP needs for one raw score: splits, leaf values and covers. Also the game it explains:
// the expected leaf value when only some features are known, averaging the unknown ones by cover.
import type { BranchMode } from './read-tree-ensemble.js';

export interface ScoredTreeNode {
  mode: BranchMode;
  feature: number;
  threshold: number;
  trueChild: number;
  falseChild: number;
  missingTracksTrue: boolean;
  /** How many (or what weight of) reference rows reach this node. */
  cover: number;
  /** The leaf's contribution to the explained score; 0 for branches. */
  value: number;
}

/** Root at index 0. */
export type ScoredTree = readonly ScoredTreeNode[];

/** The onnxruntime rule: compare, and send NaN to the true branch only when the node says missing values track true. */
export function followsTrueBranch(
  node: Pick<ScoredTreeNode, 'mode' | 'threshold' | 'missingTracksTrue'>,
  x: number,
): boolean {
  if (Number.isNaN(x)) return node.missingTracksTrue || node.mode === 'BRANCH_NEQ';
  switch (node.mode) {
    case 'BRANCH_LEQ':
      return x <= node.threshold;
    case 'BRANCH_LT':
      return x < node.threshold;
    case 'BRANCH_GTE':
      return x >= node.threshold;
    case 'BRANCH_GT':
      return x > node.threshold;
    case 'BRANCH_EQ':
      return x === node.threshold;
    default:
      return x !== node.threshold;
  }
}

/**
 * The share of a node's cover that goes to one child. A node no reference row reached has no evidence either way,
 * so its children split it evenly; without that guard 0/0 would poison the whole tree with NaN.
 */
export function coverRatio(tree: ScoredTree, parent: number, child: number): number {
  const parentCover = (tree[parent] as ScoredTreeNode).cover;
  return parentCover > 0 ? (tree[child] as ScoredTreeNode).cover / parentCover : 0.5;
}

/** The leaf value reached by `row`. */
export function scoredTreeValue(tree: ScoredTree, row: ArrayLike<number>): number {
  let index = 0;
  for (let node = tree[0] as ScoredTreeNode; node.mode !== 'LEAF'; node = tree[index] as ScoredTreeNode) {
    index = followsTrueBranch(node, row[node.feature] as number) ? node.trueChild : node.falseChild;
  }
  return (tree[index] as ScoredTreeNode).value;
}

/**
 * E[f(x) | x_S] as path-dependent TreeSHAP defines it: known features follow the row, unknown ones take both branches
 * weighted by cover. `known(feature)` says which features are in S. With nothing known this is the expected value.
 */
export function conditionalTreeValue(
  tree: ScoredTree,
  row: ArrayLike<number>,
  known: (feature: number) => boolean,
  index = 0,
): number {
  const node = tree[index] as ScoredTreeNode;
  if (node.mode === 'LEAF') return node.value;
  if (known(node.feature)) {
    const next = followsTrueBranch(node, row[node.feature] as number) ? node.trueChild : node.falseChild;
    return conditionalTreeValue(tree, row, known, next);
  }
  return (
    coverRatio(tree, index, node.trueChild) * conditionalTreeValue(tree, row, known, node.trueChild) +
    coverRatio(tree, index, node.falseChild) * conditionalTreeValue(tree, row, known, node.falseChild)
  );
}
