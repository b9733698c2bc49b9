// A metric computed over a chosen multiset of rows: how the bootstrap re-evaluates one on each resample without copying data.

/**
 * Computes a metric of `predictions` over the rows listed in `rows` (indices may repeat).
 * Returns null when the metric is undefined on those rows (e.g. AUC when the resample holds one class).
 */
export type RowMetric<P> = (predictions: P, rows: Int32Array) => number | null;

/** The indices 0..count-1: every row once. */
export function allRows(count: number): Int32Array {
  const rows = new Int32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  return rows;
}
