// One rule set: its versions, the editor (dry run, deploy) starting from the latest, and the diff between versions.
import { useState } from 'react';
import type { RuleSetVersion } from '../api/types.js';
import { Notice, useConfirm } from '../components/confirm-dialog.js';
import { Loading, Page, Section } from '../components/page.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { useResource } from '../components/use-resource.js';
import { formatRelative, formatTime, shortDigest } from '../format.js';
import { Link, pathOf } from '../router.js';
import { RuleDiff } from './rules/rule-diff.js';
import { RuleWorkbench } from './rules/rule-workbench.js';

export function RuleSetPage({ name }: { name: string }) {
  const ruleSet = useResource((api) => api.get<{ name: string; versions: RuleSetVersion[] }>(`/admin${pathOf('rules', name)}`), [name]);
  const { ask, dialog, notice, clearNotice } = useConfirm(ruleSet.reload);
  const [base, setBase] = useState<number | null>(null);
  const versions = ruleSet.data?.versions ?? [];
  const latest = versions[versions.length - 1];
  const start = versions.find((v) => v.version === base) ?? latest;
  return (
    <Page
      title={<><Link to="/rules" className="crumb">Rules</Link> / {name}</>}
      intro={latest ? `Version ${latest.version}${latest.description ? ` (“${latest.description}”)` : ''} is in force since ${formatTime(latest.deployedAt)}. Edit it below, dry-run the change against logged decisions, then deploy.` : undefined}
    >
      <Notice message={notice} onClose={clearNotice} />
      <ProblemBanner problem={ruleSet.error} prefix={`Cannot load ${name}`} />
      {!ruleSet.data ? (ruleSet.loading ? <Loading /> : null) : (
        <>
          <Section title={`Edit (starting from v${start?.version ?? '?'})`}>
            {start && <RuleWorkbench key={`${start.version}/${latest?.version}`} initial={start.source} nextVersion={(latest?.version ?? 0) + 1} onAction={ask} onDeployed={() => setBase(null)} />}
          </Section>
          <Section title="Versions">
            <table className="table">
              <thead><tr><th>Version</th><th>Description</th><th>Deployed</th><th>Digest</th><th /></tr></thead>
              <tbody>
                {[...versions].reverse().map((v) => (
                  <tr key={v.version} data-version={v.version}>
                    <td className="strong">v{v.version}{v === latest && <span className="pill pill-green">in force</span>}</td>
                    <td>{v.description ?? <span className="muted">—</span>}</td>
                    <td title={formatTime(v.deployedAt)}>{formatRelative(v.deployedAt)} by {v.deployedBy}</td>
                    <td><code title={v.digest}>{shortDigest(v.digest)}</code></td>
                    <td><button type="button" className="small" onClick={() => setBase(v.version)} disabled={start?.version === v.version}>Edit from this version</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          {versions.length > 1 && <Section title="Differences between versions"><RuleDiff name={name} versions={versions} /></Section>}
        </>
      )}
      {dialog}
    </Page>
  );
}
