import { describe, expect, it } from 'vitest';
import { classificationMetrics, regressionMetrics } from '../../metrics/index.js';
import { classificationVersion, metricComparison, regressionVersion } from './evaluated-version.js';

describe('report builders', () => {
  it('carries classification metrics with the Wilson interval on accuracy, and plain JSON curves', () => {
    // sklearn's roc_auc_score example: [0, 0, 1, 1] scored [0.1, 0.4, 0.35, 0.8].
    const input = { actual: Int32Array.from([0, 0, 1, 1]), probabilities: Float64Array.from([0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8]), classes: ['n', 'y'] };
    const version = classificationVersion(3, classificationMetrics(input), { role: 'champion' });
    expect(version).toMatchObject({ version: 3, role: 'champion' });
    expect(version.metrics.accuracy).toMatchObject({ value: 0.75, rows: 4, interval: { method: 'wilson', confidence: 0.95 } });
    expect(version.metrics.auc).toEqual({ value: 0.75, rows: 4 });
    expect(version.curves).toMatchObject({ kind: 'classification', calibrationBasis: 'positive-class', roc: expect.arrayContaining([{ fpr: 0, tpr: 0 }]) });
    expect(JSON.parse(JSON.stringify(version))).toEqual(version);
  });

  it('samples the same rows for every regression version on the same data', () => {
    const actual = Float64Array.from({ length: 5000 }, (_, i) => i);
    const first = regressionVersion(1, regressionMetrics({ actual, predicted: actual }), { actual, predicted: actual });
    const second = regressionVersion(2, regressionMetrics({ actual, predicted: actual.map((y) => y + 1) }), { actual, predicted: actual.map((y) => y + 1) });
    if (first.curves?.kind !== 'regression' || second.curves?.kind !== 'regression') throw new Error('expected regression curves');
    expect(first.curves.actual).toHaveLength(2000);
    expect(second.curves.actual).toEqual(first.curves.actual);
    expect(second.curves.predicted).toEqual(first.curves.actual.map((y) => y + 1));
    expect(first).not.toHaveProperty('role');
  });

  it('keeps the reason of a comparison that has no value', () => {
    const undefinedDifference = { difference: null, low: null, high: null, pValueTwoSided: null, confidence: 0.95, iterations: 0, skippedIterations: 0, seed: 1, reason: 'why' } as const;
    expect(metricComparison('auc', 3, 4, undefinedDifference)).toEqual({ metric: 'auc', baseline: 3, challenger: 4, difference: null, low: null, high: null, pValueTwoSided: null, reason: 'why' });
  });
});
