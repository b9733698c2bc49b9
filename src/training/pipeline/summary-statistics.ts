// The few statistics a pipeline learns, over the values that are present (NaN and '' are missing and skipped).

/** undefined when no value is present. */
export function meanOf(values: ArrayLike<number>): number | undefined {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (Number.isNaN(value)) continue;
    sum += value;
    count += 1;
  }
  return count === 0 ? undefined : sum / count;
}

/** The middle value, or the mean of the two middle ones: found by selection, in linear time, without sorting. */
export function medianOf(values: ArrayLike<number>): number | undefined {
  const present = new Float64Array(values.length);
  const count = copyPresent(values, present);
  if (count === 0) return undefined;
  const middle = count >> 1;
  const upper = selectInPlace(present, 0, count - 1, middle);
  if (count % 2 === 1) return upper;
  // The lower middle is the largest value left of the upper one, which selection has already put on its left.
  return (largestOf(present, middle) + upper) / 2;
}

// Loops in functions of their own: V8 code compiled in the middle of a long loop gives up at the first statement after
// it that has not run yet, and a pipeline fits each function only a few times.
function copyPresent(values: ArrayLike<number>, present: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i += 1) if (!Number.isNaN(values[i]!)) present[count++] = values[i]!;
  return count;
}

/** The largest of values[0..end). */
function largestOf(values: Float64Array, end: number): number {
  let largest = values[0]!;
  for (let i = 1; i < end; i += 1) if (values[i]! > largest) largest = values[i]!;
  return largest;
}

/** Hoare's selection: puts the k-th smallest of values[left..right] at k, smaller ones before it, and returns it. */
function selectInPlace(values: Float64Array, left: number, right: number, k: number): number {
  while (left < right) {
    // The median of three as the pivot keeps sorted and reversed input linear.
    const mid = (left + right) >> 1;
    const a = values[left]!;
    const b = values[mid]!;
    const c = values[right]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i += 1;
      while (values[j]! > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** The most frequent value; among equally frequent ones the smallest number, or the first text in code-unit order. */
export function mostFrequentOf<T extends number | string>(values: ArrayLike<T>): T | undefined {
  const counts = new Map<T, number>();
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (value === '' || (typeof value === 'number' && Number.isNaN(value))) continue;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best: T | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** Scaler constants: (x - offset) * scale. A constant (or empty) column keeps its values (scale 1), as sklearn does. */
export function scaleOf(kind: 'standard' | 'minmax', values: ArrayLike<number>): { offset: number; scale: number } {
  if (kind === 'standard') {
    const mean = meanOf(values);
    if (mean === undefined) return { offset: 0, scale: 1 };
    let squares = 0;
    let count = 0;
    for (let i = 0; i < values.length; i += 1) {
      const value = values[i]!;
      if (Number.isNaN(value)) continue;
      squares += (value - mean) ** 2;
      count += 1;
    }
    // Population standard deviation, as sklearn's StandardScaler.
    const std = Math.sqrt(squares / count);
    return { offset: mean, scale: std > 0 ? 1 / std : 1 };
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (Number.isNaN(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min === Number.POSITIVE_INFINITY) return { offset: 0, scale: 1 };
  return { offset: min, scale: max > min ? 1 / (max - min) : 1 };
}
