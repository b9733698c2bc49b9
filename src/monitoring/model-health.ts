// One model's health over a period, from stored window sketches (never raw rows) and labels: the MonitoringReport
// behind `pitstop monitor`, the admin API and the GUI, and the named metric values alert rules read.
import type { LabelStore, MonitoringStore, StoredWindow } from '../store/index.js';
import { driftReport, predictionDrift, type DriftReport, type FeatureDrift } from './drift/index.js';
import { estimatedPerformance } from './performance/estimated-performance.js';
import { labelledPerformance, type WindowMetric } from './performance/labelled-performance.js';
import { timelineFeatures, type AlertEvent, type MonitoringReport, type TimelinePoint, type VersionDrift } from './report/index.js';
import type { MonitoredVersion, VersionContexts } from './version-context.js';
import { latencyQuantile } from './windows/latency-histogram.js';
import { mergeWindowSummaries, type WindowSummary } from './windows/window-summary.js';

export interface HealthDeps {
  readonly monitoring: MonitoringStore;
  readonly labels: LabelStore;
  readonly contexts: VersionContexts;
}

export interface HealthRange {
  readonly from: Date;
  readonly to: Date;
  readonly label: string;
}

/** Labelled predictions read per window for performance: enough for a tight interval, bounded for big windows. */
const MAX_LABELLED_PER_WINDOW = 50_000;

/**
 * `stages`: every version's stage, to report also the versions no longer monitored that served in the period (a version
 * replaced yesterday still explains yesterday), under their stage. Without it, only `versions` are reported.
 */
export async function modelHealth(
  deps: HealthDeps, model: string, versions: readonly MonitoredVersion[], range: HealthRange, now: Date, stages?: ReadonlyMap<number, string>,
): Promise<MonitoringReport> {
  const windowsOf = windowsByVersion(await deps.monitoring.listWindows({ model, from: range.from.toISOString(), to: range.to.toISOString() }));
  const drift: VersionDrift[] = [];
  const timeline: TimelinePoint[] = [];
  const traffic = [];
  let task: MonitoringReport['task'] = 'other';
  for (const v of reportedVersions(model, versions, windowsOf, stages)) {
    const context = await contextOf(deps, model, v);
    if (!context) continue;
    task = context.manifest.task;
    const windows = windowsOf.get(v.version) ?? [];
    const merged = mergeAll(windows);
    if (merged && merged.rows > 0) {
      drift.push({ version: v.version, reference: 'package reference profile', report: driftReport(context.reference, merged.features), prediction: outputDrift(context.predictionReference, merged) });
    }
    let labelled = 0;
    for (const w of windows) {
      const point = await timelinePoint(deps, model, v.version, w, context.reference, context.plan.classes, task);
      labelled += Object.values(point.performance).find((m) => !m.estimated)?.rows ?? 0;
      timeline.push(point);
    }
    traffic.push({ version: v.version, role: v.role, predictions: windows.reduce((n, w) => n + w.rows, 0), labelled });
  }
  const events = await deps.monitoring.listAlertEvents({ model, from: range.from.toISOString(), to: range.to.toISOString() });
  const alerts: AlertEvent[] = events.map((e) => ({
    rule: e.ruleName, metric: e.metric, from: e.fromStatus as AlertEvent['from'], to: e.toStatus as AlertEvent['to'], at: e.at, value: e.value, threshold: e.threshold, severity: e.severity as AlertEvent['severity'],
  }));
  timeline.sort((a, b) => a.windowStart.localeCompare(b.windowStart) || a.version - b.version);
  return { model, generatedAt: now.toISOString(), window: { from: range.from.toISOString(), to: range.to.toISOString(), label: range.label }, task, versions: traffic, drift, timeline, alerts };
}

interface ReportedVersion {
  readonly version: number;
  readonly role: string;
  /** No longer monitored: reported for the windows it left in the period. */
  readonly retired: boolean;
}

/** The monitored versions, and (with `stages`) the others that summarised predictions in the period; by version. */
function reportedVersions(model: string, versions: readonly MonitoredVersion[], windowsOf: ReadonlyMap<number, StoredWindow[]>, stages?: ReadonlyMap<number, string>): ReportedVersion[] {
  const reported: ReportedVersion[] = versions.filter((v) => v.model === model).map((v) => ({ version: v.version, role: v.role, retired: false }));
  for (const [version, windows] of windowsOf) {
    if (stages && !reported.some((r) => r.version === version) && windows.some((w) => w.rows > 0)) reported.push({ version, role: stages.get(version) ?? 'unregistered', retired: true });
  }
  return reported.sort((a, b) => a.version - b.version);
}

/** A retired version whose package is gone (deleted from the archive after its retention) is left out, not an error. */
async function contextOf(deps: HealthDeps, model: string, version: ReportedVersion) {
  if (!version.retired) return deps.contexts.get(model, version.version);
  return deps.contexts.get(model, version.version).catch(() => null);
}

