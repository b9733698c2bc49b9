// The monitoring page's chart options, built from the report as pure functions of it.
import type { FeatureDrift, MonitoringReport, TimelinePoint } from '../../api/monitoring-types.js';
import { COLOURS, type ChartOption } from '../../components/chart.js';
import { formatNumber, formatPercent } from '../../format.js';

const TIME_GRID = { left: 64, right: 56, top: 40, bottom: 32 };

/** The report's period, so every time chart spans the same hours whatever windows exist. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

// Labels that would overlap are dropped: a period of a minute gets a tick every few seconds.
const timeAxis = (period: Period) => ({ type: 'time', min: Date.parse(period.from), max: Date.parse(period.to), axisLabel: { hideOverlap: true } });

/**
 * What the time charts span: from the report's first window or alert (a model served for the last ten minutes of a
 * 24h report is drawn across the chart, not as a sliver at its right edge) to the end of its period.
 */
export function chartPeriod(report: MonitoringReport): Period {
  const times = [...report.timeline.map((p) => Date.parse(p.windowStart)), ...report.alerts.map((a) => Date.parse(a.at))].filter((t) => !Number.isNaN(t));
  if (times.length === 0) return report.window;
  const first = Math.min(...times);
  return { from: new Date(Math.min(first, Date.parse(report.window.to))).toISOString(), to: report.window.to };
}

/** Metrics worth showing first, per task; others follow alphabetically. */
const PREFERRED_METRICS = ['accuracy', 'auc', 'f1', 'rmse', 'mae', 'ndcg', 'estimated_accuracy', 'estimated_auc'];

const midpoint = (p: TimelinePoint) => (Date.parse(p.windowStart) + Date.parse(p.windowEnd)) / 2;

/** Reference and current shares of each bin (or category), side by side. */
export function distributionOption(feature: FeatureDrift): ChartOption | null {
  const d = feature.distribution;
  if (!d) return null;
  const labels = d.kind === 'numeric'
    ? d.reference.map((_, i) => `${formatNumber(d.edges[i]!)}–${formatNumber(d.edges[i + 1]!)}`)
    : [...d.categories, ...(d.other.reference > 0 || d.other.current > 0 ? ['(other)'] : [])];
  const withOther = (values: readonly number[], other: number) => (d.kind === 'categorical' && labels.length > d.categories.length ? [...values, other] : [...values]);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPercent(v) },
    legend: { top: 0, data: ['reference (training data)', 'current window'] },
    grid: { left: 48, right: 16, top: 36, bottom: 56 },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 8 ? 35 : 0, fontSize: 10 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatPercent(v, 0) } },
    series: [
      { name: 'reference (training data)', type: 'bar', data: withOther(d.reference, d.kind === 'categorical' ? d.other.reference : 0), itemStyle: { color: COLOURS.reference }, barGap: '5%' },
      { name: 'current window', type: 'bar', data: withOther(d.current, d.kind === 'categorical' ? d.other.current : 0), itemStyle: { color: COLOURS.current } },
    ],
  };
}

/**
 * A feature's drift statistic per window with the threshold it is judged by. For ks and chi2 the threshold applies
 * to the p-value (drifted below it), so that is what is drawn.
 */
export function driftOverTimeOption(feature: string, points: readonly TimelinePoint[], period: Period): ChartOption | null {
  const measured = points.filter((p) => p.features[feature]);
  if (measured.length === 0) return null;
  const first = measured[0]!.features[feature]!;
  const byPValue = first.method === 'ks' || first.method === 'chi2';
  const value = (p: TimelinePoint) => (byPValue ? p.features[feature]!.pValue ?? null : p.features[feature]!.statistic);
  const name = byPValue ? `${first.method} p-value (drifted below the line)` : `${first.method} (drifted above the line)`;
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v) },
    legend: { top: 0, data: [name] },
    grid: TIME_GRID,
    xAxis: timeAxis(period),
    yAxis: { type: byPValue ? 'log' : 'value', name: byPValue ? 'p-value' : first.method, min: byPValue ? undefined : 0, axisLabel: { formatter: (v: number) => formatNumber(v) } },
    series: [{
      name, type: 'line', showSymbol: true, symbolSize: 6,
      data: measured.map((p) => ({ value: [midpoint(p), value(p)], itemStyle: { color: p.features[feature]!.drifted ? COLOURS.bad : COLOURS.current } })),
      lineStyle: { color: COLOURS.current },
      markLine: { silent: true, symbol: 'none', lineStyle: { color: COLOURS.threshold, type: 'dashed' }, label: { formatter: `threshold ${formatNumber(first.threshold)}`, position: 'insideEndTop' }, data: [{ yAxis: first.threshold }] },
    }],
  };
}

