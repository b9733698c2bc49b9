// A mergeable summary of one numeric feature's values in a time window: counts over the feature's fixed bins plus
// moments and range, as plain JSON. An hour's sketches merge into a day's without going back to the rows.
import { PitstopError } from '../../errors/index.js';
import type { NumericFeatureProfile } from '../../profile/index.js';
import { binLookup, binOf } from './bin-lookup.js';
import { createNumericBinning, type NumericBinning } from './numeric-binning.js';
import { cdfAt, cdfIntegral, profileCdf } from './profile-cdf.js';

export interface NumericSketch {
  readonly kind: 'numeric';
  /** The binning's edges, kept in the sketch so that a stored sketch can be read and merged on its own. */
  readonly edges: readonly number[];
  /** edges.length + 1 counts (see NumericBinning); fractional only in a sketch rebuilt from a profile. */
  readonly counts: number[];
  /**
   * binOffsets[i] = Σ (x − edges[i − 1]) over the values in in-range bin i (1 ≤ i < edges.length; 0 in the two
   * overflow bins): where in their bin the values sit. It makes ∫F over each bin exact, so the Wasserstein distance
   * need not assume values spread evenly across a bin, which is far off in the wide last bins of a long tail.
   */
  readonly binOffsets: number[];
  /** Finite values; NaN and ±Infinity count as missing. */
  count: number;
  missing: number;
  /** Values below the reference's min (edges[0]) and above its max (the last edge): out of range. */
  below: number;
  above: number;
  /** Σ (edges[0] − x) over values below, Σ (x − last edge) over values above: the Wasserstein distance's tails, exactly. */
  belowDistance: number;
  aboveDistance: number;
  /** Σ (x − shift) and Σ (x − shift)², shift = sketchShift(edges) (the reference median): sums about a point near the
   * data keep the variance accurate for values like epoch seconds, where plain Σx² would cancel catastrophically. */
  shiftedSum: number;
  shiftedSumOfSquares: number;
  /** null while count is 0 (JSON has no Infinity). */
  min: number | null;
  max: number | null;
}

export function newNumericSketch(binning: NumericBinning): NumericSketch {
  return {
    kind: 'numeric',
    edges: binning.edges,
    counts: new Array<number>(binning.edges.length + 1).fill(0),
    binOffsets: new Array<number>(binning.edges.length + 1).fill(0),
    count: 0,
    missing: 0,
    below: 0,
    above: 0,
    belowDistance: 0,
    aboveDistance: 0,
    shiftedSum: 0,
    shiftedSumOfSquares: 0,
    min: null,
    max: null,
  };
}

/** The point the sketch's sums are taken about: the middle edge, i.e. the reference's median, or 0 without edges. */
export function sketchShift(edges: readonly number[]): number {
  return edges.length === 0 ? 0 : edges[edges.length >> 1]!;
}

/**
 * Adds `values` to `sketch` in place and returns it: a table lookup per value (binOf) and no allocation per value.
 * Non-finite values (NaN marks a missing one) count as missing.
 */
