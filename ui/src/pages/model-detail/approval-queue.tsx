// The four-eyes rule: whether production needs a second admin, and the promotions waiting for one.
import type { ModelDetail, PromotionRequest } from '../../api/types.js';
import type { ConfirmAction } from '../../components/confirm-dialog.js';
import { formatRelative, formatTime } from '../../format.js';
import { pathOf } from '../../router.js';
import { useApi, useSession } from '../../session.js';

export function ApprovalQueue({ detail, onAction }: { detail: ModelDetail; onAction: (action: ConfirmAction) => void }) {
  const api = useApi();
  const { can, whoami } = useSession();
  const name = detail.model.name;
  const required = detail.policy?.requireApproval ?? false;
  const decide = (request: PromotionRequest, verdict: 'approve' | 'reject'): ConfirmAction => ({
    title: verdict === 'approve' ? `Approve promoting ${name} v${request.version} to production?` : `Reject promoting ${name} v${request.version}?`,
    consequences: verdict === 'approve'
      ? [`v${request.version} goes to production now, in your name; the current production version is decommissioned and drained.`, `Requested by ${request.requestedBy}: “${request.reason}”.`]
      : ['Nothing changes in production; the request is closed with your reason.'],
    confirmLabel: verdict === 'approve' ? 'Approve and promote' : 'Reject',
    danger: verdict === 'reject',
    reason: {},
    run: async (reason) => {
      await api.post(`/admin/promotions/${request.id}/${verdict}`, { reason });
      return verdict === 'approve' ? `Approved: ${name} v${request.version} is in production.` : `Request #${request.id} rejected.`;
    },
  });
  const policy = (): ConfirmAction => ({
    title: required ? `Stop requiring approval for ${name}?` : `Require a second admin's approval for ${name}?`,
    consequences: required
      ? ['Deployers will promote to production at once, without a second person.']
      : ['Promotions to production become requests that another admin must approve here.', 'Rollbacks stay immediate.'],
    confirmLabel: required ? 'Stop requiring approval' : 'Require approval',
    run: async () => {
      await api.put(`/admin${pathOf('models', name)}/policy`, { require_approval: !required });
      return required ? 'Promotions no longer need approval.' : 'Promotions now need a second admin.';
    },
  });
  return (
    <div>
      <p>
        {required ? 'Promotions to production need a second admin’s approval.' : 'Promotions to production take effect at once (no approval required).'}
        {can('admin') && <button type="button" className="link" onClick={() => onAction(policy())}>{required ? 'Stop requiring approval' : 'Require approval'}</button>}
      </p>
      {detail.pendingPromotions.length === 0 ? <p className="muted">No promotion waits for approval.</p> : (
        <table className="table">
          <thead><tr><th>Request</th><th>Version</th><th>Asked by</th><th>Reason</th>{can('admin') && <th>Decision</th>}</tr></thead>
          <tbody>
            {detail.pendingPromotions.map((r) => (
              <tr key={r.id}>
                <td>#{r.id} <span className="muted small" title={formatTime(r.requestedAt)}>{formatRelative(r.requestedAt)}</span></td>
                <td>v{r.version}</td>
                <td>{r.requestedBy}{r.requestedBy === whoami.keyId && <span className="muted small"> (you: another admin must approve)</span>}</td>
                <td>{r.reason}</td>
                {can('admin') && (
                  <td className="actions">
                    <div>
                      <button type="button" className="primary small" disabled={r.requestedBy === whoami.keyId} onClick={() => onAction(decide(r, 'approve'))}>Approve</button>
                      <button type="button" className="small" onClick={() => onAction(decide(r, 'reject'))}>Reject</button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
