import { describe, expect, it } from 'vitest';
import { scatterSample } from './scatter-sample.js';
import { SeededRandom } from './seeded-random.js';

describe('SeededRandom', () => {
  it('gives the same stream for a seed and another for another seed', () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.nextUint32());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(2)).not.toEqual(draw(1));
  });

  it('fills integers in [0, bound) from the same stream as nextInt', () => {
    const one = new SeededRandom(9);
    const many = new SeededRandom(9);
    const filled = new Int32Array(1000);
    many.fillInts(filled, 7);
    expect(Array.from(filled)).toEqual(Array.from({ length: 1000 }, () => one.nextInt(7)));
    expect(Math.min(...filled)).toBe(0);
    expect(Math.max(...filled)).toBe(6);
  });

  it('draws roughly uniformly', () => {
    const random = new SeededRandom(3);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[random.nextInt(10)]++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('scatterSample', () => {
  it('keeps every row when there are few', () => {
    expect(Array.from(scatterSample(5, 2000))).toEqual([0, 1, 2, 3, 4]);
  });

  it('picks at most maxPoints distinct rows, ascending, the same ones for a seed', () => {
    const sample = scatterSample(100_000, 2000, 4);
    expect(sample).toHaveLength(2000);
    expect(new Set(sample).size).toBe(2000);
    expect(Array.from(sample)).toEqual(Array.from(sample).sort((a, b) => a - b));
    expect(sample).toEqual(scatterSample(100_000, 2000, 4));
    expect(sample[1999]).toBeGreaterThan(90_000);
  });
});
