import { describe, expect, it } from 'vitest';
import { PitstopError } from '../../errors/index.js';
import { scoreItems, trainMatrixFactorization, type MatrixFactorizationModel, type RatingsData } from './index.js';

/** 30 users × 20 items rated 3 + user bias + item bias + a rank-2 taste; cells with (u + i) % 7 = 0 are held out. */
function plantedRatings(): { train: RatingsData; heldOut: { user: string; item: string; rating: number }[] } {
  const users: string[] = [];
  const items: string[] = [];
  const ratings: number[] = [];
  const heldOut: { user: string; item: string; rating: number }[] = [];
  for (let u = 0; u < 30; u++) {
    for (let i = 0; i < 20; i++) {
      const taste = Math.sin(u) * Math.cos(i * 1.3) + Math.cos(u * 0.7) * Math.sin(i * 0.4);
      const rating = 3 + 0.1 * ((u % 5) - 2) + 0.2 * ((i % 3) - 1) + taste;
      const [user, item] = [`user-${u}`, `item-${i}`];
      if ((u + i) % 7 === 0) heldOut.push({ user, item, rating });
      else {
        users.push(user);
        items.push(item);
        ratings.push(rating);
      }
    }
  }
  return { train: { users, items, ratings: Float64Array.from(ratings) }, heldOut };
}

/** Users 0–9 like items a0–a4, users 10–19 like b0–b4; each has rated three of its group's five. */
function twoTastes(): RatingsData {
  const users: string[] = [];
  const items: string[] = [];
  for (let u = 0; u < 20; u++) {
    const group = u < 10 ? 'a' : 'b';
    for (let j = 0; j < 3; j++) {
      users.push(`user-${u}`);
      items.push(`${group}${(u + j) % 5}`);
    }
  }
  return { users, items, ratings: new Float64Array(users.length).fill(1) };
}

const predicted = (model: MatrixFactorizationModel, user: string, item: string): number =>
  scoreItems(model, user)[model.itemIds.indexOf(item)]!;

const neverIncreases = (history: { loss: number }[]): void => {
  for (let i = 1; i < history.length; i++) {
    expect(history[i]!.loss).toBeLessThanOrEqual(history[i - 1]!.loss * (1 + 1e-9));
  }
};

describe('trainMatrixFactorization (explicit)', () => {
  it('learns planted biases and a rank-2 taste well enough to predict ratings it never saw', () => {
    const { train, heldOut } = plantedRatings();
    const model = trainMatrixFactorization(train, { factors: 2, iterations: 60, regularization: 1e-4 });
    const rmse = Math.sqrt(heldOut.reduce((sum, r) => sum + (r.rating - predicted(model, r.user, r.item)) ** 2, 0) / heldOut.length);
    expect(rmse).toBeLessThan(0.1);
    expect(model.globalMean).toBeCloseTo(Array.from(train.ratings).reduce((a, b) => a + b) / train.ratings.length, 5);
    expect(model).toMatchObject({ feedback: 'explicit', factors: 2 });
    expect(model.userFactors).toHaveLength(30 * 2);
    expect(model.itemBias).toHaveLength(20);
  });

  it('never increases its objective from one sweep to the next', () => {
    const model = trainMatrixFactorization(plantedRatings().train, { factors: 4, iterations: 12 });
    expect(model.history.map((h) => h.iteration)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    neverIncreases(model.history);
  });

  it('uses the documented defaults', () => {
    const model = trainMatrixFactorization(plantedRatings().train, { iterations: 1 });
    expect(model.params).toEqual({
      feedback: 'explicit',
      factors: 32,
      iterations: 1,
      regularization: 0.1,
      alpha: 40,
      seed: 42,
      topK: 10,
    });
  });
});

describe('trainMatrixFactorization (implicit)', () => {
  it('recommends the unseen items of a user’s own taste group above every item of the other group', () => {
    const model = trainMatrixFactorization(twoTastes(), { feedback: 'implicit', factors: 2, iterations: 10, regularization: 0.1 });
    expect(model.userBias).toBeUndefined();
    for (const [user, own] of [['user-0', 'a'], ['user-15', 'b']] as const) {
      const scores = scoreItems(model, user);
      const ownScores = model.itemIds.flatMap((id, i) => (id.startsWith(own) ? [scores[i]!] : []));
      const otherScores = model.itemIds.flatMap((id, i) => (id.startsWith(own) ? [] : [scores[i]!]));
      expect(Math.min(...ownScores)).toBeGreaterThan(Math.max(...otherScores));
    }
  });

  it('never increases its objective from one sweep to the next', () => {
    const model = trainMatrixFactorization(twoTastes(), { feedback: 'implicit', factors: 3, iterations: 10 });
    neverIncreases(model.history);
  });
});

describe('trainMatrixFactorization is reproducible', () => {
  it('gives the same model for the same data, params and seed, and another for another seed', () => {
    const { train } = plantedRatings();
    const model = trainMatrixFactorization(train, { factors: 3, iterations: 3, seed: 7 });
    expect(trainMatrixFactorization(train, { factors: 3, iterations: 3, seed: 7 })).toEqual(model);
    expect(trainMatrixFactorization(train, { factors: 3, iterations: 3, seed: 8 }).userFactors).not.toEqual(model.userFactors);
  });

  it('does not depend on the order of the ratings', () => {
    const { train } = plantedRatings();
    const order = train.ratings.map((_, i) => (i * 7919) % train.ratings.length);
    const shuffled: RatingsData = {
      users: Array.from(order, (i) => train.users[i]!),
      items: Array.from(order, (i) => train.items[i]!),
      ratings: Float64Array.from(order, (i) => train.ratings[i]!),
    };
    expect(new Set(order).size).toBe(train.ratings.length);
    const params = { factors: 3, iterations: 3 };
    expect(trainMatrixFactorization(shuffled, params)).toEqual(trainMatrixFactorization(train, params));
  });
});

describe('trainMatrixFactorization refuses bad input, naming the problem', () => {
  const ok: RatingsData = { users: ['u1', 'u2'], items: ['i1', 'i2'], ratings: Float64Array.of(4, 5) };
  it.each([
    ['empty data', { users: [], items: [], ratings: new Float64Array(0) }, {}, /empty/],
    ['mismatched lengths', { ...ok, items: ['i1'] }, {}, /2 users, 1 items and 2 ratings/],
    ['a non-finite rating', { ...ok, ratings: Float64Array.of(4, Number.NaN) }, {}, /ratings\[1\] is NaN/],
    ['a negative implicit strength', { ...ok, ratings: Float64Array.of(-1, 1) }, { feedback: 'implicit' as const }, /must be ≥ 0/],
    ['negative regularisation', ok, { regularization: -0.1 }, /regularization must be a finite number ≥ 0/],
    ['zero factors', ok, { factors: 0 }, /factors must be an integer from 1/],
    ['fractional iterations', ok, { iterations: 2.5 }, /iterations must be an integer/],
    ['a non-positive alpha', ok, { alpha: 0 }, /alpha must be a finite number > 0/],
    ['an unknown feedback kind', ok, { feedback: 'clicks' as never }, /feedback must be 'explicit' or 'implicit'/],
    ['no regularisation with fewer ratings than unknowns', ok, { regularization: 0, factors: 2 }, /user 'u1' is singular/],
  ])('%s', (_, data, params, message) => {
    const train = (): unknown => trainMatrixFactorization(data, params);
    expect(train).toThrow(PitstopError);
    expect(train).toThrow(message);
  });
});
