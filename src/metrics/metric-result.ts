// The shape every metric answers in: its value and the number of rows (users, for ranking) it rests on.

export interface MetricResult {
  readonly value: number;
  /** Rows the value is computed from (users, for ranking metrics). */
  readonly rows: number;
  /** Rows left out because the metric is undefined for them (MAPE: |actual| < 1e-12; ranking: users with nothing relevant). */
  readonly skippedRows?: number;
}

/** A metric that has no value on this data (AUC with one class present, R² of a constant target), and why. */
export interface UndefinedMetric {
  readonly value: null;
  readonly rows: number;
  readonly reason: string;
  readonly skippedRows?: number;
}

export type MetricOutcome = MetricResult | UndefinedMetric;

export interface ConfidenceInterval {
  readonly low: number;
  readonly high: number;
  /** E.g. 0.95. */
  readonly confidence: number;
}
