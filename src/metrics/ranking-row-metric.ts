// Ranking metrics as RowMetrics over users' ranked lists, for the bootstrap (rows are users): per-user values are
// computed once per set of ranked lists, and each resample only averages them.
import type { RankingMetricName } from './metric-names.js';
import { checkCutoff, meanOfDefined, userRankingScores, type UserRankingScores } from './ranking-metrics.js';
import type { RowMetric } from './row-metric.js';

export type RankedLists = readonly (readonly string[])[];

/** The metric `name` at cut-off `k` of one model's ranked lists against the fixed relevant sets, one per user. */
export function rankingRowMetric(name: RankingMetricName, relevant: readonly ReadonlySet<string>[], k: number): RowMetric<RankedLists> {
  checkCutoff(k);
  const scored = new WeakMap<RankedLists, UserRankingScores>();
  const pick = name === 'precision_at_k' ? 'precision' : name === 'recall_at_k' ? 'recall' : 'ndcg';
  return (ranked, rows) => {
    let scores = scored.get(ranked);
    if (!scores) {
      scores = userRankingScores(ranked, relevant, k);
      scored.set(ranked, scores);
    }
    return meanOfDefined(scores[pick], rows).value;
  };
}
