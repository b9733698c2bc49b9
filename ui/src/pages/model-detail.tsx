// Model detail: a model's versions and what can be done with them, its traffic and aliases, the approval queue, and
// the stage history as a timeline.
import type { ModelDetail } from '../api/types.js';
import { Notice, useConfirm } from '../components/confirm-dialog.js';
import { Loading, Page, Section } from '../components/page.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { useResource } from '../components/use-resource.js';
import { Link, pathOf } from '../router.js';
import { useApi, useSession } from '../session.js';
import { AliasesPanel } from './model-detail/aliases-panel.js';
import { ApprovalQueue } from './model-detail/approval-queue.js';
import { StageTimeline } from './model-detail/stage-timeline.js';
import { TrafficPanel } from './model-detail/traffic-panel.js';
import { productionVersion, rollbackAction } from './model-detail/version-actions.js';
import { VersionsTable } from './model-detail/versions-table.js';

export function ModelDetailPage({ name }: { name: string }) {
  const api = useApi();
  const { can } = useSession();
  const detail = useResource((client) => client.get<ModelDetail>(`/admin${pathOf('models', name)}`), [name]);
  const { ask, dialog, notice, clearNotice } = useConfirm(detail.reload);
  const data = detail.data;
  const production = data ? productionVersion(data) : undefined;
  const rollback = data && can('deployer') ? rollbackAction(api, data) : null;
  return (
    <Page
      title={<><Link to="/models" className="crumb">Models</Link> / {name}</>}
      intro={data ? `${sentence(data.model.description ?? 'No description')} ${production ? `v${production.version} is in production.` : 'No version is in production.'}` : undefined}
      actions={<>
        <Link to={pathOf('monitoring', name)} className="button">Monitoring</Link>
        <Link to={`/predictions?model=${encodeURIComponent(name)}`} className="button">Predictions</Link>
        {rollback && <button type="button" className="danger" onClick={() => ask(rollback)}>Roll back…</button>}
      </>}
    >
      <Notice message={notice} onClose={clearNotice} />
      <ProblemBanner problem={detail.error} prefix={`Cannot load ${name}`} />
      {!data ? (detail.loading ? <Loading /> : null) : (
        <>
          <Section title="Versions" aside={<span className="muted">{data.versions.length} in all</span>}>
            <VersionsTable detail={data} onAction={ask} />
          </Section>
          {(data.pendingPromotions.length > 0 || data.policy?.requireApproval || can('admin')) && (
            <Section title="Approval queue" aside={data.pendingPromotions.length > 0 ? <span className="pill pill-amber">{data.pendingPromotions.length} waiting</span> : null}>
              <ApprovalQueue detail={data} onAction={ask} />
            </Section>
          )}
          <div className="columns-3-2">
            <Section title="Traffic"><TrafficPanel detail={data} onAction={ask} /></Section>
            <Section title="Aliases"><AliasesPanel detail={data} onAction={ask} /></Section>
          </div>
          <Section title="Stage history"><StageTimeline events={data.history} /></Section>
        </>
      )}
      {dialog}
    </Page>
  );
}

/** A description as a sentence: ends with a full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
