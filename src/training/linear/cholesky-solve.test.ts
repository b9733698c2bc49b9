import { describe, expect, it } from 'vitest';
import { choleskySolve } from './cholesky-solve.js';

describe('choleskySolve', () => {
  it('solves a symmetric positive-definite system in place', () => {
    // A = [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]], x = [1, -2, 0.5]
    const a = Float64Array.of(4, 2, 0.4, 2, 5, 1, 0.4, 1, 3);
    const x = [1, -2, 0.5];
    const b = Float64Array.from([0, 1, 2].map((i) => [0, 1, 2].reduce((sum, j) => sum + a[i * 3 + j]! * x[j]!, 0)));
    expect(choleskySolve(a, 3, b)).toBe(true);
    [...b].forEach((value, i) => expect(value).toBeCloseTo(x[i]!, 12));
  });

  it('reads only the lower triangle, so callers may fill just that half', () => {
    const a = Float64Array.of(4, 999, 2, 3);
    const b = Float64Array.of(8, 7);
    expect(choleskySolve(a, 2, b)).toBe(true);
    expect(b[0]).toBeCloseTo(1.25, 12);
    expect(b[1]).toBeCloseTo(1.5, 12);
  });

  it('reports a singular or indefinite matrix instead of returning noise', () => {
    expect(choleskySolve(Float64Array.of(1, 1, 1, 1), 2, Float64Array.of(1, 1))).toBe(false);
    expect(choleskySolve(Float64Array.of(1, 2, 2, 1), 2, Float64Array.of(1, 1))).toBe(false);
    expect(choleskySolve(Float64Array.of(-1), 1, Float64Array.of(1))).toBe(false);
  });
});
