// The confusion matrix of argmax predictions: counts[actual][predicted].
import type { PreparedClassification } from './prepared-classification.js';

export interface ConfusionMatrix {
  readonly classes: readonly string[];
  /** counts[i][j]: rows whose true class is classes[i] and predicted class is classes[j]. */
  readonly counts: readonly (readonly number[])[];
  readonly rows: number;
}

/** Flat k×k counts (actual-major) over the given rows; the kernel behind accuracy, precision, recall and F1. */
export function confusionCounts(prepared: PreparedClassification, rows: Int32Array, into?: Int32Array): Int32Array {
  const cells = prepared.classCount * prepared.classCount;
  const counts = into ?? new Int32Array(cells);
  const { confusionCell } = prepared;
  if (cells > MAX_STRIPED_CELLS) {
    counts.fill(0);
    for (let i = 0; i < rows.length; i++) counts[confusionCell[rows[i]!]!]!++;
    return counts;
  }
  // Four interleaved copies of the counts: with only a few cells, consecutive rows usually hit the same one, and
  // incrementing one counter back to back stalls on its own previous write; four copies halve the bootstrap's time.
  const stripes = stripeBuffer(cells);
  const end = rows.length - (rows.length % 4);
  for (let i = 0; i < end; i += 4) {
    stripes[confusionCell[rows[i]!]!]!++;
    stripes[cells + confusionCell[rows[i + 1]!]!]!++;
    stripes[2 * cells + confusionCell[rows[i + 2]!]!]!++;
    stripes[3 * cells + confusionCell[rows[i + 3]!]!]!++;
  }
  for (let i = end; i < rows.length; i++) stripes[confusionCell[rows[i]!]!]!++;
  for (let cell = 0; cell < cells; cell++) counts[cell] = stripes[cell]! + stripes[cells + cell]! + stripes[2 * cells + cell]! + stripes[3 * cells + cell]!;
  return counts;
}

/** Up to 8 classes: the stripes live in one small fixed buffer rather than one that grows with k². */
const MAX_STRIPED_CELLS = 64;
const stripeScratch = new Int32Array(4 * MAX_STRIPED_CELLS);

/** A zeroed buffer for four copies of `cells` counters, reused between calls (metrics run synchronously). */
function stripeBuffer(cells: number): Int32Array {
  const stripes = stripeScratch.subarray(0, 4 * cells);
  stripes.fill(0);
  return stripes;
}

/** The nested, JSON-friendly form of flat counts. */
export function confusionMatrix(counts: Int32Array, classes: readonly string[], rows: number): ConfusionMatrix {
  const k = classes.length;
  return { classes, counts: classes.map((_, i) => Array.from(counts.subarray(i * k, (i + 1) * k))), rows };
}
