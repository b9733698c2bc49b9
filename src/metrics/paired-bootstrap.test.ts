import { describe, expect, it } from 'vitest';
import { bootstrapInterval } from './bootstrap-interval.js';
import { classificationRowMetric } from './classification-row-metric.js';
import { pairedBootstrap } from './paired-bootstrap.js';
import { regressionRowMetric } from './regression-row-metric.js';
import { SeededRandom } from './seeded-random.js';
import { wilsonInterval } from './wilson-interval.js';

/** A binary data set and two models: A guesses (accuracy ~0.5), B sees the label through noise (~0.71). */
function twoModels(n: number, seed = 11) {
  const random = new SeededRandom(seed);
  const actual = new Int32Array(n);
  const weak = new Float64Array(2 * n);
  const strong = new Float64Array(2 * n);
  for (let row = 0; row < n; row++) {
    actual[row] = random.next() < 0.4 ? 1 : 0;
    const guess = random.next();
    const informed = 0.3 * actual[row]! + 0.7 * random.next();
    weak.set([1 - guess, guess], 2 * row);
    strong.set([1 - informed, informed], 2 * row);
  }
  return { actual, weak, strong };
}

describe('pairedBootstrap', () => {
  const { actual, weak, strong } = twoModels(2000);
  const accuracy = classificationRowMetric('accuracy', actual, ['no', 'yes']);

  it('gives a clearly better model an interval that excludes 0 and a small p-value', () => {
    const result = pairedBootstrap(accuracy, actual.length, weak, strong, { seed: 3 });
    if (result.difference === null) throw new Error(result.reason);
    expect(result.difference).toBeGreaterThan(0.15);
    expect(result.low).toBeGreaterThan(0);
    expect(result.low).toBeLessThan(result.difference);
    expect(result.high).toBeGreaterThan(result.difference);
    expect(result.pValueTwoSided).toBe(0);
    expect(result).toMatchObject({ iterations: 1000, skippedIterations: 0, confidence: 0.95, seed: 3 });
  });

  it('measures B − A, so swapping the models flips the sign and the interval', () => {
    const forward = pairedBootstrap(accuracy, actual.length, weak, strong, { seed: 3 });
    const backward = pairedBootstrap(accuracy, actual.length, strong, weak, { seed: 3 });
    expect(backward.difference).toBeCloseTo(-forward.difference!, 12);
    expect(backward.low).toBeCloseTo(-forward.high!, 12);
    expect(backward.high).toBeCloseTo(-forward.low!, 12);
  });

  it('is deterministic for a seed, and another seed draws other resamples', () => {
    const auc = classificationRowMetric('auc', actual, ['no', 'yes']);
    const first = pairedBootstrap(auc, actual.length, weak, strong, { seed: 42, iterations: 200 });
    const again = pairedBootstrap(auc, actual.length, weak, strong, { seed: 42, iterations: 200 });
    const other = pairedBootstrap(auc, actual.length, weak, strong, { seed: 43, iterations: 200 });
    expect(again).toEqual(first);
    expect(other.difference).toBe(first.difference);
    expect(other.low).not.toBe(first.low);
  });

  it('finds no difference between a model and itself: 0, [0, 0], p = 1', () => {
    expect(pairedBootstrap(accuracy, actual.length, strong, strong, { iterations: 100 })).toMatchObject({ difference: 0, low: 0, high: 0, pValueTwoSided: 1 });
  });

  it('does not call two nearly identical models different', () => {
    // Flip B's answer on 3 rows it gets right and 2 it gets wrong: one fewer right out of 2000.
    const right = (row: number) => (strong[2 * row + 1]! > 0.5 ? 1 : 0) === actual[row];
    const rows = Array.from({ length: actual.length }, (_, row) => row);
    const flipped = [...rows.filter(right).slice(0, 3), ...rows.filter((row) => !right(row)).slice(0, 2)];
    const nudged = Float64Array.from(strong);
    for (const row of flipped) nudged.set([strong[2 * row + 1]!, strong[2 * row]!], 2 * row);
    const result = pairedBootstrap(accuracy, actual.length, strong, nudged, { iterations: 500 });
    expect(result.difference).toBeCloseTo(-1 / 2000, 12);
    expect(result.low!).toBeLessThanOrEqual(0);
    expect(result.high!).toBeGreaterThanOrEqual(0);
    expect(result.pValueTwoSided!).toBeGreaterThan(0.05);
  });

  it('leaves out resamples where the metric is undefined and counts them', () => {
    // One positive in 30 rows: about a third of resamples draw none, and AUC has no value there.
    const rare = new Int32Array(30);
    rare[0] = 1;
    const scores = (shift: number) => Float64Array.from(Array.from({ length: 30 }, (_, row) => [1 - (row * 0.03 + shift), row * 0.03 + shift]).flat());
    const auc = classificationRowMetric('auc', rare, ['no', 'yes']);
    const result = pairedBootstrap(auc, 30, scores(0), scores(0.01), { iterations: 300 });
    expect(result.skippedIterations).toBeGreaterThan(50);
    expect(result.iterations + result.skippedIterations).toBe(300);
  });

  it('says why when the metric is undefined on the full data instead of returning NaN', () => {
    const single = new Int32Array(10).fill(1);
    const auc = classificationRowMetric('auc', single, ['no', 'yes']);
    const probabilities = new Float64Array(20).fill(0.5);
    expect(pairedBootstrap(auc, 10, probabilities, probabilities)).toMatchObject({
      difference: null,
      low: null,
      high: null,
      pValueTwoSided: null,
      iterations: 0,
      reason: 'the metric is undefined on the full data for model A',
    });
  });

  it('refuses nonsense options', () => {
    expect(() => pairedBootstrap(accuracy, actual.length, weak, strong, { iterations: 0 })).toThrow(expect.objectContaining({ field: 'iterations' }));
    expect(() => pairedBootstrap(accuracy, actual.length, weak, strong, { confidence: 1 })).toThrow(expect.objectContaining({ field: 'confidence' }));
    expect(() => pairedBootstrap(accuracy, 0, weak, strong)).toThrow(expect.objectContaining({ field: 'rowsCount' }));
  });

  it('separates two models on 10,000 rows for accuracy and RMSE (speed is measured in bench, not here)', () => {
    const big = twoModels(10_000, 5);
    const accuracyDiff = pairedBootstrap(classificationRowMetric('accuracy', big.actual, ['no', 'yes']), 10_000, big.weak, big.strong);
    expect(accuracyDiff.low).toBeGreaterThan(0);
    const target = Float64Array.from({ length: 10_000 }, (_, i) => i % 97);
    const near = target.map((y, i) => y + ((i * 7) % 5) - 2);
    const far = target.map((y, i) => y + ((i * 13) % 9) - 4);
    const rmseDiff = pairedBootstrap(regressionRowMetric('rmse', target), 10_000, far, near);
    expect(rmseDiff.high).toBeLessThan(0);
  });
});

