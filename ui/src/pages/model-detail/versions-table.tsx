// The versions of a model: stage, aliases, digest, where each came from, its offline metrics, and what can be done to it.
import type { ModelDetail, VersionDetail } from '../../api/types.js';
import type { ConfirmAction } from '../../components/confirm-dialog.js';
import { StagePill } from '../../components/status-pill.js';
import { formatNumber, formatRelative, formatTime, formatValue, shortDigest } from '../../format.js';
import { useApi, useSession } from '../../session.js';
import { versionActions } from './version-actions.js';

export function VersionsTable({ detail, onAction }: { detail: ModelDetail; onAction: (action: ConfirmAction) => void }) {
  const api = useApi();
  const { can } = useSession();
  const versions = [...detail.versions].sort((a, b) => b.version - a.version);
  return (
    <table className="table">
      <thead>
        <tr><th>Version</th><th>Stage</th><th>Aliases</th><th>Digest</th><th>Lineage</th><th>Metrics</th>{can('deployer') && <th>Actions</th>}</tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr key={version.version} data-version={version.version}>
            <td><span className="strong">v{version.version}</span><div className="muted small">{version.label}</div></td>
            <td><StagePill stage={version.stage} /><div className="muted small" title={formatTime(version.stageChangedAt)}>{formatRelative(version.stageChangedAt)}</div></td>
            <td>{version.aliases.length ? version.aliases.map((a) => <span key={a} className="chip">{a}</span>) : <span className="muted">—</span>}</td>
            <td><code title={version.packageDigest}>{shortDigest(version.packageDigest)}</code>{version.signedBy && <div className="muted small">signed by {version.signedBy}</div>}</td>
            <td><Lineage version={version} /></td>
            <td className="nowrap"><Metrics metrics={version.metrics} /></td>
            {can('deployer') && (
              <td className="actions">
                <div>
                  {versionActions(api, detail, version, can('admin')).map((a) => (
                    <button key={a.key} type="button" className={a.key === 'promote' ? 'primary small' : 'small'} onClick={() => onAction(a.action)}>{a.label}</button>
                  ))}
                </div>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Lineage({ version }: { version: VersionDetail }) {
  const lineage = version.lineage ?? {};
  const data = lineage.trainingData as { source?: string; rows?: number; digest?: string } | undefined;
  const lines = [
    `built by ${String(lineage.createdBy ?? version.registeredBy)}${lineage.createdAt ? `, ${formatTime(String(lineage.createdAt))}` : ''}`,
    data ? `trained on ${data.source ?? 'data'}${data.rows !== undefined ? ` (${formatNumber(data.rows)} rows)` : ''}` : null,
    lineage.codeRevision ? `code ${String(lineage.codeRevision).slice(0, 12)}` : null,
  ].filter((l): l is string => l !== null);
  return <div className="small">{lines.map((l) => <div key={l}>{l}</div>)}</div>;
}

function Metrics({ metrics }: { metrics: VersionDetail['metrics'] }) {
  const entries = Object.entries(metrics ?? {});
  if (entries.length === 0) return <span className="muted">—</span>;
  return <div className="small">{entries.slice(0, 4).map(([name, value]) => <div key={name}>{name} <span className="strong">{typeof value === 'number' ? formatNumber(value) : formatValue(value)}</span></div>)}</div>;
}
