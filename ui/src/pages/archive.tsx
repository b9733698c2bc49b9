// Archive: versions in cold storage, whether their files still match their digests, and how long they are kept.
import { useState } from 'react';
import type { ApiProblem } from '../api/api-client.js';
import type { ArchiveEntry } from '../api/types.js';
import { Empty, Loading, Page } from '../components/page.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { StatusPill } from '../components/status-pill.js';
import { asProblem, useResource } from '../components/use-resource.js';
import { formatRelative, formatTime, shortDigest } from '../format.js';
import { Link, pathOf } from '../router.js';
import { useApi, useSession } from '../session.js';

interface VerifyResult {
  readonly model: string;
  readonly version: number;
  readonly ok: boolean;
  readonly problems?: readonly string[];
}

export function ArchivePage() {
  const api = useApi();
  const { can } = useSession();
  const archive = useResource((client) => client.get<{ entries: ArchiveEntry[] }>('/admin/archive'), []);
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const verify = async () => {
    setVerifying(true);
    setProblem(null);
    try {
      const { results } = await api.post<{ results: VerifyResult[] }>('/admin/archive/verify', {});
      const failed = results.filter((r) => !r.ok);
      setVerified(failed.length === 0 ? `All ${results.length} archived versions verified: every file matches its digest.` : `${failed.length} of ${results.length} archived versions failed verification: ${failed.map((r) => `${r.model} v${r.version}`).join(', ')}.`);
      archive.reload();
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setVerifying(false);
    }
  };
  return (
    <Page
      title="Archive"
      intro="Decommissioned versions moved to cold storage, kept until their retention date so any old decision can still be replayed and explained. Verification re-reads every archived file against its digest."
      actions={can('admin') ? <button type="button" onClick={() => void verify()} disabled={verifying}>{verifying ? 'Verifying…' : 'Verify all now'}</button> : undefined}
    >
      {verified && <div className="notice" role="status">{verified}</div>}
      <ProblemBanner problem={problem ?? archive.error} prefix="Archive" />
      {!archive.data ? (archive.loading ? <Loading /> : null) : archive.data.entries.length === 0 ? <Empty>Nothing is archived yet. Archive a decommissioned version from its model's page.</Empty> : (
        <div className="card flush">
          <table className="table">
            <thead><tr><th>Version</th><th>Archived</th><th>Reason</th><th>Kept until</th><th>Last verification</th><th>Digest</th></tr></thead>
            <tbody>
              {archive.data.entries.map((e) => (
                <tr key={`${e.model}@${e.version}`}>
                  <td><Link to={pathOf('models', e.model)} className="strong">{e.model}</Link> v{e.version}</td>
                  <td title={formatTime(e.archivedAt)}>{formatRelative(e.archivedAt)} by {e.archivedBy}</td>
                  <td>{e.reason}</td>
                  <td>{e.deletion ? <span className="muted">deleted {formatTime(e.deletion.deletedAt)}</span> : <span title={formatTime(e.retainUntil)}>{formatTime(e.retainUntil)} <span className="muted small">({formatRelative(e.retainUntil)})</span></span>}</td>
                  <td>
                    {e.lastVerification ? (
                      <>
                        <StatusPill light={e.lastVerification.ok ? 'green' : 'red'} label={e.lastVerification.ok ? 'Verified' : 'Failed'} />
                        <span className="muted small"> {formatRelative(e.lastVerification.checkedAt)}, {e.lastVerification.checkedFiles} files</span>
                        {e.lastVerification.problems.length > 0 && <ul className="small danger-text">{e.lastVerification.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
                      </>
                    ) : <StatusPill light="unknown" label="Never verified" />}
                  </td>
                  <td><code title={e.packageDigest}>{shortDigest(e.packageDigest)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
