// Sorts doubles by their bits in four counting passes of 16 bits: profiling sorts every numeric feature of the
// reference data, and V8's Float64Array sort takes ~10 ms per 80,000 values where this takes ~2.

const DIGIT_BITS = 16;
const DIGITS = 1 << DIGIT_BITS;
const MASK = DIGITS - 1;

/** A sorted copy of `values` (no NaNs; -0 before 0), as Float64Array.prototype.sort orders them. */
export function sortedFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  const input = new Uint32Array(values.slice().buffer);
  // Two words per value, low then high (little-endian). Flip negatives entirely and set the sign bit of positives,
  // so that unsigned order of (high, low) is numeric order.
  let low = new Uint32Array(n);
  let high = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const hi = input[2 * i + 1]!;
    const negative = hi >>> 31 === 1;
    low[i] = negative ? ~input[2 * i]! >>> 0 : input[2 * i]!;
    high[i] = negative ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
  }
  let nextLow = new Uint32Array(n);
  let nextHigh = new Uint32Array(n);
  const counts = new Uint32Array(DIGITS);
  for (let pass = 0; pass < 4; pass++) {
    const keys = pass < 2 ? low : high;
    const shift = (pass % 2) * DIGIT_BITS;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & MASK]!++;
    let sum = 0;
    for (let d = 0; d < DIGITS; d++) {
      const count = counts[d]!;
      counts[d] = sum;
      sum += count;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(keys[i]! >>> shift) & MASK]!++;
      nextLow[at] = low[i]!;
      nextHigh[at] = high[i]!;
    }
    [low, nextLow] = [nextLow, low];
    [high, nextHigh] = [nextHigh, high];
  }
  for (let i = 0; i < n; i++) {
    const hi = high[i]!;
    const negative = hi >>> 31 === 0;
    input[2 * i] = negative ? ~low[i]! >>> 0 : low[i]!;
    input[2 * i + 1] = negative ? ~hi >>> 0 : (hi & 0x7fffffff) >>> 0;
  }
  return new Float64Array(input.buffer);
}
