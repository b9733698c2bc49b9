// Drift per feature: the table of verdicts, and for the chosen feature its distribution against the training data
// and its drift statistic over time against the threshold.
import { useState } from 'react';
import type { DriftReport, TimelinePoint } from '../../api/monitoring-types.js';
import { Chart } from '../../components/chart.js';
import { Empty } from '../../components/page.js';
import { StatusPill } from '../../components/status-pill.js';
import { formatNumber } from '../../format.js';
import { distributionOption, driftOverTimeOption, type Period } from './monitoring-charts.js';

const METHOD_NAMES: Record<string, string> = { psi: 'PSI', ks: 'Kolmogorov-Smirnov', wasserstein: 'Wasserstein (normalised)', js: 'Jensen-Shannon', chi2: 'chi-square' };

export function FeatureDrift({ report, timeline, period }: { report: DriftReport; timeline: readonly TimelinePoint[]; period: Period }) {
  const ordered = [...report.features].sort((a, b) => Number(b.drifted) - Number(a.drifted) || Number(b.warning) - Number(a.warning) || a.feature.localeCompare(b.feature));
  const [chosen, setChosen] = useState(ordered[0]?.feature ?? '');
  const feature = report.features.find((f) => f.feature === chosen) ?? ordered[0];
  if (!feature) return <Empty>No features were measured in this period.</Empty>;
  const distribution = distributionOption(feature);
  const overTime = driftOverTimeOption(feature.feature, timeline, period);
  return (
    <div className="drift">
      <p>
        {report.driftedFeatures} of {report.measuredFeatures} measured features drifted{report.datasetDrifted ? ': the data as a whole has drifted.' : '.'} Choose a feature to see its charts.
      </p>
      <table className="table selectable">
        <thead><tr><th>Feature</th><th>Verdict</th><th>Method</th><th className="num">Statistic</th><th className="num">Threshold</th><th className="num">Rows (current)</th></tr></thead>
        <tbody>
          {ordered.map((f) => (
            <tr key={f.feature} className={f.feature === feature.feature ? 'selected' : undefined} onClick={() => setChosen(f.feature)} data-feature={f.feature}>
              <td><button type="button" className="link strong" onClick={() => setChosen(f.feature)}>{f.feature}</button></td>
              <td>{f.skipped ? <StatusPill light="unknown" label={f.skipped} /> : <StatusPill light={f.drifted ? 'red' : f.warning ? 'amber' : 'green'} label={f.drifted ? 'Drifted' : f.warning ? 'Worth a look' : 'Stable'} />}</td>
              <td>{METHOD_NAMES[f.method] ?? f.method}</td>
              <td className="num">{formatNumber(f.pValue !== undefined ? f.pValue : f.statistic)}{f.pValue !== undefined ? ' (p)' : ''}</td>
              <td className="num">{f.pValue !== undefined ? `p < ${formatNumber(f.threshold)}` : `≥ ${formatNumber(f.threshold)}`}</td>
              <td className="num">{formatNumber(f.rows.current)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="two-columns">
        <figure>
          <figcaption><span className="strong">{feature.feature}</span>: training data vs this period</figcaption>
          {distribution ? <Chart option={distribution} height={260} label={`Distribution of ${feature.feature}: reference vs current`} /> : <Empty>No distribution for this feature.</Empty>}
        </figure>
        <figure>
          <figcaption><span className="strong">{feature.feature}</span>: drift per window</figcaption>
          {overTime ? <Chart option={overTime} height={260} label={`Drift statistic of ${feature.feature} over time with its threshold`} /> : <Empty>No windows with this feature yet.</Empty>}
        </figure>
      </div>
    </div>
  );
}
