// Turns a float feature matrix into one byte per cell, once, so every tree builds histograms over bins instead of
// sorting floats. Bin edges are float32 values, so a split on "bin <= b" is exactly ONNX's "x <= edge[b]".
import type { FeatureMatrix } from '../feature-matrix.js';
import { Float32Sorter } from './radix-sort-float32.js';

export interface FeatureBins {
  readonly rows: number;
  readonly cols: number;
  /**
   * Row-major bin codes. Feature f has `edges[f].length + 1` value bins, bin b holding x with edge[b-1] < x <= edge[b],
   * then one bin for missing values (`missingBin[f]`).
   */
  readonly codes: Uint8Array;
  readonly edges: readonly Float32Array[];
  readonly missingBin: Int32Array;
  /** Where feature f's bins start in a histogram that lays all features' bins end to end. */
  readonly offsets: Int32Array;
  /** offsets × 3: the same, in doubles of a gradient histogram. */
  readonly strideOffsets: Int32Array;
  readonly totalBins: number;
}

export function binFeatures(matrix: FeatureMatrix, maxBins: number): FeatureBins {
  const { rows, cols, values } = matrix;
  const codes = new Uint8Array(rows * cols);
  const edges: Float32Array[] = [];
  const missingBin = new Int32Array(cols);
  const offsets = new Int32Array(cols);
  let totalBins = 0;
  // Scratch shared by every feature: fresh large typed arrays per feature cost more than the sorting.
  const column = new Float32Array(rows);
  const rowOf = new Int32Array(rows);
  const sortedScratch = new Float32Array(rows);
  const sorter = new Float32Sorter();
  for (let f = 0; f < cols; f++) {
    const present = presentValues(values, rows, cols, f, column, rowOf, codes);
    const order = sorter.sortOrder(column.subarray(0, present));
    const sorted = sortedScratch.subarray(0, present);
    gather(column, order, sorted);
    const featureEdges = quantileEdges(sorted, maxBins);
    assignBins(sorted, order, rowOf, featureEdges, codes, cols, f);
    const missing = featureEdges.length + 1;
    if (present < rows) markMissing(values, rows, cols, f, missing, codes);
    edges.push(featureEdges);
    missingBin[f] = missing;
    offsets[f] = totalBins;
    totalBins += featureEdges.length + 2;
  }
  const strideOffsets = offsets.map((offset) => offset * 3);
  return { rows, cols, codes, edges, missingBin, offsets, strideOffsets, totalBins };
}

// The loops of binning, each in a function of its own: V8 code compiled in the middle of a long loop gives up at the
// first statement after it that has not run yet, and binning runs each loop only once per feature.

/** Copies feature f's present values into `column` (and their rows into `rowOf`); returns how many there are. */
function presentValues(values: Float32Array, rows: number, cols: number, f: number, column: Float32Array, rowOf: Int32Array, codes: Uint8Array): number {
  let present = 0;
  for (let r = 0; r < rows; r++) {
    const x = values[r * cols + f]!;
    if (x === x) {
      column[present] = x;
      rowOf[present++] = r;
    } else {
      codes[r * cols + f] = 255; // fixed by markMissing, once the missing bin's number is known
    }
  }
  return present;
}

function gather(column: Float32Array, order: Uint32Array, sorted: Float32Array): void {
  for (let i = 0; i < sorted.length; i++) sorted[i] = column[order[i]!]!;
}

/** Walking the values in order assigns every bin without a search. */
function assignBins(sorted: Float32Array, order: Uint32Array, rowOf: Int32Array, featureEdges: Float32Array, codes: Uint8Array, cols: number, f: number): void {
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (bin < featureEdges.length && sorted[i]! > featureEdges[bin]!) bin++;
    codes[rowOf[order[i]!]! * cols + f] = bin;
  }
}

function markMissing(values: Float32Array, rows: number, cols: number, f: number, missing: number, codes: Uint8Array): void {
  for (let r = 0; r < rows; r++) if (values[r * cols + f] !== values[r * cols + f]) codes[r * cols + f] = missing;
}

/**
 * At most maxBins - 1 edges, each halfway between two neighbouring distinct values (so unseen values between them split
 * evenly). With few distinct values, an edge between every pair; otherwise one after each distinct value where the
 * running count passes the next quantile, so a value that fills several quantiles by itself gets one bin, not several.
 */
export function quantileEdges(sorted: Float32Array, maxBins: number): Float32Array {
  const n = sorted.length;
  const distinct = distinctCount(sorted);
  const edges = new Float32Array(Math.max(0, Math.min(distinct, maxBins) - 1));
  let count = 0;
  const step = n / maxBins;
  let nextTarget = step;
  // One pass over runs of equal values; `upTo` is how many values are <= the run's value.
  for (let i = 0; i < n; ) {
    let upTo = i + 1;
    while (upTo < n && sorted[upTo] === sorted[i]) upTo++;
    if (upTo === n) break;
    if (distinct <= maxBins || (upTo >= nextTarget && count < maxBins - 1)) {
      edges[count++] = midpoint(sorted[i]!, sorted[upTo]!);
      while (nextTarget <= upTo) nextTarget += step;
    }
    i = upTo;
  }
  return edges.subarray(0, count);
}

// The float32 halfway point, nudged down to the lower value when rounding would carry it onto the upper one: the
// lower value must stay left of the edge and the upper one right of it.
function midpoint(lower: number, upper: number): number {
  const mid = Math.fround(lower + (upper - lower) / 2);
  return mid >= upper || mid < lower ? lower : mid;
}

function distinctCount(sorted: Float32Array): number {
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}
