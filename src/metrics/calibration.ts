// Calibration: do rows predicted at 70% happen 70% of the time? Ten equal-width bins of the positive-class probability
// (binary) or the top-class probability (multiclass), and the expected calibration error they add up to.
import { CALIBRATION_BINS, type PreparedClassification } from './prepared-classification.js';

export { CALIBRATION_BINS };

export interface CalibrationBin {
  /** The bin covers [low, high); the last one includes 1. */
  readonly low: number;
  readonly high: number;
  readonly count: number;
  /** Mean predicted probability in the bin; null when it is empty. */
  readonly meanPredicted: number | null;
  /** Share of the bin's rows where the predicted event happened; null when it is empty. */
  readonly observed: number | null;
}

export interface Calibration {
  /** Binary: the positive class's probability against being positive. Multiclass: the top class's against being right. */
  readonly basis: 'positive-class' | 'top-class';
  readonly bins: readonly CalibrationBin[];
  /** Σ (bin count / rows) × |mean predicted − observed|. */
  readonly ece: number;
  readonly rows: number;
}

/** Bin sums over the given rows: count, Σ score and Σ hit per bin, flat as [count, score, hit] × bins. */
function calibrationSums(prepared: PreparedClassification, rows: Int32Array): Float64Array {
  const sums = new Float64Array(CALIBRATION_BINS * 3);
  const { calibrationScore, calibrationHit, calibrationBin } = prepared;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const at = calibrationBin[row]! * 3;
    sums[at]!++;
    sums[at + 1]! += calibrationScore[row]!;
    sums[at + 2]! += calibrationHit[row]!;
  }
  return sums;
}

/**
 * ECE straight from the rows, for the bootstrap: Σ_bins (count/n)·|mean score − mean hit| is Σ_bins |Σ (score − hit)| / n,
 * so one sum per bin is enough. `gaps` is scratch space of 2 × CALIBRATION_BINS.
 */
export function expectedCalibrationErrorOnRows(prepared: PreparedClassification, rows: Int32Array, gaps = new Float64Array(2 * CALIBRATION_BINS)): number {
  gaps.fill(0);
  const { calibrationGap, calibrationBin } = prepared;
  // A local copy: module loaders that wrap imports in getters (vitest, tsx) would otherwise call one per row.
  const bins = CALIBRATION_BINS;
  // Two interleaved copies: most rows fall in a few bins, and adding to one sum back to back waits on its last write.
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    gaps[(i & 1) * bins + calibrationBin[row]!]! += calibrationGap[row]!;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) ece += Math.abs(gaps[b]! + gaps[bins + b]!);
  return ece / rows.length;
}

function expectedCalibrationError(sums: Float64Array, rows: number): number {
  let ece = 0;
  for (let b = 0; b < CALIBRATION_BINS; b++) {
    const count = sums[b * 3]!;
    if (count === 0) continue;
    ece += (count / rows) * Math.abs(sums[b * 3 + 1]! / count - sums[b * 3 + 2]! / count);
  }
  return ece;
}

export function calibration(prepared: PreparedClassification, rows: Int32Array): Calibration {
  const sums = calibrationSums(prepared, rows);
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < CALIBRATION_BINS; b++) {
    const count = sums[b * 3]!;
    bins.push({
      low: b / CALIBRATION_BINS,
      high: (b + 1) / CALIBRATION_BINS,
      count,
      meanPredicted: count === 0 ? null : sums[b * 3 + 1]! / count,
      observed: count === 0 ? null : sums[b * 3 + 2]! / count,
    });
  }
  return {
    basis: prepared.classCount === 2 ? 'positive-class' : 'top-class',
    bins,
    ece: expectedCalibrationError(sums, rows.length),
    rows: rows.length,
  };
}
