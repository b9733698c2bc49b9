// Rules: the deployed rule sets (one per application endpoint) and a way to write a new one.
import { useState } from 'react';
import type { RuleSetSummary } from '../api/types.js';
import { Notice, useConfirm } from '../components/confirm-dialog.js';
import { Empty, Loading, Page, Section } from '../components/page.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { useResource } from '../components/use-resource.js';
import { formatRelative, formatTime } from '../format.js';
import { Link, navigate, pathOf } from '../router.js';
import { useSession } from '../session.js';
import { RuleWorkbench } from './rules/rule-workbench.js';

const STARTER = `name: my-app
description: what this application decides
route:
  - id: everyone
    respond: { provider: constant, args: { decision: "'approve'" } }
`;

export function RulesPage() {
  const { can } = useSession();
  const ruleSets = useResource((api) => api.get<{ ruleSets: RuleSetSummary[] }>('/admin/rules'), []);
  const [writing, setWriting] = useState(false);
  const { ask, dialog, notice, clearNotice } = useConfirm(ruleSets.reload);
  return (
    <Page
      title="Rules"
      intro="Rule sets decide what an application endpoint (POST /v1/apps/{name}/decide) answers: which model or provider to call, and how to shape the answer. Each deploy is a new version; servers apply it without a restart."
      actions={can('deployer') && !writing ? <button type="button" className="primary" onClick={() => setWriting(true)}>New rule set</button> : undefined}
    >
      <Notice message={notice} onClose={clearNotice} />
      <ProblemBanner problem={ruleSets.error} prefix="Cannot list rule sets" />
      {writing && (
        <Section title="New rule set" aside={<button type="button" className="link" onClick={() => setWriting(false)}>Cancel</button>}>
          <RuleWorkbench initial={STARTER} nextVersion={null} onAction={ask} onDeployed={(d) => navigate(pathOf('rules', d.ruleSet.name))} />
        </Section>
      )}
      {!ruleSets.data ? (ruleSets.loading ? <Loading /> : null) : ruleSets.data.ruleSets.length === 0 ? <Empty>No rule set is deployed yet.</Empty> : (
        <div className="card flush">
          <table className="table">
            <thead><tr><th>Rule set</th><th>Latest version</th><th>Description</th><th>Deployed</th></tr></thead>
            <tbody>
              {ruleSets.data.ruleSets.map((r) => (
                <tr key={r.name}>
                  <td><Link to={pathOf('rules', r.name)} className="strong">{r.name}</Link></td>
                  <td>v{r.latestVersion}</td>
                  <td>{r.description ?? <span className="muted">—</span>}</td>
                  <td title={formatTime(r.deployedAt)}>{formatRelative(r.deployedAt)} by {r.deployedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog}
    </Page>
  );
}
