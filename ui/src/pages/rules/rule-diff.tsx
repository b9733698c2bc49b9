// The line diff between two versions of a rule set, as the server computes it.
import { useEffect, useState } from 'react';
import type { DiffLine, RuleSetVersion } from '../../api/types.js';
import { Loading } from '../../components/page.js';
import { ProblemBanner } from '../../components/problem-banner.js';
import { useResource } from '../../components/use-resource.js';
import { pathOf } from '../../router.js';

export function RuleDiff({ name, versions }: { name: string; versions: readonly RuleSetVersion[] }) {
  const latest = versions[versions.length - 1]?.version ?? 1;
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const [to, setTo] = useState(latest);
  useEffect(() => {
    setFrom(Math.max(1, latest - 1));
    setTo(latest);
  }, [latest]);
  const diff = useResource((api) => api.get<{ lines: DiffLine[] }>(`/admin${pathOf('rules', name, 'diff')}`, { from, to }), [name, from, to]);
  const select = (value: number, set: (v: number) => void, label: string) => (
    <select value={value} onChange={(e) => set(Number(e.target.value))} aria-label={label}>
      {versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}
    </select>
  );
  const changes = diff.data?.lines.filter((l) => l.kind !== 'same').length ?? 0;
  return (
    <div>
      <div className="toolbar">From {select(from, setFrom, 'Diff from version')} to {select(to, setTo, 'Diff to version')}
        {diff.data && <span className="muted">{changes === 0 ? 'identical' : `${changes} changed lines`}</span>}
      </div>
      <ProblemBanner problem={diff.error} prefix="Cannot diff" />
      {diff.data ? (
        <pre className="diff" aria-label={`Changes from v${from} to v${to}`}>
          {diff.data.lines.map((l, i) => <div key={i} className={`diff-${l.kind}`}>{l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}{l.text}</div>)}
        </pre>
      ) : diff.loading ? <Loading /> : null}
    </div>
  );
}
