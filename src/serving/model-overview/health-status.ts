// Traffic lights for the admin GUI's model list: drift from a window's drift share, performance and overall status
// from the alert rules that are firing. Pure.
import type { Severity } from '../../alerts/index.js';

export const HEALTH_STATUSES = ['green', 'amber', 'red', 'unknown'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** A drift share at or above this is red: nearly a third of the model's features no longer look like its training data. */
export const RED_DRIFT_SHARE = 0.3;

/** Green when nothing drifted, amber when some features did, red from RED_DRIFT_SHARE; unknown without a measurement. */
export function driftStatus(share: number | null): HealthStatus {
  if (share === null) return 'unknown';
  if (share >= RED_DRIFT_SHARE) return 'red';
  return share > 0 ? 'amber' : 'green';
}

/** A firing critical rule is red, a firing warning amber; otherwise green when there is something to judge by. */
export function alertStatus(rules: readonly { readonly severity: Severity; readonly firing: boolean }[], judged: boolean): HealthStatus {
  const firing = rules.filter((r) => r.firing);
  if (firing.some((r) => r.severity === 'critical')) return 'red';
  if (firing.some((r) => r.severity === 'warning')) return 'amber';
  return judged ? 'green' : 'unknown';
}

const NON_PERFORMANCE_METRIC = /^(drift_share|prediction_drift|rows|p\d+_latency_ms|(drift|psi|ks|wasserstein|js|chi2|missing_rate):.+)$/;

/** Whether an alert metric judges the model's answers (accuracy, rmse, estimated_auc, ...) rather than its inputs or speed. */
export function isPerformanceMetric(metric: string): boolean {
  return !NON_PERFORMANCE_METRIC.test(metric);
}
