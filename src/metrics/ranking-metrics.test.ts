import { describe, expect, it } from 'vitest';
import { rankingCurve } from './ranking-curve.js';
import { rankingMetrics, type RankingCase } from './ranking-metrics.js';

function user(ranked: string[], relevant: string[]): RankingCase {
  return { ranked, relevant: new Set(relevant) };
}

const log2 = Math.log2;

describe('rankingMetrics', () => {
  it('scores one user by hand: precision@3, recall@3 and binary NDCG@3', () => {
    const { values } = rankingMetrics([user(['a', 'b', 'c', 'd'], ['a', 'c'])], 3);
    expect(values.precision_at_k).toEqual({ value: 2 / 3, rows: 1 });
    expect(values.recall_at_k).toEqual({ value: 1, rows: 1 });
    // DCG 1/log2(2) + 1/log2(4); the ideal puts both relevant items first: 1/log2(2) + 1/log2(3).
    expect(values.ndcg_at_k.value).toBeCloseTo((1 + 1 / log2(4)) / (1 + 1 / log2(3)), 12);
  });

  it('matches sklearn ndcg_score([[1,0,1,0]], [[4,3,2,1]], k=3) = 0.9197', () => {
    expect(rankingMetrics([user(['i1', 'i2', 'i3', 'i4'], ['i1', 'i3'])], 3).values.ndcg_at_k.value).toBeCloseTo(0.9197207891481876, 12);
  });

  it('averages over users, leaving users with nothing relevant out of recall and NDCG and counting them', () => {
    const cases = [user(['a', 'b', 'c', 'd'], ['a', 'c']), user(['x', 'y', 'z'], ['z', 'w', 'v']), user(['p', 'q', 'r'], [])];
    const { values, users, k } = rankingMetrics(cases, 3);
    expect({ users, k }).toEqual({ users: 3, k: 3 });
    expect(values.precision_at_k).toEqual({ value: expect.closeTo((2 / 3 + 1 / 3 + 0) / 3, 12), rows: 3 });
    expect(values.recall_at_k).toEqual({ value: expect.closeTo((1 + 1 / 3) / 2, 12), rows: 2, skippedRows: 1 });
    const second = 1 / log2(4) / (1 + 1 / log2(3) + 1 / log2(4));
    expect(values.ndcg_at_k).toEqual({ value: expect.closeTo((0.9197207891481876 + second) / 2, 12), rows: 2, skippedRows: 1 });
  });

  it('divides precision by k even when a list is shorter than k', () => {
    const { values } = rankingMetrics([user(['a'], ['a'])], 5);
    expect(values.precision_at_k.value).toBe(0.2);
    expect(values.recall_at_k.value).toBe(1);
    expect(values.ndcg_at_k.value).toBe(1);
  });

  it('counts an item ranked twice once', () => {
    const { values } = rankingMetrics([user(['a', 'a', 'b'], ['a', 'b'])], 3);
    expect(values.precision_at_k.value).toBeCloseTo(2 / 3, 12);
    expect(values.ndcg_at_k.value).toBeCloseTo((1 + 1 / log2(4)) / (1 + 1 / log2(3)), 12);
  });

  it('gives recall and NDCG as null with a reason when no user has a relevant item', () => {
    expect(rankingMetrics([user(['a'], [])], 1).values.ndcg_at_k).toEqual({ value: null, rows: 0, skippedRows: 1, reason: 'no user has a relevant item' });
  });

  it('refuses no users and a k that is not a whole number ≥ 1', () => {
    expect(() => rankingMetrics([], 5)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', message: 'cannot compute ranking metrics for no users' }));
    expect(() => rankingMetrics([user(['a'], ['a'])], 0)).toThrow(expect.objectContaining({ field: 'k' }));
    expect(() => rankingMetrics([user(['a'], ['a'])], 2.5)).toThrow(expect.objectContaining({ field: 'k' }));
  });
});

describe('rankingCurve', () => {
  it('gives the three metrics at each cut-off, for plotting against k', () => {
    const curve = rankingCurve([user(['a', 'b', 'c'], ['b'])], [1, 2, 3]);
    expect(curve).toEqual([
      { k: 1, precision: 0, recall: 0, ndcg: 0 },
      { k: 2, precision: 0.5, recall: 1, ndcg: expect.closeTo(1 / log2(3), 12) },
      { k: 3, precision: expect.closeTo(1 / 3, 12), recall: 1, ndcg: expect.closeTo(1 / log2(3), 12) },
    ]);
  });
});
