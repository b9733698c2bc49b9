// Sorts float32 values by their bits in three counting passes: binning sorts every feature once, and V8's comparison
// sort of a typed array is ~10× slower for 100,000 values. Each loop is a function of its own: V8 code compiled in the
// middle of a long loop gives up at the first statement after it that has not run yet, and binning calls this only
// once per feature, so a one-function sort ran mostly uncompiled.

const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;
const MASK = DIGITS - 1;

/**
 * The permutation that sorts `values` ascending (no NaNs; -0 before 0), stable. Returns indices into `values`.
 */
export function radixSortFloat32(values: Float32Array): Uint32Array {
  return new Float32Sorter().sortOrder(values).slice();
}

/**
 * Sorts feature after feature with the same scratch buffers: fresh large typed arrays cost more than the sort itself
 * here (zeroed pages from the kernel, and garbage collections on the external memory).
 */
export class Float32Sorter {
  private capacity = 0;
  private buffers: Uint32Array[] = [];
  private readonly counts = new Uint32Array(DIGITS);

  /** The stable permutation sorting `values`, in this sorter's own buffer: valid until the next call. */
  sortOrder(values: Float32Array): Uint32Array {
    const n = values.length;
    this.reserve(n);
    let [keys, order, nextKeys, nextOrder] = this.buffers.map((buffer) => buffer.subarray(0, n)) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
    orderedKeys(new Uint32Array(values.buffer, values.byteOffset, n), keys, order);
    for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
      countDigits(keys, shift, this.counts);
      startsFromCounts(this.counts);
      scatterByDigit(keys, order, shift, this.counts, nextKeys, nextOrder);
      [keys, nextKeys] = [nextKeys, keys];
      [order, nextOrder] = [nextOrder, order];
    }
    return order;
  }

  private reserve(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.buffers = Array.from({ length: 4 }, () => new Uint32Array(n));
  }
}

/** Flips negatives entirely and sets the sign bit of positives, so unsigned order is numeric order; order = identity. */
function orderedKeys(bits: Uint32Array, keys: Uint32Array, order: Uint32Array): void {
  for (let i = 0; i < keys.length; i++) {
    const b = bits[i]!;
    keys[i] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
    order[i] = i;
  }
}

function countDigits(keys: Uint32Array, shift: number, counts: Uint32Array): void {
  counts.fill(0);
  for (let i = 0; i < keys.length; i++) counts[(keys[i]! >>> shift) & MASK]!++;
}

function startsFromCounts(counts: Uint32Array): void {
  let sum = 0;
  for (let d = 0; d < counts.length; d++) {
    const count = counts[d]!;
    counts[d] = sum;
    sum += count;
  }
}

function scatterByDigit(keys: Uint32Array, order: Uint32Array, shift: number, starts: Uint32Array, nextKeys: Uint32Array, nextOrder: Uint32Array): void {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const at = starts[(key >>> shift) & MASK]!++;
    nextKeys[at] = key;
    nextOrder[at] = order[i]!;
  }
}
