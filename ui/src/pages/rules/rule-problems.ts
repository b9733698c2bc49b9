// Turns the server's refusal of a rule set into problems placed in the source: `rules.yaml:8:22: message` becomes
// line 8, column 22. Problems without a place (an unknown feature table) stay general. Pure.
import type { ApiProblem } from '../../api/api-client.js';

export interface PlacedProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface RuleProblems {
  readonly placed: readonly PlacedProblem[];
  readonly general: readonly string[];
}

const PLACED = /^[^:\n]+:(\d+):(\d+): ([\s\S]*)$/;

export function ruleProblems(problem: ApiProblem): RuleProblems {
  const messages = problem.errors.length > 0 ? problem.errors.map((e) => e.message) : [problem.detail];
  const placed: PlacedProblem[] = [];
  const general: string[] = [];
  for (const message of messages) {
    const match = PLACED.exec(message);
    if (match) placed.push({ line: Number(match[1]), column: Number(match[2]), message: match[3]!.replace(/ \(and \d+ more\)$/, '') });
    else general.push(message);
  }
  return { placed: dedupe(placed), general };
}

function dedupe(problems: PlacedProblem[]): PlacedProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).sort((a, b) => a.line - b.line || a.column - b.column);
}
