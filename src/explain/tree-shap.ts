// Path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution for tree
// ensembles", Algorithm 2): exact Shapley values of conditionalTreeValue's game in O(leaves × depth²) instead of 2^k.
// The structure follows the paper and the shap library's C++ (extend/unwind/unwound sum over the "unique path").
import { coverRatio, followsTrueBranch, type ScoredTree, type ScoredTreeNode } from './scored-tree.js';

/** One feature on the path from the root: d, z, o, w in the paper. */
interface PathElement {
  feature: number;
  /** Fraction of "feature unknown" paths that flow this way (cover ratios). */
  zeroFraction: number;
  /** 1 when the row itself flows this way, else 0. */
  oneFraction: number;
  /** Proportion of subsets of a given size, weighted by the Shapley kernel. */
  weight: number;
}

/** Adds each feature's Shapley value for `tree` at `row` into `phi` (length ≥ number of features). */
export function addTreeShap(tree: ScoredTree, row: ArrayLike<number>, phi: Float64Array): void {
  if (tree.length === 0) return;
  recurse(tree, row, phi, 0, [], 1, 1, -1);
}

function recurse(
  tree: ScoredTree,
  row: ArrayLike<number>,
  phi: Float64Array,
  index: number,
  parentPath: readonly PathElement[],
  zeroFraction: number,
  oneFraction: number,
  feature: number,
): void {
  let path = extendPath(parentPath, zeroFraction, oneFraction, feature);
  const node = tree[index] as ScoredTreeNode;
  if (node.mode === 'LEAF') {
    // Element 0 is the root's placeholder (feature -1), not a feature.
    for (let i = 1; i < path.length; i += 1) {
      const element = path[i] as PathElement;
      const weight = unwoundPathSum(path, i);
      phi[element.feature] = (phi[element.feature] as number) + weight * (element.oneFraction - element.zeroFraction) * node.value;
    }
    return;
  }
  const goesTrue = followsTrueBranch(node, row[node.feature] as number);
  const hot = goesTrue ? node.trueChild : node.falseChild;
  const cold = goesTrue ? node.falseChild : node.trueChild;
  let incomingZero = 1;
  let incomingOne = 1;
  // A feature split on again higher up: undo its earlier element so it appears once, with the fractions combined.
  const previous = path.findIndex((element) => element.feature === node.feature);
  if (previous >= 0) {
    incomingZero = (path[previous] as PathElement).zeroFraction;
    incomingOne = (path[previous] as PathElement).oneFraction;
    path = unwindPath(path, previous);
  }
  recurse(tree, row, phi, hot, path, coverRatio(tree, index, hot) * incomingZero, incomingOne, node.feature);
  recurse(tree, row, phi, cold, path, coverRatio(tree, index, cold) * incomingZero, 0, node.feature);
}

function extendPath(path: readonly PathElement[], zeroFraction: number, oneFraction: number, feature: number): PathElement[] {
  const depth = path.length;
  const extended = path.map((element) => ({ ...element }));
  extended.push({ feature, zeroFraction, oneFraction, weight: depth === 0 ? 1 : 0 });
  for (let i = depth - 1; i >= 0; i -= 1) {
    const element = extended[i] as PathElement;
    const next = extended[i + 1] as PathElement;
    next.weight += (oneFraction * element.weight * (i + 1)) / (depth + 1);
    element.weight = (zeroFraction * element.weight * (depth - i)) / (depth + 1);
  }
  return extended;
}

/** Removes element `at` from the path, undoing its extend step on the weights. */
function unwindPath(path: readonly PathElement[], at: number): PathElement[] {
  const depth = path.length - 1;
  const { oneFraction, zeroFraction } = path[at] as PathElement;
  const unwound = path.map((element) => ({ ...element }));
  let nextOnePortion = (unwound[depth] as PathElement).weight;
  for (let i = depth - 1; i >= 0; i -= 1) {
    const element = unwound[i] as PathElement;
    if (oneFraction !== 0) {
      const saved = element.weight;
      element.weight = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
      nextOnePortion = saved - (element.weight * zeroFraction * (depth - i)) / (depth + 1);
    } else {
      element.weight = (element.weight * (depth + 1)) / (zeroFraction * (depth - i));
    }
  }
  // Shift features and fractions (not weights) left over the removed element, then drop the last.
  for (let i = at; i < depth; i += 1) {
    const element = unwound[i] as PathElement;
    const next = unwound[i + 1] as PathElement;
    element.feature = next.feature;
    element.zeroFraction = next.zeroFraction;
    element.oneFraction = next.oneFraction;
  }
  unwound.pop();
  return unwound;
}

/** The total weight the path would have with element `at` unwound, without building that path. */
function unwoundPathSum(path: readonly PathElement[], at: number): number {
  const depth = path.length - 1;
  const { oneFraction, zeroFraction } = path[at] as PathElement;
  let nextOnePortion = (path[depth] as PathElement).weight;
  let total = 0;
  for (let i = depth - 1; i >= 0; i -= 1) {
    const weight = (path[i] as PathElement).weight;
    if (oneFraction !== 0) {
      const portion = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
      total += portion;
      nextOnePortion = weight - (portion * zeroFraction * (depth - i)) / (depth + 1);
    } else if (zeroFraction !== 0) {
      total += weight / zeroFraction / ((depth - i) / (depth + 1));
    }
    // Both fractions zero: an unreachable subtree under a cold branch of zero cover; it contributes nothing.
  }
  return total;
}
