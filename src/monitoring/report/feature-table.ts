// One drift comparison as an HTML table: a row per feature, drifted first, the model's output on top when sketched.
import type { FeatureDrift } from '../drift/index.js';
import { escapeHtml } from '../../training/evaluation/escape-html.js';
import { formatCount, formatMetric } from '../../training/evaluation/report-format.js';
import { decidesByPValue, formatP, formatThreshold, methodName } from './drift-format.js';
import { featuresByConcern, featureVerdict } from './feature-verdict.js';
import type { VersionDrift } from './monitoring-report.js';

export function featureTable(drift: VersionDrift): string {
  const head =
    '<thead><tr><th scope="col">Feature</th><th scope="col">Method</th><th scope="col">Statistic</th>' +
    '<th scope="col">Drifted at</th><th scope="col">Verdict</th><th scope="col">Rows (reference / current)</th></tr></thead>';
  const output = drift.prediction ? [featureRow(drift.prediction, 'model output')] : [];
  const rows = [...output, ...featuresByConcern(drift.report.features).map((f) => featureRow(f))];
  if (rows.length === 0) return '<p class="empty">The reference has no features to compare.</p>';
  return `<div class="table-wrap"><table class="features">${head}<tbody>${rows.join('\n')}</tbody></table></div>`;
}

/** A verdict as a coloured pill, the same words as the CLI's table. */
export function verdictPill(feature: Pick<FeatureDrift, 'drifted' | 'warning' | 'skipped'>): string {
  const verdict = featureVerdict(feature);
  return `<span class="pill ${verdict}">${verdict}</span>`;
}

function featureRow(feature: FeatureDrift, role?: string): string {
  const name = `${escapeHtml(feature.feature)}${role ? `<span class="sub">${role}</span>` : ''}`;
  const statistic =
    feature.skipped !== undefined
      ? `—<span class="why">${escapeHtml(feature.skipped)}</span>`
      : `${formatMetric(feature.statistic)}${decidesByPValue(feature.method) && feature.pValue !== undefined ? `<span class="p">${formatP(feature.pValue)}</span>` : ''}`;
  const warning = feature.warning && !feature.drifted ? '<span class="sub">PSI ≥ 0.1</span>' : '';
  return [
    `<tr${role ? ' class="output"' : ''}>`,
    `<th scope="row">${name}</th>`,
    `<td class="method">${escapeHtml(methodName(feature.method))}</td>`,
    `<td>${statistic}</td>`,
    `<td>${feature.skipped !== undefined ? '—' : escapeHtml(formatThreshold(feature))}</td>`,
    `<td>${verdictPill(feature)}${warning}</td>`,
    `<td>${formatCount(feature.rows.reference)} / ${formatCount(feature.rows.current)}</td>`,
    '</tr>',
  ].join('');
}
