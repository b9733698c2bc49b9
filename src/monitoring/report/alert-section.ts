// The "Alerts" section: a lane per rule showing when it was pending or firing, then every state change in a table.
import { escapeHtml } from '../../training/evaluation/escape-html.js';
import type { Domain } from '../../training/evaluation/svg-chart.js';
import { formatMetric } from '../../training/evaluation/report-format.js';
import { alertLanes, type AlertLane, type AlertPeriod } from './alert-lanes.js';
import { chartFigure, coordinate, linearScale, shorten, svgOpen, xAxis, type ChartBox, type LegendEntry } from './chart-frame.js';
import type { AlertEvent, AlertSeverity, MonitoringReport } from './monitoring-report.js';
import { formatInstant, timeAxisLabel, timeTicks } from './time-axis.js';

/** Firing is coloured by severity, pending in amber: colours of the report's palette, never from data. */
const FIRING_COLORS: Readonly<Record<AlertSeverity, string>> = { critical: '#B3261E', warning: '#D55E00', info: '#0072B2' };
const PENDING_COLOR = '#E69F00';
const LANE = 26;

export function alertSection(report: MonitoringReport, time: Domain): string {
  if (report.alerts.length === 0) return '<section><h2>Alerts</h2><p class="empty">No alert changed state in this period.</p></section>';
  const lanes = alertLanes(report.alerts, time);
  return [
    '<section><h2>Alerts</h2>',
    lanes.length > 0 ? `<div class="wide">${alertTimeline(lanes, time)}</div>` : '',
    `<h3>State changes</h3><div class="table-wrap">${eventsTable(report.alerts)}</div>`,
    '</section>',
  ].join('\n');
}

function alertTimeline(lanes: readonly AlertLane[], time: Domain): string {
  const box: ChartBox = { width: 960, height: 8 + lanes.length * LANE + 34, left: 200, right: 16, top: 8, bottom: 34 };
  const sx = linearScale(time, box.left, box.width - box.right);
  const rows = lanes.map((lane, i) => {
    const y = box.top + i * LANE;
    const periods = lane.periods.map((period) => periodMarkup(period, lane.severity, sx, y));
    return (
      `<rect class="lane" x="${box.left}" y="${y + 3}" width="${box.width - box.left - box.right}" height="${LANE - 6}"></rect>` +
      `<text class="lane-label" x="${box.left - 8}" y="${y + LANE / 2}" dy="0.32em" text-anchor="end">${escapeHtml(shorten(lane.rule, 30))}<title>${escapeHtml(`${lane.rule} (${lane.metric}, ${lane.severity}): ${lane.status} at the end of the period`)}</title></text>` +
      periods.join('')
    );
  });
  const svg = [
    svgOpen(box, 'Alert states over time'),
    `<g class="axes">${xAxis(box, timeTicks(time, 8), sx)}<text class="axis-label" x="${coordinate(box.left + (box.width - box.left - box.right) / 2)}" y="${box.height - 4}" text-anchor="middle">${escapeHtml(timeAxisLabel(time))}</text></g>`,
    `<g class="lanes">${rows.join('')}</g>`,
    '</svg>',
  ].join('\n');
  const legend: LegendEntry[] = [];
  if (lanes.some((lane) => lane.periods.some((p) => p.status === 'pending'))) legend.push({ label: 'pending', color: PENDING_COLOR, mark: 'solid' });
  for (const severity of ['critical', 'warning', 'info'] as const) {
    if (lanes.some((lane) => lane.severity === severity && lane.periods.some((p) => p.status === 'firing'))) legend.push({ label: `firing (${severity})`, color: FIRING_COLORS[severity], mark: 'solid' });
  }
  return chartFigure({ title: 'Alert states over time', svg, legend, note: legend.length === 0 ? 'No rule was pending or firing during the period.' : undefined });
}

function periodMarkup(period: AlertPeriod, severity: AlertSeverity, sx: (t: number) => number, y: number): string {
  const x = sx(period.from);
  const width = Math.max(2, sx(period.to) - x);
  const fill = period.status === 'pending' ? PENDING_COLOR : firingColor(severity);
  const until = period.open ? 'the end of the period' : formatInstant(new Date(period.to).toISOString());
  const title = `${period.status} from ${formatInstant(new Date(period.from).toISOString())} to ${until}`;
  return `<rect class="alert-${period.status}" fill="${fill}" x="${coordinate(x)}" y="${y + 5}" width="${coordinate(width)}" height="${LANE - 10}" rx="3"><title>${escapeHtml(title)}</title></rect>`;
}

function firingColor(severity: string): string {
  return Object.hasOwn(FIRING_COLORS, severity) ? FIRING_COLORS[severity as AlertSeverity] : FIRING_COLORS.info;
}

function eventsTable(events: readonly AlertEvent[]): string {
  const head =
    '<thead><tr><th scope="col">When</th><th scope="col">Rule</th><th scope="col">Metric</th><th scope="col">Change</th>' +
    '<th scope="col">Value</th><th scope="col">Threshold</th><th scope="col">Severity</th></tr></thead>';
  const rows = events.map(
    (e) =>
      `<tr><td class="text">${escapeHtml(formatInstant(e.at))}</td><th scope="row">${escapeHtml(e.rule)}</th><td class="text"><code>${escapeHtml(e.metric)}</code></td>` +
      `<td class="text">${statusPill(e.from)} → ${statusPill(e.to)}</td><td>${formatMetric(e.value)}</td><td>${formatMetric(e.threshold)}</td>` +
      `<td class="text"><span class="pill ${severityClass(e.severity)}">${escapeHtml(e.severity)}</span></td></tr>`,
  );
  return `<table class="alert-events">${head}<tbody>${rows.join('\n')}</tbody></table>`;
}

/** A status pill; a status this code does not know (JSON from elsewhere) gets a neutral one, its text escaped. */
function statusPill(status: string): string {
  const known = ['pending', 'firing', 'resolved', 'inactive'].includes(status) ? status : 'inactive';
  return `<span class="pill ${known}">${escapeHtml(status)}</span>`;
}

function severityClass(severity: string): string {
  return severity === 'critical' ? 'critical' : severity === 'warning' ? 'warning' : 'info';
}
