// Ranking metrics at a cut-off k, per user and averaged over users, with binary relevance:
// precision@k = hits in the top k / k; recall@k = hits / relevant items; NDCG@k = DCG / the best DCG possible,
// with gain 1 / log2(position + 1). An item ranked twice counts once. Users with nothing relevant have no
// recall or NDCG and are left out of those averages (and counted as skipped); their precision@k is 0.
import { PitstopError } from '../errors/index.js';
import type { RankingMetricName } from './metric-names.js';
import type { MetricOutcome } from './metric-result.js';
import { allRows } from './row-metric.js';

export interface RankingCase {
  /** Item ids, best first. */
  readonly ranked: readonly string[];
  readonly relevant: ReadonlySet<string>;
}

export interface RankingMetrics {
  readonly k: number;
  /** Users evaluated. */
  readonly users: number;
  /** `rows` counts users; recall@k and NDCG@k skip users with no relevant item. */
  readonly values: Readonly<Record<RankingMetricName, MetricOutcome>>;
}

/** Per-user values, NaN where a user's value is undefined. */
export interface UserRankingScores {
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  readonly ndcg: Float64Array;
}

export function rankingMetrics(cases: readonly RankingCase[], k: number): RankingMetrics {
  if (cases.length === 0) throw new PitstopError('VALIDATION_FAILED', 'cannot compute ranking metrics for no users', { field: 'users' });
  const scores = userRankingScores(
    cases.map((c) => c.ranked),
    cases.map((c) => c.relevant),
    k,
  );
  const rows = allRows(cases.length);
  return {
    k,
    users: cases.length,
    values: {
      precision_at_k: averageOutcome(scores.precision, rows),
      recall_at_k: averageOutcome(scores.recall, rows),
      ndcg_at_k: averageOutcome(scores.ndcg, rows),
    },
  };
}

export function userRankingScores(ranked: readonly (readonly string[])[], relevant: readonly ReadonlySet<string>[], k: number): UserRankingScores {
  checkCutoff(k);
  if (ranked.length !== relevant.length) {
    throw new PitstopError('VALIDATION_FAILED', `expected ${relevant.length} ranked lists, one per user; got ${ranked.length}`, { field: 'ranked' });
  }
  const n = ranked.length;
  const scores = { precision: new Float64Array(n), recall: new Float64Array(n), ndcg: new Float64Array(n) };
  for (let user = 0; user < n; user++) {
    const items = ranked[user]!;
    const wanted = relevant[user]!;
    const seen = new Set<string>();
    let hits = 0;
    let dcg = 0;
    for (let position = 0; position < Math.min(k, items.length); position++) {
      const item = items[position]!;
      if (seen.has(item)) continue;
      seen.add(item);
      if (!wanted.has(item)) continue;
      hits++;
      dcg += 1 / Math.log2(position + 2);
    }
    let idealDcg = 0;
    for (let position = 0; position < Math.min(k, wanted.size); position++) idealDcg += 1 / Math.log2(position + 2);
    scores.precision[user] = hits / k;
    scores.recall[user] = wanted.size === 0 ? Number.NaN : hits / wanted.size;
    scores.ndcg[user] = wanted.size === 0 ? Number.NaN : dcg / idealDcg;
  }
  return scores;
}

/** The mean of per-user values over the given users, skipping NaN; null when every one is NaN. */
export function meanOfDefined(values: Float64Array, rows: Int32Array): { value: number | null; used: number } {
  let sum = 0;
  let used = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]!]!;
    if (Number.isNaN(v)) continue;
    sum += v;
    used++;
  }
  return { value: used === 0 ? null : sum / used, used };
}

export function checkCutoff(k: number): void {
  if (!(Number.isInteger(k) && k >= 1)) throw new PitstopError('VALIDATION_FAILED', `k must be a whole number ≥ 1; got ${k}`, { field: 'k' });
}

function averageOutcome(values: Float64Array, rows: Int32Array): MetricOutcome {
  const { value, used } = meanOfDefined(values, rows);
  const skippedRows = rows.length - used;
  const skipped = skippedRows > 0 ? { skippedRows } : {};
  if (value === null) return { value: null, rows: 0, reason: 'no user has a relevant item', ...skipped };
  return { value, rows: used, ...skipped };
}
