import { describe, expect, it } from 'vitest';
import { ascendingOrder } from './score-order.js';

function comparatorOrder(values: Float64Array, n: number, stride: number, offset: number): Int32Array {
  return Int32Array.from({ length: n }, (_, row) => row).sort((x, y) => values[x * stride + offset]! - values[y * stride + offset]!);
}

describe('ascendingOrder', () => {
  it('orders rows as a stable comparator sort does: ties in row order, 0 and -0 together, 1 last', () => {
    const values = Float64Array.of(0.5, 0, 1, -0, 0.25, 0.5, 5e-324, 0, 1, 0.25);
    expect(ascendingOrder(values, values.length, 1, 0)).toEqual(comparatorOrder(values, values.length, 1, 0));
    expect(Array.from(ascendingOrder(values, values.length, 1, 0))).toEqual([1, 3, 7, 6, 4, 9, 0, 5, 2, 8]);
  });

  it('reads one class column of a row-major matrix, for float64 and float32 probabilities with many ties', () => {
    let state = 3;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const rows = 30_000;
    const k = 3;
    const doubles = Float64Array.from({ length: rows * k }, () => random());
    const floats = Float64Array.from({ length: rows * k }, () => Math.fround(Math.round(random() * 500) / 500));
    for (const values of [doubles, floats]) {
      for (let c = 0; c < k; c++) expect(ascendingOrder(values, rows, k, c)).toEqual(comparatorOrder(values, rows, k, c));
    }
    expect(ascendingOrder(new Float64Array(0), 0, 2, 1)).toEqual(new Int32Array(0));
  });
});
