// The population stability index: Σ (q − p)·ln(q / p) over bins, the credit-scoring industry's drift score.

/**
 * A bin one sample never reached gets this share instead of 0, so that the logarithm stays finite: 1e-4, as Evidently
 * does. An empty current bin facing a 10% reference bin then adds 0.1·ln(1000) ≈ 0.69, well past the 0.25 drift level.
 */
export const PSI_EPSILON = 1e-4;

/** PSI between two samples given as counts over the same bins (any scale: each is turned into shares). */
export function populationStabilityIndex(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const referenceTotal = total(reference);
  const currentTotal = total(current);
  if (referenceTotal === 0 || currentTotal === 0) return 0;
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = Math.max(reference[i]! / referenceTotal, PSI_EPSILON);
    const q = Math.max(current[i]! / currentTotal, PSI_EPSILON);
    psi += (q - p) * Math.log(q / p);
  }
  return psi;
}

function total(counts: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += counts[i]!;
  return sum;
}
