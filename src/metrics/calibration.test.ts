import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './classification-metrics.js';

describe('calibration', () => {
  it('bins the positive-class probability in tenths and weighs each gap by its bin’s share of rows (ECE)', () => {
    const positive = [0.05, 0.15, 0.15, 0.95, 0.95, 1.0];
    const input = { actual: Int32Array.from([0, 0, 1, 1, 1, 1]), probabilities: Float64Array.from(positive.flatMap((p) => [1 - p, p])), classes: ['n', 'y'] };
    const { calibration, values } = classificationMetrics(input);
    expect(calibration.basis).toBe('positive-class');
    expect(calibration.bins).toHaveLength(10);
    expect(calibration.bins[0]).toMatchObject({ low: 0, high: 0.1, count: 1, meanPredicted: 0.05, observed: 0 });
    expect(calibration.bins[1]).toMatchObject({ count: 2, observed: 0.5 });
    expect(calibration.bins[1]!.meanPredicted).toBeCloseTo(0.15, 12);
    // 1.0 falls in the last bin, which is closed on the right.
    expect(calibration.bins[9]).toMatchObject({ count: 3, observed: 1 });
    expect(calibration.bins[9]!.meanPredicted).toBeCloseTo(2.9 / 3, 12);
    expect(calibration.bins[5]).toMatchObject({ count: 0, meanPredicted: null, observed: null });
    // (1/6)·0.05 + (2/6)·0.35 + (3/6)·(1/30)
    expect(calibration.ece).toBeCloseTo(0.85 / 6, 12);
    expect(values.ece.value).toBe(calibration.ece);
  });

  it('judges multiclass calibration on the top class: how often the most likely class is right', () => {
    const input = {
      actual: Int32Array.from([0, 1, 2, 2]),
      probabilities: Float64Array.from([0.6, 0.3, 0.1, 0.65, 0.25, 0.1, 0.1, 0.2, 0.7, 0.3, 0.3, 0.4]),
      classes: ['a', 'b', 'c'],
    };
    const { calibration } = classificationMetrics(input);
    expect(calibration.basis).toBe('top-class');
    expect(calibration.bins[6]).toMatchObject({ count: 2, observed: 0.5 });
    expect(calibration.bins[7]).toMatchObject({ count: 1, meanPredicted: 0.7, observed: 1 });
    expect(calibration.bins[4]).toMatchObject({ count: 1, meanPredicted: 0.4, observed: 1 });
    expect(calibration.ece).toBeCloseTo((2 / 4) * Math.abs(0.625 - 0.5) + (1 / 4) * 0.3 + (1 / 4) * 0.6, 12);
  });

  it('gives a perfectly calibrated predictor an ECE of 0', () => {
    const input = { actual: Int32Array.from([0, 1, 0, 1]), probabilities: Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]), classes: ['n', 'y'] };
    expect(classificationMetrics(input).calibration.ece).toBe(0);
  });
});
