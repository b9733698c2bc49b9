// What a monitoring report holds: one model's traffic, drift, performance and alerts over a period, as plain JSON that
// the monitoring job writes, the admin API serves as it is, and the CLI and the HTML renderer read.
import type { DriftMethod, DriftReport, FeatureDrift } from '../drift/index.js';

export type MonitoringTask = 'classification' | 'regression' | 'ranking' | 'other';

/** The alert states, as the alert state machine names them. */
export type AlertStatus = 'inactive' | 'pending' | 'firing' | 'resolved';
export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface MonitoringReport {
  readonly model: string;
  /** ISO 8601 instant. */
  readonly generatedAt: string;
  readonly window: ReportWindow;
  readonly task: MonitoringTask;
  readonly versions: readonly VersionTraffic[];
  /** One entry per version and reference the period was compared with. */
  readonly drift: readonly VersionDrift[];
  /** One point per (version, window), oldest first. */
  readonly timeline: readonly TimelinePoint[];
  /** Alert state changes in the period, oldest first. */
  readonly alerts: readonly AlertEvent[];
}

export interface ReportWindow {
  /** ISO 8601 instants. */
  readonly from: string;
  readonly to: string;
  /** For people: "last 24h". */
  readonly label: string;
}

export interface VersionTraffic {
  readonly version: number;
  /** production, canary, shadow, staging, ... */
  readonly role: string;
  readonly predictions: number;
  /** Predictions whose label (feedback) arrived. */
  readonly labelled: number;
}

export interface VersionDrift {
  readonly version: number;
  /** What the period was compared with: "package reference profile", or a window such as "previous 24h". */
  readonly reference: string;
  readonly report: DriftReport;
  /** Drift of the model's output, when the job sketched it. */
  readonly prediction: FeatureDrift | null;
}

export interface TimelinePoint {
  readonly version: number;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly rows: number;
  /** Share of the measured features that drifted in this window; null when drift was not computed. */
  readonly driftedShare: number | null;
  readonly features: Readonly<Record<string, FeaturePoint>>;
  /** Keyed by metric: "accuracy" on labelled rows, "estimated_accuracy" without labels, ... */
  readonly performance: Readonly<Record<string, PerformancePoint>>;
  readonly operational: OperationalPoint;
}

export interface FeaturePoint {
  readonly statistic: number;
  /** For ks and chi2 a p-value threshold (drifted when pValue < threshold), else a statistic threshold (drifted when statistic ≥ threshold). */
  readonly threshold: number;
  readonly drifted: boolean;
  readonly method: DriftMethod;
  /**
   * Present for ks and chi2, whose threshold applies to it and not to the statistic: without it the charts could not
   * draw the value the decision was made on. (timelineFeatures copies it from a DriftReport.)
   */
  readonly pValue?: number;
}

export interface PerformancePoint {
  /** null: not computable in this window (no labelled rows, one class only, ...). */
  readonly value: number | null;
  /** A confidence interval, when the job computed one. */
  readonly low?: number;
  readonly high?: number;
  /** Rows the value was computed on: labelled rows, or predictions for an estimate. */
  readonly rows: number;
  /** Estimated without labels (confidence-based), not measured against them. */
  readonly estimated: boolean;
}

export interface OperationalPoint {
  readonly requests: number;
  readonly errors: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
}

/** One transition of the alert state machine: a rule moving `from` one status `to` another `at` a time. */
export interface AlertEvent {
  readonly rule: string;
  readonly metric: string;
  readonly from: AlertStatus;
  readonly to: AlertStatus;
  readonly at: string;
  readonly value: number;
  readonly threshold: number;
  readonly severity: AlertSeverity;
}
