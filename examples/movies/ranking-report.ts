// precision@10 and NDCG@10 of each recommender, overall and per segment, with 95% bootstrap intervals over users and
// paired-bootstrap differences against the popularity baseline (src/metrics does the statistics).
import { bootstrapInterval, pairedBootstrap, rankingRowMetric, type RankedLists } from '../../src/metrics/index.js';

export const METHODS = ['mf', 'popularity', 'hybrid'] as const;
export type Method = (typeof METHODS)[number];
export const SEGMENTS = ['all', 'cold', 'warm'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** One evaluated user: who they are, which segment, what is relevant, and each method's list. */
export interface EvaluatedUser {
  readonly user: string;
  readonly segment: Exclude<Segment, 'all'>;
  readonly relevant: ReadonlySet<string>;
  readonly lists: Readonly<Record<Method, readonly string[]>>;
}

export interface Estimate {
  readonly value: number | null;
  /** 95% percentile bootstrap interval over users; null with fewer than 2 users. */
  readonly low: number | null;
  readonly high: number | null;
}

export interface MethodScores {
  readonly precisionAt10: Estimate;
  readonly ndcgAt10: Estimate;
}

export interface SegmentReport {
  readonly users: number;
  readonly methods: Record<Method, MethodScores>;
  /** method − popularity on the same bootstrap resamples of users. */
  readonly versusPopularity: Record<Exclude<Method, 'popularity'>, MethodScores>;
}

export type RankingReport = Record<Segment, SegmentReport>;

const K = 10;
const NO_VALUE: Estimate = { value: null, low: null, high: null };

export function rankingReport(users: readonly EvaluatedUser[], bootstrap: { iterations: number; seed: number }): RankingReport {
  const report = {} as RankingReport;
  for (const segment of SEGMENTS) {
    const members = users.filter((u) => segment === 'all' || u.segment === segment);
    report[segment] = segmentReport(members, bootstrap);
  }
  return report;
}

function segmentReport(users: readonly EvaluatedUser[], bootstrap: { iterations: number; seed: number }): SegmentReport {
  const relevant = users.map((u) => u.relevant);
  const metrics = { precisionAt10: rankingRowMetric('precision_at_k', relevant, K), ndcgAt10: rankingRowMetric('ndcg_at_k', relevant, K) };
  const listsOf = (method: Method): RankedLists => users.map((u) => u.lists[method]);
  const lists: Record<Method, RankedLists> = { mf: listsOf('mf'), popularity: listsOf('popularity'), hybrid: listsOf('hybrid') };
  const scores = (estimate: (metric: (typeof metrics)['precisionAt10']) => Estimate): MethodScores => ({
    precisionAt10: estimate(metrics.precisionAt10),
    ndcgAt10: estimate(metrics.ndcgAt10),
  });
  const interval = (method: Method) => scores((metric) => {
    if (users.length === 0) return NO_VALUE;
    const found = bootstrapInterval(metric, users.length, lists[method], bootstrap);
    return { value: found.estimate, low: users.length > 1 ? found.low : null, high: users.length > 1 ? found.high : null };
  });
  const difference = (method: Method) => scores((metric) => {
    if (users.length === 0) return NO_VALUE;
    const found = pairedBootstrap(metric, users.length, lists.popularity, lists[method], bootstrap);
    return { value: found.difference, low: users.length > 1 ? found.low : null, high: users.length > 1 ? found.high : null };
  });
  return {
    users: users.length,
    methods: { mf: interval('mf'), popularity: interval('popularity'), hybrid: interval('hybrid') },
    versusPopularity: { mf: difference('mf'), hybrid: difference('hybrid') },
  };
}

/** The report as a Markdown table (the README carries a copy): one row per segment and method. */
export function formatRankingTable(report: RankingReport): string {
  const rows = [
    '| segment | users | recommender | precision@10 [95% CI] | NDCG@10 [95% CI] |',
    '|---|---:|---|---|---|',
  ];
  for (const segment of SEGMENTS) {
    const part = report[segment];
    for (const method of METHODS) {
      const s = part.methods[method];
      rows.push(`| ${segment} | ${part.users} | ${method} | ${formatEstimate(s.precisionAt10)} | ${formatEstimate(s.ndcgAt10)} |`);
    }
  }
  return rows.join('\n');
}

export function formatEstimate(estimate: Estimate, signed = false): string {
  if (estimate.value === null) return '–';
  const number = (v: number) => `${signed && v >= 0 ? '+' : ''}${v.toFixed(4)}`;
  return estimate.low === null || estimate.high === null ? number(estimate.value) : `${number(estimate.value)} [${number(estimate.low)}, ${number(estimate.high)}]`;
}
