// What a dry run found: how many logged decisions the candidate would change, how they move, and a few examples.
import type { DecisionSummary, DryRunReport } from '../../api/types.js';
import { formatValue, plural } from '../../format.js';

export function DryRunResult({ report }: { report: DryRunReport }) {
  return (
    <div className="dry-run" role="status">
      <p className="dry-run-headline">
        <span className="strong">{report.changed.toLocaleString('en-US')} of {report.compared.toLocaleString('en-US')}</span> decisions would change
        <span className="muted"> (the newest {plural(report.considered, 'logged decision')} of {report.app}, compared with the deployed v{report.baselineVersion}{report.notReplayable > 0 ? `; ${report.notReplayable} could not be replayed` : ''}).</span>
      </p>
      {report.transitions.length > 0 && (
        <table className="table compact">
          <thead><tr><th>Rule deciding now</th><th>Rule deciding with this text</th><th className="num">Changed decisions</th></tr></thead>
          <tbody>{report.transitions.map((t) => <tr key={`${t.from}>${t.to}`}><td><code>{t.from}</code></td><td><code>{t.to}</code></td><td className="num">{t.count.toLocaleString('en-US')}</td></tr>)}</tbody>
        </table>
      )}
      {report.examples.length > 0 && (
        <>
          <h4>Examples</h4>
          <table className="table compact">
            <thead><tr><th>Decision</th><th>Now</th><th>With this rule set</th></tr></thead>
            <tbody>
              {report.examples.map((e) => (
                <tr key={e.id}>
                  <td className="mono small">{e.id}</td>
                  <td><Summary summary={e.baseline} /></td>
                  <td><Summary summary={e.candidate} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function Summary({ summary }: { summary: DecisionSummary }) {
  if (summary.error) return <span className="danger-text">{summary.error}</span>;
  return <span><code>{summary.decidedBy ? `${summary.decidedBy.ruleId}` : '—'}</code> <span className="small">{formatValue(summary.output)}</span></span>;
}
