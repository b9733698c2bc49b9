// The checks every linear entry point makes on a FeatureMatrix before trusting its numbers.
import { PitstopError } from '../../errors/index.js';
import type { FeatureMatrix } from '../feature-matrix.js';

/**
 * Refuses a matrix whose shape does not add up, that has no rows or columns, or that holds NaN or ±Infinity. Linear models have no
 * notion of a missing value; the feature pipeline imputes before they see the matrix.
 */
export function checkFeatureMatrix(matrix: FeatureMatrix, name: string): void {
  const { rows, cols, values, columnNames } = matrix;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw invalid(`${name} has a shape of ${rows} × ${cols}; both must be non-negative integers.`, name);
  }
  if (values.length !== rows * cols) {
    throw invalid(`${name} is ${rows} × ${cols} but holds ${values.length} values.`, `${name}.values`);
  }
  if (columnNames.length !== cols) {
    throw invalid(`${name} has ${cols} columns but ${columnNames.length} column names.`, `${name}.columnNames`);
  }
  if (rows === 0) throw invalid(`${name} has no rows.`, name);
  if (cols === 0) throw invalid(`${name} has no columns.`, name);
  for (let index = 0; index < values.length; index++) {
    if (Number.isFinite(values[index])) continue;
    const row = Math.floor(index / cols);
    const column = columnNames[index % cols];
    const what = Number.isNaN(values[index]) ? 'a missing value (NaN)' : `${values[index]}`;
    throw invalid(
      `${name} has ${what} at row ${row}, column '${column}'; linear models need every value, so impute it first.`,
      `${name}.values[${index}]`,
    );
  }
}

function invalid(message: string, field: string): PitstopError {
  return new PitstopError('VALIDATION_FAILED', message, { field });
}
