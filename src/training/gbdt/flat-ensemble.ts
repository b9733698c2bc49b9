// The trees of a model packed into typed arrays, for walking many rows: object nodes cost ~5× more per step in V8.
import type { FeatureMatrix } from '../feature-matrix.js';
import type { GbdtTree } from './gbdt-model.js';

export class FlatEnsemble {
  /** Index of each tree's root in the node arrays. */
  private readonly roots: Int32Array;
  /** -1 for a leaf. */
  private readonly feature: Int32Array;
  private readonly threshold: Float64Array;
  private readonly missingGoesLeft: Uint8Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly value: Float64Array;

  constructor(trees: readonly GbdtTree[]) {
    const total = trees.reduce((sum, tree) => sum + tree.nodes.length, 0);
    this.roots = new Int32Array(trees.length);
    this.feature = new Int32Array(total);
    this.threshold = new Float64Array(total);
    this.missingGoesLeft = new Uint8Array(total);
    this.left = new Int32Array(total);
    this.right = new Int32Array(total);
    this.value = new Float64Array(total);
    let base = 0;
    trees.forEach((tree, t) => {
      this.roots[t] = base;
      tree.nodes.forEach((node, i) => {
        const at = base + i;
        if (node.kind === 'leaf') {
          this.feature[at] = -1;
          this.value[at] = node.value;
        } else {
          this.feature[at] = node.feature;
          this.threshold[at] = node.threshold;
          this.missingGoesLeft[at] = node.missingGoesLeft ? 1 : 0;
          this.left[at] = base + node.left;
          this.right[at] = base + node.right;
        }
      });
      base += tree.nodes.length;
    });
  }

  get treeCount(): number {
    return this.roots.length;
  }

  /**
   * Adds tree `tree`'s leaf value for every row of a row-major matrix to scores[row * stride + column], rounding each
   * sum to float32 as onnxruntime does. Tree by tree over all rows keeps one tree's nodes in cache, and each row still
   * adds its trees in order.
   */
  addToScores(tree: number, matrix: FeatureMatrix, scores: Float64Array, stride: number, column: number): void {
    const { feature, threshold, missingGoesLeft, left, right, value } = this;
    const { rows, cols, values } = matrix;
    const root = this.roots[tree]!;
    for (let r = 0; r < rows; r++) {
      const offset = r * cols;
      let at = root;
      let f = feature[at]!;
      while (f >= 0) {
        const x = values[offset + f]!;
        const goLeft = x !== x ? missingGoesLeft[at] === 1 : x <= threshold[at]!;
        at = goLeft ? left[at]! : right[at]!;
        f = feature[at]!;
      }
      const i = r * stride + column;
      scores[i] = Math.fround(scores[i]! + value[at]!);
    }
  }

  /** The leaf value tree `tree` gives the row of float32 values starting at `offset`. */
  leafValue(tree: number, values: Float32Array, offset: number): number {
    const { feature, threshold, missingGoesLeft, left, right } = this;
    let at = this.roots[tree]!;
    let f = feature[at]!;
    while (f >= 0) {
      const x = values[offset + f]!;
      const goLeft = x !== x ? missingGoesLeft[at] === 1 : x <= threshold[at]!;
      at = goLeft ? left[at]! : right[at]!;
      f = feature[at]!;
    }
    return this.value[at]!;
  }
}
