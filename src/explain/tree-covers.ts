// Where TreeSHAP's covers come from: the model's nodes_hitrates when they behave like sample counts, or else counts of
// background rows reaching each node (onnx exporters rarely write hitrates, and some write 1.0 everywhere).
import { backgroundRowCount } from './background-means.js';
import type { TreeEnsembleNode } from './read-tree-ensemble.js';
import { followsTrueBranch } from './scored-tree.js';

/** True when every branch's hitrate equals the sum of its children's (relative tolerance 1e-6) and the root's is > 0. */
export function hitratesAreCovers(tree: readonly TreeEnsembleNode[]): boolean {
  const root = tree[0];
  if (root?.hitrate === undefined || !(root.hitrate > 0)) return false;
  return tree.every((node) => {
    if (node.hitrate === undefined || node.hitrate < 0) return false;
    if (node.mode === 'LEAF') return true;
    const children = (tree[node.trueChild]?.hitrate ?? NaN) + (tree[node.falseChild]?.hitrate ?? NaN);
    return Math.abs(children - node.hitrate) <= 1e-6 * Math.max(1, node.hitrate);
  });
}

/** How many background rows (rows × k, row-major) pass through each node. */
export function coversFromBackground(tree: readonly TreeEnsembleNode[], background: Float32Array, k: number): Float64Array {
  const rows = backgroundRowCount(background, k);
  const covers = new Float64Array(tree.length);
  for (let row = 0; row < rows; row += 1) {
    let index = 0;
    for (;;) {
      covers[index] = (covers[index] as number) + 1;
      const node = tree[index] as TreeEnsembleNode;
      if (node.mode === 'LEAF') break;
      const x = background[row * k + node.feature] as number;
      index = followsTrueBranch(node, x) ? node.trueChild : node.falseChild;
    }
  }
  return covers;
}