export function addNumericValues(sketch: NumericSketch, values: ArrayLike<number>): NumericSketch {
  const lookup = binLookup(sketch.edges);
  const edgeCount = sketch.edges.length;
  const low = edgeCount > 0 ? lookup.low : -Infinity;
  const high = edgeCount > 0 ? lookup.high : Infinity;
  const shift = sketchShift(sketch.edges);
  // Counted in a typed array, then added to the sketch's plain (JSON) array once.
  const counts = new Float64Array(edgeCount + 1);
  const offsets = new Float64Array(edgeCount + 1);
  const edges = lookup.edges;
  let { count, missing, below, above, belowDistance, aboveDistance, shiftedSum, shiftedSumOfSquares } = sketch;
  let min = sketch.min ?? Infinity;
  let max = sketch.max ?? -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    // x − x is NaN exactly when x is NaN or ±Infinity.
    if (x - x !== 0) {
      missing++;
      continue;
    }
    const bin = binOf(lookup, x);
    counts[bin]!++;
    if (bin > 0 && bin < edgeCount) offsets[bin]! += x - edges[bin - 1]!;
    count++;
    const d = x - shift;
    shiftedSum += d;
    shiftedSumOfSquares += d * d;
    if (x < min) min = x;
    if (x > max) max = x;
    if (x < low) {
      below++;
      belowDistance += low - x;
    } else if (x > high) {
      above++;
      aboveDistance += x - high;
    }
  }
  for (let bin = 0; bin < counts.length; bin++) {
    sketch.counts[bin]! += counts[bin]!;
    sketch.binOffsets[bin]! += offsets[bin]!;
  }
  Object.assign(sketch, { count, missing, below, above, belowDistance, aboveDistance, shiftedSum, shiftedSumOfSquares });
  sketch.min = count > 0 ? min : null;
  sketch.max = count > 0 ? max : null;
  return sketch;
}

/** The sketch of both windows' values together; neither input changes. Sketches of different binnings are refused. */
export function mergeNumericSketches(a: NumericSketch, b: NumericSketch): NumericSketch {
  assertSameEdges(a.edges, b.edges);
  return {
    kind: 'numeric',
    edges: a.edges,
    counts: a.counts.map((n, i) => n + b.counts[i]!),
    binOffsets: a.binOffsets.map((offset, i) => offset + b.binOffsets[i]!),
    count: a.count + b.count,
    missing: a.missing + b.missing,
    below: a.below + b.below,
    above: a.above + b.above,
    belowDistance: a.belowDistance + b.belowDistance,
    aboveDistance: a.aboveDistance + b.aboveDistance,
    shiftedSum: a.shiftedSum + b.shiftedSum,
    shiftedSumOfSquares: a.shiftedSumOfSquares + b.shiftedSumOfSquares,
    min: a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min),
    max: a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max),
  };
}

/**
 * The reference as a sketch over the profile's own binning, rebuilt from the CDF its percentiles and histogram imply
 * (profileCdf): each bin gets count × the share that CDF puts in it (so counts are fractional) and the offsets its
 * shape within the bin implies; moments come from the profile's mean and std.
 */
export function numericSketchOfProfile(profile: NumericFeatureProfile): NumericSketch {
  const binning = createNumericBinning(profile);
  const sketch = newNumericSketch(binning);
  sketch.missing = profile.missing;
  const cdf = profileCdf(profile);
  if (cdf === null) return sketch;
  const { count } = profile;
  const { edges } = binning;
  let previous = 0;
  edges.forEach((edge, i) => {
    const share = cdfAt(cdf, edge);
    sketch.counts[i] = count * (share - previous);
    // Σ (x − a) over (a, b] is n·((b − a)·F(b) − ∫ₐᵇ F), integrating by parts.
    if (i > 0) sketch.binOffsets[i] = count * ((edge - edges[i - 1]!) * share - cdfIntegral(cdf, edges[i - 1]!, edge));
    previous = share;
  });
  sketch.counts[edges.length] = count * (1 - previous);
  const offset = profile.mean! - sketchShift(edges);
  sketch.count = count;
  sketch.shiftedSum = count * offset;
  sketch.shiftedSumOfSquares = count * (profile.std! ** 2 + offset ** 2);
  sketch.min = profile.min;
  sketch.max = profile.max;
  return sketch;
}

/** Whether two sketches were built over the same binning: the same edges, usually the very same array. */
export function sameEdges(a: readonly number[], b: readonly number[]): boolean {
  return a === b || (a.length === b.length && a.every((edge, i) => edge === b[i]));
}

function assertSameEdges(a: readonly number[], b: readonly number[]): void {
  if (!sameEdges(a, b)) throw new PitstopError('VALIDATION_FAILED', 'cannot merge numeric sketches with different bin edges (they were built from different references)');
}
