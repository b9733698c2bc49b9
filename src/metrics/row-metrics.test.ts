// The bootstrap's RowMetrics must agree with the full-data metrics, since a report shows both side by side.
import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './classification-metrics.js';
import { classificationRowMetric } from './classification-row-metric.js';
import { METRIC_NAMES } from './metric-names.js';
import { rankingMetrics } from './ranking-metrics.js';
import { rankingRowMetric } from './ranking-row-metric.js';
import { regressionMetrics } from './regression-metrics.js';
import { regressionRowMetric } from './regression-row-metric.js';
import { allRows } from './row-metric.js';
import { SeededRandom } from './seeded-random.js';

const random = new SeededRandom(21);

function randomClassification(n: number, k: number) {
  const actual = Int32Array.from({ length: n }, () => random.nextInt(k));
  const probabilities = new Float64Array(n * k);
  for (let row = 0; row < n; row++) {
    const raw = Array.from({ length: k }, (_, c) => random.next() + (c === actual[row] ? 0.6 : 0));
    const total = raw.reduce((a, b) => a + b, 0);
    // Rounded to tenths so that ties occur.
    raw.forEach((v, c) => (probabilities[row * k + c] = Math.round((v / total) * 10) / 10));
  }
  return { actual, probabilities, classes: Array.from({ length: k }, (_, c) => `c${c}`) };
}

describe('row metrics agree with the full-data metrics on all rows', () => {
  it.each([2, 3, 9])('for every classification metric with %i classes', (k) => {
    const input = randomClassification(300, k);
    const full = classificationMetrics(input);
    for (const name of METRIC_NAMES.classification) {
      expect(classificationRowMetric(name, input.actual, input.classes)(input.probabilities, allRows(300)), name).toBeCloseTo(full.values[name].value!, 12);
    }
  });

  it('for every regression metric', () => {
    const actual = Float64Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 0 : random.next() * 10));
    const predicted = actual.map((y) => y + random.next() - 0.5);
    const full = regressionMetrics({ actual, predicted });
    for (const name of METRIC_NAMES.regression) {
      expect(regressionRowMetric(name, actual)(predicted, allRows(200)), name).toBeCloseTo(full.values[name].value!, 12);
    }
  });

  it('for every ranking metric, rows being users', () => {
    const cases = Array.from({ length: 50 }, (_, user) => ({
      ranked: Array.from({ length: 8 }, () => `i${random.nextInt(20)}`),
      relevant: new Set(user % 7 === 0 ? [] : Array.from({ length: 3 }, () => `i${random.nextInt(20)}`)),
    }));
    const full = rankingMetrics(cases, 5);
    const ranked = cases.map((c) => c.ranked);
    const relevant = cases.map((c) => c.relevant);
    for (const name of METRIC_NAMES.ranking) {
      expect(rankingRowMetric(name, relevant, 5)(ranked, allRows(50)), name).toBeCloseTo(full.values[name].value!, 12);
    }
  });
});

describe('row metrics on resampled rows', () => {
  it('count a row drawn twice twice', () => {
    const actual = Float64Array.from([0, 10]);
    const mae = regressionRowMetric('mae', actual);
    expect(mae(Float64Array.from([1, 10]), Int32Array.from([0, 0, 1]))).toBeCloseTo(2 / 3, 12);
    const auc = classificationRowMetric('auc', Int32Array.from([0, 1, 0]), ['n', 'y']);
    // Rows 0 (neg 0.2), 1 (pos 0.5), 2 (neg 0.9): drawing row 0 twice and row 2 once gives 2 wins of 3 pairs.
    expect(auc(Float64Array.from([0.8, 0.2, 0.5, 0.5, 0.1, 0.9]), Int32Array.from([0, 0, 1, 2]))).toBeCloseTo(2 / 3, 12);
  });

  it('answer null on no rows rather than NaN', () => {
    expect(classificationRowMetric('accuracy', Int32Array.from([0]), ['n', 'y'])(Float64Array.from([1, 0]), new Int32Array(0))).toBeNull();
    expect(regressionRowMetric('rmse', Float64Array.from([1]))(Float64Array.from([1]), new Int32Array(0))).toBeNull();
  });

  it('check the predictions they are given', () => {
    expect(() => classificationRowMetric('f1', Int32Array.from([0, 1]), ['n', 'y'])(Float64Array.from([1, 0]), allRows(2))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
