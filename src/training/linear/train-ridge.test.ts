import { describe, expect, it } from 'vitest';
import { PitstopError } from '../../errors/index.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import { predictLinear, trainRidge } from './index.js';

const matrixOf = (rows: number[][], columnNames = rows[0]!.map((_, c) => `x${c}`)): FeatureMatrix => ({
  rows: rows.length,
  cols: columnNames.length,
  values: Float32Array.from(rows.flat()),
  columnNames,
});

const X = [[1, 2], [2, 0], [3, 5], [4, 1], [5, 3], [6, 6]];
const exact = Float64Array.from(X, ([a, b]) => 2 * a! - 3 * b! + 5);

describe('trainRidge', () => {
  it('recovers the exact coefficients and intercept of noiseless data when alpha is 0', () => {
    const model = trainRidge(matrixOf(X), exact, { alpha: 0 });
    expect(model).toMatchObject({ kind: 'ridge', classes: null, featureNames: ['x0', 'x1'], params: { alpha: 0 } });
    expect(model.coefficients[0]![0]).toBeCloseTo(2, 5);
    expect(model.coefficients[0]![1]).toBeCloseTo(-3, 5);
    expect(model.intercepts[0]).toBeCloseTo(5, 5);
    [...predictLinear(model, matrixOf(X))].forEach((value, i) => expect(value).toBeCloseTo(exact[i]!, 4));
  });

  it('penalises the slope but not the intercept: w = Σxᶜyᶜ / (Σxᶜ² + alpha), b = ȳ − w·x̄', () => {
    const xs = [1, 2, 3, 4];
    const ys = Float64Array.of(10, 12, 13, 17);
    const model = trainRidge(matrixOf(xs.map((x) => [x])), ys, { alpha: 3 });
    // x̄ = 2.5, ȳ = 13; Σxᶜyᶜ = 11, Σxᶜ² = 5
    expect(model.coefficients[0]![0]).toBeCloseTo(11 / 8, 6);
    expect(model.intercepts[0]).toBeCloseTo(13 - (11 / 8) * 2.5, 5);
  });

  it('defaults alpha to 1 and shrinks the coefficients as alpha grows', () => {
    const norm = (alpha?: number): number => {
      const model = trainRidge(matrixOf(X), exact, alpha === undefined ? {} : { alpha });
      return Math.hypot(...model.coefficients[0]!);
    };
    expect(trainRidge(matrixOf(X), exact, {}).params).toEqual({ alpha: 1 });
    expect(norm(0)).toBeGreaterThan(norm());
    expect(norm()).toBeGreaterThan(norm(100));
  });

  it('keeps its numbers at float32 precision, which is what the ONNX graph stores', () => {
    const model = trainRidge(matrixOf(X), exact, { alpha: 0.3 });
    for (const value of [...model.coefficients.flat(), ...model.intercepts]) expect(Math.fround(value)).toBe(value);
  });

  it('refuses a missing value, naming the row and column, because the pipeline should have imputed it', () => {
    const withGap = matrixOf([[1, 2], [3, Number.NaN]], ['age', 'income']);
    expect(() => trainRidge(withGap, Float64Array.of(1, 2), {})).toThrow(/missing value \(NaN\) at row 1, column 'income'/);
  });

  it.each([
    ['a negative alpha', () => trainRidge(matrixOf(X), exact, { alpha: -1 }), /alpha must be a finite number ≥ 0/],
    ['a target of the wrong length', () => trainRidge(matrixOf(X), Float64Array.of(1, 2), {}), /2 values for 6 rows/],
    ['a non-finite target', () => trainRidge(matrixOf([[1], [2]]), Float64Array.of(1, Infinity), {}), /Infinity at row 1/],
    ['no rows', () => trainRidge(matrixOf([], ['x']), new Float64Array(0), {}), /no rows/],
    ['values that do not fill the shape', () => trainRidge({ ...matrixOf(X), rows: 7 }, exact, {}), /7 × 2 but holds 12/],
    ['collinear columns with alpha 0', () => trainRidge(matrixOf(X.map(([a]) => [a!, 2 * a!])), exact, { alpha: 0 }), /collinear/],
  ])('refuses %s with a VALIDATION_FAILED error', (_, train, message) => {
    expect(train).toThrow(PitstopError);
    expect(train).toThrow(message);
  });
});
