import { describe, expect, it } from 'vitest';
import { minimizeLbfgs, type Objective } from './minimize-lbfgs.js';

/** f(x) = ½ Σ dᵢ (xᵢ - cᵢ)², badly scaled on purpose. */
const quadratic = (diagonal: number[], centre: number[]): Objective => (x, gradient) => {
  let value = 0;
  for (let i = 0; i < x.length; i++) {
    const offset = x[i]! - centre[i]!;
    gradient[i] = diagonal[i]! * offset;
    value += 0.5 * diagonal[i]! * offset * offset;
  }
  return value;
};

const rosenbrock: Objective = (x, gradient) => {
  const [a, b] = [x[0]!, x[1]!];
  gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  gradient[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('minimizeLbfgs', () => {
  it('finds the minimum of an ill-conditioned quadratic to the gradient tolerance', () => {
    const centre = [3, -1, 0.5, 10];
    const result = minimizeLbfgs(quadratic([1, 100, 0.01, 1000], centre), new Float64Array(4), {
      maxIterations: 200,
      tolerance: 1e-9,
    });
    expect(result.converged).toBe(true);
    [...result.x].forEach((value, i) => expect(value).toBeCloseTo(centre[i]!, 5));
  });

  it('walks down the Rosenbrock valley to (1, 1)', () => {
    const result = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIterations: 500, tolerance: 1e-8 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const result = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIterations: 3, tolerance: 1e-8 });
    expect(result.iterations).toBe(3);
    expect(result.converged).toBe(false);
  });

  it('returns at once, with zero iterations, when the start is already a minimum', () => {
    const result = minimizeLbfgs(quadratic([1, 1], [2, 2]), Float64Array.of(2, 2), { maxIterations: 10, tolerance: 1e-9 });
    expect(result).toMatchObject({ iterations: 0, converged: true, value: 0 });
  });

  it('is deterministic: the same start gives the same bits', () => {
    const run = (): Float64Array => minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIterations: 40, tolerance: 0 }).x;
    expect(run()).toEqual(run());
  });

  it('leaves the caller’s start vector untouched', () => {
    const start = Float64Array.of(0, 0);
    minimizeLbfgs(quadratic([1, 1], [5, 5]), start, { maxIterations: 20, tolerance: 1e-9 });
    expect([...start]).toEqual([0, 0]);
  });
});
