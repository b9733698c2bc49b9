// What a drift chart draws for one feature and window: the reference's and the current window's shares per bin.
import { PitstopError } from '../../errors/index.js';
import type { CategoricalSketch } from './categorical-sketch.js';
import type { FeatureSketch } from './feature-sketch.js';
import type { Pair } from './numeric-drift-statistics.js';
import type { NumericSketch } from './numeric-sketch.js';

/** Equal-width bins over the range of both samples; reference[i] and current[i] are shares of each sample's values. */
export interface NumericDistribution {
  readonly kind: 'numeric';
  readonly edges: number[];
  readonly reference: number[];
  readonly current: number[];
}

/** The most prominent categories of either sample by name, the rest summed in `other`; shares of each sample's values. */
export interface CategoricalDistribution {
  readonly kind: 'categorical';
  readonly categories: string[];
  readonly reference: number[];
  readonly current: number[];
  readonly other: Pair;
}

export type DistributionSummary = NumericDistribution | CategoricalDistribution;

export const CHART_BINS = 20;
export const CHART_CATEGORIES = 20;

/** Both sketches need values; a numeric pair must share its edges. */
export function distributionSummary(reference: FeatureSketch, current: FeatureSketch): DistributionSummary {
  if (reference.kind === 'numeric' && current.kind === 'numeric') return numericDistribution(reference, current);
  if (reference.kind === 'categorical' && current.kind === 'categorical') return categoricalDistribution(reference, current);
  throw new PitstopError('VALIDATION_FAILED', `cannot chart a ${reference.kind} sketch against a ${current.kind} one`);
}

/**
 * Re-bins both sketches onto equal-width bins (which read better than quantile bins) by their piecewise-linear CDFs
 * (sketchCdf). The range covers the current values too, so a window that moved out of the reference's range still
 * shows where it went, if only roughly: out-of-range values are drawn as spread evenly up to the window's min or max.
 */
export function numericDistribution(reference: NumericSketch, current: NumericSketch, bins = CHART_BINS): NumericDistribution {
  let low = Math.min(reference.min ?? Infinity, current.min ?? Infinity);
  let high = Math.max(reference.max ?? -Infinity, current.max ?? -Infinity);
  if (!(low < high)) {
    // One value in all (or none): numpy's range of value ± 0.5.
    low = Number.isFinite(low) ? low - 0.5 : 0;
    high = low + 1;
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? high : low + ((high - low) * i) / bins));
  const shares = (sketch: NumericSketch) => edges.slice(1).map((edge, i) => sketchCdf(sketch, edge) - (i === 0 ? 0 : sketchCdf(sketch, edges[i]!)));
  return { kind: 'numeric', edges, reference: shares(reference), current: shares(current) };
}

/**
 * The sketch's CDF (right-continuous): exact at the edges, linear within bins, a jump at the first edge for values
 * equal to it, and out of range linear from the window's min to the first edge and from the last edge to its max.
 */
export function sketchCdf(sketch: NumericSketch, x: number): number {
  const { edges, counts, count } = sketch;
  if (count === 0) return 0;
  const last = edges.length - 1;
  if (last < 0) return x >= sketch.max! ? 1 : x < sketch.min! ? 0 : (x - sketch.min!) / (sketch.max! - sketch.min!);
  if (x < edges[0]!) {
    if (sketch.below === 0 || x < sketch.min!) return 0;
    return ((sketch.below / count) * (x - sketch.min!)) / (edges[0]! - sketch.min!);
  }
  if (x >= edges[last]!) {
    if (sketch.above === 0 || x >= sketch.max!) return 1;
    const inRange = 1 - sketch.above / count;
    return inRange + ((sketch.above / count) * (x - edges[last]!)) / (sketch.max! - edges[last]!);
  }
  // The first edge ≥ x; x ≥ edges[0], so when it is not x itself it has a predecessor.
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  let cumulative = 0;
  for (let i = 0; i < lo; i++) cumulative += counts[i]!;
  if (edges[lo] === x) return (cumulative + counts[lo]!) / count;
  const t = (x - edges[lo - 1]!) / (edges[lo]! - edges[lo - 1]!);
  return (cumulative + t * counts[lo]!) / count;
}

/** The CHART_CATEGORIES categories with the largest share in either sample, in that order. */
export function categoricalDistribution(reference: CategoricalSketch, current: CategoricalSketch, shown = CHART_CATEGORIES): CategoricalDistribution {
  const referenceShares = shareByCategory(reference);
  const currentShares = shareByCategory(current);
  const names = [...new Set([...referenceShares.keys(), ...currentShares.keys()])];
  const prominence = (name: string) => Math.max(referenceShares.get(name) ?? 0, currentShares.get(name) ?? 0);
  names.sort((a, b) => prominence(b) - prominence(a) || (a < b ? -1 : a > b ? 1 : 0));
  const categories = names.slice(0, shown);
  const referenceShown = categories.map((name) => referenceShares.get(name) ?? 0);
  const currentShown = categories.map((name) => currentShares.get(name) ?? 0);
  const rest = (shownShares: number[]) => Math.max(0, 1 - shownShares.reduce((sum, share) => sum + share, 0));
  return { kind: 'categorical', categories, reference: referenceShown, current: currentShown, other: { reference: rest(referenceShown), current: rest(currentShown) } };
}

function shareByCategory(sketch: CategoricalSketch): Map<string, number> {
  const shares = new Map<string, number>();
  if (sketch.count === 0) return shares;
  sketch.categories.forEach((category, i) => {
    if (sketch.counts[i]! > 0) shares.set(category, sketch.counts[i]! / sketch.count);
  });
  return shares;
}
