// The plain-text report `pitstop monitor` prints: per version, its drift table (drifted features first), then one
// line of performance and one of operations, and the alerts still pending or firing. Names from the report are
// made terminal-safe: a feature called "\x1b[2J" must not clear the screen.
import { formatCount, formatMetric, formatPercent } from '../../training/evaluation/report-format.js';
import type { FeatureDrift } from '../drift/index.js';
import { alertLanes } from './alert-lanes.js';
import { formatStatistic, formatThreshold } from './drift-format.js';
import { featuresByConcern, featureVerdict } from './feature-verdict.js';
import type { MonitoringReport, TimelinePoint, VersionDrift } from './monitoring-report.js';
import { formatMs } from './operational-charts.js';
import { formatInstant } from './time-axis.js';
import { pointsByVersion, timeDomain } from './timeline-series.js';
import { versionStyles } from './version-styles.js';

const COLUMNS = ['feature', 'method', 'statistic', 'threshold', 'verdict'] as const;

export function formatMonitoringTable(report: MonitoringReport): string {
  const styleOf = versionStyles(report);
  const byVersion = pointsByVersion(report.timeline);
  const versions = [...new Set([...report.versions.map((v) => v.version), ...report.drift.map((d) => d.version), ...byVersion.keys()])];
  const lines = [
    `${safe(report.model)} · ${safe(report.window.label)} · ${formatInstant(safe(report.window.from))} → ${formatInstant(safe(report.window.to))}`,
  ];
  if (versions.length === 0) lines.push('', 'No version served predictions in this period.');
  for (const version of versions) {
    const traffic = report.versions.find((v) => v.version === version);
    const counts = traffic ? `: ${formatCount(traffic.predictions)} predictions, ${formatCount(traffic.labelled)} labelled` : '';
    lines.push('', `${safe(styleOf(version).name)}${counts}`);
    const comparisons = report.drift.filter((d) => d.version === version);
    if (comparisons.length === 0) lines.push('  drift: not computed in this period');
    for (const drift of comparisons) lines.push(...driftTable(drift));
    const points = (byVersion.get(version) ?? []).map(({ point }) => point);
    lines.push(`  performance: ${performanceLine(points)}`, `  operational: ${operationalLine(points)}`);
  }
  lines.push('', `alerts: ${alertsLine(report)}`);
  return `${lines.join('\n')}\n`;
}

function driftTable(drift: VersionDrift): string[] {
  const { report } = drift;
  const verdict = report.datasetDrifted ? 'DATASET DRIFTED' : 'no dataset drift';
  const heading = `  drift against ${safe(drift.reference)}: ${verdict}, ${report.driftedFeatures} of ${report.measuredFeatures} features (${formatPercent(report.driftedShare)})`;
  const row = (f: FeatureDrift, suffix = ''): string[] => [
    safe(f.feature) + suffix,
    safe(f.method),
    f.skipped !== undefined ? '—' : formatStatistic(f),
    f.skipped !== undefined ? '—' : formatThreshold(f),
    f.skipped !== undefined ? `skipped (${f.skipped})` : featureVerdict(f) === 'drifted' ? 'DRIFTED' : featureVerdict(f),
  ];
  const rows = featuresByConcern(report.features).map((f) => row(f));
  if (drift.prediction) rows.push(row(drift.prediction, ' (model output)'));
  if (rows.length === 0) return [heading, '    (the reference has no features)'];
  return [heading, ...aligned([[...COLUMNS], ...rows]).map((line) => `    ${line}`)];
}

/** Columns padded to their widest cell (in characters, not bytes), trailing spaces trimmed. */
function aligned(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows.map((row) => row.map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length)).join('  ').trimEnd());
}

/**
 * Each metric's latest value in the period, and where it started when that differs:
 * `rmse 16.99 [16.52, 17.50] on 582 labelled rows, from 1.96 in the first window`.
 */
function performanceLine(points: readonly TimelinePoint[]): string {
  const first = new Map<string, TimelinePoint['performance'][string]>();
  const latest = new Map<string, TimelinePoint['performance'][string]>();
  for (const point of points) {
    for (const [metric, value] of Object.entries(point.performance)) {
      if (value.value === null || !Number.isFinite(value.value)) continue;
      if (!first.has(metric)) first.set(metric, value);
      latest.set(metric, value);
    }
  }
  if (latest.size === 0) return 'none in this period (no labels and no estimate)';
  const parts = [...latest].map(([metric, v]) => {
    const interval = v.low !== undefined && v.high !== undefined ? ` [${formatMetric(v.low)}, ${formatMetric(v.high)}]` : '';
    const start = formatMetric(first.get(metric)!.value!);
    const change = start !== formatMetric(v.value!) ? `, from ${start} in the first window` : '';
    return `${safe(metric)} ${formatMetric(v.value!)}${interval} on ${formatCount(v.rows)} ${v.estimated ? 'rows, estimated without labels' : 'labelled rows'}${change}`;
  });
  return `${parts.join('; ')} (latest values)`;
}

/** Requests and errors summed over the period; latency percentiles of the latest window that recorded them. */
function operationalLine(points: readonly TimelinePoint[]): string {
  if (points.length === 0) return 'no window in this period';
  const requests = points.reduce((sum, p) => sum + p.operational.requests, 0);
  const errors = points.reduce((sum, p) => sum + p.operational.errors, 0);
  const rate = requests > 0 ? ` (${formatPercent(errors / requests)})` : '';
  const timed = points.filter((p) => p.operational.p50Ms !== null || p.operational.p95Ms !== null || p.operational.p99Ms !== null).at(-1)?.operational;
  const latency = timed
    ? `; latest latency ${(['p50Ms', 'p95Ms', 'p99Ms'] as const).map((key) => `${key.slice(0, 3)} ${timed[key] === null ? 'n/a' : formatMs(timed[key])}`).join(', ')}`
    : '; no latency recorded';
  return `${formatCount(requests)} requests, ${formatCount(errors)} errors${rate}${latency}`;
}

function alertsLine(report: MonitoringReport): string {
  if (report.alerts.length === 0) return 'no state changes in this period';
  const lanes = alertLanes(report.alerts, timeDomain(report));
  const named = (status: string) => lanes.filter((lane) => lane.status === status).map((lane) => `${safe(lane.rule)} (${safe(lane.severity)})`);
  const firing = named('firing');
  const pending = named('pending');
  const parts = [firing.length > 0 ? `FIRING ${firing.join(', ')}` : 'none firing', ...(pending.length > 0 ? [`pending ${pending.join(', ')}`] : [])];
  return `${parts.join('; ')}; ${report.alerts.length} state change${report.alerts.length === 1 ? '' : 's'} in the period`;
}

/** Control characters (escape sequences, newlines) and bidirectional overrides shown as \u escapes instead of obeyed. */
export function safe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