function windowsByVersion(windows: readonly StoredWindow[]): Map<number, StoredWindow[]> {
  const byVersion = new Map<number, StoredWindow[]>();
  for (const w of windows) {
    const list = byVersion.get(w.version);
    if (list) list.push(w);
    else byVersion.set(w.version, [w]);
  }
  return byVersion;
}

/**
 * The values alert rules name, for one version over a period: `drift_share`, `drift:<feature>` (1 when the feature
 * drifted by its method's verdict, else 0: statistics of different methods are not comparable), `psi:<f>`, `ks:<f>`, `wasserstein:<f>`, `js:<f>`, `chi2:<f>`, `missing_rate:<f>`,
 * `prediction_drift`, `rows`, `p50_latency_ms`/`p95_latency_ms`/`p99_latency_ms`, the labelled metrics
 * (`accuracy`, `rmse`, ...) and `estimated_accuracy`/`estimated_auc`.
 */
export function alertMetrics(report: MonitoringReport, version: number): Record<string, number | null> {
  const metrics: Record<string, number | null> = {};
  const drift = report.drift.find((d) => d.version === version);
  if (drift) Object.assign(metrics, driftMetrics(drift.report, drift.prediction));
  const points = report.timeline.filter((p) => p.version === version);
  metrics.rows = points.reduce((n, p) => n + p.rows, 0);
  const last = points[points.length - 1];
  if (last) {
    metrics.p50_latency_ms = last.operational.p50Ms;
    metrics.p95_latency_ms = last.operational.p95Ms;
    metrics.p99_latency_ms = last.operational.p99Ms;
  }
  // Performance: the latest window that has a value, labelled or estimated.
  for (const point of points) for (const [name, m] of Object.entries(point.performance)) if (m.value !== null) metrics[name] = m.value;
  return metrics;
}

function driftMetrics(report: DriftReport, prediction: FeatureDrift | null): Record<string, number | null> {
  const metrics: Record<string, number | null> = { drift_share: report.driftedShare };
  for (const f of report.features) {
    if (f.skipped) continue;
    metrics[`drift:${f.feature}`] = f.drifted ? 1 : 0;
    const stats = f.stats as Record<string, unknown> | null;
    if (!stats) continue;
    for (const [key, name] of [['psi', 'psi'], ['ks', 'ks'], ['wassersteinNormalised', 'wasserstein'], ['jensenShannon', 'js'], ['chiSquare', 'chi2']] as const) {
      if (typeof stats[key] === 'number') metrics[`${name}:${f.feature}`] = stats[key] as number;
    }
    const missing = stats.missingRate as { current?: number } | undefined;
    if (typeof missing?.current === 'number') metrics[`missing_rate:${f.feature}`] = missing.current;
  }
  if (prediction && !prediction.skipped) metrics.prediction_drift = prediction.drifted ? 1 : 0;
  return metrics;
}

async function timelinePoint(
  deps: HealthDeps, model: string, version: number, window: StoredWindow, reference: Parameters<typeof driftReport>[0], classes: readonly string[] | null, task: string,
): Promise<TimelinePoint> {
  const summary = window.summary as WindowSummary;
  const report = summary.rows > 0 ? driftReport(reference, summary.features) : null;
  const pairs = await deps.labels.labelledPredictions({ model, version, from: window.windowStart, to: window.windowEnd, limit: MAX_LABELLED_PER_WINDOW });
  const performance: Record<string, WindowMetric> = labelledPerformance(task, pairs.map((p) => ({ output: p.prediction.output, actual: p.label.actual })), classes);
  const estimate = estimatedPerformance(summary.confidence);
  if (estimate.estimated_accuracy !== null) performance.estimated_accuracy = { value: estimate.estimated_accuracy, rows: estimate.rows, estimated: true };
  if (estimate.estimated_auc !== null) performance.estimated_auc = { value: estimate.estimated_auc, rows: estimate.rows, estimated: true };
  return {
    version, windowStart: window.windowStart, windowEnd: window.windowEnd, rows: summary.rows,
    driftedShare: report ? report.driftedShare : null,
    features: report ? timelineFeatures(report) : {},
    performance,
    // Answered predictions only: refused requests never reach the log, so errors come from the server's metrics.
    operational: { requests: summary.rows, errors: 0, p50Ms: latencyQuantile(summary.latency, 0.5), p95Ms: latencyQuantile(summary.latency, 0.95), p99Ms: latencyQuantile(summary.latency, 0.99) },
  };
}

function mergeAll(windows: readonly StoredWindow[]): WindowSummary | null {
  let merged: WindowSummary | null = null;
  for (const w of windows) merged = merged ? mergeWindowSummaries(merged, w.summary as WindowSummary) : (w.summary as WindowSummary);
  return merged;
}

function outputDrift(reference: WindowSummary['prediction'], merged: WindowSummary): FeatureDrift | null {
  if (!reference || !merged.prediction || reference.kind !== merged.prediction.kind) return null;
  return predictionDrift(reference, merged.prediction);
}
