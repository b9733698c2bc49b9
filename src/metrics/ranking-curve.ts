// Ranking metrics across several cut-offs, for plotting precision@k, recall@k and NDCG@k against k.
import { rankingMetrics, type RankingCase } from './ranking-metrics.js';

export interface RankingCurvePoint {
  readonly k: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly ndcg: number | null;
}

/** One point per cut-off, in the order given (e.g. 1..20). */
export function rankingCurve(cases: readonly RankingCase[], ks: readonly number[]): RankingCurvePoint[] {
  return ks.map((k) => {
    const { values } = rankingMetrics(cases, k);
    return { k, precision: values.precision_at_k.value, recall: values.recall_at_k.value, ndcg: values.ndcg_at_k.value };
  });
}
