import { describe, expect, it } from 'vitest';
import { binFeatures, quantileEdges } from './feature-bins.js';
import { radixSortFloat32 } from './radix-sort-float32.js';

describe('quantileEdges', () => {
  it('puts an edge halfway between every pair of neighbouring values when there are few distinct values', () => {
    expect([...quantileEdges(Float32Array.of(1, 1, 2, 3, 3, 3, 5), 255)]).toEqual([1.5, 2.5, 4]);
  });

  it('makes at most maxBins - 1 edges, spread by count', () => {
    const sorted = Float32Array.from({ length: 1000 }, (_, i) => i);
    const edges = quantileEdges(sorted, 4);
    expect([...edges]).toEqual([249.5, 499.5, 749.5]);
  });

  it('gives a value that fills several quantiles one bin instead of several empty ones', () => {
    const sorted = Float32Array.from([...new Array<number>(900).fill(0), ...Array.from({ length: 100 }, (_, i) => i + 1)]);
    const edges = [...quantileEdges(sorted, 10)];
    expect(edges[0]).toBe(0.5);
    expect(edges.length).toBeLessThanOrEqual(9);
    expect(new Set(edges).size).toBe(edges.length);
  });

  it('keeps float32 neighbours on their own sides when the halfway point rounds onto the upper one', () => {
    const lower = 1;
    const upper = Math.fround(1 + 2 ** -23);
    const [edge] = quantileEdges(Float32Array.of(lower, upper), 255);
    expect(lower <= edge!).toBe(true);
    expect(upper <= edge!).toBe(false);
  });
});

describe('binFeatures', () => {
  it('bins each value as "x <= edge", gives missing values their own last bin, and ignores them for edges', () => {
    const values = Float32Array.of(1, 10, 2, NaN, 3, 30, NaN, 40);
    const bins = binFeatures({ rows: 4, cols: 2, values, columnNames: ['a', 'b'] }, 255);
    expect([...bins.edges[0]!]).toEqual([1.5, 2.5]);
    expect([...bins.edges[1]!]).toEqual([20, 35]);
    expect([...bins.missingBin]).toEqual([3, 3]);
    expect([...bins.codes]).toEqual([0, 0, 1, 3, 2, 1, 3, 2]);
    expect([...bins.offsets]).toEqual([0, 4]);
    expect(bins.totalBins).toBe(8);
  });

  it('gives a constant column a single value bin, so nothing can split on it', () => {
    const bins = binFeatures({ rows: 3, cols: 1, values: Float32Array.of(7, 7, 7), columnNames: ['c'] }, 255);
    expect(bins.edges[0]).toHaveLength(0);
    expect([...bins.codes]).toEqual([0, 0, 0]);
  });
});

describe('radixSortFloat32', () => {
  it('orders negatives, zeros, positives and infinities numerically, keeping ties in input order', () => {
    const values = Float32Array.of(3, -1, Infinity, 0, -Infinity, -0, 2.5, -1, 1e-30);
    const order = [...radixSortFloat32(values)];
    expect(order.map((i) => values[i])).toEqual([-Infinity, -1, -1, -0, 0, 1e-30, 2.5, 3, Infinity].map(Math.fround));
    expect(order.slice(1, 3)).toEqual([1, 7]);
  });
});
