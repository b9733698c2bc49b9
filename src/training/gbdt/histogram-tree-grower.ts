// Grows one regression tree on gradients by histogram splits, depth first. Each split builds the histogram of the
// smaller child only and gets the larger one by subtracting it from the parent's, in the parent's buffer, so at most
// one histogram per level of the current path is alive. Row indices are partitioned in place.
import type { FeatureBins } from './feature-bins.js';
import { findBestSplit, SplitCandidate, type SplitRules } from './find-best-split.js';
import type { GbdtNode, GbdtTree } from './gbdt-model.js';
import { buildHistogram, HISTOGRAM_STRIDE, subtractHistogram } from './gradient-histogram.js';

export interface TreeGrowthRules extends SplitRules {
  readonly maxDepth: number;
  readonly learningRate: number;
}

/** A grown tree, plus the same tree over bin codes so rows outside the sample can be scored without their floats. */
export interface GrownTree {
  readonly tree: GbdtTree;
  /** Per node: the last bin that goes left, or -1 for a leaf. */
  readonly splitBins: Int32Array;
}

export class HistogramTreeGrower {
  private readonly scratch: Int32Array;
  private readonly goesLeft = new Uint8Array(256);
  private readonly histograms: Float64Array[] = [];
  private readonly candidate = new SplitCandidate();
  private readonly total = { gradient: 0, hessian: 0, count: 0 };
  // The tree being grown.
  private gh: Float64Array = new Float64Array(0);
  private rows: Int32Array = new Int32Array(0);
  private features: Int32Array = new Int32Array(0);
  private nodes: GbdtNode[] = [];
  private splitBins: number[] = [];
  private leaves: { start: number; end: number; value: number }[] = [];

  constructor(
    private readonly bins: FeatureBins,
    private readonly rules: TreeGrowthRules,
  ) {
    this.scratch = new Int32Array(bins.rows);
  }

  /**
   * Grows a tree over rows[0, rowCount), reordering them so each leaf's rows are contiguous (see addLeafValues).
   * `gh` interleaves gradient and hessian per row; `features` are the columns the tree may split on, ascending.
   */
  grow(gh: Float64Array, rows: Int32Array, rowCount: number, features: Int32Array): GrownTree {
    this.gh = gh;
    this.rows = rows;
    this.features = features;
    this.nodes = [];
    this.splitBins = [];
    this.leaves = [];
    const { gradient, hessian } = sumGradients(gh, rows, rowCount);
    this.nodes.push({ kind: 'leaf', value: 0 });
    this.splitBins.push(-1);
    const histogram = this.canSplit(0, rowCount) ? this.histogramOf(0, rowCount) : null;
    this.growNode(0, 0, rowCount, 0, histogram, gradient, hessian);
    return { tree: { nodes: this.nodes }, splitBins: Int32Array.from(this.splitBins) };
  }

  /**
   * Adds each leaf's value to the score of every sampled row in it, scores[row * stride + column], and to its tree sum
   * rounded to float32 as predictions sum it. A bin code goes left exactly when its float goes left of the threshold.
   */
  addLeafValues(scores: Float64Array, treeSums: Float64Array, stride: number, column: number): void {
    for (const { start, end, value } of this.leaves) {
      for (let k = start; k < end; k++) {
        const i = this.rows[k]! * stride + column;
        scores[i]! += value;
        treeSums[i] = Math.fround(treeSums[i]! + value);
      }
    }
  }

