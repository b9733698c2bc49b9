// Path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution for tree
// ensembles", Algorithm 2): exact Shapley values of conditionalTreeValue's game in O(leaves × depth²) instead of 2^k.
// The structure follows the paper and the shap library's C++ (extend/unwind/unwound sum over the "unique path"),
// down to its memory layout: every level's path lives in one preallocated buffer, so explaining a row of a few hundred
// trees allocates nothing per node (a copy per node made explaining an audit export's predictions mostly garbage).
import { coverRatio, followsTrueBranch, type ScoredTree, type ScoredTreeNode } from './scored-tree.js';

/**
 * The unique paths of all levels, side by side: the path of a node at unique depth d (d + 1 elements) starts d + 1
 * slots after its parent's. One element per slot, as four parallel arrays (d, z, o, w in the paper): the feature, the
 * fraction of "feature unknown" paths that flow this way (cover ratios), 1 when the row itself flows this way (else 0),
 * and the proportion of subsets of a given size, weighted by the Shapley kernel.
 */
class PathBuffer {
  feature: Int32Array;
  zeroFraction: Float64Array;
  oneFraction: Float64Array;
  weight: Float64Array;

  constructor(size: number) {
    this.feature = new Int32Array(size);
    this.zeroFraction = new Float64Array(size);
    this.oneFraction = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

let buffer = new PathBuffer(0);
const depths = new WeakMap<ScoredTree, number>();

/** Adds each feature's Shapley value for `tree` at `row` into `phi` (length ≥ number of features). */
export function addTreeShap(tree: ScoredTree, row: ArrayLike<number>, phi: Float64Array): void {
  if (tree.length === 0) return;
  // The deepest path holds depth + 2 elements (the root's placeholder, one per split); level paths add up to the triangle.
  const levels = depthOf(tree) + 2;
  const size = (levels * (levels + 1)) / 2 + 1;
  if (buffer.weight.length < size) buffer = new PathBuffer(size);
  recurse(tree, row, phi, buffer, 0, 0, 0, 1, 1, -1);
}

function recurse(
  tree: ScoredTree,
  row: ArrayLike<number>,
  phi: Float64Array,
  path: PathBuffer,
  index: number,
  parentStart: number,
  uniqueDepth: number,
  zeroFraction: number,
  oneFraction: number,
  feature: number,
): void {
  // A branch the row does not take and no reference row reached: no coalition ever reaches this subtree, so it adds
  // nothing to any value. Skipped, because unwinding a feature split again below it would divide 0 by 0.
  if (zeroFraction === 0 && oneFraction === 0) return;
  const start = parentStart + uniqueDepth + 1;
  for (let i = 0; i <= uniqueDepth; i += 1) {
    path.feature[start + i] = path.feature[parentStart + i]!;
    path.zeroFraction[start + i] = path.zeroFraction[parentStart + i]!;
    path.oneFraction[start + i] = path.oneFraction[parentStart + i]!;
    path.weight[start + i] = path.weight[parentStart + i]!;
  }
  extendPath(path, start, uniqueDepth, zeroFraction, oneFraction, feature);
  let depth = uniqueDepth;
  const node = tree[index] as ScoredTreeNode;
  if (node.mode === 'LEAF') {
    // Element 0 is the root's placeholder (feature -1), not a feature.
    for (let i = 1; i <= depth; i += 1) {
      const at = start + i;
      const weight = unwoundPathSum(path, start, depth, i);
      phi[path.feature[at]!] = (phi[path.feature[at]!] as number) + weight * (path.oneFraction[at]! - path.zeroFraction[at]!) * node.value;
    }
    return;
  }
  const goesTrue = followsTrueBranch(node, row[node.feature] as number);
  const hot = goesTrue ? node.trueChild : node.falseChild;
  const cold = goesTrue ? node.falseChild : node.trueChild;
  let incomingZero = 1;
  let incomingOne = 1;
  // A feature split on again higher up: undo its earlier element so it appears once, with the fractions combined.
  let previous = 0;
  while (previous <= depth && path.feature[start + previous] !== node.feature) previous += 1;
  if (previous <= depth) {
    incomingZero = path.zeroFraction[start + previous]!;
    incomingOne = path.oneFraction[start + previous]!;
    unwindPath(path, start, depth, previous);
    depth -= 1;
  }
  recurse(tree, row, phi, path, hot, start, depth + 1, coverRatio(tree, index, hot) * incomingZero, incomingOne, node.feature);
  recurse(tree, row, phi, path, cold, start, depth + 1, coverRatio(tree, index, cold) * incomingZero, 0, node.feature);
}

/** Appends an element at `depth` to the path starting at `start` (elements 0..depth-1), updating the weights. */
function extendPath(path: PathBuffer, start: number, depth: number, zeroFraction: number, oneFraction: number, feature: number): void {
  const { weight } = path;
  path.feature[start + depth] = feature;
  path.zeroFraction[start + depth] = zeroFraction;
  path.oneFraction[start + depth] = oneFraction;
  weight[start + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i -= 1) {
    weight[start + i + 1] = weight[start + i + 1]! + (oneFraction * weight[start + i]! * (i + 1)) / (depth + 1);
    weight[start + i] = (zeroFraction * weight[start + i]! * (depth - i)) / (depth + 1);
  }
}

/** Removes element `at` from the path (elements 0..depth), undoing its extend step on the weights. */
function unwindPath(path: PathBuffer, start: number, depth: number, at: number): void {
  const { weight } = path;
  const oneFraction = path.oneFraction[start + at]!;
  const zeroFraction = path.zeroFraction[start + at]!;
  let nextOnePortion = weight[start + depth]!;
  for (let i = depth - 1; i >= 0; i -= 1) {
    if (oneFraction !== 0) {
      const saved = weight[start + i]!;
      weight[start + i] = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
      nextOnePortion = saved - (weight[start + i]! * zeroFraction * (depth - i)) / (depth + 1);
    } else {
      weight[start + i] = (weight[start + i]! * (depth + 1)) / (zeroFraction * (depth - i));
    }
  }
  // Shift features and fractions (not weights) left over the removed element.
  for (let i = at; i < depth; i += 1) {
    path.feature[start + i] = path.feature[start + i + 1]!;
    path.zeroFraction[start + i] = path.zeroFraction[start + i + 1]!;
    path.oneFraction[start + i] = path.oneFraction[start + i + 1]!;
  }
}

/** The total weight the path (elements 0..depth) would have with element `at` unwound, without unwinding it. */
function unwoundPathSum(path: PathBuffer, start: number, depth: number, at: number): number {
  const { weight } = path;
  const oneFraction = path.oneFraction[start + at]!;
  const zeroFraction = path.zeroFraction[start + at]!;
  let nextOnePortion = weight[start + depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; i -= 1) {
    if (oneFraction !== 0) {
      const portion = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
      total += portion;
      nextOnePortion = weight[start + i]! - (portion * zeroFraction * (depth - i)) / (depth + 1);
    } else if (zeroFraction !== 0) {
      total += weight[start + i]! / zeroFraction / ((depth - i) / (depth + 1));
    }
    // Both fractions zero: an unreachable subtree under a cold branch of zero cover; it contributes nothing.
  }
  return total;
}

/** The number of splits on the longest path from the root to a leaf, counted once per tree. */
function depthOf(tree: ScoredTree): number {
  let depth = depths.get(tree);
  if (depth === undefined) {
    depth = 0;
    const stack: [number, number][] = [[0, 0]];
    while (stack.length > 0) {
      const [index, level] = stack.pop()!;
      const node = tree[index] as ScoredTreeNode;
      if (node.mode === 'LEAF') depth = Math.max(depth, level);
      else stack.push([node.trueChild, level + 1], [node.falseChild, level + 1]);
    }
    depths.set(tree, depth);
  }
  return depth;
}
