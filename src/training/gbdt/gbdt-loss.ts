// The three objectives as their loss, its first and second derivatives per raw score, and the best constant start.
import type { GbdtObjective } from './gbdt-params.js';

/** A loss bound to one target. Scores are row-major, rows × scoreColumns. */
export interface GbdtLoss {
  readonly scoreColumns: number;
  /** The constant raw scores that minimise the loss: where boosting starts. */
  initialScores(): number[];
  /**
   * Writes gradient and hessian of each row into `gradients[column]`, interleaved (g0, h0, g1, h1, ...), and returns
   * the loss of `scores`: the same pass computes both, so the per-round training loss costs one log per row.
   */
  gradients(scores: Float64Array, gradients: Float64Array[]): number;
  /** RMSE for regression, mean log loss for classification. */
  loss(scores: Float64Array): number;
}

// Keeps log(0) out of the loss and probabilities away from 0 and 1 in the start scores.
const EPSILON = 1e-15;
// A floor on the hessian so a confidently right row cannot make a leaf weight divide by ~0.
const MIN_HESSIAN = 1e-16;

export function gbdtLoss(objective: GbdtObjective, target: Float64Array | Int32Array, classCount: number): GbdtLoss {
  if (objective === 'regression') return new SquaredError(target);
  if (objective === 'binary') return new BinaryLogLoss(target);
  return new SoftmaxLogLoss(target, classCount);
}

class SquaredError implements GbdtLoss {
  readonly scoreColumns = 1;
  constructor(private readonly target: Float64Array | Int32Array) {}

  initialScores(): number[] {
    let sum = 0;
    for (const y of this.target) sum += y;
    return [sum / this.target.length];
  }

  gradients(scores: Float64Array, [gh]: Float64Array[]): number {
    const { target } = this;
    let sum = 0;
    for (let r = 0; r < target.length; r++) {
      const residual = scores[r]! - target[r]!;
      gh![2 * r] = residual;
      gh![2 * r + 1] = 1;
      sum += residual ** 2;
    }
    return Math.sqrt(sum / target.length);
  }

  loss(scores: Float64Array): number {
    let sum = 0;
    for (let r = 0; r < this.target.length; r++) sum += (scores[r]! - this.target[r]!) ** 2;
    return Math.sqrt(sum / this.target.length);
  }
}

class BinaryLogLoss implements GbdtLoss {
  readonly scoreColumns = 1;
  constructor(private readonly target: Float64Array | Int32Array) {}

  initialScores(): number[] {
    let positives = 0;
    for (const y of this.target) positives += y;
    const p = clamp(positives / this.target.length);
    return [Math.log(p / (1 - p))];
  }

  gradients(scores: Float64Array, [gh]: Float64Array[]): number {
    const { target } = this;
    let sum = 0;
    for (let r = 0; r < target.length; r++) {
      const p = 1 / (1 + Math.exp(-scores[r]!));
      gh![2 * r] = p - target[r]!;
      gh![2 * r + 1] = Math.max(p * (1 - p), MIN_HESSIAN);
      sum -= target[r] === 1 ? Math.log(clamp(p)) : Math.log(1 - clamp(p));
    }
    return sum / target.length;
  }

  loss(scores: Float64Array): number {
    let sum = 0;
    for (let r = 0; r < this.target.length; r++) {
      const p = clamp(1 / (1 + Math.exp(-scores[r]!)));
      sum -= this.target[r] === 1 ? Math.log(p) : Math.log(1 - p);
    }
    return sum / this.target.length;
  }
}

class SoftmaxLogLoss implements GbdtLoss {
  private readonly probabilities: Float64Array;
  constructor(private readonly target: Float64Array | Int32Array, readonly scoreColumns: number) {
    this.probabilities = new Float64Array(scoreColumns);
  }

  initialScores(): number[] {
    const counts = new Array<number>(this.scoreColumns).fill(0);
    for (const y of this.target) counts[y]!++;
    return counts.map((count) => Math.log(clamp(count / this.target.length)));
  }

  gradients(scores: Float64Array, gradients: Float64Array[]): number {
    const k = this.scoreColumns;
    // LightGBM's factor: the diagonal hessian p(1-p) overstates the curvature of a K-way softmax by K/(K-1).
    const factor = k / (k - 1);
    let sum = 0;
    for (let r = 0; r < this.target.length; r++) {
      this.softmax(scores, r);
      sum -= Math.log(clamp(this.probabilities[this.target[r]!]!));
      for (let c = 0; c < k; c++) {
        const p = this.probabilities[c]!;
        const gh = gradients[c]!;
        gh[2 * r] = p - (this.target[r] === c ? 1 : 0);
        gh[2 * r + 1] = Math.max(factor * p * (1 - p), MIN_HESSIAN);
      }
    }
    return sum / this.target.length;
  }

  loss(scores: Float64Array): number {
    let sum = 0;
    for (let r = 0; r < this.target.length; r++) {
      this.softmax(scores, r);
      sum -= Math.log(clamp(this.probabilities[this.target[r]!]!));
    }
    return sum / this.target.length;
  }

  private softmax(scores: Float64Array, row: number): void {
    const k = this.scoreColumns;
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, scores[row * k + c]!);
    let total = 0;
    for (let c = 0; c < k; c++) total += this.probabilities[c] = Math.exp(scores[row * k + c]! - max);
    for (let c = 0; c < k; c++) this.probabilities[c]! /= total;
  }
}

function clamp(p: number): number {
  return Math.min(Math.max(p, EPSILON), 1 - EPSILON);
}
