// Renders a MonitoringReport as one self-contained HTML page: inline CSS and SVG, no scripts, no external URLs, every
// string from the report escaped. Same stylesheet and chart vocabulary as the evaluation report.
import { escapeHtml } from '../../training/evaluation/escape-html.js';
import { formatCount, formatPercent } from '../../training/evaluation/report-format.js';
import { REPORT_STYLE } from '../../training/evaluation/report-style.js';
import { alertLanes } from './alert-lanes.js';
import { alertSection } from './alert-section.js';
import { driftSection } from './drift-section.js';
import { driftTimelineCharts } from './drift-timeline-charts.js';
import type { MonitoringReport } from './monitoring-report.js';
import { MONITORING_STYLE } from './monitoring-style.js';
import { operationalCharts } from './operational-charts.js';
import { noPerformanceSentence, performanceCharts } from './performance-charts.js';
import { formatInstant } from './time-axis.js';
import { timeDomain } from './timeline-series.js';
import { versionStyles, type VersionStyle } from './version-styles.js';

const NO_WINDOWS = 'No monitoring window closed in this period yet; these charts appear once one has.';

export function renderMonitoringReport(report: MonitoringReport): string {
  const styleOf = versionStyles(report);
  const time = timeDomain(report);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${report.model} · monitoring · ${report.window.label}`)}</title>`,
    `<style>${REPORT_STYLE}${MONITORING_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    masthead(report, styleOf),
    verdict(report, styleOf),
    driftSection(report, styleOf),
    driftOverTime(report, styleOf, time),
    chartsSection('Performance over time', performanceCharts(report, styleOf, time), report.timeline.length === 0 ? NO_WINDOWS : noPerformanceSentence(report)),
    chartsSection('Operational', operationalCharts(report, styleOf, time), report.timeline.length === 0 ? NO_WINDOWS : 'No requests were recorded in this period.'),
    alertSection(report, time),
    '<footer>Pitstop monitoring report · self-contained: no scripts, no external resources.</footer>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function masthead(report: MonitoringReport, styleOf: (version: number) => VersionStyle): string {
  const versions = report.versions.map((v) => {
    const { name, color } = styleOf(v.version);
    const counts = `${formatCount(v.predictions)} predictions · ${formatCount(v.labelled)} labelled`;
    return `<span class="version"><span class="swatch" style="background:${color}"></span>${escapeHtml(name)}<span class="counts">${counts}</span></span>`;
  });
  const facts: [string, string][] = [
    ['Window', escapeHtml(report.window.label)],
    ['From', escapeHtml(formatInstant(report.window.from))],
    ['To', escapeHtml(formatInstant(report.window.to))],
    ['Generated', escapeHtml(formatInstant(report.generatedAt))],
  ];
  return [
    '<header class="masthead">',
    `<p class="kicker">Pitstop monitoring · ${escapeHtml(report.task)}</p>`,
    `<h1>${escapeHtml(report.model)}</h1>`,
    `<p class="versions">${versions.length > 0 ? versions.join('') : 'No version served predictions in this period.'}</p>`,
    `<dl class="facts">${facts.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}

/** Red when a version's dataset drifted or an alert is firing, amber for drifted features or pending alerts, green otherwise. */
function verdict(report: MonitoringReport, styleOf: (version: number) => VersionStyle): string {
  const lanes = alertLanes(report.alerts, timeDomain(report));
  const firing = lanes.filter((lane) => lane.status === 'firing');
  const pending = lanes.filter((lane) => lane.status === 'pending');
  const datasetDrift = report.drift.filter((d) => d.report.datasetDrifted);
  const someDrift = report.drift.filter((d) => d.report.driftedFeatures > 0 || d.prediction?.drifted);
  const lines = report.drift.map((d) => {
    const { report: drift } = d;
    const head = drift.datasetDrifted ? 'dataset drifted' : 'no dataset drift';
    const output = d.prediction?.drifted ? '; the model’s output drifted' : '';
    return `${styleOf(d.version).name} against ${d.reference}: ${head}, ${drift.driftedFeatures} of ${drift.measuredFeatures} features (${formatPercent(drift.driftedShare)})${output}`;
  });
  if (firing.length > 0) lines.push(`Firing: ${firing.map((lane) => `${lane.rule} (${lane.severity})`).join(', ')}`);
  if (pending.length > 0) lines.push(`Pending: ${pending.map((lane) => `${lane.rule} (${lane.severity})`).join(', ')}`);
  const headlines = [
    datasetDrift.length > 0 ? `Dataset drift in ${datasetDrift.map((d) => styleOf(d.version).name).join(', ')}` : '',
    firing.length > 0 ? `${firing.length} alert${firing.length === 1 ? '' : 's'} firing` : '',
  ].filter((h) => h !== '');
  const [tone, icon, headline] =
    headlines.length > 0
      ? ['fail', '✗', headlines.join(' · ')]
      : report.drift.length === 0
        ? ['warn', '?', 'No drift was computed for this period']
        : someDrift.length > 0 || pending.length > 0
          ? ['warn', '!', someDrift.length > 0 ? 'Some features drifted, not the dataset; no alert firing' : 'No dataset drift; an alert is pending']
          : ['pass', '✓', 'No drift and no alert firing'];
  const detail = lines.length > 0 ? `<ul class="verdict-lines">${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : '';
  return `<section class="verdict ${tone}"><span class="icon">${icon}</span><div>${escapeHtml(headline)}${detail}</div></section>`;
}

function driftOverTime(report: MonitoringReport, styleOf: (version: number) => VersionStyle, time: readonly [number, number]): string {
  const { charts, left } = driftTimelineCharts(report, styleOf, time);
  const note = left > 0 ? `<p class="legend-note">${left} more feature${left === 1 ? '' : 's'} never drifted in this period and ${left === 1 ? 'is' : 'are'} not drawn.</p>` : '';
  const empty = report.timeline.length === 0 ? NO_WINDOWS : 'No window in this period measured drift.';
  return chartsSection('Drift over time', charts, empty, note);
}

function chartsSection(title: string, charts: readonly string[], emptySentence: string, after = ''): string {
  if (charts.length === 0) return `<section><h2>${title}</h2><p class="empty">${escapeHtml(emptySentence)}</p></section>`;
  return `<section><h2>${title}</h2><div class="small-multiples">\n${charts.join('\n')}\n</div>${after}</section>`;
}
