// Renders an EvaluationReport as one self-contained HTML page: inline CSS and SVG, no scripts, no external URLs.
// Every string that comes from the report is escaped.
import { escapeHtml } from './escape-html.js';
import type { EvaluationReport, GateCheck } from './evaluation-report.js';
import { metricsTable } from './metrics-table.js';
import { formatCount, formatPercent } from './report-format.js';
import { reportPlots } from './report-plots.js';
import { REPORT_STYLE } from './report-style.js';
import { versionColor, versionName } from './version-style.js';

/** Confusion matrices with more classes than this would be a wall of numbers; the report says so instead. */
const MAX_CONFUSION_CLASSES = 20;

export function renderEvaluationReport(report: EvaluationReport): string {
  const plots = reportPlots(report);
  const versionList = report.versions.map((v) => `v${v.version}`).join(', ');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${report.model} · evaluation of ${versionList}`)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    masthead(report),
    report.gates ? verdict(report.gates) : '',
    `<section><h2>Metrics</h2><div class="table-wrap">${metricsTable(report)}</div>${tableNote(report)}</section>`,
    report.gates ? gatesSection(report.gates) : '',
    plots.length > 0 ? `<section><h2>Plots</h2><div class="plots">\n${plots.join('\n')}\n</div></section>` : '',
    report.task === 'classification' ? confusionSection(report) : '',
    '<footer>Pitstop evaluation report · self-contained: no scripts, no external resources.</footer>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function masthead(report: EvaluationReport): string {
  const versions = report.versions
    .map((v, i) => `<span class="version"><span class="swatch" style="background:${versionColor(i)}"></span>${escapeHtml(versionName(v))}</span>`)
    .join('<span class="vs">vs</span>');
  const { dataset, bootstrap } = report;
  const facts: [string, string][] = [
    ['Data', escapeHtml(dataset.source)],
    ['Rows', formatCount(dataset.rows)],
    ['Fingerprint', `<code>${escapeHtml(dataset.fingerprint)}</code>`],
  ];
  if (dataset.classes) facts.push(['Classes', escapeHtml(dataset.classes.join(', '))]);
  if (dataset.k !== undefined) facts.push(['Cut-off k', String(dataset.k)]);
  if (bootstrap) facts.push(['Bootstrap', `${formatCount(bootstrap.iterations)} resamples · ${formatPercent(bootstrap.confidence)} · seed ${bootstrap.seed}`]);
  if (report.generatedAt) facts.push(['Generated', escapeHtml(report.generatedAt)]);
  return [
    '<header class="masthead">',
    `<p class="kicker">Pitstop evaluation · ${escapeHtml(report.task)}</p>`,
    `<h1>${escapeHtml(report.model)}</h1>`,
    `<p class="versions">${versions}</p>`,
    `<dl class="facts">${facts.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}

function verdict(gates: GateCheck): string {
  const failed = gates.results.filter((r) => !r.passed);
  const total = gates.results.length;
  const subject = `v${gates.challenger} against champion v${gates.champion}`;
  if (failed.length === 0) {
    const headline = total === 1 ? 'The gate passed' : `All ${total} gates passed`;
    return `<section class="verdict pass"><span class="icon">✓</span><div>${headline}<div class="detail">${subject}</div></div></section>`;
  }
  const names = failed.map((r) => escapeHtml(r.gate.metric)).join(', ');
  return `<section class="verdict fail"><span class="icon">✗</span><div>${failed.length} of ${total} gates failed: ${names}<div class="detail">${subject}</div></div></section>`;
}

function gatesSection(gates: GateCheck): string {
  if (gates.results.length === 0) return '';
  const items = gates.results.map(
    (r) =>
      `<li><span class="badge ${r.passed ? 'pass' : 'fail'}">${r.passed ? 'PASS' : 'FAIL'}</span>` +
      `<span class="gate-rule">${escapeHtml(r.gate.text)}</span><span class="gate-why">${escapeHtml(r.explanation)}</span></li>`,
  );
  return `<section><h2>Gates <span class="axis-note">v${gates.challenger} against champion v${gates.champion}</span></h2><ul class="gates">${items.join('\n')}</ul></section>`;
}

function tableNote(report: EvaluationReport): string {
  if (report.versions.length < 2) return '';
  return '<p class="legend-note">★ marks the best value of each metric. A difference is coloured when its whole interval lies on one side of 0: green where the challenger is better, red where it is worse.</p>';
}

function confusionSection(report: EvaluationReport): string {
  const matrices = report.versions.flatMap((v, i) => {
    const curves = v.curves?.kind === 'classification' ? v.curves : undefined;
    return curves?.confusion ? [{ version: v, index: i, confusion: curves.confusion }] : [];
  });
  if (matrices.length === 0) return '';
  const tables = matrices.map(({ version, index, confusion }) => {
    const caption = `<caption><span class="swatch" style="background:${versionColor(index)}"></span>${escapeHtml(versionName(version))}</caption>`;
    if (confusion.classes.length > MAX_CONFUSION_CLASSES) {
      return `<table class="confusion">${caption}<tbody><tr><td>${confusion.classes.length} classes: too many to show.</td></tr></tbody></table>`;
    }
    const head = `<tr><th scope="col">actual ↓ predicted →</th>${confusion.classes.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
    const rows = confusion.counts.map((counts, i) => {
      const total = counts.reduce((a, b) => a + b, 0);
      const cells = counts.map((count, j) => {
        // Shade by the share of the true class's rows, so a rare class's mistakes show as clearly as a common one's.
        const share = total === 0 ? 0 : count / total;
        const tint = i === j ? '19, 122, 67' : '179, 38, 30';
        return `<td style="background: rgba(${tint}, ${(share * 0.55).toFixed(3)})" title="${formatPercent(share)} of actual ${escapeHtml(confusion.classes[i]!)}">${formatCount(count)}</td>`;
      });
      return `<tr><th scope="row">${escapeHtml(confusion.classes[i]!)}</th>${cells.join('')}</tr>`;
    });
    return `<table class="confusion">${caption}<thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
  });
  return `<section><h2>Confusion matrices</h2><div class="confusions">${tables.join('\n')}</div></section>`;
}