describe('bootstrapInterval', () => {
  it('brackets the estimate and agrees with the Wilson interval for accuracy on many rows', () => {
    const { actual, strong } = twoModels(4000, 2);
    const accuracy = classificationRowMetric('accuracy', actual, ['no', 'yes']);
    const interval = bootstrapInterval(accuracy, actual.length, strong, { seed: 9 });
    if (interval.estimate === null) throw new Error(interval.reason);
    expect(interval.low).toBeLessThan(interval.estimate);
    expect(interval.high).toBeGreaterThan(interval.estimate);
    const wilson = wilsonInterval(Math.round(interval.estimate * actual.length), actual.length);
    expect(interval.low).toBeCloseTo(wilson.low, 2);
    expect(interval.high).toBeCloseTo(wilson.high, 2);
  });

  it('is deterministic for a seed and narrower at a lower confidence', () => {
    const target = Float64Array.from({ length: 500 }, (_, i) => i);
    const predicted = target.map((y, i) => y + (i % 7) - 3);
    const mae = regressionRowMetric('mae', target);
    const wide = bootstrapInterval(mae, 500, predicted, { seed: 4, confidence: 0.99 });
    expect(bootstrapInterval(mae, 500, predicted, { seed: 4, confidence: 0.99 })).toEqual(wide);
    const narrow = bootstrapInterval(mae, 500, predicted, { seed: 4, confidence: 0.8 });
    expect(narrow.high! - narrow.low!).toBeLessThan(wide.high! - wide.low!);
  });

  it('says why when the metric is undefined on the full data', () => {
    const r2 = regressionRowMetric('r2', Float64Array.from([3, 3, 3]));
    expect(bootstrapInterval(r2, 3, Float64Array.from([1, 2, 3]))).toMatchObject({ estimate: null, reason: 'the metric is undefined on the full data' });
  });
});
