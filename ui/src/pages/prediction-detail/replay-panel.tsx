// Replays a logged prediction with the package that made it and says whether the answer is the same.
import { useState } from 'react';
import type { ApiProblem } from '../../api/api-client.js';
import type { ReplayResult } from '../../api/types.js';
import { ProblemBanner } from '../../components/problem-banner.js';
import { StatusPill } from '../../components/status-pill.js';
import { asProblem } from '../../components/use-resource.js';
import { formatNumber } from '../../format.js';
import { pathOf } from '../../router.js';
import { useApi } from '../../session.js';

const VERDICTS = {
  identical: { light: 'green', answer: 'Identical: yes', says: 'The replayed answer equals the logged one bit for bit.' },
  'within-tolerance': { light: 'amber', answer: 'Identical: no, within tolerance', says: 'Numbers differ, but by no more than the tolerance (floating-point noise).' },
  different: { light: 'red', answer: 'Identical: no', says: 'The replayed answer differs from the logged one.' },
} as const;

export function ReplayPanel({ id }: { id: string }) {
  const api = useApi();
  const [result, setResult] = useState<ReplayResult | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const replay = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setResult(await api.get<ReplayResult>(`/v1${pathOf('predictions', id, 'replay')}`));
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const verdict = result ? VERDICTS[result.verdict] : null;
  return (
    <div className="replay">
      <p>Run this prediction's input again through the exact package version that answered it (from the archive if need be).</p>
      <button type="button" className="primary" onClick={() => void replay()} disabled={busy}>{busy ? 'Replaying…' : result ? 'Replay again' : 'Replay'}</button>
      <ProblemBanner problem={problem} prefix="Replay failed" />
      {result && verdict && (
        <div className="replay-result" data-verdict={result.verdict}>
          <StatusPill light={verdict.light} label={verdict.answer} />
          <span>{verdict.says}</span>
          <div className="muted small">
            largest difference {formatNumber(result.maxAbsDifference)} (tolerance {formatNumber(result.tolerance)}), {result.runtime}
            {result.differences.length > 0 && <> · differs at {result.differences.join(', ')}</>}
          </div>
          <div className="two-columns">
            <div><h4>Logged</h4><pre className="json">{JSON.stringify(result.logged, null, 2)}</pre></div>
            <div><h4>Replayed</h4><pre className="json">{JSON.stringify(result.replayed, null, 2)}</pre></div>
          </div>
        </div>
      )}
    </div>
  );
}