/** The metrics the performance chart draws: at most two, measured before estimated, the task's usual ones first. */
function shownMetrics(points: readonly TimelinePoint[]): { shown: string[]; measured: string[] } {
  const metrics = [...new Set(points.flatMap((p) => Object.keys(p.performance)))];
  const measured = metrics.filter((m) => points.some((p) => p.performance[m] && !p.performance[m]!.estimated));
  const rank = (m: string) => (PREFERRED_METRICS.includes(m) ? PREFERRED_METRICS.indexOf(m) : PREFERRED_METRICS.length);
  return { shown: [...(measured.length > 0 ? measured : metrics)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).slice(0, 2), measured };
}

/**
 * The charted metrics in words, so a change reads without hovering the chart: `rmse: 1.96 in the first window → 17
 * in the latest (on 381 and 582 labelled predictions)`.
 */
export function performanceSummary(points: readonly TimelinePoint[]): string[] {
  return shownMetrics(points).shown.flatMap((metric) => {
    const valued = points.filter((p) => p.performance[metric]?.value != null).map((p) => p.performance[metric]!);
    const [first, last] = [valued[0], valued.at(-1)];
    if (!first || !last) return [];
    const rows = (n: number) => `${formatNumber(n)}${last.estimated ? ' predictions, estimated without labels' : ' labelled predictions'}`;
    if (valued.length === 1) return [`${metric}: ${formatNumber(last.value)} (on ${rows(last.rows)})`];
    return [`${metric}: ${formatNumber(first.value)} in the first window → ${formatNumber(last.value)} in the latest (on ${formatNumber(first.rows)} and ${rows(last.rows)})`];
  });
}

/** The model's performance per window (measured on labels, or estimated without them), with the share of rows labelled. */
export function performanceOption(points: readonly TimelinePoint[], period: Period): ChartOption | null {
  const { shown, measured } = shownMetrics(points);
  if (shown.length === 0) return null;
  const labelMetric = measured[0];
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v) },
    legend: { top: 0 },
    grid: TIME_GRID,
    xAxis: timeAxis(period),
    yAxis: [{ type: 'value', name: shown.join(', '), scale: true, axisLabel: { formatter: (v: number) => formatNumber(v) } }, { type: 'value', name: 'labelled', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v, 0) }, splitLine: { show: false } }],
    series: [
      ...shown.map((metric) => ({
        name: `${metric}${points.some((p) => p.performance[metric]?.estimated) ? ' (estimated, no labels)' : ''}`,
        type: 'line', showSymbol: true,
        lineStyle: points.some((p) => p.performance[metric]?.estimated) ? { type: 'dashed' } : undefined,
        data: points.filter((p) => p.performance[metric]?.value != null).map((p) => [midpoint(p), p.performance[metric]!.value]),
      })),
      {
        name: 'label coverage', type: 'bar', yAxisIndex: 1, itemStyle: { color: COLOURS.muted }, barMaxWidth: 24,
        data: points.map((p) => [midpoint(p), labelMetric && p.rows > 0 ? (p.performance[labelMetric]?.rows ?? 0) / p.rows : 0]),
        tooltip: { valueFormatter: (v: number) => formatPercent(v) },
      },
    ],
  };
}

/** Latency quantiles and errors per window. */
export function latencyOption(points: readonly TimelinePoint[], period: Period): ChartOption | null {
  if (points.length === 0) return null;
  const line = (name: string, pick: (p: TimelinePoint) => number | null) => ({ name, type: 'line', showSymbol: true, data: points.map((p) => [midpoint(p), pick(p)]) });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: TIME_GRID,
    xAxis: timeAxis(period),
    yAxis: [{ type: 'value', name: 'ms', min: 0 }, { type: 'value', name: 'errors', min: 0, minInterval: 1, splitLine: { show: false } }],
    series: [
      line('p50 latency', (p) => p.operational.p50Ms),
      line('p95 latency', (p) => p.operational.p95Ms),
      line('p99 latency', (p) => p.operational.p99Ms),
      { name: 'errors', type: 'bar', yAxisIndex: 1, itemStyle: { color: COLOURS.bad }, barMaxWidth: 16, data: points.map((p) => [midpoint(p), p.operational.errors]) },
    ],
  };
}
