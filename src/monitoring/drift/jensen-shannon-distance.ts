// The Jensen–Shannon distance: the square root of the JS divergence in bits, a metric bounded by [0, 1].

/** Between two samples given as counts over the same bins (scipy.spatial.distance.jensenshannon(p, q, base=2)). */
export function jensenShannonDistance(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  let referenceTotal = 0;
  let currentTotal = 0;
  for (let i = 0; i < reference.length; i++) {
    referenceTotal += reference[i]!;
    currentTotal += current[i]!;
  }
  if (referenceTotal === 0 || currentTotal === 0) return 0;
  let divergence = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = reference[i]! / referenceTotal;
    const q = current[i]! / currentTotal;
    const m = (p + q) / 2;
    if (p > 0) divergence += p * Math.log2(p / m);
    if (q > 0) divergence += q * Math.log2(q / m);
  }
  // Rounding can leave the divergence a hair outside [0, 1].
  return Math.sqrt(Math.min(1, Math.max(0, divergence / 2)));
}
