import { describe, expect, it } from 'vitest';
import { regressionMetrics } from './regression-metrics.js';

function input(actual: number[], predicted: number[]) {
  return { actual: Float64Array.from(actual), predicted: Float64Array.from(predicted) };
}

describe('regressionMetrics', () => {
  // sklearn's documented example for mean_absolute_error, mean_squared_error, r2_score and mean_absolute_percentage_error.
  const sklearnExample = input([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]);

  it("gives sklearn's examples: MAE 0.5, RMSE √0.375, R² 0.9486, MAPE 0.3274", () => {
    const { values, rows } = regressionMetrics(sklearnExample);
    expect(rows).toBe(4);
    expect(values.mae).toEqual({ value: 0.5, rows: 4 });
    expect(values.rmse.value).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(values.r2.value).toBeCloseTo(0.9486081370449679, 12);
    expect(values.mape).toEqual({ value: expect.closeTo(0.3273809523809524, 12), rows: 4, skippedRows: 0 });
  });

  it('leaves rows whose actual value is (almost) 0 out of MAPE and says how many', () => {
    const { values } = regressionMetrics(input([0, 2, 4, 1e-13], [1, 1, 5, 3]));
    expect(values.mape).toEqual({ value: expect.closeTo((0.5 + 0.25) / 2, 12), rows: 2, skippedRows: 2 });
  });

  it('gives MAPE as null with a reason when every actual value is 0', () => {
    expect(regressionMetrics(input([0, 0], [1, 2])).values.mape).toMatchObject({ value: null, skippedRows: 2, reason: expect.stringContaining('0') });
  });

  it('gives R² as null with a reason when the actual values are all equal, not NaN or -Infinity', () => {
    expect(regressionMetrics(input([5, 5, 5], [4, 5, 6])).values.r2).toEqual({ value: null, rows: 3, reason: 'the actual values are all equal, so R² is undefined' });
  });

  it('gives R² 1 for perfect predictions and a negative R² for predictions worse than the mean', () => {
    expect(regressionMetrics(input([1, 2, 3], [1, 2, 3])).values.r2.value).toBe(1);
    expect(regressionMetrics(input([1, 2, 3], [3, 2, 1])).values.r2.value).toBe(-3);
  });

  it('keeps R² exact for values far from 0', () => {
    expect(regressionMetrics(input([1e9 + 1, 1e9 + 2, 1e9 + 3], [1e9 + 3, 1e9 + 2, 1e9 + 1])).values.r2.value).toBe(-3);
  });

  it('summarises residuals (actual − predicted): bias, spread and quartiles', () => {
    // Residuals [1, 0, -1, 0, 1].
    expect(regressionMetrics(input([1, 2, 3, 4, 5], [0, 2, 4, 4, 4])).residuals).toEqual({
      rows: 5,
      mean: expect.closeTo(0.2, 12),
      standardDeviation: expect.closeTo(Math.sqrt(0.56), 12),
      min: -1,
      q1: 0,
      median: 0,
      q3: 1,
      max: 1,
    });
  });

  it('refuses no rows, mismatched lengths and non-finite values with clear errors', () => {
    expect(() => regressionMetrics(input([], []))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', message: 'cannot compute metrics on no rows' }));
    expect(() => regressionMetrics(input([1, 2], [1]))).toThrow(expect.objectContaining({ message: 'expected 2 predictions, one per row; got 1' }));
    expect(() => regressionMetrics(input([1, 2], [1, Number.NaN]))).toThrow(expect.objectContaining({ message: 'row 1: prediction NaN is not a finite number' }));
  });
});
