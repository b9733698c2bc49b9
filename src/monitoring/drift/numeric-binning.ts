// Fixed bin edges for a numeric feature, cut at its reference quantiles so that every bin holds about the same share
// of the reference (half a percent by default): statistics from counts over these bins stay close to exact ones.
import { PitstopError } from '../../errors/index.js';
import type { NumericFeatureProfile } from '../../profile/index.js';
import { profileCdf, quantileAt } from './profile-cdf.js';
import { seededRandom as mulberry32 } from '../../dataset/index.js';

/**
 * Strictly increasing edges e₀ < … < eₖ, where e₀ and eₖ are the reference's min and max. They cut the line into
 * k + 2 right-closed bins: (−∞, e₀], (e₀, e₁], …, (eₖ₋₁, eₖ], (eₖ, +∞). Right-closed so that the count up to bin i
 * is the CDF at eᵢ exactly, point masses included. No edges at all means the reference had no values.
 */
export interface NumericBinning {
  readonly kind: 'numeric';
  readonly edges: readonly number[];
}

/** Edges at the reference's 0, 0.5, 1, …, 100th percentiles: 201 edges, 202 bins, before ties merge. */
export const NUMERIC_INTERVALS = 200;

/** Raw reference values beyond this many are sampled to place the edges (see sampleQuantileFunction). */
export const QUANTILE_SAMPLE = 25_000;

/**
 * From a stored profile, edges at the quantiles i/intervals of the CDF its percentiles and histogram imply
 * (profileCdf); from raw values, at their quantiles i/intervals (numpy's linear method; estimated from a
 * sample above QUANTILE_SAMPLE values, but always with the exact min and max at the ends). Ties (a feature that is
 * often exactly 0, integer codes) merge into one edge. Non-finite values are ignored, as missing.
 */
export function createNumericBinning(reference: NumericFeatureProfile | ArrayLike<number>, intervals = NUMERIC_INTERVALS): NumericBinning {
  if (!Number.isInteger(intervals) || intervals < 1) throw new PitstopError('VALIDATION_FAILED', `a binning needs a whole number of intervals ≥ 1, not ${intervals}`);
  const quantile = isProfile(reference) ? profileQuantileFunction(reference) : sampleQuantileFunction(reference);
  if (quantile === null) return { kind: 'numeric', edges: [] };
  const edges: number[] = [];
  for (let i = 0; i <= intervals; i++) {
    const edge = quantile(i, intervals);
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return { kind: 'numeric', edges };
}

/** Rebuilds a binning from stored edges, refusing edges that are not finite and strictly increasing. */
export function numericBinning(edges: readonly number[]): NumericBinning {
  edges.forEach((edge, i) => {
    if (!Number.isFinite(edge) || (i > 0 && edge <= edges[i - 1]!)) {
      throw new PitstopError('VALIDATION_FAILED', `bin edges must be finite and strictly increasing (edge ${i} is ${edge})`);
    }
  });
  return { kind: 'numeric', edges: [...edges] };
}

function isProfile(reference: NumericFeatureProfile | ArrayLike<number>): reference is NumericFeatureProfile {
  return (reference as NumericFeatureProfile).kind === 'numeric';
}

/** The quantile k/of; the position is multiplied before dividing so that whole positions are exact (see the profile's quantiles). */
type QuantileFunction = (k: number, of: number) => number;

function profileQuantileFunction(profile: NumericFeatureProfile): QuantileFunction | null {
  const cdf = profileCdf(profile);
  return cdf === null ? null : (k, of) => quantileAt(cdf, k / of);
}

/**
 * Quantiles of the values, from all of them up to QUANTILE_SAMPLE and from a stratified sample of that size beyond
 * (edges need only sit near the quantiles, since the reference is then counted into them exactly), with the exact min
 * and max at the ends, as the out-of-range rule needs. Sorting 100,000 values per feature was most of the benchmark's
 * reference time; a sample of 25,000 keeps each 0.5% bin within about ±0.15% of its share.
 */
function sampleQuantileFunction(values: ArrayLike<number>): QuantileFunction | null {
  let finite = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value - value !== 0) continue;
    finite++;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (finite === 0) return null;
  const sorted = (finite <= QUANTILE_SAMPLE ? finiteValues(values, finite) : stratifiedSample(values, QUANTILE_SAMPLE)).sort();
  return (k, of) => (k === 0 ? min : k === of ? max : interpolate(sorted, ((sorted.length - 1) * k) / of));
}

function finiteValues(values: ArrayLike<number>, finite: number): Float64Array {
  const copy = new Float64Array(finite);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value - value === 0) copy[n++] = value;
  }
  return copy;
}

/** One value from each of `size` equal strata, at a seeded random place in it: no periodicity in the data can bias it. */
function stratifiedSample(values: ArrayLike<number>, size: number): Float64Array {
  const random = mulberry32(0x5eed);
  const stratum = values.length / size;
  const sample = new Float64Array(size);
  let n = 0;
  for (let k = 0; k < size; k++) {
    const value = values[Math.min(values.length - 1, Math.floor((k + random()) * stratum))]!;
    if (value - value === 0) sample[n++] = value;
  }
  return sample.subarray(0, n);
}


/** The value at fractional `position` of a sorted array, numpy's linear rule (from the nearer end for t ≥ 0.5). */
function interpolate(sorted: ArrayLike<number>, position: number): number {
  const below = Math.min(Math.floor(position), sorted.length - 1);
  const above = Math.min(below + 1, sorted.length - 1);
  const t = position - below;
  const a = sorted[below]!;
  const b = sorted[above]!;
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}
