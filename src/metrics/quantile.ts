// Quantiles of sorted samples by linear interpolation between order statistics (numpy's default, "type 7").

/** The q-quantile (0 ≤ q ≤ 1) of ascending-sorted, non-empty values. */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const lower = sorted[below]!;
  return lower + (sorted[above]! - lower) * (position - below);
}
