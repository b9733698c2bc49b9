// Regression metrics over a chosen multiset of rows; shared by the full-data metrics and the bootstrap.
import { PitstopError } from '../errors/index.js';

export interface RegressionInput {
  readonly actual: Float64Array;
  readonly predicted: Float64Array;
}

/** Rows whose |actual| is below this are left out of MAPE: their percentage error is unbounded. */
export const MAPE_MIN_ACTUAL = 1e-12;

/** Throws VALIDATION_FAILED for no rows, mismatched lengths or a non-finite value. */
export function checkRegressionInput({ actual, predicted }: RegressionInput): void {
  if (actual.length === 0) fail('actual', 'cannot compute metrics on no rows');
  if (predicted.length !== actual.length) fail('predicted', `expected ${actual.length} predictions, one per row; got ${predicted.length}`);
  for (let row = 0; row < actual.length; row++) {
    if (!Number.isFinite(actual[row])) fail('actual', `row ${row}: actual value ${actual[row]} is not a finite number`);
    if (!Number.isFinite(predicted[row])) fail('predicted', `row ${row}: prediction ${predicted[row]} is not a finite number`);
  }
}

export function meanAbsoluteError({ actual, predicted }: RegressionInput, rows: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < rows.length; i++) sum += Math.abs(actual[rows[i]!]! - predicted[rows[i]!]!);
  return sum / rows.length;
}

export function rootMeanSquaredError(input: RegressionInput, rows: Int32Array): number {
  return Math.sqrt(sumOfSquaredErrors(input, rows) / rows.length);
}

/** Mean |error| / |actual| as a fraction (0.1 = 10%), over rows with |actual| ≥ MAPE_MIN_ACTUAL; null when there are none. */
export function meanAbsolutePercentageError({ actual, predicted }: RegressionInput, rows: Int32Array): { value: number | null; skipped: number } {
  let sum = 0;
  let used = 0;
  for (let i = 0; i < rows.length; i++) {
    const a = actual[rows[i]!]!;
    if (Math.abs(a) < MAPE_MIN_ACTUAL) continue;
    sum += Math.abs((a - predicted[rows[i]!]!) / a);
    used++;
  }
  return { value: used === 0 ? null : sum / used, skipped: rows.length - used };
}

/** 1 − SS_res / SS_tot; null when the actual values are all equal (SS_tot = 0), where R² means nothing. */
export function rSquared({ actual, predicted }: RegressionInput, rows: Int32Array): number | null {
  // One pass (the bootstrap calls this a thousand times), with values shifted by one of them: SS_tot is then at least
  // 1/(n+1) of the shifted sum of squares, so the subtraction below loses at most log10(n + 1) digits.
  const shift = actual[rows[0]!]!;
  let sum = 0;
  let sumOfSquares = 0;
  let residualSquares = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const a = actual[row]!;
    const centred = a - shift;
    sum += centred;
    sumOfSquares += centred * centred;
    const e = a - predicted[row]!;
    residualSquares += e * e;
  }
  const total = sumOfSquares - (sum * sum) / rows.length;
  if (!(total > 1e-12 * sumOfSquares)) return null;
  return 1 - residualSquares / total;
}

function sumOfSquaredErrors({ actual, predicted }: RegressionInput, rows: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const e = actual[rows[i]!]! - predicted[rows[i]!]!;
    sum += e * e;
  }
  return sum;
}

function fail(field: string, message: string): never {
  throw new PitstopError('VALIDATION_FAILED', message, { field });
}
