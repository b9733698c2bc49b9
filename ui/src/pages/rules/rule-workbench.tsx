// Editing a rule set: the editor, a dry run against logged traffic, and deploying, with problems shown in the source.
import { useState } from 'react';
import type { ApiProblem } from '../../api/api-client.js';
import type { DeployedRuleSet, DryRunReport } from '../../api/types.js';
import type { ConfirmAction } from '../../components/confirm-dialog.js';
import { ProblemBanner } from '../../components/problem-banner.js';
import { asProblem } from '../../components/use-resource.js';
import { useApi, useSession } from '../../session.js';
import { DryRunResult } from './dry-run-result.js';
import { RuleEditor } from './rule-editor.js';
import { ruleProblems, type RuleProblems } from './rule-problems.js';

const NO_PROBLEMS: RuleProblems = { placed: [], general: [] };

export function RuleWorkbench({ initial, nextVersion, onDeployed, onAction }: {
  initial: string;
  /** The version a deploy would create, for the confirmation; null for a new rule set. */
  nextVersion: number | null;
  onDeployed: (deployed: DeployedRuleSet) => void;
  onAction: (action: ConfirmAction) => void;
}) {
  const api = useApi();
  const { can } = useSession();
  const [source, setSource] = useState(initial);
  const [last, setLast] = useState('10000');
  const [problems, setProblems] = useState<RuleProblems>(NO_PROBLEMS);
  const [other, setOther] = useState<ApiProblem | null>(null);
  const [dryRun, setDryRun] = useState<{ source: string; report: DryRunReport } | null>(null);
  const [busy, setBusy] = useState(false);
  /** A rule-set refusal goes into the editor; anything else is a banner. */
  const show = (error: unknown) => {
    const problem = asProblem(error);
    if (problem.code === 'RULE_INVALID' || (problem.status === 400 && /:\d+:\d+: /.test(problem.detail))) setProblems(ruleProblems(problem));
    else setOther(problem);
  };
  const runDry = async () => {
    setBusy(true);
    setProblems(NO_PROBLEMS);
    setOther(null);
    setDryRun(null);
    try {
      setDryRun({ source, report: await api.post<DryRunReport>('/admin/rules/dry-run', { source, last: Number(last) || 10_000 }) });
    } catch (error) {
      show(error);
    } finally {
      setBusy(false);
    }
  };
  const dryRunFresh = dryRun?.source === source;
  const deploy = (): ConfirmAction => ({
    title: nextVersion ? `Deploy this rule set as version ${nextVersion}?` : 'Deploy this new rule set?',
    consequences: [
      'Every server applies it within a second, without a restart; the previous version stays in the history and can be redeployed.',
      dryRunFresh ? `The dry run found that ${dryRun!.report.changed} of ${dryRun!.report.compared} recent decisions would change.` : 'You have not dry-run this exact text: the dry run shows which recent decisions it would change.',
    ],
    confirmLabel: 'Deploy',
    reason: { label: 'Description of this version (optional, shown in the history)', placeholder: 'what changed and why', optional: true },
    run: async (description) => {
      setProblems(NO_PROBLEMS);
      try {
        const deployed = await api.post<DeployedRuleSet>('/admin/rules', { source, ...(description ? { description } : {}) });
        onDeployed(deployed);
        return deployed.changed ? `Deployed ${deployed.ruleSet.name} v${deployed.ruleSet.version}.` : `Nothing to deploy: v${deployed.ruleSet.version} already has exactly this text.`;
      } catch (error) {
        show(error);
        throw error;
      }
    },
  });
  return (
    <div className="workbench">
      <RuleEditor value={source} onChange={(text) => { setSource(text); }} problems={problems.placed} label="Rule set source" />
      {problems.general.length > 0 && <div className="problem" role="alert"><strong>The server refuses this rule set:</strong><ul>{problems.general.map((m) => <li key={m}>{m}</li>)}</ul></div>}
      <ProblemBanner problem={other} />
      <div className="toolbar">
        <label>Dry run against the last <input type="number" min={1} max={100000} value={last} onChange={(e) => setLast(e.target.value)} className="narrow" aria-label="Decisions to compare" /> decisions</label>
        <button type="button" onClick={() => void runDry()} disabled={busy}>{busy ? 'Running…' : 'Check and dry run'}</button>
        {can('deployer') && <button type="button" className="primary" disabled={busy} onClick={() => onAction(deploy())}>Deploy…</button>}
        {source !== initial && <button type="button" className="link" onClick={() => { setSource(initial); setProblems(NO_PROBLEMS); }}>Discard changes</button>}
      </div>
      {dryRun && (dryRunFresh ? <DryRunResult report={dryRun.report} /> : <p className="muted">The text changed since the dry run; run it again.</p>)}
    </div>
  );
}
