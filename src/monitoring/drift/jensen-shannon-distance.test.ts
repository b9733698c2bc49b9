import { describe, expect, it } from 'vitest';
import { jensenShannonDistance } from './jensen-shannon-distance.js';

describe('jensenShannonDistance', () => {
  it('matches scipy.spatial.distance.jensenshannon(p, q, base=2)', () => {
    expect(jensenShannonDistance([0.5, 0.5], [1, 0])).toBeCloseTo(0.5579230452841438, 14);
    expect(jensenShannonDistance([0.1, 0.2, 0.7], [0.3, 0.3, 0.4])).toBeCloseTo(0.2736668758986993, 14);
  });

  it('is 1 for disjoint supports and 0 for equal shares, whatever the scale of the counts', () => {
    expect(jensenShannonDistance([1, 0], [0, 1])).toBe(1);
    expect(jensenShannonDistance([10, 20, 30], [1, 2, 3])).toBe(0);
  });

  it('is symmetric', () => {
    expect(jensenShannonDistance([1, 5, 2], [4, 1, 1])).toBeCloseTo(jensenShannonDistance([4, 1, 1], [1, 5, 2]), 15);
  });

  it('is 0 when a sample is empty', () => {
    expect(jensenShannonDistance([1, 2], [0, 0])).toBe(0);
  });
});
