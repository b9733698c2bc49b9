import { describe, expect, it } from 'vitest';
import { groupCounts, QUANTILE_GROUPS, quantileGroups } from './quantile-groups.js';

describe('quantileGroups', () => {
  it('cuts 200 bins of half a percent each into ten runs of 20 (deciles)', () => {
    const counts = [0, ...new Array<number>(200).fill(5), 0];
    expect(QUANTILE_GROUPS).toBe(10);
    expect(quantileGroups(counts)).toEqual([21, 41, 61, 81, 101, 121, 141, 161, 181, 202]);
  });

  it('makes one run of a point mass worth several shares, so there are fewer runs', () => {
    // 50% exactly at the first edge, then even: the first run takes five deciles' worth.
    const counts = [500, ...new Array<number>(100).fill(5), 0];
    const ends = quantileGroups(counts);
    expect(ends[0]).toBe(1);
    expect(ends).toHaveLength(6);
    expect(groupCounts(counts, ends)).toEqual([500, 100, 100, 100, 100, 100]);
  });

  it('tolerates shares rebuilt from a profile that sum to k/10 only up to rounding', () => {
    const counts = [0, ...new Array<number>(200).fill(0.1 + 0.2 - 0.3 + 0.005), 0];
    expect(quantileGroups(counts)).toHaveLength(10);
  });

  it('always ends the last run at the last bin', () => {
    expect(quantileGroups([0, 0, 0])).toEqual([3]);
    expect(quantileGroups([1])).toEqual([1]);
  });
});

describe('groupCounts', () => {
  it('sums counts over the runs', () => {
    expect(groupCounts([1, 2, 3, 4, 5], [2, 3, 5])).toEqual([3, 3, 9]);
  });
});
