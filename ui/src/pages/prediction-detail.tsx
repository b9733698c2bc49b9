// One logged prediction: its input and output, the rule that decided it (when it came through an application), its
// labels, a replay that says whether the answer is reproduced, and its explanation.
import type { Explanation, PredictionDetail } from '../api/types.js';
import { Loading, Page, Section } from '../components/page.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { useResource } from '../components/use-resource.js';
import { formatMs, formatTime, formatValue, shortDigest } from '../format.js';
import { Link, pathOf } from '../router.js';
import { ExplanationChart } from './prediction-detail/explanation-chart.js';
import { ReplayPanel } from './prediction-detail/replay-panel.js';

export function PredictionDetailPage({ id }: { id: string }) {
  const detail = useResource((api) => api.get<PredictionDetail>(`/admin${pathOf('predictions', id)}`), [id]);
  const explanation = useResource((api) => api.get<Explanation>(`/v1${pathOf('predictions', id, 'explanation')}`), [id]);
  const p = detail.data?.prediction;
  return (
    <Page
      title={<><Link to="/predictions" className="crumb">Predictions</Link> / <span className="mono">{id}</span></>}
      intro={p ? <>Answered by <Link to={pathOf('models', p.model)}>{p.model}</Link> v{p.version} on {formatTime(p.at)} in {formatMs(p.latencyMs)} (route {p.route}{p.caller ? `, caller ${p.caller}` : ''}).</> : undefined}
    >
      <ProblemBanner problem={detail.error} prefix="Cannot load the prediction" />
      {!detail.data ? (detail.loading ? <Loading /> : null) : (
        <>
          <div className="two-columns">
            <Section title="Input">
              <table className="table compact">
                <tbody>{Object.entries(detail.data.prediction.input).map(([k, v]) => <tr key={k}><th>{k}</th><td className="mono">{formatValue(v)}</td></tr>)}</tbody>
              </table>
            </Section>
            <Section title="Output">
              <pre className="json">{JSON.stringify(detail.data.prediction.output, null, 2)}</pre>
              <p className="muted small">package <code title={detail.data.prediction.packageDigest}>{shortDigest(detail.data.prediction.packageDigest)}</code></p>
              <h3>Outcome</h3>
              {detail.data.labels.length === 0 ? <p className="muted">No label (feedback) yet.</p> : (
                <ul className="plain">{detail.data.labels.map((l) => <li key={l.id}><span className="strong">{formatValue(l.actual)}</span> <span className="muted small">by {l.actor}, {formatTime(l.at)}{l.supersedes ? ` (corrects label #${l.supersedes})` : ''}</span></li>)}</ul>
              )}
            </Section>
          </div>
          <Section title="Decided by">
            {detail.data.decision ? (
              <div className="decision">
                <p>
                  Application <span className="strong">{detail.data.decision.app}</span>, rule set v{detail.data.decision.ruleSetVersion}: rule <code>{detail.data.decision.ruleId}</code> {detail.data.decision.kind === 'model' ? 'sent it to the model' : detail.data.decision.kind === 'fallback' ? 'answered with its fallback' : 'answered with a provider'}
                  {detail.data.decision.applied.length > 0 && <>, then after-rules {detail.data.decision.applied.map((a) => <code key={a}>{a}</code>)} shaped the answer</>}.
                  {' '}<Link to={pathOf('rules', detail.data.decision.app)}>See the rule set</Link>
                </p>
                <div className="two-columns">
                  <div><h4>Request</h4><pre className="json">{JSON.stringify(detail.data.decision.request, null, 2)}</pre></div>
                  <div><h4>Final answer</h4><pre className="json">{JSON.stringify(detail.data.decision.output, null, 2)}</pre></div>
                </div>
              </div>
            ) : <p className="muted">No rule: the model was called directly (not through an application endpoint).</p>}
          </Section>
          <Section title="Replay"><ReplayPanel id={id} /></Section>
          <Section title="Explanation">
            <ProblemBanner problem={explanation.error} prefix="Cannot explain" />
            {explanation.data ? <ExplanationChart explanation={explanation.data} /> : explanation.loading ? <p className="loading">Explaining…</p> : null}
          </Section>
        </>
      )}
    </Page>
  );
}
