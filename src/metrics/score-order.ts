// Row indices in ascending order of a probability column, by counting passes over the bits of the doubles: AUC ranks
// every row once per scored class, and a comparator sort took ~100 ms for 80,000 rows where this takes a few.
// Each loop sits in a function of its own: V8 code compiled in the middle of a long loop gives up at the first
// statement after it that has not run yet, which in a short-lived process is every call.

const DIGIT_BITS = 16;
const DIGITS = 1 << DIGIT_BITS;
const MASK = DIGITS - 1;

/**
 * The rows 0..n-1 ordered by ascending `values[row * stride + offset]`; ties keep row order. Values must be ≥ 0 and not
 * NaN (probabilities): the bits of a non-negative double order as unsigned integers.
 */
export function ascendingOrder(values: Float64Array, n: number, stride: number, offset: number): Int32Array {
  const scores = new Float64Array(n);
  copyColumn(values, stride, offset, scores);
  const words = new Uint32Array(scores.buffer);
  let low = new Uint32Array(n);
  let high = new Uint32Array(n);
  splitWords(words, low, high);
  let order = new Int32Array(n);
  identity(order);
  let nextLow = new Uint32Array(n);
  let nextHigh = new Uint32Array(n);
  let nextOrder = new Int32Array(n);
  const counts = new Uint32Array(DIGITS);
  for (let pass = 0; pass < 4; pass++) {
    const shift = (pass % 2) * DIGIT_BITS;
    countDigits(pass < 2 ? low : high, shift, counts);
    // A digit every value shares (the low bits of float32 probabilities) would only copy the arrays.
    if (startsFromCounts(counts, n)) continue;
    scatterByDigit(pass < 2 ? low : high, shift, counts, low, high, order, nextLow, nextHigh, nextOrder);
    [low, nextLow] = [nextLow, low];
    [high, nextHigh] = [nextHigh, high];
    [order, nextOrder] = [nextOrder, order];
  }
  return order;
}

// + 0 turns -0 into 0, whose bits would otherwise sort last.
function copyColumn(values: Float64Array, stride: number, offset: number, into: Float64Array): void {
  for (let i = 0; i < into.length; i++) into[i] = values[i * stride + offset]! + 0;
}

function splitWords(words: Uint32Array, low: Uint32Array, high: Uint32Array): void {
  for (let i = 0; i < low.length; i++) {
    low[i] = words[2 * i]!;
    high[i] = words[2 * i + 1]!;
  }
}

function identity(order: Int32Array): void {
  for (let i = 0; i < order.length; i++) order[i] = i;
}

function countDigits(keys: Uint32Array, shift: number, counts: Uint32Array): void {
  counts.fill(0);
  for (let i = 0; i < keys.length; i++) counts[(keys[i]! >>> shift) & MASK]!++;
}

/** Turns counts into start positions; true when one digit holds every value (the pass would change nothing). */
function startsFromCounts(counts: Uint32Array, n: number): boolean {
  let sum = 0;
  let single = false;
  for (let d = 0; d < counts.length; d++) {
    const count = counts[d]!;
    if (count === n) single = true;
    counts[d] = sum;
    sum += count;
  }
  return single;
}

function scatterByDigit(
  keys: Uint32Array, shift: number, starts: Uint32Array,
  low: Uint32Array, high: Uint32Array, order: Int32Array, nextLow: Uint32Array, nextHigh: Uint32Array, nextOrder: Int32Array,
): void {
  for (let i = 0; i < keys.length; i++) {
    const at = starts[(keys[i]! >>> shift) & MASK]!++;
    nextLow[at] = low[i]!;
    nextHigh[at] = high[i]!;
    nextOrder[at] = order[i]!;
  }
}
