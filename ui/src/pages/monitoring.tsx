// Monitoring: one model's drift per feature, performance with label coverage, latency and errors over a period, and
// its alert rules (which are firing, silencing one, their history).
import { useEffect, useMemo, useState } from 'react';
import type { MonitoringReport } from '../api/monitoring-types.js';
import type { ModelAlerts, ModelList } from '../api/types.js';
import { Chart } from '../components/chart.js';
import { Notice, useConfirm } from '../components/confirm-dialog.js';
import { Empty, Loading, Page, Section } from '../components/page.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { useResource } from '../components/use-resource.js';
import { formatPercent, formatTime, plural } from '../format.js';
import { Link, navigate, pathOf, useLocation } from '../router.js';
import { AlertsPanel } from './monitoring/alerts-panel.js';
import { FeatureDrift } from './monitoring/feature-drift.js';
import { chartPeriod, latencyOption, performanceOption, performanceSummary } from './monitoring/monitoring-charts.js';

const PERIODS = ['24h', '7d', '30d', '90d'] as const;

export function MonitoringPage({ name }: { name: string | null }) {
  const { query } = useLocation();
  const period = query.get('window') ?? '24h';
  const models = useResource((api) => api.get<ModelList>('/admin/models', { limit: 100 }), []);
  useEffect(() => {
    const first = models.data?.models[0]?.name;
    if (name === null && first) navigate(pathOf('monitoring', first), { replace: true });
  }, [name, models.data]);
  const report = useResource((api) => (name ? api.get<MonitoringReport>(`/admin${pathOf('models', name)}/monitoring`, { window: period }) : Promise.resolve(null)), [name, period]);
  const alerts = useResource((api) => (name ? api.get<ModelAlerts>(`/admin${pathOf('models', name)}/alerts`) : Promise.resolve(null)), [name]);
  const { ask, dialog, notice, clearNotice } = useConfirm(alerts.reload);
  const choose = (model: string, window = period) => navigate(`${pathOf('monitoring', model)}${window !== '24h' ? `?window=${window}` : ''}`);
  return (
    <Page
      title={name ? <>Monitoring / <Link to={pathOf('models', name)}>{name}</Link></> : 'Monitoring'}
      intro="Is the model still seeing the data it was trained on, is it still right, is it fast? Drift compares each feature with the training data; performance needs labels (feedback) and is estimated without them."
      actions={
        <div className="toolbar">
          <label>Model{' '}
            <select value={name ?? ''} onChange={(e) => choose(e.target.value)} aria-label="Model">
              {name && !models.data?.models.some((m) => m.name === name) && <option value={name}>{name}</option>}
              {models.data?.models.map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}
            </select>
          </label>
          <label>Period{' '}
            <select value={period} onChange={(e) => name && choose(name, e.target.value)} aria-label="Period">
              {PERIODS.map((p) => <option key={p} value={p}>last {p}</option>)}
            </select>
          </label>
          <button type="button" onClick={() => { report.reload(); alerts.reload(); }}>Refresh</button>
        </div>
      }
    >
      <Notice message={notice} onClose={clearNotice} />
      <ProblemBanner problem={report.error} prefix="Cannot load the monitoring report" />
      {name === null && models.data?.models.length === 0 && <Empty>No models to monitor yet.</Empty>}
      {report.data ? <ReportSections report={report.data} /> : report.loading && name ? <Loading /> : null}
      {name && (
        <Section title="Alerts" id="alerts">
          <ProblemBanner problem={alerts.error} prefix="Cannot load the alerts" />
          {alerts.data ? <AlertsPanel model={name} alerts={alerts.data} onAction={ask} /> : alerts.loading ? <Loading /> : null}
        </Section>
      )}
      {dialog}
    </Page>
  );
}

/** The version shown first: production, unless it served nothing in the period and another version did (the one that served most). */
function firstVersion(report: MonitoringReport): number | null {
  const production = report.versions.find((v) => v.role === 'production');
  if (production && production.predictions > 0) return production.version;
  const busiest = [...report.versions].sort((a, b) => b.predictions - a.predictions)[0];
  return (busiest && busiest.predictions > 0 ? busiest : production ?? busiest)?.version ?? null;
}

function ReportSections({ report }: { report: MonitoringReport }) {
  const primary = firstVersion(report);
  const [version, setVersion] = useState<number | null>(primary);
  useEffect(() => setVersion(primary), [report.model, primary]);
  const timeline = useMemo(() => report.timeline.filter((p) => p.version === version), [report, version]);
  const drift = report.drift.find((d) => d.version === version);
  const period = useMemo(() => chartPeriod(report), [report]);
  const performance = useMemo(() => performanceOption(timeline, period), [timeline, period]);
  const performanceWords = useMemo(() => performanceSummary(timeline), [timeline]);
  const latency = useMemo(() => latencyOption(timeline, period), [timeline, period]);
  if (report.versions.length === 0) return <Empty>Nothing is served for {report.model} in this period, so there is nothing to monitor.</Empty>;
  return (
    <>
      <Section
        title="Traffic"
        aside={<span className="muted">{formatTime(report.window.from)} – {formatTime(report.window.to)}</span>}
      >
        <div className="version-tabs" role="tablist">
          {report.versions.map((v) => (
            <button key={v.version} type="button" role="tab" aria-selected={v.version === version} className={v.version === version ? 'tab active' : 'tab'} onClick={() => setVersion(v.version)}>
              v{v.version} · {v.role}
              <span className="muted small"> {plural(v.predictions, 'prediction')}{v.predictions > 0 ? `, ${formatPercent(v.labelled / v.predictions, 0)} labelled` : ''}</span>
            </button>
          ))}
        </div>
      </Section>
      <Section title="Drift per feature">
        {drift ? <FeatureDrift key={`${report.model}@${version}`} report={drift.report} timeline={timeline} period={period} /> : <Empty>No summarised window for v{version} in this period yet: a window is summarised once it has closed (see `window:` in the monitoring file).</Empty>}
      </Section>
      <div className="two-columns">
        <Section title="Performance over time">
          {performanceWords.map((line) => <p key={line} className="performance-summary">{line}</p>)}
          {performance ? <Chart option={performance} label="Performance per window with label coverage" /> : <Empty>No performance yet: send labels with POST /v1/feedback.</Empty>}
        </Section>
        <Section title="Latency and errors">
          {latency ? <Chart option={latency} label="Latency quantiles and errors per window" /> : <Empty>No windows yet.</Empty>}
        </Section>
      </div>
    </>
  );
}
