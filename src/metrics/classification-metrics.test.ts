import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './classification-metrics.js';
import type { ClassificationInput } from './classification-input.js';

/** A binary input from the positive class's probability per row. */
function binary(actual: number[], positive: number[], classes = ['no', 'yes']): ClassificationInput {
  return { actual: Int32Array.from(actual), probabilities: Float64Array.from(positive.flatMap((p) => [1 - p, p])), classes };
}

/** A multiclass input where each row puts 0.8 on its predicted class and spreads the rest evenly. */
function predictedAs(actual: number[], predicted: number[], classes: string[]): ClassificationInput {
  const k = classes.length;
  const probabilities = predicted.flatMap((p) => classes.map((_, c) => (c === p ? 0.8 : 0.2 / (k - 1))));
  return { actual: Int32Array.from(actual), probabilities: Float64Array.from(probabilities), classes };
}

describe('classificationMetrics, binary', () => {
  it("gives sklearn's roc_auc_score example: [0,0,1,1] scored [0.1,0.4,0.35,0.8] has AUC 0.75", () => {
    const metrics = classificationMetrics(binary([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]));
    expect(metrics.values.auc).toEqual({ value: 0.75, rows: 4 });
  });

  it('counts a positive and a negative with the same score as half a win (Mann–Whitney)', () => {
    expect(classificationMetrics(binary([0, 1], [0.5, 0.5])).values.auc.value).toBe(0.5);
    expect(classificationMetrics(binary([0, 0, 1, 1], [0.2, 0.6, 0.6, 0.9])).values.auc.value).toBe(0.875);
    expect(classificationMetrics(binary([0, 0, 1, 1], [0.3, 0.3, 0.3, 0.3])).values.auc.value).toBe(0.5);
  });

  it('gives AUC 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(classificationMetrics(binary([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).values.auc.value).toBe(1);
    expect(classificationMetrics(binary([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])).values.auc.value).toBe(0);
  });

  it('reports AUC as null with a reason naming the class when only one class is present, not NaN', () => {
    const metrics = classificationMetrics(binary([1, 1, 1], [0.2, 0.7, 0.9]));
    expect(metrics.values.auc).toEqual({ value: null, rows: 3, reason: expect.stringContaining('"yes"') });
    expect(metrics.roc).toBeNull();
    expect(metrics.values.accuracy.value).toBeCloseTo(2 / 3, 12);
  });

  it("gives sklearn's log_loss example: ham/spam scored [.9,.1,.2,.65] for spam has log loss 0.21616", () => {
    const metrics = classificationMetrics(binary([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.65], ['ham', 'spam']));
    expect(metrics.values.log_loss.value).toBeCloseTo(0.21616187468057912, 12);
  });

  it('clips probabilities at 1e-15 so a confident miss costs ln(1e15) instead of infinity', () => {
    const metrics = classificationMetrics(binary([1], [0]));
    expect(metrics.values.log_loss.value).toBeCloseTo(-Math.log(1e-15), 9);
  });

  it("gives sklearn's brier_score_loss example: [0,1,1,0] at [0.1,0.9,0.8,0.3] scores 0.0375", () => {
    expect(classificationMetrics(binary([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3])).values.brier.value).toBeCloseTo(0.0375, 12);
  });

  it('scores precision, recall and F1 for the positive class, predicting it only above 0.5', () => {
    // Predicted [0, 1, 0, 1, 1, 0]: TP rows 1 and 4, FP row 3, FN row 2; the 0.5 row goes to the first class, as argmax does.
    const metrics = classificationMetrics(binary([0, 1, 1, 0, 1, 0], [0.2, 0.7, 0.4, 0.6, 0.9, 0.5]));
    expect(metrics.averaging).toBe('binary');
    expect(metrics.values.precision.value).toBeCloseTo(2 / 3, 12);
    expect(metrics.values.recall.value).toBeCloseTo(2 / 3, 12);
    expect(metrics.values.f1.value).toBeCloseTo(2 / 3, 12);
    expect(metrics.values.accuracy.value).toBeCloseTo(4 / 6, 12);
    expect(metrics.confusion.counts).toEqual([
      [2, 1],
      [1, 2],
    ]);
  });

  it('gives precision 0 rather than NaN when nothing is predicted positive, as sklearn does', () => {
    const metrics = classificationMetrics(binary([0, 1], [0.1, 0.2]));
    expect(metrics.values.precision.value).toBe(0);
    expect(metrics.values.f1.value).toBe(0);
  });

  it('gives the Wilson interval of accuracy and says how many rows every metric rests on', () => {
    const metrics = classificationMetrics(binary([0, 1, 1, 0, 1, 0, 1, 0, 1, 0], [0.2, 0.7, 0.4, 0.6, 0.9, 0.1, 0.3, 0.8, 0.6, 0.2]));
    expect(metrics.values.accuracy.value).toBe(0.6);
    expect(metrics.accuracyInterval.low).toBeLessThan(0.6);
    expect(metrics.accuracyInterval.high).toBeGreaterThan(0.6);
    for (const outcome of Object.values(metrics.values)) expect(outcome.rows).toBe(10);
  });
});

