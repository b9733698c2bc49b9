import { describe, expect, it } from 'vitest';
import { PitstopError } from '../../errors/index.js';
import type { ClassLabels, FeatureMatrix } from '../feature-matrix.js';
import { predictLinear, trainLogistic, type LogisticModel } from './index.js';

const matrixOf = (rows: number[][]): FeatureMatrix => ({
  rows: rows.length,
  cols: rows[0]?.length ?? 0,
  values: Float32Array.from(rows.flat()),
  columnNames: (rows[0] ?? []).map((_, c) => `x${c}`),
});
const labelsOf = (classes: string[], indices: number[]): ClassLabels => ({ classes, indices: Int32Array.from(indices) });

/** Three overlapping clusters around (0, 0), (3, 0) and (0, 3), laid out on a fixed grid so no randomness is needed. */
function threeClusters(): { matrix: FeatureMatrix; labels: ClassLabels } {
  const centres = [[0, 0], [3, 0], [0, 3]];
  const rows: number[][] = [];
  const indices: number[] = [];
  centres.forEach(([cx, cy], k) => {
    for (let i = 0; i < 30; i++) {
      rows.push([cx! + Math.sin(i * 1.7) * 1.4, cy! + Math.cos(i * 2.3) * 1.4]);
      indices.push(k);
    }
  });
  return { matrix: matrixOf(rows), labels: labelsOf(['left', 'right', 'top'], indices) };
}

/** ∇ of mean cross-entropy + lambda/2·‖W‖² at the trained model: zero at the optimum. */
function gradientAt(model: LogisticModel, matrix: FeatureMatrix, labels: ClassLabels): number[] {
  const probabilities = predictLinear(model, matrix);
  const K = model.classes.length;
  const gradient = new Array<number>(K * (matrix.cols + 1)).fill(0);
  for (let r = 0; r < matrix.rows; r++) {
    for (let k = 0; k < K; k++) {
      const residual = (probabilities[r * K + k]! - (labels.indices[r] === k ? 1 : 0)) / matrix.rows;
      gradient[K * matrix.cols + k]! += residual;
      for (let c = 0; c < matrix.cols; c++) gradient[k * matrix.cols + c]! += residual * matrix.values[r * matrix.cols + c]!;
    }
  }
  model.coefficients.flat().forEach((w, i) => (gradient[i]! += model.params.lambda * w));
  return gradient;
}

describe('trainLogistic', () => {
  it('fits three classes: the gradient vanishes, and the probabilities sum to 1 and pick the right class', () => {
    const { matrix, labels } = threeClusters();
    const model = trainLogistic(matrix, labels, {});
    expect(model).toMatchObject({ kind: 'logistic', classes: ['left', 'right', 'top'], converged: true });
    expect(model.params).toEqual({ lambda: 1e-2, maxIterations: 200, tolerance: 1e-6 });
    for (const g of gradientAt(model, matrix, labels)) expect(Math.abs(g)).toBeLessThan(1e-5);
    const probabilities = predictLinear(model, matrix);
    let correct = 0;
    for (let r = 0; r < matrix.rows; r++) {
      const row = [...probabilities.subarray(r * 3, r * 3 + 3)];
      expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      if (row.indexOf(Math.max(...row)) === labels.indices[r]) correct++;
    }
    expect(correct / matrix.rows).toBeGreaterThan(0.9);
  });

  it('fits two classes as a two-row softmax whose rows are mirror images (the penalty splits the margin evenly)', () => {
    const matrix = matrixOf([[-2], [-1], [-0.5], [0.5], [1], [2], [0.2], [-0.2]]);
    const model = trainLogistic(matrix, labelsOf(['no', 'yes'], [0, 0, 0, 1, 1, 1, 0, 1]), { lambda: 0.1 });
    expect(model.coefficients).toHaveLength(2);
    expect(model.coefficients[0]![0]).toBeCloseTo(-model.coefficients[1]![0]!, 5);
    expect(model.intercepts[0]).toBeCloseTo(-model.intercepts[1]!, 5);
    expect(model.coefficients[1]![0]).toBeGreaterThan(0);
  });

  it('shrinks the coefficients as lambda grows', () => {
    const { matrix, labels } = threeClusters();
    const norm = (lambda: number): number => Math.hypot(...trainLogistic(matrix, labels, { lambda }).coefficients.flat());
    expect(norm(0.001)).toBeGreaterThan(norm(0.1));
    expect(norm(0.1)).toBeGreaterThan(norm(10));
  });

  it('is deterministic', () => {
    const { matrix, labels } = threeClusters();
    expect(trainLogistic(matrix, labels, {})).toEqual(trainLogistic(matrix, labels, {}));
  });

  it('says when it ran out of iterations', () => {
    const { matrix, labels } = threeClusters();
    expect(trainLogistic(matrix, labels, { maxIterations: 2 })).toMatchObject({ iterations: 2, converged: false });
  });

  const { matrix, labels } = threeClusters();
  it.each([
    ['a missing value', () => trainLogistic(matrixOf([[Number.NaN], [1]]), labelsOf(['a', 'b'], [0, 1])), /row 0, column 'x0'/],
    ['a class no row has', () => trainLogistic(matrixOf([[0], [1]]), labelsOf(['a', 'b', 'c'], [0, 1])), /No training row has class 'c'/],
    ['a single class', () => trainLogistic(matrixOf([[0], [1]]), labelsOf(['a'], [0, 0])), /at least two classes/],
    ['a class index out of range', () => trainLogistic(matrixOf([[0], [1]]), labelsOf(['a', 'b'], [0, 2])), /Row 1 has class index 2/],
    ['labels of the wrong length', () => trainLogistic(matrix, labelsOf(['a', 'b'], [0, 1])), /2 labels for 90 rows/],
    ['a negative lambda', () => trainLogistic(matrix, labels, { lambda: -1 }), /lambda must be a finite number ≥ 0/],
    ['zero iterations', () => trainLogistic(matrix, labels, { maxIterations: 0 }), /maxIterations must be a positive integer/],
    ['sklearn’s C', () => trainLogistic(matrix, labels, { C: 1 } as never), /takes lambda, not C/],
  ])('refuses %s with a VALIDATION_FAILED error', (_, train, message) => {
    expect(train).toThrow(PitstopError);
    expect(train).toThrow(message);
  });
});
