// Coarse bins for PSI and Jensen–Shannon: runs of fine bins that each hold about an equal share of the reference.

/** Ten groups of about 10% of the reference each: the usual PSI binning (deciles). */
export const QUANTILE_GROUPS = 10;

/**
 * Cuts `referenceCounts` into at most `groups` runs of consecutive bins, cutting after the first bin where the
 * reference's cumulative share reaches 1/groups, 2/groups, …; returns each run's end (exclusive), the last being
 * referenceCounts.length. A point mass worth several shares yields one run, so there can be fewer runs than asked.
 */
export function quantileGroups(referenceCounts: ArrayLike<number>, groups = QUANTILE_GROUPS): number[] {
  let total = 0;
  for (let i = 0; i < referenceCounts.length; i++) total += referenceCounts[i]!;
  if (total === 0) return [referenceCounts.length];
  const ends: number[] = [];
  // Shares rebuilt from a profile sum to k/groups only up to rounding.
  const slack = 1e-9 * total;
  let next = 1;
  let cumulative = 0;
  for (let i = 0; i < referenceCounts.length - 1 && next < groups; i++) {
    cumulative += referenceCounts[i]!;
    if (cumulative + slack < (total * next) / groups) continue;
    ends.push(i + 1);
    while (next < groups && cumulative + slack >= (total * next) / groups) next++;
  }
  ends.push(referenceCounts.length);
  return ends;
}

/** Sums `counts` over runs ending at `ends` (from quantileGroups). */
export function groupCounts(counts: ArrayLike<number>, ends: readonly number[]): number[] {
  let start = 0;
  return ends.map((end) => {
    let sum = 0;
    for (let i = start; i < end; i++) sum += counts[i]!;
    start = end;
    return sum;
  });
}
