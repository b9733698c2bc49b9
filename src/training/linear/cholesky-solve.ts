// Solves A·x = b for a symmetric positive-definite A in place: the normal equations of ridge and of every ALS step.
// Allocation-free, because ALS calls it once per user and per item on every iteration.

/**
 * Factorises `a` (n × n, row-major; only its lower triangle is read) as L·Lᵀ, overwriting that triangle with L, then
 * overwrites `b` with the solution. Returns false, leaving both half-written, when `a` is not numerically positive
 * definite: a pivot at or below 1e-12 of its original diagonal entry means a (near-)singular system, whose "solution"
 * would be rounding noise.
 */
export function choleskySolve(a: Float64Array, n: number, b: Float64Array): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    const diagonal = a[rowJ + j]!;
    let pivot = diagonal;
    for (let k = 0; k < j; k++) pivot -= a[rowJ + k]! * a[rowJ + k]!;
    if (!(pivot > 1e-12 * Math.abs(diagonal))) return false;
    const root = Math.sqrt(pivot);
    a[rowJ + j] = root;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let sum = a[rowI + j]!;
      for (let k = 0; k < j; k++) sum -= a[rowI + k]! * a[rowJ + k]!;
      a[rowI + j] = sum / root;
    }
  }
  // Forward substitution L·y = b, then back substitution Lᵀ·x = y, both walking L's rows (contiguous in memory).
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= a[rowI + k]! * b[k]!;
    b[i] = sum / a[rowI + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    const rowI = i * n;
    const x = b[i]! / a[rowI + i]!;
    b[i] = x;
    for (let k = 0; k < i; k++) b[k] = b[k]! - a[rowI + k]! * x;
  }
  return true;
}
