// The report's metrics table: a row per metric, a column per version with the best value highlighted, and a column
// per challenger with its paired-bootstrap difference from the baseline, coloured when the interval excludes 0.
import { METRIC_NAMES } from '../../metrics/index.js';
import { escapeHtml } from './escape-html.js';
import type { EvaluatedVersion, EvaluationReport, MetricComparison, ReportedMetric } from './evaluation-report.js';
import { directionOf, formatCount, formatMetric, formatPercent, formatPValue, formatSigned, metricLabel } from './report-format.js';
import { versionColor, versionName } from './version-style.js';

export function metricsTable(report: EvaluationReport): string {
  const [baseline, ...challengers] = report.versions;
  if (!baseline) return '<p class="empty">No versions were evaluated.</p>';
  const confidence = report.bootstrap ? `${formatPercent(report.bootstrap.confidence)} bootstrap CI` : 'bootstrap CI';
  const head = [
    '<th scope="col">Metric</th>',
    ...report.versions.map((v, i) => `<th scope="col" class="version"><span class="swatch" style="background:${versionColor(i)}"></span>${escapeHtml(versionName(v))}</th>`),
    ...challengers.map((v) => `<th scope="col" class="delta-head">v${v.version} − v${baseline.version}<span class="sub">${confidence}</span></th>`),
  ];
  const rows = metricNames(report).map((metric) => metricRow(report, metric, baseline, challengers));
  return `<table class="metrics"><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

/** The task's metrics in registry order, then any others the versions report. */
function metricNames(report: EvaluationReport): string[] {
  const present = new Set(report.versions.flatMap((v) => Object.keys(v.metrics)));
  const known: readonly string[] = METRIC_NAMES[report.task];
  return [...known.filter((m) => present.has(m)), ...[...present].filter((m) => !known.includes(m)).sort()];
}

function metricRow(report: EvaluationReport, metric: string, baseline: EvaluatedVersion, challengers: readonly EvaluatedVersion[]): string {
  const direction = directionOf(metric);
  const best = bestVersion(report.versions, metric, direction);
  const arrow = direction === null ? '' : `<span class="direction" title="${direction} is better">${direction === 'higher' ? '↑' : '↓'}</span>`;
  const cells = [
    `<th scope="row">${escapeHtml(metricLabel(metric, report.dataset.k))} ${arrow}<code>${escapeHtml(metric)}</code></th>`,
    ...report.versions.map((v) => valueCell(v.metrics[metric], report.dataset.rows, v.version === best)),
    ...challengers.map((v) => deltaCell(report.comparisons, metric, baseline, v, direction)),
  ];
  return `<tr>${cells.join('')}</tr>`;
}

/** The one version with the best value, or null when fewer than two have a value or the best is shared. */
function bestVersion(versions: readonly EvaluatedVersion[], metric: string, direction: 'higher' | 'lower' | null): number | null {
  const valued = versions.flatMap((v) => {
    const value = v.metrics[metric]?.value;
    return value === null || value === undefined ? [] : [{ version: v.version, value }];
  });
  if (direction === null || valued.length < 2) return null;
  const bestValue = direction === 'higher' ? Math.max(...valued.map((v) => v.value)) : Math.min(...valued.map((v) => v.value));
  const winners = valued.filter((v) => v.value === bestValue);
  return winners.length === 1 ? winners[0]!.version : null;
}

function valueCell(metric: ReportedMetric | undefined, datasetRows: number, best: boolean): string {
  if (!metric) return '<td class="value missing">—</td>';
  if (metric.value === null) {
    return `<td class="value missing">n/a${metric.reason ? `<span class="why">${escapeHtml(metric.reason)}</span>` : ''}</td>`;
  }
  const interval = metric.interval
    ? `<span class="interval" title="${formatPercent(metric.interval.confidence)} ${metric.interval.method} interval">${formatMetric(metric.interval.low)} – ${formatMetric(metric.interval.high)}</span>`
    : '';
  const rows =
    metric.rows !== datasetRows || metric.skippedRows
      ? `<span class="rows">n = ${formatCount(metric.rows)}${metric.skippedRows ? `, ${formatCount(metric.skippedRows)} skipped` : ''}</span>`
      : '';
  const mark = best ? '<span class="best-mark" title="best">★</span>' : '';
  return `<td class="value${best ? ' best' : ''}">${mark}${formatMetric(metric.value)}${interval}${rows}</td>`;
}

function deltaCell(comparisons: readonly MetricComparison[], metric: string, baseline: EvaluatedVersion, challenger: EvaluatedVersion, direction: 'higher' | 'lower' | null): string {
  const comparison = comparisons.find((c) => c.metric === metric && c.baseline === baseline.version && c.challenger === challenger.version);
  if (!comparison) {
    const a = baseline.metrics[metric]?.value;
    const b = challenger.metrics[metric]?.value;
    if (typeof a !== 'number' || typeof b !== 'number') return '<td class="delta unclear">—</td>';
    return `<td class="delta unclear">${formatSigned(b - a)}<span class="interval">no interval</span></td>`;
  }
  if (comparison.difference === null) {
    return `<td class="delta unclear">n/a${comparison.reason ? `<span class="why">${escapeHtml(comparison.reason)}</span>` : ''}</td>`;
  }
  const { difference, low, high, pValueTwoSided } = comparison;
  const verdict = deltaVerdict(low, high, direction);
  const interval = low !== null && high !== null ? `<span class="interval">[${formatSigned(low)}, ${formatSigned(high)}]</span>` : '';
  const p = pValueTwoSided === null ? '' : `<span class="p">${escapeHtml(formatPValue(pValueTwoSided))}</span>`;
  return `<td class="delta ${verdict}" title="${verdictText(verdict)}">${formatSigned(difference)}${interval}${p}</td>`;
}

type DeltaVerdict = 'better' | 'worse' | 'unclear';

/** Better or worse only when the whole interval is on one side of 0. */
function deltaVerdict(low: number | null, high: number | null, direction: 'higher' | 'lower' | null): DeltaVerdict {
  if (low === null || high === null || direction === null) return 'unclear';
  const up = low > 0;
  const down = high < 0;
  if (!up && !down) return 'unclear';
  return up === (direction === 'higher') ? 'better' : 'worse';
}

function verdictText(verdict: DeltaVerdict): string {
  if (verdict === 'unclear') return 'the interval includes 0: no clear difference';
  return `the challenger is ${verdict}: the interval excludes 0`;
}
