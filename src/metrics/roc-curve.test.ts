import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './classification-metrics.js';
import { downsampleRocPoints, type RocPoint } from './roc-curve.js';
import { SeededRandom } from './seeded-random.js';

function binary(actual: number[], positive: number[]) {
  return { actual: Int32Array.from(actual), probabilities: Float64Array.from(positive.flatMap((p) => [1 - p, p])), classes: ['n', 'y'] };
}

function trapezoidArea(points: readonly RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) area += ((points[i]!.fpr - points[i - 1]!.fpr) * (points[i]!.tpr + points[i - 1]!.tpr)) / 2;
  return area;
}

describe('rocCurve', () => {
  it("gives sklearn's roc_curve example point for point, from (0, 0) to (1, 1)", () => {
    const roc = classificationMetrics(binary([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).roc!;
    expect(roc.averaging).toBe('binary');
    expect(roc.points).toEqual([
      { fpr: 0, tpr: 0, threshold: null },
      { fpr: 0, tpr: 0.5, threshold: 0.8 },
      { fpr: 0.5, tpr: 0.5, threshold: 0.4 },
      { fpr: 0.5, tpr: 1, threshold: 0.35 },
      { fpr: 1, tpr: 1, threshold: 0.1 },
    ]);
  });

  it('moves diagonally where a positive and a negative share a score, so its area is the tie-aware AUC', () => {
    const metrics = classificationMetrics(binary([0, 0, 1, 1], [0.2, 0.6, 0.6, 0.9]));
    expect(metrics.roc!.points.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
    expect(trapezoidArea(metrics.roc!.points)).toBe(metrics.values.auc.value);
  });

  it('thins a long curve to at most 200 points, keeping both ends and the order', () => {
    const random = new SeededRandom(7);
    const n = 5000;
    const actual = Array.from({ length: n }, () => (random.next() < 0.3 ? 1 : 0));
    const scores = actual.map((y) => Math.min(1, Math.max(0, 0.35 * y + 0.65 * random.next())));
    const metrics = classificationMetrics(binary(actual, scores));
    const points = metrics.roc!.points;
    expect(points.length).toBeLessThanOrEqual(200);
    expect(points.length).toBeGreaterThan(150);
    expect(points[0]).toEqual({ fpr: 0, tpr: 0, threshold: null });
    expect(points.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    for (let i = 1; i < points.length; i++) {
      expect(points[i]!.fpr).toBeGreaterThanOrEqual(points[i - 1]!.fpr);
      expect(points[i]!.tpr).toBeGreaterThanOrEqual(points[i - 1]!.tpr);
    }
    expect(trapezoidArea(points)).toBeCloseTo(metrics.values.auc.value!, 2);
  });

  it('leaves a short curve as it is', () => {
    const points = [
      { fpr: 0, tpr: 0, threshold: null },
      { fpr: 1, tpr: 1, threshold: 0.5 },
    ];
    expect(downsampleRocPoints(points, 200)).toEqual(points);
  });

  it('pools every (row, class) pair one-vs-rest for a multiclass curve', () => {
    const input = { actual: Int32Array.from([0, 1, 2]), probabilities: Float64Array.from([0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8]), classes: ['a', 'b', 'c'] };
    const roc = classificationMetrics(input).roc!;
    expect(roc.averaging).toBe('micro');
    expect(roc.points.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
    ]);
  });
});
