// Gradient histograms: per feature and bin, the sums of gradient, hessian and row count over a node's rows. Building
// them is the trainer's hot loop, so it is allocation-free, reads each row's bin codes once, in memory order, and is
// unrolled by four features: independent scattered adds let the CPU overlap them (about 2× faster in V8).
import type { FeatureBins } from './feature-bins.js';

/** Doubles per bin: gradient sum, hessian sum, row count. */
export const HISTOGRAM_STRIDE = 3;

/**
 * Fills `histogram` (totalBins × 3) from rows[start, end). `gh` interleaves each row's gradient and hessian.
 * `features` lists the columns this tree may split on; only their bins are filled.
 */
export function buildHistogram(
  histogram: Float64Array,
  bins: FeatureBins,
  gh: Float64Array,
  rows: Int32Array,
  start: number,
  end: number,
  features: Int32Array,
): void {
  if (features.length === bins.cols) {
    histogram.fill(0);
    addAllFeatures(histogram, bins, gh, rows, start, end);
  } else {
    // Bins of columns this tree does not sample are never read, so they are neither cleared nor filled.
    for (const f of features) histogram.fill(0, bins.strideOffsets[f]!, featureEnd(bins, f));
    addSomeFeatures(histogram, bins, gh, rows, start, end, features);
  }
}

function featureEnd(bins: FeatureBins, feature: number): number {
  return bins.strideOffsets[feature]! + (bins.missingBin[feature]! + 1) * HISTOGRAM_STRIDE;
}

function addAllFeatures(histogram: Float64Array, bins: FeatureBins, gh: Float64Array, rows: Int32Array, start: number, end: number): void {
  const { codes, cols, strideOffsets: at } = bins;
  const unrolled = cols - (cols % 4);
  for (let k = start; k < end; k++) {
    const row = rows[k]!;
    const g = gh[2 * row]!;
    const h = gh[2 * row + 1]!;
    const base = row * cols;
    let f = 0;
    for (; f < unrolled; f += 4) {
      const i0 = at[f]! + codes[base + f]! * 3;
      const i1 = at[f + 1]! + codes[base + f + 1]! * 3;
      const i2 = at[f + 2]! + codes[base + f + 2]! * 3;
      const i3 = at[f + 3]! + codes[base + f + 3]! * 3;
      histogram[i0]! += g;
      histogram[i0 + 1]! += h;
      histogram[i0 + 2]! += 1;
      histogram[i1]! += g;
      histogram[i1 + 1]! += h;
      histogram[i1 + 2]! += 1;
      histogram[i2]! += g;
      histogram[i2 + 1]! += h;
      histogram[i2 + 2]! += 1;
      histogram[i3]! += g;
      histogram[i3 + 1]! += h;
      histogram[i3 + 2]! += 1;
    }
    for (; f < cols; f++) {
      const i = at[f]! + codes[base + f]! * 3;
      histogram[i]! += g;
      histogram[i + 1]! += h;
      histogram[i + 2]! += 1;
    }
  }
}

function addSomeFeatures(histogram: Float64Array, bins: FeatureBins, gh: Float64Array, rows: Int32Array, start: number, end: number, features: Int32Array): void {
  const { codes, cols, strideOffsets: at } = bins;
  const count = features.length;
  const unrolled = count - (count % 4);
  for (let k = start; k < end; k++) {
    const row = rows[k]!;
    const g = gh[2 * row]!;
    const h = gh[2 * row + 1]!;
    const base = row * cols;
    let j = 0;
    for (; j < unrolled; j += 4) {
      const f0 = features[j]!;
      const f1 = features[j + 1]!;
      const f2 = features[j + 2]!;
      const f3 = features[j + 3]!;
      const i0 = at[f0]! + codes[base + f0]! * 3;
      const i1 = at[f1]! + codes[base + f1]! * 3;
      const i2 = at[f2]! + codes[base + f2]! * 3;
      const i3 = at[f3]! + codes[base + f3]! * 3;
      histogram[i0]! += g;
      histogram[i0 + 1]! += h;
      histogram[i0 + 2]! += 1;
      histogram[i1]! += g;
      histogram[i1 + 1]! += h;
      histogram[i1 + 2]! += 1;
      histogram[i2]! += g;
      histogram[i2 + 1]! += h;
      histogram[i2 + 2]! += 1;
      histogram[i3]! += g;
      histogram[i3 + 1]! += h;
      histogram[i3 + 2]! += 1;
    }
    for (; j < count; j++) {
      const f = features[j]!;
      const i = at[f]! + codes[base + f]! * 3;
      histogram[i]! += g;
      histogram[i + 1]! += h;
      histogram[i + 2]! += 1;
    }
  }
}

/** parent − child over the sampled columns, in place in `parent`: the sibling's histogram without touching its rows. */
export function subtractHistogram(parent: Float64Array, child: Float64Array, bins: FeatureBins, features: Int32Array): void {
  if (features.length === bins.cols) {
    for (let i = 0; i < parent.length; i++) parent[i]! -= child[i]!;
    return;
  }
  for (const f of features) {
    const end = featureEnd(bins, f);
    for (let i = bins.strideOffsets[f]!; i < end; i++) parent[i]! -= child[i]!;
  }
}