describe('classificationMetrics, multiclass', () => {
  it("macro-averages precision, recall and F1 as sklearn's example does, and reports each class", () => {
    // sklearn's precision_recall_fscore_support docs: y_true [0,1,2,0,1,2], y_pred [0,2,1,0,0,1].
    const metrics = classificationMetrics(predictedAs([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], ['cat', 'dog', 'pig']));
    expect(metrics.averaging).toBe('macro');
    expect(metrics.values.precision.value).toBeCloseTo(0.2222222222222222, 12);
    expect(metrics.values.recall.value).toBeCloseTo(0.3333333333333333, 12);
    expect(metrics.values.f1.value).toBeCloseTo(0.26666666666666666, 12);
    expect(metrics.values.accuracy.value).toBeCloseTo(2 / 6, 12);
    expect(metrics.perClass.map((c) => [c.class, c.support])).toEqual([
      ['cat', 2],
      ['dog', 2],
      ['pig', 2],
    ]);
    expect(metrics.perClass[0]).toMatchObject({ precision: 2 / 3, recall: 1 });
    expect(metrics.perClass[0]!.f1).toBeCloseTo(0.8, 12);
  });

  it('leaves out of the macro average a class that is neither true nor predicted anywhere', () => {
    const metrics = classificationMetrics(predictedAs([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], ['cat', 'dog', 'pig', 'cow']));
    expect(metrics.values.precision.value).toBeCloseTo(0.2222222222222222, 12);
    expect(metrics.values.f1.value).toBeCloseTo(0.26666666666666666, 12);
  });

  it("counts a confusion matrix as sklearn's example: rows are true classes, columns predicted", () => {
    const metrics = classificationMetrics(predictedAs([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], ['ant', 'bird', 'cat']));
    expect(metrics.confusion).toEqual({
      classes: ['ant', 'bird', 'cat'],
      counts: [
        [2, 0, 0],
        [0, 0, 1],
        [1, 0, 2],
      ],
      rows: 6,
    });
  });

  it('macro-averages one-vs-rest AUCs, ties counting half', () => {
    const input: ClassificationInput = {
      actual: Int32Array.from([0, 1, 2, 0, 1, 2]),
      probabilities: Float64Array.from([0.7, 0.2, 0.1, 0.2, 0.6, 0.2, 0.1, 0.3, 0.6, 0.3, 0.4, 0.3, 0.5, 0.3, 0.2, 0.2, 0.2, 0.6]),
      classes: ['a', 'b', 'c'],
    };
    // One-vs-rest: a 7/8, b 6.5/8 (0.3 ties a negative's 0.3), c 8/8.
    expect(classificationMetrics(input).values.auc.value).toBeCloseTo((0.875 + 0.8125 + 1) / 3, 12);
  });

  it('sums the Brier score over classes, so it runs from 0 to 2', () => {
    const input = { actual: Int32Array.from([0]), probabilities: Float64Array.from([0.5, 0.3, 0.2]), classes: ['a', 'b', 'c'] };
    expect(classificationMetrics(input).values.brier.value).toBeCloseTo(0.25 + 0.09 + 0.04, 12);
  });
});

describe('classificationMetrics, bad input', () => {
  const code = { code: 'VALIDATION_FAILED' };

  it('refuses no rows with a clear error', () => {
    expect(() => classificationMetrics(binary([], []))).toThrow(expect.objectContaining({ ...code, message: 'cannot compute metrics on no rows' }));
  });

  it('refuses a probability matrix of the wrong size, saying what it expected', () => {
    const input = { actual: Int32Array.from([0, 1]), probabilities: Float64Array.from([0.5, 0.5, 0.5]), classes: ['a', 'b'] };
    expect(() => classificationMetrics(input)).toThrow(expect.objectContaining({ ...code, message: expect.stringContaining('expected 2 rows × 2 classes = 4') }));
  });

  it('refuses a class index outside the classes and a probability outside [0, 1], naming the row', () => {
    expect(() => classificationMetrics(binary([0, 2], [0.1, 0.2]))).toThrow(expect.objectContaining({ ...code, message: expect.stringContaining('row 1: class index 2') }));
    expect(() => classificationMetrics(binary([0, 1], [0.1, Number.NaN]))).toThrow(expect.objectContaining({ ...code, message: expect.stringContaining('row 1') }));
    expect(() => classificationMetrics(binary([0, 1], [0.1, 1.5]))).toThrow(expect.objectContaining(code));
  });

  it('refuses fewer than two classes', () => {
    const input = { actual: Int32Array.from([0]), probabilities: Float64Array.from([1]), classes: ['only'] };
    expect(() => classificationMetrics(input)).toThrow(expect.objectContaining({ ...code, message: expect.stringContaining('at least 2 classes') }));
  });
});
