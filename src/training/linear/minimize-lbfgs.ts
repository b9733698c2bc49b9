// A small, deterministic L-BFGS minimiser for smooth objectives: what fits the logistic model.
// Backtracking (Armijo) line search; a curvature pair is kept only when sᵀy > 0, so the inverse-Hessian stays positive.

/** Writes ∇f(x) into `gradient` and returns f(x). */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  readonly maxIterations: number;
  /** Converged when the largest gradient component is at most this. */
  readonly tolerance: number;
  /** How many curvature pairs to remember; 10 unless told. */
  readonly history?: number;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  /** False when maxIterations ran out, or the line search could no longer decrease f (rounding), first. */
  readonly converged: boolean;
}

const ARMIJO = 1e-4;
const MAX_HALVINGS = 50;

export function minimizeLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = start.length;
  const memory = Math.max(1, options.history ?? 10);
  const x = Float64Array.from(start);
  const gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const pairs = new CurvatureMemory(n, memory);
  const direction = new Float64Array(n);
  const trialX = new Float64Array(n);
  const trialGradient = new Float64Array(n);

  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (maxAbs(gradient) <= options.tolerance) return { x, value, iterations: iteration, converged: true };
    pairs.applyInverseHessian(gradient, direction);
    let slope = dot(direction, gradient);
    if (!(slope < 0)) {
      // Rounding can make the quasi-Newton direction point uphill; steepest descent from a clean memory always works.
      pairs.clear();
      pairs.applyInverseHessian(gradient, direction);
      slope = dot(direction, gradient);
    }
    // With no memory the direction is -g; scale the first step so it moves x by at most 1.
    let step = pairs.size === 0 ? Math.min(1, 1 / Math.sqrt(dot(gradient, gradient))) : 1;
    let trialValue = Number.NaN;
    let accepted = false;
    for (let halving = 0; halving < MAX_HALVINGS; halving++) {
      for (let i = 0; i < n; i++) trialX[i] = x[i]! + step * direction[i]!;
      trialValue = objective(trialX, trialGradient);
      if (trialValue <= value + ARMIJO * step * slope) {
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) return { x, value, iterations: iteration, converged: false };
    pairs.remember(x, trialX, gradient, trialGradient);
    x.set(trialX);
    gradient.set(trialGradient);
    value = trialValue;
  }
  const converged = maxAbs(gradient) <= options.tolerance;
  return { x, value, iterations: options.maxIterations, converged };
}

/** The last few (s, y) pairs and the two-loop recursion that turns them into H⁻¹·g. */
class CurvatureMemory {
  private readonly s: Float64Array[] = [];
  private readonly y: Float64Array[] = [];
  private readonly rho: number[] = [];
  private readonly alpha: Float64Array;

  constructor(
    private readonly n: number,
    private readonly capacity: number,
  ) {
    this.alpha = new Float64Array(capacity);
  }

  get size(): number {
    return this.s.length;
  }

  clear(): void {
    this.s.length = 0;
    this.y.length = 0;
    this.rho.length = 0;
  }

  remember(x: Float64Array, nextX: Float64Array, gradient: Float64Array, nextGradient: Float64Array): void {
    const s = new Float64Array(this.n);
    const y = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      s[i] = nextX[i]! - x[i]!;
      y[i] = nextGradient[i]! - gradient[i]!;
    }
    const sy = dot(s, y);
    if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) return;
    if (this.s.length === this.capacity) {
      this.s.shift();
      this.y.shift();
      this.rho.shift();
    }
    this.s.push(s);
    this.y.push(y);
    this.rho.push(1 / sy);
  }

  /** Writes -H⁻¹·g into `out` (plain -g when nothing is remembered). */
  applyInverseHessian(gradient: Float64Array, out: Float64Array): void {
    out.set(gradient);
    const count = this.s.length;
    for (let k = count - 1; k >= 0; k--) {
      const a = this.rho[k]! * dot(this.s[k]!, out);
      this.alpha[k] = a;
      axpy(-a, this.y[k]!, out);
    }
    if (count > 0) {
      const latestY = this.y[count - 1]!;
      const gamma = 1 / (this.rho[count - 1]! * dot(latestY, latestY));
      for (let i = 0; i < this.n; i++) out[i] = out[i]! * gamma;
    }
    for (let k = 0; k < count; k++) {
      const b = this.rho[k]! * dot(this.y[k]!, out);
      axpy(this.alpha[k]! - b, this.s[k]!, out);
    }
    for (let i = 0; i < this.n; i++) out[i] = -out[i]!;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function axpy(scale: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] = y[i]! + scale * x[i]!;
}

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (const value of values) max = Math.max(max, Math.abs(value));
  return max;
}
