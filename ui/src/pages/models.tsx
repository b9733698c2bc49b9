// Models: every model at a glance (what serves production, canary and shadow, and whether it is healthy), paged and
// searched on the server so a hundred models stay quick.
import { useEffect, useState } from 'react';
import type { ModelList, ModelListItem, PromotionRequest } from '../api/types.js';
import { Empty, Loading, Page } from '../components/page.js';
import { OffsetPager } from '../components/pager.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { StatusPill } from '../components/status-pill.js';
import { useResource } from '../components/use-resource.js';
import { formatMs, formatNumber, formatPercent, formatRelative, plural } from '../format.js';
import { Link, navigate, pathOf, useLocation } from '../router.js';
import { useSession } from '../session.js';

const PAGE_SIZE = 25;

export function ModelsPage() {
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const models = useResource((api) => api.get<ModelList>('/admin/models', { q, limit: PAGE_SIZE, offset }), [q, offset]);
  const go = (next: { q?: string; offset?: number }) => {
    const params = new URLSearchParams({ ...(next.q ?? q ? { q: next.q ?? q } : {}), ...((next.offset ?? 0) > 0 ? { offset: String(next.offset) } : {}) });
    navigate(`/models${params.size ? `?${params}` : ''}`, { replace: true });
  };
  return (
    <Page
      title="Models"
      intro="Every registered model: what serves production, canary and shadow traffic, and its health: requests in the last 5 minutes, drift in the latest monitoring window, and alert rules firing now. Green is fine, amber needs a look, red needs action."
      actions={<button type="button" onClick={models.reload}>Refresh</button>}
    >
      <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); go({ q: search, offset: 0 }); }}>
        <input type="search" placeholder="Search models by name or description" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Search models" />
        <button type="submit">Search</button>
        {models.data && <span className="muted">{plural(models.data.total, 'model')}{q ? ` matching “${q}”` : ''}</span>}
      </form>
      <PendingApprovals />
      <ProblemBanner problem={models.error} prefix="Cannot list models" />
      {models.data === null ? (models.loading ? <Loading /> : null) : models.data.models.length === 0 ? (
        <Empty>{q ? `No model matches “${q}”.` : 'No models yet: register one with `pitstop register model.pitstop`.'}</Empty>
      ) : (
        <div className="card flush">
          <table className="table">
            <thead>
              <tr>
                <th>Model</th><th>Production</th><th>Canary · shadow</th><th>Health</th>
                <th className="num">Requests/min</th><th className="num">Errors</th><th className="num">p99 latency</th>
                <th>Drift</th><th>Performance</th><th className="num">Firing alerts</th>
              </tr>
            </thead>
            <tbody>{models.data.models.map((m) => <ModelRow key={m.name} model={m} />)}</tbody>
          </table>
          <OffsetPager offset={offset} limit={PAGE_SIZE} total={models.data.total} onChange={(next) => go({ offset: next })} />
        </div>
      )}
    </Page>
  );
}

function ModelRow({ model }: { model: ModelListItem }) {
  const { health } = model;
  return (
    <tr data-model={model.name}>
      <td className="model-cell">
        <Link to={pathOf('models', model.name)} className="strong">{model.name}</Link>
        <div className="muted small">{model.description ?? plural(model.versionCount, 'version')}</div>
      </td>
      <td>
        {model.production ? <><span className="strong">v{model.production.version}</span> <span className="muted small">since {formatRelative(model.production.since)}</span></> : <span className="muted">none</span>}
        {model.staging.length > 0 && <div className="muted small">staging: {model.staging.map((v) => `v${v}`).join(', ')}</div>}
      </td>
      <td>
        {model.canary ? <div>canary v{model.canary.version} · {formatNumber(model.canary.percent)}%</div> : null}
        {model.shadow ? <div>shadow v{model.shadow.version} · {formatNumber(model.shadow.percent)}%</div> : null}
        {!model.canary && !model.shadow && <span className="muted">—</span>}
      </td>
      <td><StatusPill light={health.status} /></td>
      <td className="num">{formatNumber(health.requestsPerMinute)}</td>
      <td className="num">{formatPercent(health.errorRate, 2)}</td>
      <td className="num">{formatMs(health.p99LatencyMs)}</td>
      <td><StatusPill light={health.drift} label={{ green: 'No drift', amber: 'Some drift', red: 'Drifted', unknown: 'No data' }[health.drift]} title={health.drift === 'unknown' ? 'No monitoring window with a reference profile yet' : 'Share of features drifted in the latest monitoring window'} /></td>
      <td><StatusPill light={health.performance} label={{ green: 'Good', amber: 'Slipping', red: 'Poor', unknown: 'No rule' }[health.performance]} title={health.performance === 'unknown' ? 'No alert rule on a performance metric (accuracy, rmse, ...) judges this model' : 'From the alert rules on performance metrics'} /></td>
      <td className="num">{health.firingAlerts > 0 ? <Link to={pathOf('monitoring', model.name)} className="alert-count">{health.firingAlerts}</Link> : '0'}</td>
    </tr>
  );
}

/** For admins: promotions anywhere that wait for their approval. */
function PendingApprovals() {
  const { can } = useSession();
  const pending = useResource((api) => (can('admin') ? api.get<{ requests: PromotionRequest[] }>('/admin/promotions', { status: 'pending' }) : Promise.resolve({ requests: [] })), []);
  const requests = pending.data?.requests ?? [];
  if (requests.length === 0) return null;
  return (
    <div className="notice warn" role="status">
      <span>
        {plural(requests.length, 'promotion')} {requests.length === 1 ? 'waits' : 'wait'} for an admin's approval:{' '}
        {requests.map((r, i) => <span key={r.id}>{i > 0 && ', '}<Link to={pathOf('models', r.model)}>{r.model} v{r.version}</Link></span>)}
      </span>
    </div>
  );
}
