import { describe, expect, it } from 'vitest';
import { toSparseRatings } from './sparse-ratings.js';

const DATA = {
  users: ['u2', 'u1', 'u2', 'u1', 'u2'],
  items: ['b', 'c', 'a', 'c', 'b'],
  ratings: Float64Array.of(1, 2, 3, 4, 5),
};

describe('toSparseRatings', () => {
  it('sorts the ids and stores each user’s ratings by item, and each item’s by user', () => {
    const sparse = toSparseRatings(DATA, false);
    expect(sparse.userIds).toEqual(['u1', 'u2']);
    expect(sparse.itemIds).toEqual(['a', 'b', 'c']);
    expect([...sparse.byUser.offsets]).toEqual([0, 2, 5]);
    expect([...sparse.byUser.others]).toEqual([2, 2, 0, 1, 1]);
    expect([...sparse.byUser.values]).toEqual([2, 4, 3, 1, 5]);
    expect([...sparse.byItem.offsets]).toEqual([0, 1, 3, 5]);
    expect([...sparse.byItem.others]).toEqual([1, 1, 1, 0, 0]);
    expect([...sparse.byItem.values]).toEqual([3, 1, 5, 2, 4]);
  });

  it('adds up repeated (user, item) pairs when asked, as implicit feedback wants', () => {
    const sparse = toSparseRatings(DATA, true);
    expect([...sparse.byUser.offsets]).toEqual([0, 1, 3]);
    expect([...sparse.byUser.values]).toEqual([6, 3, 6]);
    expect([...sparse.byItem.values]).toEqual([3, 6, 6]);
  });

  it('sorts ids by code unit, the same on every machine, not by locale or number', () => {
    const sparse = toSparseRatings({ users: ['10', '9', 'B', 'a'], items: ['x', 'x', 'x', 'x'], ratings: new Float64Array(4) }, false);
    expect(sparse.userIds).toEqual(['10', '9', 'B', 'a']);
  });
});
