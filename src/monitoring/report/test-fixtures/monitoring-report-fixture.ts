// A monitoring report built the way the monitoring job builds one: sketches of seeded synthetic windows compared with
// a reference by the drift module, for two versions over six hourly windows, with traffic, performance and alerts.
import {
  addValues,
  binningOf,
  createCategoricalBinning,
  createNumericBinning,
  driftReport,
  mergeSketches,
  newSketch,
  predictionDrift,
  type FeatureSketch,
} from '../../drift/index.js';
import { categoricalSample, normalSample } from '../../drift/test-fixtures/seeded-samples.js';
import type { AlertEvent, MonitoringReport, TimelinePoint, VersionDrift } from '../monitoring-report.js';
import { timelineFeatures } from '../timeline-features.js';

export const HOSTILE_FEATURE = '<img src=x onerror=alert(1)>';
export const HOSTILE_MODEL = 'churn <script>alert("x")</script> & co';
export const HOSTILE_RULE = 'drift share <b>high</b>';
export const START = Date.parse('2025-01-31T00:00:00Z');
export const HOUR = 3_600_000;
export const WINDOWS = 6;

const PLANS = { free: 70, pro: 25, team: 5 };
const REFERENCE_ROWS = 20_000;

type Columns = Record<string, Float64Array | (string | null)[]>;

/** Reference sketches counted from raw values, as packaging's profile would give them. */
function referenceOf(columns: Columns): Record<string, FeatureSketch> {
  return Object.fromEntries(
    Object.entries(columns).map(([name, values]) => [
      name,
      values instanceof Float64Array ? addValues(newSketch(createNumericBinning(values)), values) : addValues(newSketch(createCategoricalBinning(values)), values),
    ]),
  );
}

/** A window's sketches over the reference's binnings. */
function windowOf(reference: Readonly<Record<string, FeatureSketch>>, columns: Columns): Record<string, FeatureSketch> {
  return Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, addValues(newSketch(binningOf(reference[name]!)), values)]));
}

function merged(windows: readonly Record<string, FeatureSketch>[]): Record<string, FeatureSketch> {
  const names = Object.keys(windows[0]!);
  return Object.fromEntries(names.map((name) => [name, windows.map((w) => w[name]!).reduce((a, b) => mergeSketches(a, b))]));
}

const iso = (t: number) => new Date(t).toISOString();

interface VersionPlan {
  readonly version: number;
  readonly role: string;
  /** Rows per window: 2,000 are judged by effect size, 400 by tests (ks, chi2). */
  readonly rows: number;
  readonly seed: number;
  readonly columns: (window: number, rows: number, seed: number) => Columns;
  readonly performance: (window: number, rows: number) => TimelinePoint['performance'];
}

/**
 * v3 (production), large windows: age moves by 0.6 standard deviations from the fourth window on and the hostile-named
 * feature by half of one; plan stays; region has no values (skipped). v4 (canary), small windows: a new plan takes 30%.
 */
const PLANS_BY_VERSION: readonly VersionPlan[] = [
  {
    version: 3,
    role: 'production',
    rows: 2000,
    seed: 100,
    columns: (window, rows, seed) => ({
      age: normalSample(rows, seed, window >= 3 ? 46 : 40, 10),
      plan: categoricalSample(rows, seed + 1, PLANS),
      [HOSTILE_FEATURE]: normalSample(rows, seed + 2, window >= 3 ? 0.5 : 0, 1),
      region: new Array<string | null>(rows).fill(null),
      score: normalSample(rows, seed + 3, window >= 3 ? 0.36 : 0.3, 0.1),
    }),
    performance: (window, rows) => {
      const value = 0.91 - 0.02 * Math.max(0, window - 2);
      return {
        accuracy: { value, low: value - 0.03, high: value + 0.03, rows: rows / 10, estimated: false },
        estimated_accuracy: { value: 0.9, rows, estimated: true },
      };
    },
  },
  {
    version: 4,
    role: 'canary',
    rows: 400,
    seed: 200,
    columns: (_window, rows, seed) => ({
      age: normalSample(rows, seed, 40, 10),
      plan: categoricalSample(rows, seed + 1, { ...PLANS, enterprise: 43 }),
      [HOSTILE_FEATURE]: normalSample(rows, seed + 2, 0, 1),
      region: new Array<string | null>(rows).fill(null),
      score: normalSample(rows, seed + 3, 0.3, 0.1),
    }),
    performance: (_window, rows) => ({ estimated_accuracy: { value: 0.88, rows, estimated: true } }),
  },
];

