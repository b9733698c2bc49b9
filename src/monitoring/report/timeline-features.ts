// Turns one window's DriftReport into the per-feature entries of a TimelinePoint, so the job and the charts agree
// on what a point holds (notably the p-value of ks and chi2, which their threshold applies to).
import type { DriftReport } from '../drift/index.js';
import type { FeaturePoint } from './monitoring-report.js';

/** Every measured feature of the report; skipped ones (no values on one side) have no statistic to plot. */
export function timelineFeatures(report: DriftReport): Record<string, FeaturePoint> {
  return Object.fromEntries(
    report.features
      .filter((f) => f.skipped === undefined)
      .map((f): [string, FeaturePoint] => [
        f.feature,
        { statistic: f.statistic, threshold: f.threshold, drifted: f.drifted, method: f.method, ...(f.pValue !== undefined ? { pValue: f.pValue } : {}) },
      ]),
  );
}