  private growNode(id: number, start: number, end: number, depth: number, histogram: Float64Array | null, gradient: number, hessian: number): void {
    const count = end - start;
    const split = this.candidate;
    if (histogram === null || !this.findSplit(histogram, gradient, hessian, count)) {
      this.makeLeaf(id, start, end, gradient, hessian);
      if (histogram) this.release(histogram);
      return;
    }
    const { feature, bin, missingGoesLeft, leftGradient, leftHessian, leftCount } = split;
    const mid = this.partition(start, end, feature, bin, missingGoesLeft);
    const left = this.nodes.length;
    const right = left + 1;
    const threshold = this.bins.edges[feature]![bin]!;
    this.nodes[id] = { kind: 'split', feature, threshold, missingGoesLeft, left, right };
    this.splitBins[id] = bin;
    this.nodes.push({ kind: 'leaf', value: 0 }, { kind: 'leaf', value: 0 });
    this.splitBins.push(-1, -1);

    const childDepth = depth + 1;
    const leftNeeds = childDepth < this.rules.maxDepth && this.canSplit(start, mid);
    const rightNeeds = childDepth < this.rules.maxDepth && this.canSplit(mid, end);
    let leftHistogram: Float64Array | null = null;
    let rightHistogram: Float64Array | null = null;
    if (leftNeeds || rightNeeds) {
      const leftIsSmaller = leftCount <= count - leftCount;
      const smaller = leftIsSmaller ? this.histogramOf(start, mid) : this.histogramOf(mid, end);
      const largerNeeds = leftIsSmaller ? rightNeeds : leftNeeds;
      if (largerNeeds) subtractHistogram(histogram, smaller, this.bins, this.features);
      else this.release(histogram);
      const larger = largerNeeds ? histogram : null;
      leftHistogram = leftIsSmaller ? smaller : larger;
      rightHistogram = leftIsSmaller ? larger : smaller;
    } else {
      this.release(histogram);
    }
    this.growNode(left, start, mid, childDepth, leftHistogram, leftGradient, leftHessian);
    this.growNode(right, mid, end, childDepth, rightHistogram, gradient - leftGradient, hessian - leftHessian);
  }

  private canSplit(start: number, end: number): boolean {
    return end - start >= 2 * this.rules.minLeaf;
  }

  private findSplit(histogram: Float64Array, gradient: number, hessian: number, count: number): boolean {
    this.total.gradient = gradient;
    this.total.hessian = hessian;
    this.total.count = count;
    return findBestSplit(this.candidate, histogram, this.bins, this.features, this.total, this.rules);
  }

  private makeLeaf(id: number, start: number, end: number, gradient: number, hessian: number): void {
    // float32, as the ONNX model stores it, so training scores and exported predictions walk the same numbers.
    const value = Math.fround((-gradient / (hessian + this.rules.lambda)) * this.rules.learningRate);
    this.nodes[id] = { kind: 'leaf', value };
    this.leaves.push({ start, end, value });
  }

  /**
   * Stable (each side keeps its rows in ascending order, which keeps later histogram passes cache-friendly) and
   * branch-free: a per-bin "goes left" table, and every row written to both sides with only one cursor advancing,
   * because the direction of a row is a coin flip the CPU cannot predict.
   */
  private partition(start: number, end: number, feature: number, bin: number, missingGoesLeft: boolean): number {
    const { rows, scratch, goesLeft } = this;
    const { codes, cols } = this.bins;
    for (let code = 0; code < 256; code++) goesLeft[code] = code <= bin ? 1 : 0;
    goesLeft[this.bins.missingBin[feature]!] = missingGoesLeft ? 1 : 0;
    let left = start;
    let right = 0;
    for (let k = start; k < end; k++) {
      const row = rows[k]!;
      const toLeft = goesLeft[codes[row * cols + feature]!]!;
      rows[left] = row;
      scratch[right] = row;
      left += toLeft;
      right += 1 - toLeft;
    }
    rows.set(scratch.subarray(0, right), left);
    return left;
  }

  private histogramOf(start: number, end: number): Float64Array {
    const histogram = this.histograms.pop() ?? new Float64Array(this.bins.totalBins * HISTOGRAM_STRIDE);
    buildHistogram(histogram, this.bins, this.gh, this.rows, start, end, this.features);
    return histogram;
  }

  private release(histogram: Float64Array): void {
    this.histograms.push(histogram);
  }
}

/**
 * The gradient and hessian sums of rows[0, rowCount). A function of its own: code V8 compiles in the middle of this
 * loop would give up at the statement after it, once for every tree.
 */
function sumGradients(gh: Float64Array, rows: Int32Array, rowCount: number): { gradient: number; hessian: number } {
  let gradient = 0;
  let hessian = 0;
  for (let k = 0; k < rowCount; k++) {
    gradient += gh[2 * rows[k]!]!;
    hessian += gh[2 * rows[k]! + 1]!;
  }
  return { gradient, hessian };
}

/** The leaf value a row reaches, walking the tree over its bin codes. */
export function binnedLeafValue(grown: GrownTree, bins: FeatureBins, row: number): number {
  const { nodes } = grown.tree;
  let id = 0;
  let node = nodes[0]!;
  while (node.kind === 'split') {
    const code = bins.codes[row * bins.cols + node.feature]!;
    const left = code === bins.missingBin[node.feature] ? node.missingGoesLeft : code <= grown.splitBins[id]!;
    id = left ? node.left : node.right;
    node = nodes[id]!;
  }
  return node.value;
}
