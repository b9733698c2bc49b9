// What classification metrics are computed from, and the checks that make every metric's arithmetic safe.
import { PitstopError } from '../errors/index.js';

export interface ClassificationInput {
  /** The true class of each row, as an index into `classes`. */
  readonly actual: Int32Array;
  /** Predicted probabilities, row-major: rows × classes.length. */
  readonly probabilities: Float64Array;
  /** Class names; with two classes, classes[1] is the positive class. */
  readonly classes: readonly string[];
}

/** Throws a VALIDATION_FAILED PitstopError naming the first problem: no rows, mismatched sizes, a bad class index or probability. */
export function checkClassificationInput(input: ClassificationInput): void {
  const { actual, probabilities, classes } = input;
  const k = classes.length;
  if (k < 2) fail('classes', `classification metrics need at least 2 classes; got ${k}`);
  if (actual.length === 0) fail('actual', 'cannot compute metrics on no rows');
  if (probabilities.length !== actual.length * k) {
    fail('probabilities', `expected ${actual.length} rows × ${k} classes = ${actual.length * k} probabilities; got ${probabilities.length}`);
  }
  for (let row = 0; row < actual.length; row++) {
    const cls = actual[row]!;
    if (cls < 0 || cls >= k) fail('actual', `row ${row}: class index ${cls} is not in 0..${k - 1}`);
  }
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    if (!(p >= 0 && p <= 1)) fail('probabilities', `row ${Math.floor(i / k)}, class "${classes[i % k]}": probability ${p} is not in [0, 1]`);
  }
}

function fail(field: string, message: string): never {
  throw new PitstopError('VALIDATION_FAILED', message, { field });
}
