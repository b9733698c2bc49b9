import { describe, expect, it } from 'vitest';
import type { MonitoringReport } from './monitoring-report.js';
import { renderMonitoringReport } from './render-monitoring-report.js';
import { attributeNames, chartTitles, count, section, unbalancedTags } from '../../../test/fixtures/html-checks.js';
import { HOSTILE_FEATURE, HOSTILE_MODEL, HOSTILE_RULE, monitoringReportFixture } from './test-fixtures/monitoring-report-fixture.js';

const report = monitoringReportFixture();
const html = renderMonitoringReport(report);
const svgs = (markup: string) => count(markup, /<svg\b/);
const figures = (markup: string) => count(markup, /<figure class="chart">/);
const ESCAPED_FEATURE = '&lt;img src=x onerror=alert(1)&gt;';

describe('renderMonitoringReport', () => {
  it('is one well-formed page with no scripts, no external resources and no URLs', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(unbalancedTags(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/http/i);
    expect(attributeNames(html)).not.toContain('src');
    expect(attributeNames(html)).not.toContain('href');
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('escapes every name that comes from the report: model, features, rules', () => {
    expect(html).toContain('<h1>churn &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</h1>');
    expect(html).toContain(`<th scope="row">${ESCAPED_FEATURE}</th>`);
    expect(html).toContain('drift share &lt;b&gt;high&lt;/b&gt;');
    expect(html).not.toContain(HOSTILE_FEATURE);
    expect(html).not.toContain(HOSTILE_MODEL);
    expect(html).not.toContain(HOSTILE_RULE);
    const roles = renderMonitoringReport({ ...report, versions: report.versions.map((v) => ({ ...v, role: '<i>"gold"</i>' })), drift: report.drift.map((d) => ({ ...d, reference: 'window <u>' })) });
    expect(roles).toContain('v3 (&lt;i&gt;&quot;gold&quot;&lt;/i&gt;)');
    expect(roles).toContain('against window &lt;u&gt;');
    expect(roles).not.toMatch(/<i>|<u>/);
  });

  it('heads the page with the model, the window and each version with its role and counts', () => {
    expect(html).toContain('<p class="kicker">Pitstop monitoring · classification</p>');
    expect(html).toContain('v3 (production)<span class="counts">12,000 predictions · 1,200 labelled</span>');
    expect(html).toContain('v4 (canary)<span class="counts">2,400 predictions · 0 labelled</span>');
    expect(html).toContain('<dt>Window</dt><dd>last 6h</dd>');
    expect(html).toContain('<dt>From</dt><dd>2025-01-31 00:00 UTC</dd>');
  });

  it('leads with a red verdict naming the version whose dataset drifted and the alert still firing', () => {
    expect(html).toContain('<section class="verdict fail"><span class="icon">✗</span><div>Dataset drift in v3 (production) · 1 alert firing');
    expect(html).toContain('<li>v3 (production) against package reference profile: dataset drifted, 2 of 3 features (66.7%); the model’s output drifted</li>');
    expect(html).toContain('<li>v4 (canary) against package reference profile: no dataset drift, 1 of 3 features (33.3%)</li>');
    expect(html).toContain('<li>Firing: drift share &lt;b&gt;high&lt;/b&gt; (critical)</li>');
  });

  it('tabulates each comparison with the model output first, then drifted features, then the rest, skipped last', () => {
    const drift = section(html, 'Drift in this period');
    const tables = drift.split('<table class="features">').slice(1);
    const rowNames = (table: string) => [...table.matchAll(/<th scope="row">(.*?)(?:<span|<\/th>)/g)].map(([, name]) => name);
    expect(rowNames(tables[0]!)).toEqual(['prediction', 'age', ESCAPED_FEATURE, 'plan', 'region']);
    expect(rowNames(tables[1]!)).toEqual(['prediction', 'plan', 'age', ESCAPED_FEATURE, 'region']);
    expect(tables[0]).toContain('<span class="pill drifted">drifted</span>');
    expect(tables[0]).toContain('—<span class="why">no current values</span>');
  });

  it('draws one chart per feature with values, reference against current, drifted first, and says which were not measured', () => {
    const drift = section(html, 'Drift in this period');
    // Per version: the model output, age, the hostile feature and plan; region has no current values.
    expect(figures(drift)).toBe(8);
    expect(svgs(drift)).toBe(8);
    expect(chartTitles(drift).slice(0, 4)).toEqual(['prediction (model output)', 'age', ESCAPED_FEATURE, 'plan']);
    expect(drift).toContain('Not measured, for want of values: region (no current values).');
    expect(count(drift, /<rect class="cur-bar"/)).toBeGreaterThan(0);
  });

  it('charts drift over time per feature and method, drifted features first, thresholds dashed and drifted windows ringed', () => {
    const overTime = section(html, 'Drift over time');
    // The share of features drifted, then v3's features (by effect size) and v4's (by test, its windows being small).
    expect(figures(overTime)).toBe(7);
    expect(svgs(overTime)).toBe(7);
    expect(chartTitles(overTime)).toEqual([
      'Share of features drifted',
      'age · Wasserstein (normalised)',
      `${ESCAPED_FEATURE} · Wasserstein (normalised)`,
      'plan · χ² test',
      'age · Kolmogorov–Smirnov test',
      'plan · Jensen–Shannon distance',
      `${ESCAPED_FEATURE} · Kolmogorov–Smirnov test`,
    ]);
    expect(count(overTime, /<polyline class="guide"/)).toBe(7);
    expect(overTime).toContain('<circle class="flag"');
    expect(overTime).toContain('p-value (log scale)');
  });

  it('draws measured performance with its interval band, and estimates beside it dashed and labelled estimated', () => {
    const performance = section(html, 'Performance over time');
    expect(chartTitles(performance)).toEqual(['Accuracy']);
    expect(svgs(performance)).toBe(1);
    expect(count(performance, /<polygon class="band"/)).toBe(1);
    expect(count(performance, /<polyline class="series-line"/)).toBe(1);
    // v3 has labels and an estimate; v4 (no labels) only an estimate.
    expect(count(performance, /<polyline class="series-line dashed"/)).toBe(2);
    expect(performance).toContain('<span class="pill warning">estimated</span>');
    expect(performance).toContain('</span>v3 (production) · estimated</li>');
    expect(performance).toContain('</span>v4 (canary) · estimated</li>');
  });

  it('titles a metric known only from estimates as estimated', () => {
    const timeline = report.timeline.map((point) => ({ ...point, performance: { estimated_accuracy: { value: 0.88, rows: point.rows, estimated: true } } }));
    const performance = section(renderMonitoringReport({ ...report, timeline }), 'Performance over time');
    expect(chartTitles(performance)).toEqual(['Accuracy (estimated)']);
    expect(count(performance, /<polyline class="series-line"/)).toBe(0);
    expect(performance).toContain('Dashed: estimated without labels');
  });

  it('charts requests, error rate and the three latency percentiles', () => {
    const operational = section(html, 'Operational');
    expect(chartTitles(operational)).toEqual(['Requests', 'Error rate', 'p50 latency', 'p95 latency', 'p99 latency']);
    expect(svgs(operational)).toBe(5);
  });

  it('shows a lane per alert rule with its pending and firing periods, and every state change in a table', () => {
    const alerts = section(html, 'Alerts');
    expect(svgs(alerts)).toBe(1);
    expect(count(alerts, /<rect class="lane"/)).toBe(2);
    expect(count(alerts, /<rect class="alert-firing"/)).toBe(2);
    expect(count(alerts, /<rect class="alert-pending"/)).toBe(1);
    expect(alerts).toContain('firing from 2025-01-31 05:00 UTC to the end of the period');
    expect(count(alerts, /<tr><td class="text">/)).toBe(4);
    expect(alerts).toContain('<span class="pill pending">pending</span> → <span class="pill firing">firing</span>');
  });

  it('has exactly one <svg> in every chart and no chart without one', () => {
    expect(svgs(html)).toBe(figures(html));
    expect(svgs(html)).toBe(8 + 7 + 1 + 5 + 1);
    for (const figure of html.split('<figure class="chart">').slice(1)) expect(svgs(figure.split('</figure>')[0]!)).toBe(1);
  });

  it('renders the same page from the report after a trip through JSON', () => {
    expect(renderMonitoringReport(JSON.parse(JSON.stringify(report)) as MonitoringReport)).toBe(html);
  });
});

describe('renderMonitoringReport with little to show', () => {
  it('says so in a sentence where there are no windows yet, no alerts and no drift, instead of drawing empty charts', () => {
    const page = renderMonitoringReport({ ...report, timeline: [], alerts: [], drift: [] });
    expect(svgs(page)).toBe(0);
    expect(unbalancedTags(page)).toEqual([]);
    expect(section(page, 'Drift in this period')).toContain('<p class="empty">No drift was computed for this period.</p>');
    for (const title of ['Drift over time', 'Performance over time', 'Operational']) {
      expect(section(page, title)).toContain('<p class="empty">No monitoring window closed in this period yet; these charts appear once one has.</p>');
    }
    expect(section(page, 'Alerts')).toContain('<p class="empty">No alert changed state in this period.</p>');
    expect(page).toContain('<section class="verdict warn"><span class="icon">?</span><div>No drift was computed for this period');
  });

  it('says that no labels arrived when no window has a performance value', () => {
    const timeline = report.timeline.map((point) => ({ ...point, performance: {} }));
    const versions = report.versions.map((v) => ({ ...v, labelled: 0 }));
    const performance = section(renderMonitoringReport({ ...report, timeline, versions }), 'Performance over time');
    expect(svgs(performance)).toBe(0);
    expect(performance).toContain('No labels arrived in this period and no estimate was computed, so there is no performance to show yet.');
  });

  it('draws a line only where windows have values, breaking it at a window without one', () => {
    const timeline = report.timeline.map((point, i) => (point.version === 3 && i === 4 ? { ...point, performance: { accuracy: { ...point.performance['accuracy']!, value: null } } } : point));
    const accuracy = section(renderMonitoringReport({ ...report, timeline }), 'Performance over time').split('</figure>')[0]!;
    expect(count(accuracy, /<polyline class="series-line"/)).toBe(2);
    expect(count(accuracy, /<polygon class="band"/)).toBe(2);
  });

  it('turns green when nothing drifted and no alert fires', () => {
    const calm: MonitoringReport = {
      ...report,
      alerts: [],
      drift: report.drift.map((d) => ({
        ...d,
        prediction: null,
        report: { ...d.report, features: d.report.features.map((f) => ({ ...f, drifted: false, warning: false })), driftedFeatures: 0, driftedShare: 0, datasetDrifted: false },
      })),
    };
    expect(renderMonitoringReport(calm)).toContain('<section class="verdict pass"><span class="icon">✓</span><div>No drift and no alert firing');
  });

  it('keeps at most 24 distribution charts per comparison, always those with drift, and counts the rest', () => {
    const [first] = report.drift;
    const plan = first!.report.features.find((f) => f.feature === 'plan')!;
    const calmFeatures = Array.from({ length: 40 }, (_, i) => ({ ...plan, feature: `calm_${i}` }));
    const wide: MonitoringReport = { ...report, drift: [{ ...first!, report: { ...first!.report, features: [...first!.report.features, ...calmFeatures] } }] };
    const drift = section(renderMonitoringReport(wide), 'Drift in this period');
    expect(figures(drift)).toBe(24);
    expect(chartTitles(drift).slice(0, 3)).toEqual(['prediction (model output)', 'age', ESCAPED_FEATURE]);
    expect(drift).toContain('20 more features without drift are in the table only.');
  });
});
