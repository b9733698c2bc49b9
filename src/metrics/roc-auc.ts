// ROC AUC as the Mann–Whitney statistic: the chance a random positive outscores a random negative, ties counting half.
// Rows are sorted by score once per set of predictions; a bootstrap resample is then just a count per row, and its
// AUC one O(n) walk over that order, with no sorting per resample.
import type { PreparedClassification } from './prepared-classification.js';
import { ascendingOrder } from './score-order.js';

/** Per scored class, the rows in ascending score order; binary scores only the positive class. */
export interface AucRanking {
  readonly scoredClasses: readonly number[];
  readonly orders: readonly Int32Array[];
  /** 1 where a row in `orders` has the same score as the row before it. */
  readonly tiedWithPrevious: readonly Uint8Array[];
  /** 1 where a row in `orders` belongs to the scored class. */
  readonly positive: readonly Uint8Array[];
}

export function aucRanking(prepared: PreparedClassification): AucRanking {
  const { probabilities, classCount: k, rows } = prepared;
  const scoredClasses = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  const orders: Int32Array[] = [];
  const tiedWithPrevious: Uint8Array[] = [];
  const positive: Uint8Array[] = [];
  for (const c of scoredClasses) {
    const order = ascendingOrder(probabilities, rows, k, c);
    orders.push(order);
    tiedWithPrevious.push(tiesWithPrevious(probabilities, order, k, c));
    positive.push(positivesInOrder(prepared.actual, order, c));
  }
  return { scoredClasses, orders, tiedWithPrevious, positive };
}

function tiesWithPrevious(probabilities: Float64Array, order: Int32Array, k: number, c: number): Uint8Array {
  const tied = new Uint8Array(order.length);
  for (let i = 1; i < order.length; i++) tied[i] = probabilities[order[i]! * k + c] === probabilities[order[i - 1]! * k + c] ? 1 : 0;
  return tied;
}

function positivesInOrder(actual: Int32Array, order: Int32Array, c: number): Uint8Array {
  const positive = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) positive[i] = actual[order[i]!] === c ? 1 : 0;
  return positive;
}

/**
 * Binary: the AUC of classes[1]'s probability. Multiclass: the macro average of one-vs-rest AUCs over the classes
 * that have both positives and negatives among the rows (sklearn refuses outright when a class is absent).
 * Null when no class has both, i.e. a single class is present. `weights` is scratch space of one slot per row.
 */
export function rocAucOnRows(
  prepared: PreparedClassification,
  rows: Int32Array,
  ranking: AucRanking = aucRanking(prepared),
  weights: Int32Array = new Int32Array(prepared.rows),
): number | null {
  weights.fill(0);
  for (let i = 0; i < rows.length; i++) weights[rows[i]!]!++;
  let sum = 0;
  let defined = 0;
  for (let s = 0; s < ranking.scoredClasses.length; s++) {
    const auc = weightedAuc(ranking.orders[s]!, ranking.tiedWithPrevious[s]!, ranking.positive[s]!, weights);
    if (auc === null) continue;
    sum += auc;
    defined++;
  }
  return defined === 0 ? null : sum / defined;
}

/** Why AUC has no value on these rows. */
export function aucUndefinedReason(prepared: PreparedClassification, classes: readonly string[]): string {
  const present = [...new Set(prepared.actual)].map((c) => `"${classes[c]}"`);
  return `only one class (${present.join(', ')}) is present in the actual values; ROC AUC needs positives and negatives`;
}

/**
 * Walks tie groups from the lowest score up: each positive wins over the negatives below it and half of those tied
 * with it. Branch-free inside a group, since whether a resampled row is drawn, or positive, is unpredictable.
 */
function weightedAuc(order: Int32Array, tied: Uint8Array, positive: Uint8Array, weights: Int32Array): number | null {
  let negativesBelow = 0;
  let wins = 0;
  let positives = 0;
  let groupPositives = 0;
  let groupNegatives = 0;
  for (let i = 0; i < order.length; i++) {
    if (tied[i] === 0) {
      wins += groupPositives * (negativesBelow + 0.5 * groupNegatives);
      positives += groupPositives;
      negativesBelow += groupNegatives;
      groupPositives = 0;
      groupNegatives = 0;
    }
    const weight = weights[order[i]!]!;
    const positiveWeight = weight * positive[i]!;
    groupPositives += positiveWeight;
    groupNegatives += weight - positiveWeight;
  }
  wins += groupPositives * (negativesBelow + 0.5 * groupNegatives);
  positives += groupPositives;
  negativesBelow += groupNegatives;
  if (positives === 0 || negativesBelow === 0) return null;
  return wins / (positives * negativesBelow);
}
