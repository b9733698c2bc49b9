// Column means of a background matrix (rows × k, row-major): the "average input" explanations are measured against.
import { PitstopError } from '../errors/index.js';

/** Throws VALIDATION_FAILED when the matrix is empty or its length is not a multiple of k. */
export function backgroundRowCount(background: Float32Array, k: number): number {
  if (k <= 0 || background.length === 0 || background.length % k !== 0) {
    throw new PitstopError(
      'VALIDATION_FAILED',
      `The background matrix has ${background.length} values, which is not a non-empty set of rows of ${k} features.`,
      { field: 'background' },
    );
  }
  return background.length / k;
}

/** Means in float64; NaN (missing) cells are skipped so one missing value does not blank a whole column. */
export function backgroundMeans(background: Float32Array, k: number): Float64Array {
  const rows = backgroundRowCount(background, k);
  const sums = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < k; column += 1) {
      const value = background[row * k + column] as number;
      if (Number.isNaN(value)) continue;
      sums[column] = (sums[column] as number) + value;
      counts[column] = (counts[column] as number) + 1;
    }
  }
  return sums.map((sum, column) => ((counts[column] as number) > 0 ? sum / (counts[column] as number) : 0));
}
