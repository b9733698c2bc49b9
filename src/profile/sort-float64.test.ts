import { describe, expect, it } from 'vitest';
import { Float64Sorter, sortedFloat64 } from './sort-float64.js';

describe('sortedFloat64', () => {
  it('orders negatives, zeros, subnormals, positives and infinities as Float64Array sort does, -0 before 0', () => {
    const values = Float64Array.of(3, -1, Infinity, 0, -Infinity, -0, 2.5, -1, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-300);
    const sorted = sortedFloat64(values);
    expect(Array.from(sorted, (v) => (Object.is(v, -0) ? '-0' : v))).toEqual(Array.from(values.slice().sort(), (v) => (Object.is(v, -0) ? '-0' : v)));
    expect(values[0]).toBe(3); // the input is left as it was
  });

  it('agrees with Float64Array sort on 100,000 random values of every magnitude', () => {
    let state = 11;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const values = Float64Array.from({ length: 100_000 }, () => (random() - 0.5) * 10 ** Math.floor(random() * 60 - 30));
    expect(sortedFloat64(values)).toEqual(values.slice().sort());
  });

  it('orders values that share their top 32 bits by the rest: long runs, pairs, and both signs', () => {
    let state = 5;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    // 1 + k·2^-52 for k < 2^20 all have the same high word; so do their negatives; 3 and 3 + 2^-51 form pairs.
    const values = Float64Array.from({ length: 50_000 }, (_, i) =>
      i % 3 === 0 ? 1 + Math.floor(random() * 2 ** 20) * 2 ** -52 : i % 3 === 1 ? -(1 + Math.floor(random() * 2 ** 20) * 2 ** -52) : 3 + (i % 2) * 2 ** -51 + random() * 1e-3);
    const copy = values.slice();
    expect(sortedFloat64(values)).toEqual(values.slice().sort());
    expect(values).toEqual(copy);
    expect(sortedFloat64(values.subarray(10, 20))).toEqual(values.slice(10, 20).sort());
  });

  it('sorts one array after another with the same buffers, longer and shorter ones alike', () => {
    let state = 9;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const sorter = new Float64Sorter();
    for (const length of [1000, 10, 5000, 0, 3000]) {
      const values = Float64Array.from({ length }, () => (random() - 0.5) * 1000);
      expect(sorter.sort(values)).toEqual(values.slice().sort());
    }
  });
});
