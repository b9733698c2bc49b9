import { describe, expect, it } from 'vitest';
import { medianOf } from './summary-statistics.js';

function sortedMedian(values: number[]): number | undefined {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('medianOf', () => {
  it('is the middle value, or the mean of the two middle ones, skipping NaN', () => {
    expect(medianOf([3, NaN, 1, 2])).toBe(2);
    expect(medianOf(Float64Array.of(4, 1, NaN, 3, 2))).toBe(2.5);
    expect(medianOf([NaN])).toBeUndefined();
    expect(medianOf([])).toBeUndefined();
  });

  it('agrees with sorting on random, repeated, sorted and reversed columns of every small length', () => {
    let state = 9;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    for (let n = 1; n <= 60; n++) {
      const columns = [
        Array.from({ length: n }, () => random() * 100 - 50),
        Array.from({ length: n }, () => Math.floor(random() * 3)),
        Array.from({ length: n }, (_, i) => i),
        Array.from({ length: n }, (_, i) => n - i),
        Array.from({ length: n }, () => (random() < 0.3 ? NaN : Math.round(random() * 10))),
      ];
      for (const column of columns) expect(medianOf(column)).toBe(sortedMedian(column));
    }
    const large = Array.from({ length: 100_001 }, () => random());
    expect(medianOf(large)).toBe(sortedMedian(large));
  });
});