const ALERTS: readonly AlertEvent[] = [
  { rule: 'p99 latency', metric: 'p99_latency_ms', from: 'inactive', to: 'firing', at: iso(START + 1 * HOUR), value: 420, threshold: 300, severity: 'warning' },
  { rule: 'p99 latency', metric: 'p99_latency_ms', from: 'firing', to: 'resolved', at: iso(START + 2.5 * HOUR), value: 120, threshold: 300, severity: 'warning' },
  { rule: HOSTILE_RULE, metric: 'drift_share', from: 'inactive', to: 'pending', at: iso(START + 4 * HOUR), value: 0.67, threshold: 0.5, severity: 'critical' },
  { rule: HOSTILE_RULE, metric: 'drift_share', from: 'pending', to: 'firing', at: iso(START + 5 * HOUR), value: 0.67, threshold: 0.5, severity: 'critical' },
];

export function monitoringReportFixture(): MonitoringReport {
  const { score, ...reference } = referenceOf({
    age: normalSample(REFERENCE_ROWS, 1, 40, 10),
    plan: categoricalSample(REFERENCE_ROWS, 2, PLANS),
    [HOSTILE_FEATURE]: normalSample(REFERENCE_ROWS, 3, 0, 1),
    region: categoricalSample(REFERENCE_ROWS, 4, { north: 1, south: 1 }),
    score: normalSample(REFERENCE_ROWS, 5, 0.3, 0.1),
  });
  const timeline: TimelinePoint[] = [];
  const drift: VersionDrift[] = [];
  for (const plan of PLANS_BY_VERSION) {
    const windows = Array.from({ length: WINDOWS }, (_, window) => windowOf({ ...reference, score: score! }, plan.columns(window, plan.rows, plan.seed + 10 * window)));
    windows.forEach((sketches, window) => {
      const { score: _score, ...features } = sketches;
      const report = driftReport(reference, features);
      timeline.push({
        version: plan.version,
        windowStart: iso(START + window * HOUR),
        windowEnd: iso(START + (window + 1) * HOUR),
        rows: plan.rows,
        driftedShare: report.driftedShare,
        features: timelineFeatures(report),
        performance: plan.performance(window, plan.rows),
        operational: { requests: plan.rows, errors: window === 1 ? 12 : 1, p50Ms: 11 + window, p95Ms: 40 + 3 * window, p99Ms: window === 1 ? 420 : 90 },
      });
    });
    const { score: currentScore, ...period } = merged(windows);
    drift.push({ version: plan.version, reference: 'package reference profile', report: driftReport(reference, period), prediction: predictionDrift(score!, currentScore!) });
  }
  timeline.sort((a, b) => Date.parse(a.windowEnd) - Date.parse(b.windowEnd) || a.version - b.version);
  return {
    model: HOSTILE_MODEL,
    generatedAt: iso(START + WINDOWS * HOUR + 60_000),
    window: { from: iso(START), to: iso(START + WINDOWS * HOUR), label: 'last 6h' },
    task: 'classification',
    versions: PLANS_BY_VERSION.map((plan) => ({ version: plan.version, role: plan.role, predictions: plan.rows * WINDOWS, labelled: plan.version === 3 ? (plan.rows * WINDOWS) / 10 : 0 })),
    drift,
    timeline,
    alerts: ALERTS,
  };
}
