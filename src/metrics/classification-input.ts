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
  const badClass = firstOutside(actual, k);
  if (badClass >= 0) fail('actual', `row ${badClass}: class index ${actual[badClass]} is not in 0..${k - 1}`);
  const badProbability = firstNotProbability(probabilities);
  if (badProbability >= 0) {
    const p = probabilities[badProbability];
    fail('probabilities', `row ${Math.floor(badProbability / k)}, class "${classes[badProbability % k]}": probability ${p} is not in [0, 1]`);
  }
}

// The two scans are functions of their own: V8 code compiled in the middle of a long loop gives up at the first
// statement after it that has not run yet, and a training run checks each set of predictions only a few times.
function firstOutside(actual: Int32Array, k: number): number {
  for (let row = 0; row < actual.length; row++) if (actual[row]! < 0 || actual[row]! >= k) return row;
  return -1;
}

function firstNotProbability(probabilities: Float64Array): number {
  for (let i = 0; i < probabilities.length; i++) if (!(probabilities[i]! >= 0 && probabilities[i]! <= 1)) return i;
  return -1;
}

function fail(field: string, message: string): never {
  throw new PitstopError('VALIDATION_FAILED', message, { field });
}
