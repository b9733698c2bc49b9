import { describe, expect, it } from 'vitest';
import { binLookup, binOf } from './bin-lookup.js';
import { normalSample, seededUniform } from './test-fixtures/seeded-samples.js';

/** The definition: the number of edges below x. */
function edgesBelow(edges: readonly number[], x: number): number {
  return edges.filter((edge) => edge < x).length;
}

function expectSameBins(edges: readonly number[], values: ArrayLike<number>): void {
  const lookup = binLookup(edges);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (binOf(lookup, x) !== edgesBelow(edges, x)) expect({ x, bin: binOf(lookup, x) }).toEqual({ x, bin: edgesBelow(edges, x) });
  }
}

describe('binOf', () => {
  it('puts a value into the bin of the first edge at or above it (right-closed bins), overflow at both ends', () => {
    const edges = [0, 1, 2, 5];
    const lookup = binLookup(edges);
    expect([-3, 0, 0.5, 1, 1.5, 2, 4.9, 5, 5.1].map((x) => binOf(lookup, x))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4]);
  });

  it('agrees with the definition for normal values against normal-quantile edges, edges themselves included', () => {
    const sample = normalSample(20_000, 3);
    const edges = [...new Set(Array.from(sample.slice(0, 201)).sort((a, b) => a - b))];
    expectSameBins(edges, sample);
    expectSameBins(edges, edges);
  });

  it('agrees where a long tail packs most edges into the first cells of the table', () => {
    const random = seededUniform(5);
    const edges = [...Array.from({ length: 199 }, (_, i) => 1 + i / 1000), 1e6, 1e9];
    const values = Array.from({ length: 20_000 }, () => (random() < 0.9 ? 1 + random() * 0.2 : random() * 1e9));
    expectSameBins(edges, values);
  });

  it('agrees on values at the boundaries of its table cells, where rounding could pick a neighbouring cell', () => {
    const edges = Array.from({ length: 17 }, (_, i) => i * 0.1);
    const cells = 4096;
    const values = Array.from({ length: cells + 1 }, (_, c) => (1.6 * c) / cells).flatMap((x) => [x, x * (1 - 1e-16), x * (1 + 1e-16)]);
    expectSameBins(edges, values);
  });

  it('handles one edge (a constant reference) and none (no reference values)', () => {
    const one = binLookup([3]);
    expect([2, 3, 4].map((x) => binOf(one, x))).toEqual([0, 0, 1]);
    const none = binLookup([]);
    expect([-1e300, 0, 1e300].map((x) => binOf(none, x))).toEqual([0, 0, 0]);
  });
});
