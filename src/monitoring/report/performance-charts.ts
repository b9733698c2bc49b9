// "Performance over time": a small chart per metric, a line per version with its confidence band. An estimate made
// without labels (`estimated_accuracy`, or any value flagged estimated) shares its metric's chart, dashed and named
// "estimated", so the guess sits beside the measurement and nobody mistakes one for the other.
import type { Domain } from '../../training/evaluation/svg-chart.js';
import { formatCount, formatMetric, metricLabel } from '../../training/evaluation/report-format.js';
import type { MonitoringReport, PerformancePoint, TimelinePoint } from './monitoring-report.js';
import { pointsByVersion, windowText } from './timeline-series.js';
import { timeSeriesChart, type TimeSeries } from './time-series-chart.js';
import type { VersionStyle } from './version-styles.js';

const ESTIMATED_PREFIX = 'estimated_';

/** The metric an entry measures or estimates: `estimated_accuracy` → `accuracy`. */
export function baseMetric(name: string): string {
  return name.startsWith(ESTIMATED_PREFIX) ? name.slice(ESTIMATED_PREFIX.length) : name;
}

/** Base metrics with at least one value, measured ones before estimated-only ones, each in order of first appearance. */
export function performanceMetrics(report: Pick<MonitoringReport, 'timeline'>): string[] {
  const seen = new Map<string, { index: number; measured: boolean }>();
  for (const point of report.timeline) {
    for (const [name, value] of Object.entries(point.performance)) {
      if (value.value === null || !Number.isFinite(value.value)) continue;
      const metric = baseMetric(name);
      const known = seen.get(metric) ?? { index: seen.size, measured: false };
      seen.set(metric, { index: known.index, measured: known.measured || !isEstimate(name, value) });
    }
  }
  return [...seen].sort(([, a], [, b]) => Number(b.measured) - Number(a.measured) || a.index - b.index).map(([metric]) => metric);
}

export function performanceCharts(report: MonitoringReport, styleOf: (version: number) => VersionStyle, time: Domain): string[] {
  const byVersion = pointsByVersion(report.timeline);
  return performanceMetrics(report).map((metric) => {
    const series = [...byVersion].flatMap(([version, placed]): TimeSeries[] => {
      const { name, color } = styleOf(version);
      const line = (estimated: boolean): TimeSeries => ({
        label: estimated ? `${name} · estimated` : name,
        color,
        dashed: estimated,
        points: placed.map(({ t, point }) => {
          const shown = entryOf(point, metric, estimated);
          return {
            t,
            value: shown?.value ?? null,
            ...(shown?.low !== undefined && shown.high !== undefined ? { low: shown.low, high: shown.high } : {}),
            tooltip: shown ? `${windowText(point)}: ${describe(shown, estimated)}` : undefined,
          };
        }),
      });
      return [line(false), line(true)].filter((s) => s.points.some((p) => p.value !== null));
    });
    const estimated = series.some((s) => s.dashed);
    const measured = series.some((s) => !s.dashed);
    return timeSeriesChart({
      title: measured ? metricLabel(metric) : `${metricLabel(metric)} (estimated)`,
      badge: estimated ? '<span class="pill warning">estimated</span>' : undefined,
      yLabel: metricLabel(metric),
      time,
      format: 'number',
      series,
      note: estimated ? 'Dashed: estimated without labels (from the model’s confidence), not measured.' : undefined,
    });
  });
}

/** Why there is no performance chart: a sentence for the section. */
export function noPerformanceSentence(report: MonitoringReport): string {
  const labelled = report.versions.reduce((sum, v) => sum + v.labelled, 0);
  return labelled === 0
    ? 'No labels arrived in this period and no estimate was computed, so there is no performance to show yet.'
    : 'No performance metric was computed for the windows of this period.';
}

function isEstimate(name: string, value: PerformancePoint): boolean {
  return value.estimated || name.startsWith(ESTIMATED_PREFIX);
}

/** The window's measured (or estimated) value of `metric`, under its own name or the estimate's. */
function entryOf(point: TimelinePoint, metric: string, estimated: boolean): PerformancePoint | undefined {
  for (const name of [metric, `${ESTIMATED_PREFIX}${metric}`]) {
    const value = Object.hasOwn(point.performance, name) ? point.performance[name] : undefined;
    if (value !== undefined && value.value !== null && isEstimate(name, value) === estimated) return value;
  }
  return undefined;
}

function describe(value: PerformancePoint, estimated: boolean): string {
  const interval = value.low !== undefined && value.high !== undefined ? ` [${formatMetric(value.low)}, ${formatMetric(value.high)}]` : '';
  return `${formatMetric(value.value!)}${interval} on ${formatCount(value.rows)} ${estimated ? 'rows, estimated' : 'labelled rows'}`;
}
