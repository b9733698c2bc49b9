// Shows what the server said went wrong, in its own words, with the field errors under it.
import type { ApiProblem } from '../api/api-client.js';

export function ProblemBanner({ problem, prefix }: { problem: ApiProblem | null; prefix?: string }) {
  if (!problem) return null;
  const extra = problem.errors.filter((e) => e.message !== problem.detail);
  return (
    <div className="problem" role="alert">
      <strong>{prefix ?? problem.title}</strong>
      {problem.status === 403 ? ' — your key may not do this. ' : ': '}
      {problem.detail}
      {extra.length > 0 && (
        <ul>{extra.map((e, i) => <li key={i}>{e.field ? <code>{e.field}</code> : null} {e.message}</li>)}</ul>
      )}
    </div>
  );
}
