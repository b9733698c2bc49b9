// Records of training: what a run was given (algorithm, parameters, data) and what came out (metrics, package).

export const RUN_STATUSES = ['completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Metric name → value, per data split (`train`, `validation`, `holdout`). */
export type SplitMetrics = Record<string, Record<string, number>>;

export interface TrainingRunRecord {
  /** A ULID: runs list in the order they started. */
  id: string;
  /** The model name the run's package carries. */
  model: string;
  algorithm: string;
  status: RunStatus;
  params: Record<string, unknown>;
  metrics: SplitMetrics;
  dataset: { fingerprint: string; source: string; rows: number; target: string };
  seed: number;
  durationMs: number;
  /** The package's digest and where it was written; null for a failed run. */
  packageDigest: string | null;
  packagePath: string | null;
  error: string | null;
  createdBy: string;
  startedAt: string;
  finishedAt: string;
}

export interface TrainingRunQuery {
  model?: string;
  limit?: number;
}
