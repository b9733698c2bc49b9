// Matrix factorisation on real data: MovieLens "latest small" (100k ratings, 610 users, 9.7k movies), committed in data/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  exportMatrixFactorizationOnnx,
  recommendTopK,
  scoreItems,
  trainMatrixFactorization,
  type MatrixFactorizationModel,
  type RatingsData,
} from './index.js';
import { topIndices } from './recommend-top-k.js';
import { MOVIELENS_DIR } from '../../../test/fixtures/third-party-data.js';

const RATINGS_CSV = path.join(MOVIELENS_DIR, 'ratings.csv');

interface Rating {
  readonly user: string;
  readonly item: string;
  readonly rating: number;
}

function readMovieLens(): Rating[] {
  const lines = readFileSync(RATINGS_CSV, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [user, item, rating] = line.split(',');
    return { user: user!, item: item!, rating: Number(rating) };
  });
}

/** Holds out a seeded 20% of each user's ratings. */
function splitPerUser(ratings: Rating[], seed: number): { train: Rating[]; test: Rating[] } {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const byUser = new Map<string, Rating[]>();
  for (const rating of ratings) {
    const own = byUser.get(rating.user);
    if (own) own.push(rating);
    else byUser.set(rating.user, [rating]);
  }
  const train: Rating[] = [];
  const test: Rating[] = [];
  for (const own of byUser.values()) {
    const shuffled = [...own];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const heldOut = Math.round(shuffled.length * 0.2);
    test.push(...shuffled.slice(0, heldOut));
    train.push(...shuffled.slice(heldOut));
  }
  return { train, test };
}

const asRatingsData = (ratings: Rating[]): RatingsData => ({
  users: ratings.map((r) => r.user),
  items: ratings.map((r) => r.item),
  ratings: Float64Array.from(ratings, (r) => r.rating),
});

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const rmse = (test: Rating[], predict: (rating: Rating) => number): number =>
  Math.sqrt(mean(test.map((r) => (r.rating - predict(r)) ** 2)));

/** The classic baseline: μ + b_user + b_item, damped biases fitted by alternating passes (as Surprise's BaselineOnly). */
function biasBaseline(train: Rating[]): (rating: Rating) => number {
  const mu = mean(train.map((r) => r.rating));
  const userBias = new Map<string, number>();
  const itemBias = new Map<string, number>();
  const refit = (target: Map<string, number>, key: (r: Rating) => string, other: (r: Rating) => number, damping: number): void => {
    const sums = new Map<string, [number, number]>();
    for (const r of train) {
      const sum = sums.get(key(r)) ?? [0, 0];
      sums.set(key(r), [sum[0] + r.rating - mu - other(r), sum[1] + 1]);
    }
    for (const [id, [total, count]] of sums) target.set(id, total / (count + damping));
  };
  for (let pass = 0; pass < 10; pass++) {
    refit(itemBias, (r) => r.item, (r) => userBias.get(r.user) ?? 0, 10);
    refit(userBias, (r) => r.user, (r) => itemBias.get(r.item) ?? 0, 15);
  }
  return (r) => mu + (userBias.get(r.user) ?? 0) + (itemBias.get(r.item) ?? 0);
}

/** Mean over users of (hits among the 10 best-scored movies they have not rated in training) / 10. */
function precisionAt10(
  liked: Map<string, Set<string>>,
  seen: Map<string, Set<string>>,
  itemIds: string[],
  score: (user: string) => Float64Array,
): number {
  const precisions = [...liked].map(([user, wanted]) => {
    const scores = Float64Array.from(score(user));
    itemIds.forEach((id, index) => {
      if (seen.get(user)!.has(id)) scores[index] = -Infinity;
    });
    return topIndices(scores, 10).filter((index) => wanted.has(itemIds[index]!)).length / 10;
  });
  return mean(precisions);
}

async function expectOnnxToMatchRecommendTopK(model: MatrixFactorizationModel): Promise<void> {
  const userIds = [...model.userIds, 'a user never seen'];
  const session = await ort.InferenceSession.create(exportMatrixFactorizationOnnx(model, { topK: 10 }).bytes);
  try {
    const results = await session.run({ user_id: new ort.Tensor('string', userIds, [userIds.length]) });
    const items = results.items!.data as string[];
    const scores = results.scores!.data as Float32Array;
    userIds.forEach((userId, n) => {
      const expected = recommendTopK(model, userId, 10);
      expect(items.slice(n * 10, n * 10 + 10), userId).toEqual(expected.items);
      expected.scores.forEach((score, j) => expect(Math.abs(scores[n * 10 + j]! - score)).toBeLessThan(1e-5));
    });
  } finally {
    await session.release();
  }
}

describe('matrix factorisation on MovieLens', () => {
  const { train, test } = splitPerUser(readMovieLens(), 2024);
  const trainedItems = new Set(train.map((r) => r.item));
  // A held-out movie nobody rated in training has no vector; every method is judged on the others.
  const judged = test.filter((r) => trainedItems.has(r.item));

  it('explicit: predicts held-out ratings better than the global mean and than user + item biases', async () => {
    const model = trainMatrixFactorization(asRatingsData(train), { factors: 16, iterations: 8, regularization: 0.1 });
    const itemIndex = new Map(model.itemIds.map((id, index) => [id, index]));
    const scores = new Map(model.userIds.map((user) => [user, scoreItems(model, user)]));
    const modelRmse = rmse(judged, (r) => scores.get(r.user)![itemIndex.get(r.item)!]!);
    const globalMean = mean(train.map((r) => r.rating));
    const baselineRmse = rmse(judged, biasBaseline(train));
    expect(modelRmse).toBeLessThan(rmse(judged, () => globalMean));
    expect(modelRmse).toBeLessThan(baselineRmse);
    await expectOnnxToMatchRecommendTopK(model);
  });

  it('implicit: ranks held-out liked movies (rated ≥ 4) higher than recommending the most popular', async () => {
    const model = trainMatrixFactorization(asRatingsData(train), {
      feedback: 'implicit',
      factors: 16,
      iterations: 8,
      regularization: 50,
      alpha: 2,
    });
    const seen = new Map<string, Set<string>>();
    for (const r of train) seen.set(r.user, (seen.get(r.user) ?? new Set()).add(r.item));
    const liked = new Map<string, Set<string>>();
    for (const r of judged) if (r.rating >= 4) liked.set(r.user, (liked.get(r.user) ?? new Set()).add(r.item));
    const popularity = new Map<string, number>();
    for (const r of train) popularity.set(r.item, (popularity.get(r.item) ?? 0) + 1);
    const popular = Float64Array.from(model.itemIds, (id) => popularity.get(id)!);

    const modelPrecision = precisionAt10(liked, seen, model.itemIds, (user) => scoreItems(model, user));
    const popularPrecision = precisionAt10(liked, seen, model.itemIds, () => popular);
    expect(modelPrecision).toBeGreaterThan(popularPrecision);
    await expectOnnxToMatchRecommendTopK(model);
  });
});
