// The "Drift in this period" section: per version and reference, a summary line, the feature table and a chart of
// reference against current per feature, small multiples with drifted features first.
import type { FeatureDrift } from '../drift/index.js';
import { escapeHtml } from '../../training/evaluation/escape-html.js';
import { formatPercent } from '../../training/evaluation/report-format.js';
import { distributionChart } from './distribution-chart.js';
import { formatStatistic, formatThreshold, methodName } from './drift-format.js';
import { featureTable, verdictPill } from './feature-table.js';
import { featuresByConcern, featureVerdict } from './feature-verdict.js';
import type { MonitoringReport, VersionDrift } from './monitoring-report.js';
import type { VersionStyle } from './version-styles.js';

/** Beyond this many charts per comparison, features without drift or warning are left to the table. */
export const MAX_DISTRIBUTION_CHARTS = 24;

export function driftSection(report: MonitoringReport, styleOf: (version: number) => VersionStyle): string {
  if (report.drift.length === 0) return '<section><h2>Drift in this period</h2><p class="empty">No drift was computed for this period.</p></section>';
  return `<section><h2>Drift in this period</h2>\n${report.drift.map((d) => comparison(d, styleOf(d.version))).join('\n')}\n</section>`;
}

/** The features of a comparison that get a chart, in the order they are drawn, and how many are left out. */
export function chartedFeatures(drift: VersionDrift): { charted: FeatureDrift[]; left: number } {
  const features = featuresByConcern(drift.report.features).filter((f) => f.distribution !== null);
  const output = drift.prediction?.distribution ? [drift.prediction] : [];
  const urgent = features.filter((f) => featureVerdict(f) !== 'ok');
  const room = Math.max(0, MAX_DISTRIBUTION_CHARTS - output.length - urgent.length);
  const calm = features.filter((f) => featureVerdict(f) === 'ok');
  return { charted: [...output, ...urgent, ...calm.slice(0, room)], left: Math.max(0, calm.length - room) };
}

function comparison(drift: VersionDrift, style: VersionStyle): string {
  const { report } = drift;
  const { charted, left } = chartedFeatures(drift);
  const charts = charted.map((f) => {
    if (f.distribution === null) return '';
    const isOutput = f === drift.prediction;
    return distributionChart({
      title: isOutput ? `${f.feature} (model output)` : f.feature,
      badge: verdictPill(f),
      distribution: f.distribution,
      referenceLabel: `reference (${drift.reference})`,
      currentLabel: `this period (v${drift.version})`,
      color: style.color,
      note: `${methodName(f.method)} ${formatStatistic(f)}; drifted at ${formatThreshold(f)}.`,
    });
  });
  const skipped = report.features.filter((f) => f.skipped !== undefined);
  const notes = [
    left > 0 ? `${left} more feature${left === 1 ? '' : 's'} without drift ${left === 1 ? 'is' : 'are'} in the table only.` : '',
    skipped.length > 0 ? `Not measured, for want of values: ${skipped.map((f) => `${f.feature} (${f.skipped})`).join(', ')}.` : '',
  ].filter((note) => note !== '');
  return [
    `<h3><span class="swatch" style="background:${style.color}"></span>${escapeHtml(style.name)} against ${escapeHtml(drift.reference)}<span class="axis-note">${escapeHtml(summary(drift))}</span></h3>`,
    featureTable(drift),
    charts.length > 0 ? `<div class="small-multiples">\n${charts.join('\n')}\n</div>` : '',
    ...notes.map((note) => `<p class="legend-note">${escapeHtml(note)}</p>`),
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** `dataset drifted: 3 of 5 features (60%, at ≥ 50%)`. */
function summary(drift: VersionDrift): string {
  const { report } = drift;
  const share = `${report.driftedFeatures} of ${report.measuredFeatures} features drifted (${formatPercent(report.driftedShare)})`;
  const verdict = report.datasetDrifted ? 'dataset drifted' : 'no dataset drift';
  return `${verdict}: ${share}; the dataset counts as drifted from ${formatPercent(report.datasetDriftShare)}`;
}
