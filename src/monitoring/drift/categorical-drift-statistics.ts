// Every drift statistic of one categorical feature, computed from two sketches (never from rows).
import { PitstopError } from '../../errors/index.js';
import type { CategoricalSketch } from './categorical-sketch.js';
import { chiSquareTest } from './chi-square.js';
import { jensenShannonDistance } from './jensen-shannon-distance.js';
import type { Pair } from './numeric-drift-statistics.js';
import { populationStabilityIndex } from './population-stability-index.js';

export interface CategoricalDriftStatistics {
  /** PSI over the buckets (categoryBuckets), empty ones at PSI_EPSILON. */
  readonly psi: number;
  /** Pearson's chi-square of homogeneity over the buckets, its degrees of freedom and p-value. */
  readonly chiSquare: number;
  readonly degreesOfFreedom: number;
  readonly chiSquarePValue: number;
  /** Jensen–Shannon distance (base 2, in [0, 1]) over the buckets. */
  readonly jensenShannon: number;
  readonly missingRate: Pair;
  /**
   * Share of the current values in categories the reference does not list. When the reference lists only its top
   * categories (a profile keeps 100) and had others, values of those others count here too: an upper bound then.
   */
  readonly unseenShare: number;
}

/** Requires values on both sides. */
export function categoricalDriftStatistics(reference: CategoricalSketch, current: CategoricalSketch): CategoricalDriftStatistics {
  if (reference.count === 0 || current.count === 0) throw new PitstopError('VALIDATION_FAILED', 'drift statistics need values in both the reference and the current window');
  const buckets = categoryBuckets(reference, current);
  const test = chiSquareTest(buckets.reference, buckets.current);
  // The last bucket holds the current values of categories the reference does not list; a listed category can also have
  // a count of 0 in a reference sketch (pinned from an older binning).
  const last = buckets.reference.length - 1;
  let unseen = buckets.current[last]!;
  for (let i = 0; i < last; i++) if (buckets.reference[i] === 0) unseen += buckets.current[i]!;
  return {
    psi: populationStabilityIndex(buckets.reference, buckets.current),
    chiSquare: test.statistic,
    degreesOfFreedom: test.degreesOfFreedom,
    chiSquarePValue: test.pValue,
    jensenShannon: jensenShannonDistance(buckets.reference, buckets.current),
    missingRate: { reference: missingRate(reference), current: missingRate(current) },
    unseenShare: unseen / current.count,
  };
}

/**
 * Counts of both samples over the reference's categories plus one last bucket for the rest: the reference's `other`
 * against every current value whose category the reference does not list. Lumping the newcomers into one bucket
 * shows their whole share to every statistic, and keeps the chi-square's degrees of freedom those of the reference.
 */
export function categoryBuckets(reference: CategoricalSketch, current: CategoricalSketch): { reference: number[]; current: number[]; categories: string[] } {
  const currentPositions = new Map(current.categories.map((category, i) => [category, i]));
  const currentCounts: number[] = [];
  let matched = 0;
  for (const category of reference.categories) {
    const position = currentPositions.get(category);
    const n = position === undefined ? 0 : current.counts[position]!;
    currentCounts.push(n);
    matched += n;
  }
  currentCounts.push(current.count - matched);
  return { reference: [...reference.counts, reference.other], current: currentCounts, categories: reference.categories };
}

function missingRate(sketch: CategoricalSketch): number {
  const rows = sketch.count + sketch.missing;
  return rows === 0 ? 0 : sketch.missing / rows;
}
