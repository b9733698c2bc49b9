// "Operational": requests, error rate and latency percentiles per window, a line per version.
import type { Domain } from '../../training/evaluation/svg-chart.js';
import { formatCount, formatPercent } from '../../training/evaluation/report-format.js';
import type { MonitoringReport, OperationalPoint } from './monitoring-report.js';
import { pointsByVersion, windowText } from './timeline-series.js';
import { timeSeriesChart } from './time-series-chart.js';
import type { ValueFormat } from './chart-frame.js';
import type { VersionStyle } from './version-styles.js';

interface OperationalMeasure {
  readonly title: string;
  readonly yLabel: string;
  readonly format: ValueFormat;
  readonly value: (point: OperationalPoint) => number | null;
  readonly text: (value: number) => string;
}

const MEASURES: readonly OperationalMeasure[] = [
  { title: 'Requests', yLabel: 'requests per window', format: 'number', value: (p) => p.requests, text: (v) => `${formatCount(v)} requests` },
  { title: 'Error rate', yLabel: 'share of requests', format: 'percent', value: (p) => (p.requests > 0 ? p.errors / p.requests : null), text: (v) => `${formatPercent(v)} errors` },
  ...(['p50Ms', 'p95Ms', 'p99Ms'] as const).map(
    (key): OperationalMeasure => ({ title: `${key.slice(0, 3)} latency`, yLabel: 'milliseconds', format: 'number', value: (p) => p[key], text: (v) => `${formatMs(v)} ${key.slice(0, 3)}` }),
  ),
];

/** The operational charts that have something to draw (a latency percentile nobody recorded is left out). */
export function operationalCharts(report: MonitoringReport, styleOf: (version: number) => VersionStyle, time: Domain): string[] {
  const byVersion = pointsByVersion(report.timeline);
  return MEASURES.flatMap((measure) => {
    const series = [...byVersion].map(([version, placed]) => ({
      label: styleOf(version).name,
      color: styleOf(version).color,
      points: placed.map(({ t, point }) => {
        const raw = measure.value(point.operational);
        const value = raw === null || !Number.isFinite(raw) ? null : raw;
        return { t, value, tooltip: `${windowText(point)}: ${value === null ? 'none' : measure.text(value)}` };
      }),
    }));
    if (!series.some((s) => s.points.some((p) => p.value !== null))) return [];
    return [timeSeriesChart({ title: measure.title, yLabel: measure.yLabel, time, format: measure.format, fromZero: true, series })];
  });
}

/** 12 ms, 1.5 ms, 1,250 ms. */
export function formatMs(ms: number): string {
  return ms >= 100 ? `${formatCount(ms)} ms` : `${Number(ms.toPrecision(2))} ms`;
}
