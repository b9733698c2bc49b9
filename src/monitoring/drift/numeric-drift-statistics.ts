// Every drift statistic of one numeric feature, computed from two sketches over the same bins (never from rows).
import { PitstopError } from '../../errors/index.js';
import { jensenShannonDistance } from './jensen-shannon-distance.js';
import { ksPValue } from './kolmogorov-smirnov.js';
import { sameEdges, sketchShift, type NumericSketch } from './numeric-sketch.js';
import { populationStabilityIndex } from './population-stability-index.js';
import { groupCounts, quantileGroups } from './quantile-groups.js';

export interface Pair {
  readonly reference: number;
  readonly current: number;
}

export interface NumericDriftStatistics {
  /** PSI over the reference's deciles (quantileGroups), empty bins at PSI_EPSILON. */
  readonly psi: number;
  /** Kolmogorov–Smirnov D: the largest gap between the two CDFs at the bin edges (off by at most one bin's reference share, 0.5%). */
  readonly ks: number;
  readonly ksPValue: number;
  /** Wasserstein-1 (earth mover's) distance in the feature's units (binnedWasserstein: exact but for bins where the CDFs cross). */
  readonly wasserstein: number;
  /** wasserstein ÷ the reference's std (÷ |mean|, or 1, for a constant reference): 0.1 = a tenth of a standard deviation. */
  readonly wassersteinNormalised: number;
  /** Jensen–Shannon distance (base 2, in [0, 1]) over the same deciles as psi. */
  readonly jensenShannon: number;
  /** Share of rows without a (finite) value. */
  readonly missingRate: Pair;
  /** Share of the current values outside the reference's [min, max]. */
  readonly outOfRangeRate: number;
  readonly mean: Pair;
  /** Population standard deviation (ddof = 0), as the profile stores it. */
  readonly std: Pair;
}

/** Requires values on both sides and sketches over the same edges. */
export function numericDriftStatistics(reference: NumericSketch, current: NumericSketch): NumericDriftStatistics {
  if (!sameEdges(reference.edges, current.edges)) throw new PitstopError('VALIDATION_FAILED', 'cannot compare numeric sketches with different bin edges');
  if (reference.count === 0 || current.count === 0) throw new PitstopError('VALIDATION_FAILED', 'drift statistics need values in both the reference and the current window');
  const ks = binnedKsStatistic(reference, current);
  const wasserstein = binnedWasserstein(reference, current);
  const referenceMoments = moments(reference);
  const currentMoments = moments(current);
  const scale = referenceMoments.std > 0 ? referenceMoments.std : Math.abs(referenceMoments.mean) || 1;
  const groups = quantileGroups(reference.counts);
  const referenceGroups = groupCounts(reference.counts, groups);
  const currentGroups = groupCounts(current.counts, groups);
  return {
    psi: populationStabilityIndex(referenceGroups, currentGroups),
    ks,
    ksPValue: ksPValue(ks, reference.count, current.count),
    wasserstein,
    wassersteinNormalised: wasserstein / scale,
    jensenShannon: jensenShannonDistance(referenceGroups, currentGroups),
    missingRate: { reference: missingRate(reference), current: missingRate(current) },
    outOfRangeRate: (current.below + current.above) / current.count,
    mean: { reference: referenceMoments.mean, current: currentMoments.mean },
    std: { reference: referenceMoments.std, current: currentMoments.std },
  };
}

/**
 * max |F_ref − F_cur| over the edges and just below the first one. Both CDFs are known exactly there; between two
 * edges the gap can exceed its value at the ends by at most the reference's share of that bin.
 */
export function binnedKsStatistic(reference: NumericSketch, current: NumericSketch): number {
  let statistic = Math.abs(reference.below / reference.count - current.below / current.count);
  let referenceCumulative = 0;
  let currentCumulative = 0;
  for (let i = 0; i < reference.edges.length; i++) {
    referenceCumulative += reference.counts[i]!;
    currentCumulative += current.counts[i]!;
    statistic = Math.max(statistic, Math.abs(referenceCumulative / reference.count - currentCumulative / current.count));
  }
  return statistic;
}

/**
 * ∫ |F_ref − F_cur| dx. Over each in-range bin, ∫F is known exactly from the bin's count and offsets
 * (width·F(right edge) − Σ offsets / n), so where the gap F_ref − F_cur keeps one sign across a bin, the bin adds
 * |∫ gap| exactly; where its sign differs at the two edges, the gap is taken as linear there (two triangles). Outside
 * the range, ∫F over (−∞, e₀) is the mean distance below e₀ (and likewise above), which the sketches carry: exact when
 * only one side strays out of range, as when the reference defined the range; a lower bound when both do.
 */
export function binnedWasserstein(reference: NumericSketch, current: NumericSketch): number {
  const { edges } = reference;
  if (edges.length === 0) return 0;
  const n = reference.count;
  const m = current.count;
  let distance = Math.abs(reference.belowDistance / n - current.belowDistance / m) + Math.abs(reference.aboveDistance / n - current.aboveDistance / m);
  let referenceCumulative = reference.counts[0]!;
  let currentCumulative = current.counts[0]!;
  let gap = referenceCumulative / n - currentCumulative / m;
  for (let i = 1; i < edges.length; i++) {
    referenceCumulative += reference.counts[i]!;
    currentCumulative += current.counts[i]!;
    const nextGap = referenceCumulative / n - currentCumulative / m;
    const width = edges[i]! - edges[i - 1]!;
    if (gap * nextGap >= 0) {
      distance += Math.abs(width * nextGap - (reference.binOffsets[i]! / n - current.binOffsets[i]! / m));
    } else {
      const a = Math.abs(gap);
      const b = Math.abs(nextGap);
      distance += ((a * a + b * b) / (2 * (a + b))) * width;
    }
    gap = nextGap;
  }
  return distance;
}

function moments(sketch: NumericSketch): { mean: number; std: number } {
  const meanOffset = sketch.shiftedSum / sketch.count;
  const variance = sketch.shiftedSumOfSquares / sketch.count - meanOffset * meanOffset;
  return { mean: sketchShift(sketch.edges) + meanOffset, std: Math.sqrt(Math.max(0, variance)) };
}

function missingRate(sketch: NumericSketch): number {
  const rows = sketch.count + sketch.missing;
  return rows === 0 ? 0 : sketch.missing / rows;
}
